/**
 * Demo honours and the hall's display link: last quarter's decided honours (one of each type, in branch 2's hall
 * windows and people), one nomination of this quarter waiting for the leader, and a display link for the hall
 * (窗口服务中心 and branch 2) whose token is fixed, so the README can give its address.
 */
import { clock } from '../functions/platform/clock.js';
import type { Actor } from '../functions/domain/authz/permissions.js';
import { everyone } from '../functions/domain/people/directory.js';
import { loadTree } from '../functions/domain/org/service.js';
import { decideHonour, nominateHonour } from '../functions/domain/honours/service.js';
import { openQuarters } from '../functions/domain/honours/quarter.js';
import { putLink } from '../functions/domain/display/store.js';
import { hashSecret, tokenOf } from '../functions/domain/display/token.js';
import { seedUnits } from './seed-data.js';

/** The demo display link: fixed, public in the README, good for a year from the seed (a demo, not a secret). */
export const DEMO_DISPLAY_LINK_ID = '01JDEM0HA11D1SP1AY00000000';
const DEMO_DISPLAY_SECRET = 'demo-hall-display-0000000000000000000000000';
export const DEMO_DISPLAY_TOKEN = tokenOf(DEMO_DISPLAY_LINK_ID, DEMO_DISPLAY_SECRET);
export const DEMO_DISPLAY_PATH = `/display/${DEMO_DISPLAY_TOKEN}`;

export async function seedDemoHonours(now = clock.now()): Promise<{ honours: number }> {
  const [people, tree] = await Promise.all([everyone(), loadTree()]);
  const unitId = (key: string) => {
    const name = seedUnits.find((unit) => unit.key === key)?.name;
    const unit = tree.ordered().find((u) => u.name === name);
    if (!unit) throw new Error(`seed: no unit "${key}" for the demo honours`);
    return unit.unitId;
  };
  const person = (login: string) => {
    const found = people.find((p) => p.login === login);
    if (!found) throw new Error(`seed: no ${login} for the demo honours`);
    return found;
  };
  const actorOf = (login: string): Actor => ({ ...person(login), mustChangePassword: false, sessionId: 'seed' });
  const organizer = actorOf('organizer2');
  const leader = actorOf('leader');
  const [current, previous] = openQuarters(now);

  const lastQuarter = [
    { honourType: 'redFlagWindow', unitId: unitId('b2-group1'), windowName: '综合受理 1 号窗口', reason: '季度办件 2,300 余件，零差错、零投诉，“一窗通办”平均等候不到 8 分钟。' },
    { honourType: 'satisfiedWindow', unitId: unitId('b2-group2'), windowName: '不动产登记专区', reason: '推行“交房即交证”，群众评价“非常满意”率 99.6%。' },
    { honourType: 'pioneerPost', personId: person('staff3').personId, reason: '带头落实“首问负责”，主动为老年人提供帮办代办 60 余次。' },
    { honourType: 'serviceStar', personId: person('zw0010').personId, reason: '耐心细致，三声服务到位，收到群众锦旗两面。' },
  ];
  let honours = 0;
  for (const nomination of lastQuarter) {
    const made = await nominateHonour(organizer, { quarter: previous, ...nomination });
    await decideHonour(leader, made.honourId, { outcome: 'award', note: '经局党组研究同意' });
    honours++;
  }
  await nominateHonour(organizer, { quarter: current, honourType: 'serviceStar', personId: person('zw0016').personId, reason: '本季度主动延时服务 12 次，帮助群众当场办结急事。' });
  honours++;

  await putLink({
    linkId: DEMO_DISPLAY_LINK_ID,
    label: '窗口服务中心大厅电视',
    unitIds: [unitId('hall'), unitId('branch2')],
    secretHash: hashSecret(DEMO_DISPLAY_SECRET),
    createdBy: person('admin').personId,
    createdByName: person('admin').name,
    createdAt: now.toISOString(),
    validUntil: new Date(now.getTime() + 365 * 24 * 3600_000).toISOString(),
    revokedAt: null,
    revokedBy: null,
    lastSeenAt: null,
  });
  return { honours };
}
