/**
 * The demo year of organisational life (dev/seed.ts calls this once, after the people): each branch's sessions of
 * the year so far by the 三会一课 cadence — branch 1 keeps it best, branch 2 misses some Party group meetings, branch 3
 * (retired staff and services) misses a good deal, so the cadence shows gaps — with attendance, approved leave,
 * absences made up or still open, minutes, and one session of branch 1 happening today with check-in open.
 *
 * The past is built with the area's own rules (attendance.ts: marks, leave, closing, make-ups) and written in batches
 * with its item shapes (a year of use cases one by one would take half a minute on every seeded test database);
 * today's session goes through the use cases, check-ins included.
 */
import { clock } from '../functions/platform/clock.js';
import type { Actor } from '../functions/domain/authz/permissions.js';
import { everyone } from '../functions/domain/people/directory.js';
import { loadTree } from '../functions/domain/org/service.js';
import { config } from '../functions/platform/config.js';
import { newId } from '../functions/platform/ids.js';
import { batchWrite } from '../functions/platform/store.js';
import { createSession } from '../functions/domain/sessions/service.js';
import { checkIn, getCheckInCode } from '../functions/domain/sessions/attendance-service.js';
import * as rules from '../functions/domain/sessions/attendance.js';
import { leaveItem, minutesItem, recordItem, sessionItem } from '../functions/domain/sessions/entities.js';
import { refreshRollup, tallyOf } from '../functions/domain/sessions/rollup.js';
import type { PublicPerson } from '../functions/domain/people/schema.js';
import type { AttendanceRecord, LeaveRequest, Session, SessionTypeCode } from '../functions/domain/sessions/schema.js';
import { seedUnits } from './seed-data.js';

const minute = 60_000;
const hour = 60 * minute;

/** An instant in Shanghai, moved to the Monday after when the day falls on a weekend (meetings are on working days). */
function shanghai(year: number, month: number, day: number, h: number, m = 0): Date {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  return new Date(Date.UTC(year, month - 1, day + shift, h - 8, m));
}

interface Plan {
  type: SessionTypeCode;
  topic: string;
  day: number;
  hour: number;
  hours: number;
  /** Months (1–12) it is held in, for each branch key. */
  months: Record<string, number[]>;
}

const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const monthlyTopics = ['学习贯彻党的二十届三中全会精神', '深化“高效办成一件事”改革', '政务服务“好差评”整改', '党风廉政建设警示教育', '优化营商环境专题学习', '“一网通办”服务提升'];

const plans: Plan[] = [
  { type: 'committee', topic: '支部委员会：研究月度党建工作', day: 5, hour: 9, hours: 1, months: { branch1: all, branch2: all, branch3: [1, 3, 5, 7, 9, 11] } },
  { type: 'groupMeeting', topic: '党小组会：交流学习心得', day: 12, hour: 15, hours: 1, months: { branch1: [1, 2, 3, 5, 6, 7, 9, 10, 11], branch2: [1, 2, 4, 5, 7, 8, 11], branch3: [] } },
  { type: 'themeDay', topic: '主题党日', day: 20, hour: 14, hours: 2, months: { branch1: all, branch2: all, branch3: [2, 4, 6, 8, 10] } },
  { type: 'branchCongress', topic: '支部党员大会：通报季度工作', day: 25, hour: 9, hours: 2, months: { branch1: [2, 5, 8, 11], branch2: [2, 8], branch3: [5] } },
  { type: 'partyLecture', topic: '党课：做新时代合格的政务服务工作者', day: 15, hour: 10, hours: 1.5, months: { branch1: [3, 6, 10], branch2: [6], branch3: [] } },
  { type: 'lifeMeeting', topic: '年度组织生活会', day: 18, hour: 9, hours: 3, months: { branch1: [12], branch2: [1], branch3: [] } },
  { type: 'democraticReview', topic: '民主评议党员', day: 19, hour: 9, hours: 3, months: { branch1: [12], branch2: [1], branch3: [] } },
  { type: 'oathRenewal', topic: '“七一”重温入党誓词', day: 1, hour: 9, hours: 1, months: { branch1: [7], branch2: [7], branch3: [7] } },
];

const reflectionOn = (topic: string) =>
  `认真阅读了本次“${topic}”的会议记录和学习材料。结合本职岗位，我将把学习成果转化为服务群众的实际行动，做到热情服务、规范办事、高效办结，自觉接受群众监督。下一步，我将按照支部的部署，继续学习有关文件，在窗口服务中主动亮明党员身份，带头落实首问负责、一次性告知和限时办结等制度。`;

