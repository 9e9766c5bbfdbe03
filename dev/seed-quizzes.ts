/**
 * The demo quizzes (dev/seed.ts calls this once, after the demo bank): a final test on the demo course of window
 * service etiquette, drawn from the bureau's bank, and a quiz of its own for the first Party branch. Written through
 * the quizzes' own use cases, as the seeded admin.
 */
import { createQuiz, publishQuiz } from '../functions/domain/quizzes/quiz-service.js';
import { listCourses } from '../functions/domain/courses/service.js';
import { assignQuiz } from '../functions/domain/assignments/service.js';
import { everyone } from '../functions/domain/people/directory.js';
import { loadTree } from '../functions/domain/org/service.js';
import type { Actor } from '../functions/domain/authz/permissions.js';
import { seedUnits } from './seed-data.js';
import { computeAllCompletion } from '../functions/domain/stats/service.js';

/** The demo course whose final test is seeded. */
export const finalTestCourseTitle = '窗口服务礼仪“五心、三声、十个一点”';
export const demoQuizTitles = { finalTest: '窗口服务礼仪结业测试', branchQuiz: '第一党支部党章党规知识测验' } as const;

const day = 86_400_000;
const hour = 3_600_000;
/** `days` from now, on the hour (a closing time people would set). */
const onTheHour = (now: Date, days: number) => new Date(Math.ceil((now.getTime() + days * day) / hour) * hour).toISOString();

export async function seedDemoQuizzes(now = new Date()): Promise<{ quizzes: number; branchQuizId: string; finalTestId: string }> {
  const [people, tree] = await Promise.all([everyone(), loadTree()]);
  const admin = people.find((person) => person.login === 'admin');
  if (!admin) throw new Error('seed: no admin for the demo quizzes');
  const actor: Actor = { ...admin, mustChangePassword: false, sessionId: 'seed' };
  const unitId = (key: string) => {
    const name = seedUnits.find((unit) => unit.key === key)?.name;
    const unit = tree.ordered().find((u) => u.name === name);
    if (!unit) throw new Error(`seed: no unit "${key}" for the demo quizzes`);
    return unit.unitId;
  };
  const course = (await listCourses(actor)).find((c) => c.title === finalTestCourseTitle);
  if (!course) throw new Error(`seed: no course "${finalTestCourseTitle}" for the final test`);

  const finalTest = await createQuiz(actor, {
    title: demoQuizTitles.finalTest,
    ownerUnitId: unitId('bureau'),
    courseId: course.courseId,
    items: [
      { kind: 'draw', count: 4, tag: '政务服务标准', difficulty: 'easy' },
      { kind: 'draw', count: 2, tag: '政务服务标准', difficulty: 'medium' },
    ],
    shuffleQuestions: true,
    shuffleOptions: true,
    timeLimitMinutes: 15,
    attemptsAllowed: 3,
    passPercent: 60,
    counts: 'best',
    review: { when: 'afterSubmit', show: 'full' },
  });
  await publishQuiz(actor, finalTest.quizId, { version: finalTest.version });

  const branchQuiz = await createQuiz(actor, {
    title: demoQuizTitles.branchQuiz,
    ownerUnitId: unitId('branch1'),
    items: [
      { kind: 'draw', count: 4, tag: '党章党规' },
      { kind: 'draw', count: 3, tag: '党史' },
      { kind: 'draw', count: 3, tag: '廉洁自律' },
    ],
    shuffleQuestions: true,
    shuffleOptions: true,
    timeLimitMinutes: 20,
    closesAt: onTheHour(now, 21),
    attemptsAllowed: 2,
    passPercent: 80,
    counts: 'best',
    review: { when: 'afterSubmit', show: 'full' },
  });
  await publishQuiz(actor, branchQuiz.quizId, { version: branchQuiz.version });
  // Assigned to the branch's members, so it is in their tasks with its due date and in the completion figures.
  await assignQuiz(actor, branchQuiz.quizId, {
    audience: { kind: 'members', unitIds: [unitId('branch1')] },
    required: true,
    dueAt: onTheHour(now, 14),
  });
  // The completion figures its results page reads (the job would compute them within minutes anyway).
  await computeAllCompletion();
  return { quizzes: 2, branchQuizId: branchQuiz.quizId, finalTestId: finalTest.quizId };
}
