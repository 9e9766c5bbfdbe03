/**
 * Quizzes in the rest of the platform, through the real app on the local engines: a quiz assigned like a course (its
 * audience may take it and has it in their tasks, anyone else finds no such quiz), and a course's final test (passing
 * it completes the course with its lessons and credits 0.5 学时 once, however often it is submitted or passed).
 * The platform's clock is frozen and moved by hand, so lessons complete by heartbeats without waiting.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { seedUnits } from '../../dev/seed-data.js';
import { clock } from '../../functions/platform/clock.js';
import { computeAllCompletion } from '../../functions/domain/stats/service.js';

const { app, call, signIn } = useLocalPlatform({ restoreClock: 'file' });

let frozen = Date.now();
clock.now = () => new Date(frozen);
const advance = (ms: number) => {
  frozen += ms;
};

let admin = '', organizer1 = '', organizer2 = '';
let units: Record<string, string>;

beforeAll(async () => {
  [admin, organizer1, organizer2] = (await Promise.all(['admin', 'organizer1', 'organizer2'].map((login) => signIn(login)))) as [string, string, string];
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
});

const unique = () => Math.random().toString(36).slice(2, 8);

/** A true/false question of the bureau's bank whose answer is 对 (option 0). */
async function trueQuestion() {
  const res = await call('POST', '/questions', admin, { kind: 'truefalse', stem: `首问负责制要求首位接待人员负责到底。${unique()}`, answer: [0], ownerUnitId: units.bureau });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.questionId as string;
}

async function draftQuiz(settings: Record<string, unknown>) {
  const created = await call('POST', '/quizzes', admin, { title: `测验${unique()}`, items: [{ kind: 'fixed', questionId: await trueQuestion() }], ...settings });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json as { quizId: string; version: number; title: string };
}