/** A stable pseudo-random number in [0, 1) for a key, so every seeded database looks the same. */
function chance(key: string): number {
  let h = 2166136261;
  for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

export async function seedDemoSessions(now = new Date()): Promise<{ sessions: number; records: number }> {
  const realNow = clock.now;
  const at = (when: Date) => {
    clock.now = () => when;
  };
  try {
    const [people, tree] = await Promise.all([everyone(), loadTree()]);
    const unitId = (key: string) => {
      const name = seedUnits.find((unit) => unit.key === key)?.name;
      const unit = tree.ordered().find((u) => u.name === name);
      if (!unit) throw new Error(`seed: no unit "${key}" for the demo sessions`);
      return unit.unitId;
    };
    const actorOf = (login: string): Actor => {
      const person = people.find((p) => p.login === login);
      if (!person) throw new Error(`seed: no ${login} for the demo sessions`);
      return { ...person, mustChangePassword: false, sessionId: 'seed' };
    };
    const organizers: Record<string, Actor> = { branch1: actorOf('organizer1'), branch2: actorOf('organizer2'), branch3: actorOf('admin') };
    const membersOf = (branchId: string) => people.filter((p) => p.active && p.branchId === branchId).sort((a, b) => a.login.localeCompare(b.login));
    const asActor = (person: PublicPerson): Actor => ({ ...person, mustChangePassword: false, sessionId: 'seed' });

    const shanghaiNow = new Date(now.getTime() + 8 * hour);
    const year = shanghaiNow.getUTCFullYear();
    let sessions = 0;
    let recordCount = 0;

    const items: Record<string, unknown>[] = [];
    for (const branchKey of ['branch1', 'branch2', 'branch3']) {
      const branchId = unitId(branchKey);
      const organizer = organizers[branchKey]!;
      const members = membersOf(branchId);
      const expected = members.map((m) => m.personId);
      // One member of branch 3 has taken part in nothing since the spring: the six-month rule shows them.
      const lapsed = branchKey === 'branch3' ? members[members.length - 1]?.personId : undefined;
      for (const plan of plans) {
        for (const month of plan.months[branchKey] ?? []) {
          // Branch 1's theme day of this month is today's session, made below.
          if (branchKey === 'branch1' && plan.type === 'themeDay' && month === shanghaiNow.getUTCMonth() + 1) continue;
          const startsAt = shanghai(year, month, plan.day, plan.hour);
          const endsAt = new Date(startsAt.getTime() + plan.hours * hour);
          const key = `${branchKey}-${plan.type}-${month}`;
          const topic = plan.type === 'themeDay' || plan.type === 'groupMeeting' ? `${plan.topic}：${monthlyTopics[month % monthlyTopics.length]}` : plan.topic;
          const createdAt = new Date(Math.min(startsAt.getTime() - 10 * 24 * hour, now.getTime())).toISOString();
          const session: Session = {
            sessionId: newId(),
            branchId,
            type: plan.type,
            topic,
            startsAt: startsAt.toISOString(),
            endsAt: endsAt.toISOString(),
            place: plan.type === 'themeDay' ? '党员活动室' : '三楼会议室',
            online: false,
            hostId: organizer.personId,
            recorderId: members[0]?.personId ?? null,
            audience: { kind: 'members', unitIds: [branchId] },
            agenda: '一、集中学习\n二、交流发言\n三、研究部署下阶段工作',
            materials: [],
            state: 'scheduled',
            cancelReason: null,
            closedAt: null,
            tally: null,
            version: 1,
            createdBy: organizer.personId,
            createdAt,
            updatedAt: createdAt,
          };
          sessions += 1;
          if (endsAt.getTime() > now.getTime()) {
            items.push(sessionItem(session)); // still ahead: stays scheduled
            continue;
          }
          const records: AttendanceRecord[] = [];
          // Leave asked and approved the day before, for about one session in three.
          const onLeave = chance(`${key}-leave`) < 0.35 ? members.find((m, i) => chance(`${key}-who-${i}`) < 0.3 && m.personId !== lapsed) : undefined;
          if (onLeave) {
            const asked = new Date(startsAt.getTime() - 24 * hour);
            const approved = rules.approveLeave(session, onLeave.personId, null, organizer.personId, asked);
            if (approved.ok) records.push(approved.record);
            const leave: LeaveRequest = {
              sessionId: session.sessionId,
              personId: onLeave.personId,
              branchId,
              reason: '外出参加业务培训',
              state: 'approved',
              requestedAt: asked.toISOString(),
              decidedAt: asked.toISOString(),
              decidedBy: organizer.personId,
              note: null,
            };
            items.push(leaveItem(leave));
          }
          // The roster kept by the host: most present, a few late, one or two missing (marked absent at closing).
          const markedAt = new Date(startsAt.getTime() + 20 * minute);
          for (const m of members) {
            if (m.personId === onLeave?.personId) continue;
            const attends = m.personId === lapsed ? month <= 4 : chance(`${key}-absent-${m.personId}`) > 0.08;
            if (!attends) continue;
            const mark = chance(`${key}-late-${m.personId}`) < 0.1 ? 'late' : 'present';
            records.push(rules.markAttendance(session, m.personId, null, mark, organizer.personId, markedAt));
          }
          const closedAt = new Date(endsAt.getTime() + 30 * minute);
          records.push(...rules.closeRoster(session, expected, records, closedAt));
          // Make-ups: most absentees and those on leave hand theirs in within the fortnight and it is confirmed; in
          // the last month some are still open.
          const final = records.map((record) => {
            if (!record.makeUp || record.personId === lapsed) return record;
            const recent = now.getTime() - endsAt.getTime() < 30 * 24 * hour;
            if (recent && chance(`${key}-open-${record.personId}`) < 0.6) return record;
            const submitted = rules.submitMakeUp(record, new Date(endsAt.getTime() + 3 * 24 * hour));
            if (!submitted.ok) return record;
            const confirmed = rules.confirmMakeUp(submitted.record, organizer.personId, new Date(endsAt.getTime() + 5 * 24 * hour));
            const done = confirmed.ok ? confirmed.record : submitted.record;
            return { ...done, makeUp: { ...done.makeUp!, reflection: reflectionOn(topic) } };
          });
          const tally = tallyOf(expected, final);
          items.push(sessionItem({ ...session, state: 'held', closedAt: closedAt.toISOString(), tally, version: 2, updatedAt: closedAt.toISOString() }));
          for (const record of final) items.push(recordItem(record, branchId));
          recordCount += final.length;
          items.push(
            minutesItem(session.sessionId, {
              text: `# 会议情况\n${topic}。应到 ${tally.expected} 人，实到 ${tally.present + tally.late} 人。\n# 主要内容\n集中学习有关文件精神，党员结合岗位交流发言。`,
              decisions: ['按期完成本月学习任务', '各党小组做好学习记录'],
              files: [],
              savedAt: closedAt.toISOString(),
              savedBy: members[0]?.personId ?? organizer.personId,
              version: 1,
            }),
          );
        }
      }
    }
    const table = config().tableName;
    const batches = [];
    for (let i = 0; i < items.length; i += 25) batches.push({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
    await batchWrite(batches);
    for (const branchKey of ['branch1', 'branch2', 'branch3']) await refreshRollup(unitId(branchKey), year);

    // Today, branch 1's theme day, starting in 10–25 minutes: check-in is open (from 30 minutes before), three members are in.
    at(now);
    const branch1 = unitId('branch1');
    const startsAt = new Date(Math.ceil((now.getTime() + 10 * minute) / (15 * minute)) * 15 * minute);
    const today = await createSession(organizers.branch1!, {
      branchId: branch1,
      type: 'themeDay',
      topic: '主题党日：学习《政务服务条例》，争做服务标兵',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
      place: '党员活动室（三楼）',
      hostId: organizers.branch1!.personId,
      recorderId: membersOf(branch1)[0]?.personId ?? null,
      agenda: '一、重温入党誓词\n二、集中学习《政务服务条例》\n三、“我为群众办实事”交流发言',
    });
    sessions += 1;
    const code = await getCheckInCode(organizers.branch1!, today.sessionId);
    for (const person of membersOf(branch1).filter((p) => !['staff1', 'staff2', 'leader', 'organizer1'].includes(p.login)).slice(0, 3)) {
      await checkIn(asActor(person), { token: code.token });
      recordCount += 1;
    }
    return { sessions, records: recordCount };
  } finally {
    clock.now = realNow;
  }
}
