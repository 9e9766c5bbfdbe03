/**
 * The pledge board: a bureau of 20 branches with 30 members each, every member with a card (three approved pledges),
 * read as the bureau's board (a page of 60 cards, and every page) and as one branch's board; then the same after
 * each branch grows to 60 members.
 *
 * Printed: the DynamoDB calls and the cards each read answers with (it must be O(cards shown): a query per unit it
 * touches, limited to what is still wanted, one item per card, no scan), the capacity consumed, and the p50/p99 of
 * GET /api/pledge-board for a branch and for the bureau's first page beside an authenticated GET /api/me.
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/pledge-board.ts` (also a section of `npm run bench`).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../functions/http/app.js';
import { nowIso } from '../../functions/platform/clock.js';
import { newId } from '../../functions/platform/ids.js';
import { batchWrite } from '../../functions/platform/store.js';
import { config } from '../../functions/platform/config.js';
import { orgEntities } from '../../functions/domain/org/entities.js';
import { unitItem } from '../../functions/domain/org/store.js';
import { forgetTree } from '../../functions/domain/org/service.js';
import { boardEntryOf } from '../../functions/domain/pledges/board.js';
import { boardItem, pledgeItem } from '../../functions/domain/pledges/entities.js';
import { getPledgeBoard } from '../../functions/domain/pledges/board-service.js';
import type { Pledge } from '../../functions/domain/pledges/schema.js';
import type { Actor } from '../../functions/domain/authz/permissions.js';
import type { Person } from '../../functions/domain/people/schema.js';
import type { Unit } from '../../functions/domain/org/schema.js';
import { onEnginesOfItsOwn } from './own-engines.js';
import { httpClient, timedGets, meterDynamo } from './learning.js';
import { signInOverHttp, writeBranchPeople } from './branch-people.js';
import { ms, summarize, table } from './stats.js';

const BRANCHES = 20;
const MEMBERS = 30;

async function writeCards(people: readonly Person[], year: number) {
  const now = nowIso();
  const items: Record<string, unknown>[] = [];
  for (const person of people) {
    const pledges: Pledge[] = [0, 1, 2].map((k) => ({
      pledgeId: newId(),
      year,
      ownerKind: 'person',
      ownerId: person.personId,
      branchId: person.branchId!,
      unitId: person.unitId,
      pledgeCategory: (['study', 'work', 'service'] as const)[k]!,
      content: `承诺事项 ${k + 1}：窗口服务一次性告知`,
      measures: '首问负责，每周梳理退件原因。',
      dueDate: `${year}-12-31`,
      state: 'approved',
      returnReason: null,
      reviewedBy: person.personId,
      reviewedAt: now,
      submittedAt: now,
      doneAt: null,
      progressCount: k,
      lastProgressAt: null,
      assessment: null,
      assessedAt: null,
      createdBy: person.personId,
      createdAt: now,
      updatedAt: now,
      version: 3,
    }));
    for (const p of pledges) items.push(pledgeItem(p));
    const card = boardEntryOf({ ownerKind: 'person', ownerId: person.personId, name: person.name, branchId: person.branchId!, unitId: person.unitId, partyStatus: person.partyStatus }, year, pledges, undefined, undefined, now);
    items.push(boardItem(card!));
  }
  const table = config().tableName;
  const batches = [];
  for (let i = 0; i < items.length; i += 25) batches.push({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
  await batchWrite(batches);
}

async function runBoardBench(log: (line: string) => void) {
  const now = nowIso();
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const unit = (name: string, kind: Unit['kind'], parentId: string | null): Unit => ({ unitId: newId(), name, kind, parentId, sortOrder: 0, retired: false, createdAt: now, updatedAt: now, version: 1 });
  const root = unit('县政务服务管理局', 'bureau', null);
  const branches = Array.from({ length: BRANCHES }, (_, i) => unit(`第${i + 1}党支部`, 'branch', root.unitId));
  await orgEntities().unit.put([root, ...branches].map(unitItem)).go();
  let everyone: Person[] = [];
  for (const [i, branch] of branches.entries()) {
    const people = await writeBranchPeople(branch.unitId, MEMBERS - 1, `党员${i}-`, `b${String(i).padStart(2, '0')}m`);
    everyone.push(...people);
    await writeCards(people, year);
  }
  forgetTree();
  const reader: Actor = { ...everyone[0]!, mustChangePassword: false, sessionId: 'bench' };
  const meter = meterDynamo();

  const rows: string[][] = [];
  const measure = async (label: string, unitId: string) => {
    const { value, calls, capacity, byCommand } = await meter.measure(() => getPledgeBoard(reader, { unitId, year }));
    rows.push([label, String(value.cards.length), String(calls), Object.entries(byCommand).map(([c, n]) => `${c} ${n}`).join(', '), String(capacity)]);
    return { cards: value.cards.length, calls };
  };
  /** Every page of a board, one after another: the cards and calls in all. */
  const walk = async (label: string, unitId: string) => {
    let cards = 0;
    let calls = 0;
    let capacity = 0;
    let cursor: string | undefined;
    do {
      const page = await meter.measure(() => getPledgeBoard(reader, { unitId, year, limit: 200, ...(cursor ? { cursor } : {}) }));
      cards += page.value.cards.length;
      calls += page.calls;
      capacity += page.capacity;
      cursor = page.value.cursor ?? undefined;
    } while (cursor);
    rows.push([label, String(cards), String(calls), 'QueryCommand', capacity.toFixed(1)]);
    return { cards, calls };
  };
  const bureauSmall = await measure(`bureau, ${BRANCHES} × ${MEMBERS}: first page`, root.unitId);
  await walk(`bureau, ${BRANCHES} × ${MEMBERS}: every page of 200`, root.unitId);
  const branchSmall = await measure(`one branch, ${MEMBERS}`, branches[0]!.unitId);
  // Every branch doubles.
  for (const [i, branch] of branches.entries()) {
    const more = await writeBranchPeople(branch.unitId, MEMBERS - 1, `新党员${i}-`, `n${String(i).padStart(2, '0')}m`);
    everyone.push(...more);
    await writeCards(more, year);
  }
  const bureauLarge = await measure(`bureau, ${BRANCHES} × ${MEMBERS * 2}: first page`, root.unitId);
  const everyPage = await walk(`bureau, ${BRANCHES} × ${MEMBERS * 2}: every page of 200`, root.unitId);
  await measure(`one branch, ${MEMBERS * 2}`, branches[0]!.unitId);
  log(table(['board', 'cards', 'DynamoDB calls', 'by command', 'capacity units'], rows, new Set([1, 2, 4])));
  const scans = rows.some((r) => r[3]!.includes('Scan'));
  log(`A page reads the cards it shows: ${bureauSmall.cards} → ${bureauLarge.cards} cards with ${bureauSmall.calls} → ${bureauLarge.calls} calls as the bureau doubles; every page: ${everyPage.cards} cards in ${everyPage.calls} calls; no Scan: ${scans ? 'FAIL' : 'PASS'}.`);

  // Over HTTP: the boards beside GET /api/me, in the same run.
  const server = serve({ fetch: createApp().fetch, port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const cookie = await signInOverHttp(base, everyone[1]!.login, 1, 7);
    const get = httpClient(base, 10);
    await timedGets(get, '/api/me', cookie);
    const me = summarize(await timedGets(get, '/api/me', cookie));
    const branch = summarize(await timedGets(get, `/api/pledge-board?unitId=${branches[0]!.unitId}&year=${year}`, cookie));
    const bureau = summarize(await timedGets(get, `/api/pledge-board?unitId=${root.unitId}&year=${year}`, cookie));
    log(
      table(
        ['request (10 at a time)', 'p50', 'p99', 'p99 ÷ /api/me'],
        [
          ['GET /api/me', ms(me.p50), ms(me.p99), '1.00'],
          [`GET /api/pledge-board (a branch, ${MEMBERS * 2} cards)`, ms(branch.p50), ms(branch.p99), (branch.p99 / me.p99).toFixed(2)],
          [`GET /api/pledge-board (the bureau's first page of ${BRANCHES * MEMBERS * 2} cards)`, ms(bureau.p50), ms(bureau.p99), (bureau.p99 / me.p99).toFixed(2)],
        ],
        new Set([1, 2, 3]),
      ),
    );
    return { branchCards: branchSmall.cards, bureauCalls: bureauLarge.calls, bureauCards: bureauLarge.cards, scans, meP99Ms: me.p99, branchP99Ms: branch.p99, bureauP99Ms: bureau.p99 };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function runPledgeBoardSection(log: (line: string) => void = console.log) {
  return onEnginesOfItsOwn('bench-pledge-board', () => runBoardBench(log), { dynamoInChildProcess: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runPledgeBoardSection().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
