/**
 * Study credit against the clock, through the real app on the local engines: one person earns at most one second of
 * credit per second of wall time, however many lessons, courses, tabs or devices send heartbeats, and however fast.
 * The platform's clock is frozen and moved by hand (forward only), so "wall time" is exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareStorage } from '../helpers/storage.js';
import { createTestApp } from '../helpers/app.js';
import { apiCaller, requestAs, signIn as signInAs } from '../helpers/sign-in.js';
import { seedDemo } from '../../dev/seed.js';
import { clock } from '../../functions/platform/clock.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let app: App;
const call = apiCaller(() => app);

const realNow = clock.now;
/** The frozen platform time; `advance` only ever moves it forward, so tests never travel back in a person's clock. */
let frozen = Date.now();
clock.now = () => new Date(frozen);
const advance = (ms: number) => {
  frozen += ms;
};
afterAll(() => {
  clock.now = realNow;
});

let admin: string;
beforeAll(async () => {
  await prepareStorage();
  await seedDemo();
  app = await createTestApp();
  admin = await signInAs(app, 'admin');
});

type LessonInput = { title: string; kind: 'text'; body: string; minSeconds: number } | { title: string; kind: 'video'; minSeconds: number; durationSeconds: number; uploadId: string };

async function publish(title: string, lessons: LessonInput[]) {
  let course = (await call('POST', '/courses', admin, { title: `${title} ${Math.random().toString(36).slice(2, 7)}`, category: 'service', credit: 1 })).json;
  for (const lesson of lessons) {
    const added = await call('POST', `/courses/${course.courseId}/lessons`, admin, { version: course.version, ...lesson });
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    course = added.json;
  }
  const published = await call('POST', `/courses/${course.courseId}/publish`, admin, { version: course.version });
  expect(published.status, JSON.stringify(published.json)).toBe(200);
  return published.json as { courseId: string; lessons: { lessonId: string }[] };
}

const text = (title: string, minSeconds = 60): LessonInput => ({ title, kind: 'text', body: '热心、耐心、细心、诚心、暖心。', minSeconds });

/** An uploaded, checked MP4 (its first bytes are all the check reads). */
async function uploadVideo(): Promise<string> {
  const bytes = new Uint8Array(64);
  bytes.set([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypmp42')]);
  const created = await call('POST', '/uploads', admin, { purpose: 'video', contentType: 'video/mp4', size: bytes.byteLength, fileName: 'talk.mp4' });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const put = await fetch(created.json.url, { method: 'PUT', headers: created.json.headers, body: Buffer.from(bytes) });
  expect(put.status).toBe(200);
  return created.json.uploadId as string;
}

const beat = (cookie: string, courseId: string, body: Record<string, unknown>) => requestAs(app, cookie, 'POST', `/api/courses/${courseId}/study`, body);

/** What the person's own reading of a course says they studied, lesson by lesson. */
async function studied(cookie: string, courseId: string) {
  const res = await call('GET', `/courses/${courseId}`, cookie);
  expect(res.status).toBe(200);
  const lessons = (res.json.progress?.lessons ?? []) as { studiedSeconds: number; furthestSeconds: number; completedAt: string | null }[];
  return { lessons, courseCompletedAt: (res.json.progress?.completedAt ?? null) as string | null };
}

describe('study credit cannot outrun the clock', () => {
  it('gives 14 lessons studied at once no more credit than the wall time, and completes no course by it', async () => {
    const cookie = await signInAs(app, 'staff2');
    const courses = [];
    for (let c = 0; c < 7; c++) courses.push(await publish(`同时学习${c}`, [text('上'), text('下')]));
    const tabs = courses.flatMap((course) => course.lessons.map((lesson) => ({ courseId: course.courseId, lessonId: lesson.lessonId })));
    expect(tabs).toHaveLength(14);
    const statuses: number[] = [];
    let creditedInAnswers = 0;
    // Every tab reports at once, every 15 s, for 82 s of wall time.
    const started = frozen;
    for (const step of [0, 15_000, 15_000, 15_000, 15_000, 15_000, 7_000]) {
      advance(step);
      const answers = await Promise.all(tabs.map((tab) => beat(cookie, tab.courseId, { lessonId: tab.lessonId, state: 'visible' })));
      for (const answer of answers) {
        statuses.push(answer.status);
        if (answer.status === 200) creditedInAnswers += answer.body.creditedSeconds;
      }
    }
    const wallSeconds = (frozen - started) / 1000;
    let credit = 0;
    let coursesDone = 0;
    for (const course of courses) {
      const read = await studied(cookie, course.courseId);
      credit += read.lessons.reduce((sum, lesson) => sum + lesson.studiedSeconds, 0);
      if (read.courseCompletedAt) coursesDone++;
    }
    console.log(`14 lessons at once: ${credit} s credited (answers said ${creditedInAnswers} s) in ${wallSeconds} s of wall time; ${coursesDone} courses completed; statuses ${JSON.stringify(count(statuses))}`);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(credit).toBeLessThanOrEqual(wallSeconds);
    expect(creditedInAnswers).toBeLessThanOrEqual(wallSeconds);
    expect(coursesDone).toBe(0);
  }, 120_000);

  it('lets a video’s furthest point advance no faster than the credited time, however many heartbeats arrive', async () => {
    const cookie = await signInAs(app, 'staff3');
    const course = await publish('长视频', [{ title: '专题报告', kind: 'video', minSeconds: 60, durationSeconds: 3600, uploadId: await uploadVideo() }]);
    const lessonId = course.lessons[0]!.lessonId;
    const statuses: number[] = [];
    const started = frozen;
    // 200 heartbeats a second for 2 s, each claiming playback 3 s further on.
    for (let i = 0; i < 400; i++) {
      advance(i === 0 ? 0 : 5);
      const answer = await beat(cookie, course.courseId, { lessonId, state: 'visible', positionSeconds: Math.min(3600, i * 3) });
      statuses.push(answer.status);
    }
    const wallSeconds = (frozen - started) / 1000;
    const read = await studied(cookie, course.courseId);
    const lesson = read.lessons[0]!;
    console.log(`video: furthest point ${lesson.furthestSeconds} s, credit ${lesson.studiedSeconds} s after ${wallSeconds} s of wall time; statuses ${JSON.stringify(count(statuses))}`);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(lesson.studiedSeconds).toBeLessThanOrEqual(wallSeconds);
    expect(lesson.furthestSeconds).toBeLessThanOrEqual(wallSeconds * 1.2);
    expect(lesson.completedAt).toBeNull();
  }, 60_000);
});

describe('parallel heartbeats', () => {
  it('answers 10 rounds of 10 heartbeats at once for one lesson without a 5xx, crediting no more than the wall time', async () => {
    const cookie = await signInAs(app, 'organizer2');
    const course = await publish('并发心跳', [text('一课', 600)]);
    const lessonId = course.lessons[0]!.lessonId;
    const statuses: number[] = [];
    const started = frozen;
    for (let round = 0; round < 10; round++) {
      advance(round === 0 ? 0 : 15_000);
      const answers = await Promise.all(Array.from({ length: 10 }, () => beat(cookie, course.courseId, { lessonId, state: 'visible' })));
      statuses.push(...answers.map((a) => a.status));
    }
    const wallSeconds = (frozen - started) / 1000;
    const credit = (await studied(cookie, course.courseId)).lessons[0]!.studiedSeconds;
    console.log(`10 x 10 parallel: ${credit} s credited in ${wallSeconds} s; statuses ${JSON.stringify(count(statuses))}`);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(credit).toBeLessThanOrEqual(wallSeconds);
  }, 60_000);
});

function count(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
