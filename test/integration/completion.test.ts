import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { clock } from '../../functions/platform/clock.js';
import { recordStudy } from '../../functions/domain/study/service.js';
import { studyEntities } from '../../functions/domain/study/entities.js';
import { everyone } from '../../functions/domain/people/directory.js';
import { loadTree } from '../../functions/domain/org/service.js';
import type { Actor } from '../../functions/domain/authz/permissions.js';
import type { PublicPerson } from '../../functions/domain/people/schema.js';
import { runJobs, jobs } from '../../functions/jobs/registry.js';
import { computeAllCompletion } from '../../functions/domain/stats/service.js';
import { aws } from '../../functions/platform/aws.js';

const { app, call, signIn, realNow } = useLocalPlatform({ restoreClock: 'each' });

const actorOf = (person: PublicPerson): Actor => ({ ...person, mustChangePassword: false, sessionId: 'test' });

let admin: string;
let course: { courseId: string; lessons: { lessonId: string }[] };
let people: PublicPerson[];

beforeAll(async () => {
  admin = await signIn('admin');
  let draft = (await call('POST', '/courses', admin, { title: '十个一点服务规范', category: 'service', credit: 1 })).json;
  draft = (await call('POST', `/courses/${draft.courseId}/lessons`, admin, { version: draft.version, title: '第一课', kind: 'text', body: '多一点微笑', minSeconds: 60 })).json;
  course = (await call('POST', `/courses/${draft.courseId}/publish`, admin, { version: draft.version })).json;
  const due = new Date(Date.now() + 2 * 86400_000).toISOString();
  expect((await call('POST', `/courses/${course.courseId}/assignments`, admin, { audience: { kind: 'everyone' }, required: true, dueAt: due })).status).toBe(201);
  people = (await everyone()).filter((p) => p.active);

  // Many people study: every third completes, every third only starts, the rest never open it.
  const base = Date.now();
  const lessonId = course.lessons[0]!.lessonId;
  for (const [i, person] of people.entries()) {
    if (i % 3 === 2) continue;
    const beats = i % 3 === 0 ? 4 : 1;
    for (let s = 0; s < beats; s++) {
      clock.now = () => new Date(base + i * 100_000 + s * 30_000);
      await recordStudy(actorOf(person), course.courseId, { lessonId, state: 'visible' });
    }
  }
  clock.now = realNow;
});

