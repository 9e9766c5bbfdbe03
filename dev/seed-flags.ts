/**
 * Demo flags, each raised honestly from records by the code that raises them on the platform:
 * - three members of branch 1 sign in from one browser (one device id) within minutes, as at a shared desk;
 * - one of them starts the branch's quiz and submits it at once (ten questions in a second or two);
 * - a member studies a course for three hours and a quarter without a pause (heartbeats every 30 s, the clock stepped
 *   through them), so the study clock raises the long stretch at a flush.
 * Then the flags job runs once over the sign-ins and attempts. organizer1 and the leader see the three on /stats/flags.
 */
import { clock } from '../functions/platform/clock.js';
import type { Actor } from '../functions/domain/authz/permissions.js';
import { signIn } from '../functions/domain/access/service.js';
import { everyone } from '../functions/domain/people/directory.js';
import { listCourses, publishedCourse } from '../functions/domain/courses/service.js';
import { recordStudy } from '../functions/domain/study/service.js';
import { startAttempt, submitAttempt } from '../functions/domain/quizzes/attempt-service.js';
import { raiseFlagsSince } from '../functions/domain/flags/service.js';
import { demoPassword } from './seed-data.js';

/** The shared browser's device id (a demo value; real ones are random and only their hash is stored). */
const DEMO_DEVICE_ID = 'demo-shared-desk-device-000000000000000000';

export async function seedDemoFlags(branchQuizId: string): Promise<{ flags: number }> {
  const people = await everyone();
  const actorOf = (login: string): Actor => {
    const person = people.find((p) => p.login === login);
    if (!person) throw new Error(`seed: no ${login} for the demo flags`);
    return { ...person, mustChangePassword: false, sessionId: 'seed' };
  };
  const realNow = clock.now;
  const start = realNow().getTime();
  try {
    // Three accounts on one browser, two minutes apart.
    let at = start - 20 * 60_000;
    clock.now = () => new Date(at);
    for (const login of ['zw0005', 'zw0007', 'zw0001']) {
      await signIn({ login, password: demoPassword }, { address: '10.0.0.8', userAgent: 'seed', deviceId: DEMO_DEVICE_ID });
      at += 2 * 60_000;
    }
    // The quiz submitted the moment it was started.
    const taker = actorOf('zw0007');
    const { attempt } = await startAttempt(taker, branchQuizId);
    at += 1_500;
    await submitAttempt(taker, attempt.attemptId);

    // Three hours and a quarter of study without a pause, a heartbeat every 30 s, ending an hour ago.
    const learner = actorOf('zw0008');
    const course = (await listCourses(learner))[0];
    const lesson = course && (await publishedCourse(course.courseId))?.lessons.find((l) => l.kind === 'text');
    if (!course || !lesson) throw new Error('seed: no published course with a text lesson for the demo flags');
    for (at = start - (60 + 195) * 60_000; at <= start - 60 * 60_000; at += 30_000) {
      await recordStudy(learner, course.courseId, { lessonId: lesson.lessonId, state: 'visible' });
    }
    await recordStudy(learner, course.courseId, { lessonId: lesson.lessonId, state: 'hidden' });
  } finally {
    clock.now = realNow;
  }
  const run = await raiseFlagsSince(clock.now());
  return { flags: run.raised + 1 };
}