async function publish(quiz: { quizId: string; version: number }) {
  const res = await call('POST', `/quizzes/${quiz.quizId}/publish`, admin, { version: quiz.version });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

/** Starts (or resumes) an attempt, answers its one question with `choice`, and submits it; returns the result. */
async function takeOnce(cookie: string, quizId: string, choice: number, { submitTwice = false } = {}) {
  const started = await call('POST', `/quizzes/${quizId}/attempts`, cookie);
  expect([200, 201], JSON.stringify(started.json)).toContain(started.status);
  const attempt = started.json as { attemptId: string; seq: number; questions: { questionId: string }[] };
  const saved = await call('PUT', `/attempts/${attempt.attemptId}/answers`, cookie, { seq: attempt.seq, answers: { [attempt.questions[0]!.questionId]: [choice] } });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  advance(5_000);
  const submits = await Promise.all((submitTwice ? [1, 2] : [1]).map(() => call('POST', `/attempts/${attempt.attemptId}/submit`, cookie)));
  for (const submit of submits) expect(submit.status, JSON.stringify(submit.json)).toBe(200);
  if (submitTwice) expect(submits[1]!.json).toEqual(submits[0]!.json);
  return submits[0]!.json as { passed?: boolean; state: string };
}

type Task = { kind: 'course' | 'quiz'; quizId?: string; courseId?: string; state: string; standing?: string; dueAt: string; quizTitle?: string };
const tasksOf = async (cookie: string) => (await call('GET', '/me/tasks', cookie)).json.items as Task[];

describe('a quiz assigned like a course', () => {
  it('opens to its audience alone, with its due date, and is in their tasks with where they stand', async () => {
    const [member, otherBranch] = await Promise.all([signIn('staff1'), signIn('staff3')]);
    // A quiz of the hall (窗口服务中心): nobody in branch 1 or 2 sits in it, so only an assignment opens it to them.
    const quiz = await draftQuiz({ ownerUnitId: units.hall, review: { when: 'afterSubmit', show: 'full' } });
    const assignment = { audience: { kind: 'members', unitIds: [units.branch1] }, required: true, dueAt: '2099-06-30' };

    // A draft is refused in words (409); nobody else's unit finds it at all.
    const draft = await call('POST', `/quizzes/${quiz.quizId}/assignments`, admin, assignment);
    expect(draft.status).toBe(409);
    expect(draft.json.error.message).toContain(quiz.title);
    expect(draft.json.error.message).toContain('发布');
    await publish(quiz);

    // Before it is assigned, a branch 1 member may not take it.
    expect((await call('GET', `/quizzes/${quiz.quizId}`, member)).status).toBe(404);
    expect((await call('POST', `/quizzes/${quiz.quizId}/attempts`, member)).status).toBe(404);

    // Branch 2's organizer reaches neither the hall's quiz nor branch 1's members.
    expect((await call('POST', `/quizzes/${quiz.quizId}/assignments`, organizer2, assignment)).status).toBe(404);
    const assigned = await call('POST', `/quizzes/${quiz.quizId}/assignments`, admin, assignment);
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(201);
    expect(assigned.json).toMatchObject({ quizId: quiz.quizId, required: true, dueAt: '2099-06-30T15:59:59.999Z' });

    // The member: in their list with its due date, readable, in their tasks, not started.
    const listed = (await call('GET', '/quizzes?view=take', member)).json.items as { quizId: string; dueAt?: string }[];
    expect(listed.find((item) => item.quizId === quiz.quizId)).toMatchObject({ dueAt: '2099-06-30T15:59:59.999Z' });
    expect((await call('GET', `/quizzes/${quiz.quizId}`, member)).status).toBe(200);
    expect((await tasksOf(member)).find((task) => task.quizId === quiz.quizId)).toMatchObject({ kind: 'quiz', quizTitle: quiz.title, state: 'assigned', standing: 'notStarted' });

    // Someone outside the audience (branch 2): no such quiz, nothing in their tasks or list.
    expect((await call('GET', `/quizzes/${quiz.quizId}`, otherBranch)).status).toBe(404);
    expect((await call('POST', `/quizzes/${quiz.quizId}/attempts`, otherBranch)).status).toBe(404);
    expect((await tasksOf(otherBranch)).some((task) => task.quizId === quiz.quizId)).toBe(false);
    expect(((await call('GET', '/quizzes?view=take', otherBranch)).json.items as { quizId: string }[]).some((item) => item.quizId === quiz.quizId)).toBe(false);

    // Started: in progress; failed: not passed yet; passed: done.
    const started = await call('POST', `/quizzes/${quiz.quizId}/attempts`, member);
    expect(started.status).toBe(201);
    expect((await tasksOf(member)).find((task) => task.quizId === quiz.quizId)).toMatchObject({ standing: 'inProgress', state: 'assigned' });
    expect((await takeOnce(member, quiz.quizId, 1)).passed).toBe(false);
    expect((await tasksOf(member)).find((task) => task.quizId === quiz.quizId)).toMatchObject({ standing: 'notPassed', state: 'assigned' });
    expect((await takeOnce(member, quiz.quizId, 0)).passed).toBe(true);
    expect((await tasksOf(member)).find((task) => task.quizId === quiz.quizId)).toMatchObject({ standing: 'passed', state: 'done' });

    // The audit log names the assignment.
    const audit = await call('GET', '/audit?action=assignQuiz', await signIn('auditor'));
    expect(audit.status, JSON.stringify(audit.json)).toBe(200);
    expect(JSON.stringify(audit.json)).toContain(assigned.json.assignmentId);
  }, 120_000);

  it('has completion per unit in its results, from the rollup items, as a course does', async () => {
    const [passer, failer] = await Promise.all([signIn('staff1'), signIn('staff2')]);
    const quiz = await draftQuiz({ ownerUnitId: units.bureau });
    await publish(quiz);
    const stats = async (cookie: string, unitId?: string) => {
      const res = await call('GET', `/quizzes/${quiz.quizId}/stats${unitId ? `?unitId=${unitId}` : ''}`, cookie);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      return res.json as { completion: null | { asOf: string | null; units: { unitId: string; subtree: { total: number; done: number; inProgress: number; notStarted: number; overdue: number } }[]; people: { login: string; state: string }[] | null } };
    };
    // Not assigned: no completion figures at all.
    expect((await stats(organizer1)).completion).toBeNull();
    for (const branch of [units.branch1, units.branch2]) {
      const res = await call('POST', `/quizzes/${quiz.quizId}/assignments`, admin, { audience: { kind: 'members', unitIds: [branch] }, required: true, dueAt: '2099-06-30' });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    // Assigned a moment ago, before any job or refresh: the figures exist at once, everyone not started.
    const before = (await stats(organizer1)).completion!;
    expect(before.asOf).not.toBeNull();
    const fresh = before.units.find((u) => u.unitId === units.branch1)!.subtree;
    expect(fresh.total).toBeGreaterThan(1);
    expect(fresh.notStarted).toBe(fresh.total);

    expect((await takeOnce(passer, quiz.quizId, 0)).passed).toBe(true);
    expect((await takeOnce(failer, quiz.quizId, 1)).passed).toBe(false);
    await computeAllCompletion();

    const branch1 = (await stats(organizer1)).completion!;
    expect(branch1.asOf).not.toBeNull();
    const figures = branch1.units.find((u) => u.unitId === units.branch1)!.subtree;
    expect(figures).toMatchObject({ done: 1, inProgress: 1 });
    expect(figures.total).toBe(figures.done + figures.inProgress + figures.notStarted + figures.overdue);
    expect(branch1.units.some((u) => u.unitId === units.branch2)).toBe(false);
    // Drilled into staff1's group: the people by name with their state.
    const group = (await stats(organizer1, units['b1-group1'])).completion!;
    expect(group.people?.find((p) => p.login === 'staff1')).toMatchObject({ state: 'done' });
    expect((await stats(organizer1, units['b1-group2'])).completion!.people?.find((p) => p.login === 'staff2')).toMatchObject({ state: 'inProgress' });
    // The workbook carries the same figures on a sheet of their own.
    const file = await app.request(`http://localhost/api/quizzes/${quiz.quizId}/stats.xlsx`, { headers: { cookie: organizer1 } });
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await file.arrayBuffer()).slice().buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('指派完成情况')!;
    const rows = sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    expect(rows[0]).toEqual(['单位', '指派人数', '已通过', '作答未通过', '未开始', '已逾期', '完成率（%）']);
    const branchRow = rows.find((row) => String(row[0]).trim() === '机关第一党支部')!;
    expect(branchRow.slice(1, 6)).toEqual([figures.total, figures.done, figures.inProgress, figures.notStarted, figures.overdue]);
    // Branch 2's organizer: their branch only, nobody passed there.
    const branch2 = (await stats(organizer2)).completion!;
    expect(branch2.units.some((u) => u.unitId === units.branch1)).toBe(false);
    expect(branch2.units.find((u) => u.unitId === units.branch2)!.subtree.done).toBe(0);
  }, 120_000);

  it('lets a branch organizer assign a published quiz of the bureau to their branch, and no further', async () => {
    const quiz = await draftQuiz({ ownerUnitId: units.bureau });
    await publish(quiz);
    const own = await call('POST', `/quizzes/${quiz.quizId}/assignments`, organizer1, { audience: { kind: 'units', unitIds: [units.branch1] }, required: false, dueAt: '2099-01-31' });
    expect(own.status, JSON.stringify(own.json)).toBe(201);
    const beyond = await call('POST', `/quizzes/${quiz.quizId}/assignments`, organizer1, { audience: { kind: 'units', unitIds: [units.branch2] }, required: false, dueAt: '2099-01-31' });
    expect(beyond.status).toBe(403);
    const past = await call('POST', `/quizzes/${quiz.quizId}/assignments`, organizer1, { audience: { kind: 'units', unitIds: [units.branch1] }, required: false, dueAt: '2001-01-31' });
    expect(past.status).toBe(400);
  });
});

// ─── A course's final test ──────────────────────────────────────────────────────────────────────────────────────────

async function courseWithOneLesson() {
  let course = (await call('POST', '/courses', admin, { title: `有结业测验的课程 ${unique()}`, category: 'service', credit: 1 })).json;
  const added = await call('POST', `/courses/${course.courseId}/lessons`, admin, { version: course.version, title: '五心服务', kind: 'text', body: '热心、耐心、细心、诚心、暖心。', minSeconds: 60 });
  expect(added.status, JSON.stringify(added.json)).toBe(201);
  course = added.json;
  const published = await call('POST', `/courses/${course.courseId}/publish`, admin, { version: course.version });
  expect(published.status, JSON.stringify(published.json)).toBe(200);
  return published.json as { courseId: string; lessons: { lessonId: string }[] };
}

/** Studies the course's one lesson to completion by heartbeats over 90 s of (frozen) wall time, then leaves it. */
async function studyLesson(cookie: string, course: { courseId: string; lessons: { lessonId: string }[] }) {
  const lessonId = course.lessons[0]!.lessonId;
  for (let i = 0; i < 7; i++) {
    const beat = await call('POST', `/courses/${course.courseId}/study`, cookie, { lessonId, state: 'visible' });
    expect(beat.status, JSON.stringify(beat.json)).toBe(200);
    advance(15_000);
  }
  const left = await call('POST', `/courses/${course.courseId}/study`, cookie, { lessonId, state: 'hidden' });
  expect(left.status, JSON.stringify(left.json)).toBe(200);
}

async function courseAsRead(cookie: string, courseId: string) {
  const res = await call('GET', `/courses/${courseId}`, cookie);
  expect(res.status).toBe(200);
  return res.json as { progress: { completedAt: string | null; lessons: { completedAt: string | null }[] } | null; finalTest: { quizId: string; standing: string; credit: number } | null };
}

const recordOf = async (cookie: string) => (await call('GET', '/me/record', cookie)).json as { creditThisYear: number; completed: { courseId: string }[]; testsPassed: { courseId: string; credit: number }[] };

describe("a course's final test", () => {
  it('completes the course only with the lessons and the test passed, and credits 0.5 学时 once', async () => {
    const learner = await signIn('staff2');
    const course = await courseWithOneLesson();
    const quiz = await draftQuiz({ ownerUnitId: units.bureau, courseId: course.courseId, passPercent: 60 });
    await publish(quiz);
    const before = await recordOf(learner);

    // The lessons done, the test not yet taken: the course is not complete.
    await studyLesson(learner, course);
    let read = await courseAsRead(learner, course.courseId);
    expect(read.progress!.lessons[0]!.completedAt).not.toBeNull();
    expect(read.progress!.completedAt).toBeNull();
    expect(read.finalTest).toMatchObject({ quizId: quiz.quizId, standing: 'notStarted', credit: 0.5 });

    // Failed: still not complete, nothing credited.
    expect((await takeOnce(learner, quiz.quizId, 1)).passed).toBe(false);
    read = await courseAsRead(learner, course.courseId);
    expect(read.progress!.completedAt).toBeNull();
    expect(read.finalTest!.standing).toBe('notPassed');
    expect((await recordOf(learner)).creditThisYear).toBe(before.creditThisYear);

    // Passed, the submit sent twice at once: complete, the course's 学时 and the test's 0.5 once.
    expect((await takeOnce(learner, quiz.quizId, 0, { submitTwice: true })).passed).toBe(true);
    read = await courseAsRead(learner, course.courseId);
    expect(read.progress!.completedAt).not.toBeNull();
    expect(read.finalTest!.standing).toBe('passed');
    let record = await recordOf(learner);
    expect(record.creditThisYear).toBe(before.creditThisYear + 1.5);
    expect(record.completed.some((c) => c.courseId === course.courseId)).toBe(true);
    expect(record.testsPassed.filter((t) => t.courseId === course.courseId)).toEqual([expect.objectContaining({ credit: 0.5 })]);

    // Passed again in another attempt: nothing more.
    const completedAt = read.progress!.completedAt;
    expect((await takeOnce(learner, quiz.quizId, 0, { submitTwice: true })).passed).toBe(true);
    record = await recordOf(learner);
    expect(record.creditThisYear).toBe(before.creditThisYear + 1.5);
    expect(record.testsPassed.filter((t) => t.courseId === course.courseId)).toHaveLength(1);
    expect((await courseAsRead(learner, course.courseId)).progress!.completedAt).toBe(completedAt);
  }, 120_000);

  it('completes the course when the lessons are finished after the test was passed, and shows it done in my tasks', async () => {
    const learner = await signIn('leader');
    const course = await courseWithOneLesson();
    const assigned = await call('POST', `/courses/${course.courseId}/assignments`, admin, { audience: { kind: 'people', personIds: [(await call('GET', '/me', learner)).json.personId] }, required: true, dueAt: '2099-03-31' });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(201);
    const quiz = await draftQuiz({ ownerUnitId: units.bureau, courseId: course.courseId });
    await publish(quiz);
    const before = await recordOf(learner);

    expect((await takeOnce(learner, quiz.quizId, 0)).passed).toBe(true);
    let read = await courseAsRead(learner, course.courseId);
    expect(read.progress?.completedAt ?? null).toBeNull();
    expect((await recordOf(learner)).creditThisYear).toBe(before.creditThisYear + 0.5);
    expect((await tasksOf(learner)).find((task) => task.courseId === course.courseId)).toMatchObject({ kind: 'course', state: 'assigned' });

    await studyLesson(learner, course);
    read = await courseAsRead(learner, course.courseId);
    expect(read.progress!.completedAt).not.toBeNull();
    expect((await recordOf(learner)).creditThisYear).toBe(before.creditThisYear + 1.5);
    expect((await tasksOf(learner)).find((task) => task.courseId === course.courseId)).toMatchObject({ kind: 'course', state: 'done' });
  }, 120_000);
});