describe('completion rollups', () => {
  it('agree exactly with counts made directly from the source items, for every unit', async () => {
    expect(jobs.map((j) => j.name)).toContain('completion-rollups');
    const results = await runJobs();
    expect(results.every((r) => r.ok)).toBe(true);

    const { data } = await studyEntities().progress.query.byCourse({ courseId: course.courseId }).go({ pages: 'all' });
    const completed = new Set(data.filter((p) => p.completedAt).map((p) => p.personId));
    const started = new Set(data.map((p) => p.personId));
    const tree = await loadTree();
    const view = await call('GET', `/courses/${course.courseId}/completion`, admin);
    expect(view.status).toBe(200);
    expect(view.json.asOf).toBeTruthy();
    expect(view.json.units.length).toBe(tree.size);
    for (const unit of view.json.units as { unitId: string; subtree: Record<string, number>; direct: Record<string, number> }[]) {
      const inSubtree = people.filter((p) => tree.isWithin(p.unitId, unit.unitId));
      const expected = {
        total: inSubtree.length,
        done: inSubtree.filter((p) => completed.has(p.personId)).length,
        inProgress: inSubtree.filter((p) => started.has(p.personId) && !completed.has(p.personId)).length,
        notStarted: inSubtree.filter((p) => !started.has(p.personId)).length,
        overdue: 0,
      };
      expect(unit.subtree, tree.get(unit.unitId)!.name).toEqual(expected);
      expect(unit.direct.total).toBe(people.filter((p) => p.unitId === unit.unitId).length);
    }
    const root = view.json.units[0];
    expect(root.subtree.done).toBeGreaterThan(0);
    expect(root.subtree.inProgress).toBeGreaterThan(0);
    expect(root.subtree.notStarted).toBeGreaterThan(0);
  });

  it('counts the unfinished as overdue once the due date has passed, and names them', async () => {
    clock.now = () => new Date(Date.now() + 3 * 86400_000);
    await computeAllCompletion();
    clock.now = realNow;
    const view = await call('GET', `/courses/${course.courseId}/completion`, admin);
    const root = view.json.units[0];
    expect(root.subtree.overdue).toBe(root.subtree.total - root.subtree.done);
    const unit = (view.json.units as { unitId: string; direct: { total: number } }[]).find((u) => u.direct.total > 0)!;
    const drill = await call('GET', `/courses/${course.courseId}/completion?unitId=${unit.unitId}`, admin);
    expect(drill.json.people.length).toBe(unit.direct.total);
    expect(drill.json.people.every((p: { state: string }) => ['done', 'overdue'].includes(p.state))).toBe(true);
  });

  it('shows organizers only their branch, leaders the bureau, and staff nothing', async () => {
    const organizer1 = await signIn('organizer1');
    const mine = await call('GET', `/courses/${course.courseId}/completion`, organizer1);
    expect(mine.status).toBe(200);
    const names = (mine.json.units as { name: string }[]).map((u) => u.name);
    expect(names[0]).toBe('机关第一党支部');
    expect(names).not.toContain('县政务服务管理局');
    const tree = await loadTree();
    const branch2 = tree.ordered().find((u) => u.name.startsWith('机关第二党支部'))!;
    expect((await call('GET', `/courses/${course.courseId}/completion?unitId=${branch2.unitId}`, organizer1)).status).toBe(404);
    const leader = await signIn('leader');
    expect((await call('GET', `/courses/${course.courseId}/completion`, leader)).json.units.length).toBe(tree.size);
    expect((await call('GET', `/courses/${course.courseId}/completion`, await signIn('staff1'))).status).toBe(403);
    const refreshed = await call('POST', `/courses/${course.courseId}/completion/refresh`, organizer1);
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.assignments).toBe(1);
  });

  it('offers each reader the assignments that concern their part of the organisation, latest due first', async () => {
    const tree = await loadTree();
    const unitNamed = (prefix: string) => tree.ordered().find((u) => u.name.startsWith(prefix))!;
    const [branch1, branch2] = [unitNamed('机关第一党支部'), unitNamed('机关第二党支部')];
    const organizer2 = await signIn('organizer2');
    const later = new Date(Date.now() + 9 * 86400_000).toISOString().slice(0, 10);
    const assigned = await call('POST', `/courses/${course.courseId}/assignments`, organizer2, { audience: { kind: 'members', unitIds: [branch2.unitId] }, required: false, dueAt: later });
    expect(assigned.status).toBe(201);

    type Item = { assignmentId: string; required: boolean; dueAt: string; audience: { kind: string; units: { name: string }[]; people: number } };
    const listed = async (login: string) => (await call('GET', `/courses/${course.courseId}/assignments`, await signIn(login))).json.items as Item[];
    const forAdmin = await listed('admin');
    expect(forAdmin.map((a) => a.audience.kind)).toEqual(['members', 'everyone']);
    expect(forAdmin[0]!.dueAt > forAdmin[1]!.dueAt).toBe(true);
    expect(forAdmin[0]!.audience.units.map((u) => u.name)).toEqual([branch2.name]);
    expect(forAdmin[0]!.required).toBe(false);
    // Branch 1's organizer is concerned by the bureau-wide assignment only; branch 2's by both.
    expect((await listed('organizer1')).map((a) => a.audience.kind)).toEqual(['everyone']);
    expect((await listed('organizer2')).map((a) => a.assignmentId)).toEqual(forAdmin.map((a) => a.assignmentId));
    expect(branch1.unitId).not.toBe(branch2.unitId);
    // Named people: the assignment concerns the organizers of the units those people are in, whoever made it.
    const staff3 = people.find((p) => p.login === 'staff3')!;
    const named = await call('POST', `/courses/${course.courseId}/assignments`, admin, { audience: { kind: 'people', personIds: [staff3.personId] }, required: true, dueAt: later });
    expect(named.status).toBe(201);
    expect((await listed('organizer2')).map((a) => a.assignmentId)).toContain(named.json.assignmentId);
    expect((await listed('organizer1')).map((a) => a.assignmentId)).not.toContain(named.json.assignmentId);
    expect((await listed('admin')).find((a) => a.assignmentId === named.json.assignmentId)?.audience).toEqual({ kind: 'people', units: [], people: 1 });
    // Its figures can be asked for by the same reader.
    const one = await call('GET', `/courses/${course.courseId}/completion?assignmentId=${assigned.json.assignmentId}`, organizer2);
    expect(one.status).toBe(200);
    expect(one.json.assignmentId).toBe(assigned.json.assignmentId);
    expect((await call('GET', '/courses/01J0000000000000000000000A/assignments', admin)).status).toBe(404);
  });

  it('exports the same figures as a spreadsheet: per unit, and every person counted, in the reader’s language', async () => {
    const download = async (login: string, part: 'units' | 'people', lang = 'zh-CN') => {
      const res = await app.request(`http://localhost/api/courses/${course.courseId}/completion/export?format=csv&part=${part}`, {
        headers: { cookie: `${await signIn(login)}; lang=${lang}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('cache-control')).toContain('no-store');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = new TextDecoder().decode(bytes).trimEnd().split('\r\n').map((line) => line.split(','));
      return { disposition: res.headers.get('content-disposition') ?? '', header: rows[0]!, rows: rows.slice(1) };
    };
    await call('POST', `/courses/${course.courseId}/completion/refresh`, admin);
    const view = (await call('GET', `/courses/${course.courseId}/completion`, admin)).json as { units: { name: string; subtree: { total: number; done: number; overdue: number }; direct: { total: number } }[] };

    const units = await download('admin', 'units');
    expect(units.header).toEqual(['单位', '应学人数', '已完成', '学习中', '未开始', '已逾期', '完成率', '统计时间']);
    expect(units.rows).toHaveLength(view.units.length);
    for (const [i, unit] of view.units.entries()) {
      const row = units.rows[i]!;
      expect(row[0]!.endsWith(unit.name)).toBe(true);
      expect([Number(row[1]), Number(row[2]), Number(row[5])]).toEqual([unit.subtree.total, unit.subtree.done, unit.subtree.overdue]);
    }
    expect(decodeURIComponent(units.disposition.split("UTF-8''")[1]!)).toMatch(/^十个一点服务规范-各单位完成情况-\d{4}-\d{2}-\d{2}\.csv$/);

    // Branch 1's organizer: exactly the people counted in their units, each under a unit of branch 1.
    const organizerView = (await call('GET', `/courses/${course.courseId}/completion`, await signIn('organizer1'))).json as { units: { direct: { total: number } }[] };
    const people = await download('organizer1', 'people');
    expect(people.header).toEqual(['单位', '姓名', '账号', '学习状态', '完成时间']);
    expect(people.rows).toHaveLength(organizerView.units.reduce((sum, u) => sum + u.direct.total, 0));
    expect(people.rows.every((row) => row[0]!.includes('机关第一党支部'))).toBe(true);
    expect(people.rows.map((row) => row[2])).toContain('staff1');
    // Within a unit, the unfinished come first.
    const rank: Record<string, number> = { '已逾期（未完成）': 0, 未开始: 1, 学习中: 2, 已完成: 3 };
    for (const [i, row] of people.rows.entries()) {
      const previous = people.rows[i - 1];
      if (previous && previous[0] === row[0]) expect(rank[row[3]!]!).toBeGreaterThanOrEqual(rank[previous[3]!]!);
    }
    const done = people.rows.filter((row) => row[3] === '已完成');
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((row) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(row[4]!))).toBe(true);

    // A title with characters no file name may hold on Windows still downloads under a usable name.
    let odd = (await call('POST', '/courses', admin, { title: '放管服：一次办好/网上办?', category: 'service', credit: 1 })).json;
    odd = (await call('POST', `/courses/${odd.courseId}/lessons`, admin, { version: odd.version, title: '一', kind: 'text', body: '一', minSeconds: 60 })).json;
    await call('POST', `/courses/${odd.courseId}/publish`, admin, { version: odd.version });
    const oddFile = await app.request(`http://localhost/api/courses/${odd.courseId}/completion/export?format=csv`, { headers: { cookie: admin } });
    expect(decodeURIComponent(oddFile.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^放管服：一次办好_网上办_-各单位完成情况-/);

    const english = await download('leader', 'units', 'en');
    expect(english.header[0]).toBe('Unit');
    expect((await call('GET', `/courses/${course.courseId}/completion/export?part=everything`, admin)).status).toBe(400);

    // The Excel workbook holds both tables, one sheet each, the same rows as the CSV files.
    const book = await app.request(`http://localhost/api/courses/${course.courseId}/completion/export`, { headers: { cookie: await signIn('organizer1') } });
    expect(book.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(book.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^十个一点服务规范-学习完成情况-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await book.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['各单位完成情况', '人员学习情况']);
    // Empty cells are left out of a sheet: compare rows without their empty ends.
    const trimmed = (row: string[]) => row.slice(0, row.findLastIndex((cell) => cell !== '') + 1);
    const sheetRows = (index: number) =>
      workbook.worksheets[index]!.getSheetValues()
        .slice(1)
        .map((row) => trimmed((row as unknown[]).slice(1).map((cell) => (cell === undefined || cell === null ? '' : String(cell)))));
    const organizerUnits = await download('organizer1', 'units');
    expect(sheetRows(0)).toEqual([organizerUnits.header, ...organizerUnits.rows].map(trimmed));
    expect(sheetRows(1)).toEqual([people.header, ...people.rows].map(trimmed));
  });
});

/** The DynamoDB calls the app makes while `work` runs (an SDK middleware on the app's own client), with their input. */
async function dynamoCalls(work: () => Promise<unknown>): Promise<{ command: string; input: Record<string, any> }[]> {
  const calls: { command: string; input: Record<string, any> }[] = [];
  const name = 'completionTestCounter';
  aws().dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({ command: context.commandName ?? '?', input: args.input as Record<string, any> });
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await work();
  } finally {
    aws().dynamo.middlewareStack.remove(name);
  }
  return calls;
}

describe('the busiest ways’ reads', () => {
  it('the completion page reads its course once for all the API calls that serve it', async () => {
    const leader = await signIn('leader');
    const unit = (await call('GET', `/courses/${course.courseId}/completion`, leader)).json.units[1].unitId as string;
    let status = 0;
    const calls = await dynamoCalls(async () => {
      const page = await app.request(`http://localhost/learn/manage/${course.courseId}/completion?unitId=${unit}`, { headers: { cookie: leader, 'accept-language': 'zh-CN' } });
      status = page.status;
      await page.text();
    });
    expect(status).toBe(200);
    const courseReads = calls.filter((c) => c.command === 'GetItemCommand' && JSON.stringify(c.input.Key ?? {}).includes(`COURSE#${course.courseId}`));
    expect(courseReads).toHaveLength(1);
  });

  it('refreshing a course’s figures reads the people of its audience, never the whole population, and agrees with the job', async () => {
    const tree = await loadTree();
    const branch1 = tree.ordered().find((u) => u.name === '机关第一党支部')!;
    let narrow = (await call('POST', '/courses', admin, { title: '支部学习', category: 'party', credit: 1 })).json;
    narrow = (await call('POST', `/courses/${narrow.courseId}/lessons`, admin, { version: narrow.version, title: '一', kind: 'text', body: '一', minSeconds: 60 })).json;
    await call('POST', `/courses/${narrow.courseId}/publish`, admin, { version: narrow.version });
    const due = new Date(Date.now() + 2 * 86400_000).toISOString();
    expect((await call('POST', `/courses/${narrow.courseId}/assignments`, admin, { audience: { kind: 'members', unitIds: [branch1.unitId] }, required: true, dueAt: due })).status).toBe(201);

    for (const courseId of [course.courseId, narrow.courseId]) {
      const calls = await dynamoCalls(() => call('POST', `/courses/${courseId}/completion/refresh`, admin));
      // gsi3 is the index of every person (listAllPeople): the job's source, never a request's.
      expect(calls.filter((c) => c.command === 'QueryCommand' && c.input.IndexName === 'gsi3')).toEqual([]);
    }
    const onRequest = (await call('GET', `/courses/${narrow.courseId}/completion`, admin)).json.units;
    await computeAllCompletion();
    const fromJob = (await call('GET', `/courses/${narrow.courseId}/completion`, admin)).json.units;
    const figures = (units: { unitId: string; direct: unknown; subtree: unknown }[]) => units.map(({ unitId, direct, subtree }) => ({ unitId, direct, subtree }));
    expect(figures(onRequest)).toEqual(figures(fromJob));
    const members = people.filter((p) => p.partyStatus !== 'none' && (tree.isWithin(p.unitId, branch1.unitId) || (p.branchId !== null && tree.isWithin(p.branchId, branch1.unitId))));
    expect(onRequest[0].subtree.total).toBe(members.length);
    expect(members.length).toBeGreaterThan(0);
  });
});

