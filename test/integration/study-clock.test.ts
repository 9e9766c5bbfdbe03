/**
 * Study credit against the clock, through the real app on the local engines: one person earns at most one second of
 * credit per second of wall time, however many lessons, courses, tabs or devices send heartbeats, and however fast.
 * The platform's clock is frozen and moved by hand (forward only), so "wall time" is exact.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs, signIn as signInAs } from '../helpers/sign-in.js';
import { clock } from '../../functions/platform/clock.js';
import { studyEntities } from '../../functions/domain/study/entities.js';
import { readClock, writeClock } from '../../functions/domain/study/store.js';

const { app, call } = useLocalPlatform({ restoreClock: 'file' });

/** The frozen platform time; `advance` only ever moves it forward, so tests never travel back in a person's clock. */
let frozen = Date.now();
clock.now = () => new Date(frozen);
const advance = (ms: number) => {
  frozen += ms;
};

let admin: string;
beforeAll(async () => {
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
    const figures = `${credit} s credited (answers said ${creditedInAnswers} s) in ${wallSeconds} s of wall time; ${coursesDone} courses completed; statuses ${JSON.stringify(count(statuses))}`;
    expect(statuses.filter((s) => s >= 500), figures).toEqual([]);
    expect(credit, figures).toBeLessThanOrEqual(wallSeconds);
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
    const figures = `furthest point ${lesson.furthestSeconds} s, credit ${lesson.studiedSeconds} s after ${wallSeconds} s of wall time; statuses ${JSON.stringify(count(statuses))}`;
    expect(statuses.filter((s) => s >= 500), figures).toEqual([]);
    expect(lesson.studiedSeconds, figures).toBeLessThanOrEqual(wallSeconds);
    expect(lesson.furthestSeconds, figures).toBeLessThanOrEqual(wallSeconds * 1.2);
    expect(lesson.completedAt).toBeNull();
  }, 60_000);
});

describe('heartbeats faster than pages send them', () => {
  it('answers 429 with Retry-After in the person’s language, and credits nothing for them', async () => {
    const cookie = await signInAs(app, 'leader');
    const course = await publish('太快', [text('一课', 600)]);
    const lessonId = course.lessons[0]!.lessonId;
    advance(60_000);
    expect((await beat(cookie, course.courseId, { lessonId, state: 'visible' })).status).toBe(200);
    advance(15_000);
    const credited = await beat(cookie, course.courseId, { lessonId, state: 'visible' });
    expect(credited.body.creditedSeconds).toBe(15);
    // A script sends ten more within the next second.
    const answers = [];
    for (let i = 0; i < 10; i++) {
      advance(100);
      answers.push(await beat(cookie, course.courseId, { lessonId, state: 'visible' }));
    }
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(7);
    expect(refused[0]!.body.error.code).toBe('RATE_LIMITED');
    expect(refused[0]!.body.error.message).toMatch(/太频繁.*\d+ 秒后再试/);
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const english = await requestAs(app, cookie, 'POST', `/api/courses/${course.courseId}/study`, { lessonId, state: 'visible' }, { 'accept-language': 'en' });
    expect(english.status).toBe(429);
    expect(english.body.error.message).toMatch(/too often: try again in \d+ s/);
    const accepted = answers.filter((a) => a.status === 200).reduce((sum, a) => sum + a.body.creditedSeconds, 0);
    expect((await studied(cookie, course.courseId)).lessons[0]!.studiedSeconds).toBe(Math.floor(15 + accepted));
    // Once the page's own pace resumes, so does the credit.
    advance(15_000);
    const resumed = await beat(cookie, course.courseId, { lessonId, state: 'visible' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.creditedSeconds).toBeGreaterThan(0);
  });
});

describe('lessons, courses and progress items', () => {
  it('splits the time between lessons studied by turns, and completes each lesson and the course once, when its last lesson completes', async () => {
    const cookie = await signInAs(app, 'staff1');
    const me = (await call('GET', '/me', cookie)).json as { personId: string };
    const course = await publish('轮流学习', [text('甲'), text('乙')]);
    const [a, b] = course.lessons.map((lesson) => lesson.lessonId) as [string, string];
    advance(60_000);
    const started = frozen;
    const send = async (lessonId: string) => (await beat(cookie, course.courseId, { lessonId, state: 'visible' })).body;
    // A phone on lesson 甲 and a PC on lesson 乙, each reporting every 15 s, 7.5 s apart, for five minutes.
    let completions = 0;
    let courseCompletedAt: string | null = null;
    for (let i = 0; i < 20; i++) {
      for (const lessonId of [a, b]) {
        const answer = await send(lessonId);
        if (answer.lesson.completedAt && !courseCompletedAt) completions++;
        courseCompletedAt ??= answer.courseCompletedAt;
        advance(7_500);
      }
    }
    const wallSeconds = (frozen - started) / 1000;
    const read = await studied(cookie, course.courseId);
    const total = read.lessons.reduce((sum, lesson) => sum + lesson.studiedSeconds, 0);
    expect(total).toBeLessThanOrEqual(wallSeconds);
    expect(total).toBeGreaterThanOrEqual(wallSeconds - 60);
    expect(read.lessons.every((lesson) => lesson.studiedSeconds >= 60 && lesson.completedAt)).toBe(true);
    expect(courseCompletedAt).not.toBeNull();
    // The course completed at the moment its second lesson did, and the progress item says so (leaders' figures read it).
    const { data: item } = await studyEntities().progress.get({ personId: me.personId, courseId: course.courseId }).go();
    const lessonTimes = [a, b].map((id) => (item!.lessons as Record<string, { completedAt: string }>)[id]!.completedAt).sort();
    expect(item!.completedAt).toBe(lessonTimes[1]);
    expect(read.courseCompletedAt).toBe(item!.completedAt);
    const record = (await call('GET', '/me/record', cookie)).json as { completed: { courseId: string }[] };
    expect(record.completed.filter((c) => c.courseId === course.courseId)).toHaveLength(1);
  }, 60_000);

  it('shows the person what the clock holds beyond the progress item, and writes the item when the page stops', async () => {
    const cookie = await signInAs(app, 'organizer1');
    const me = (await call('GET', '/me', cookie)).json as { personId: string };
    const course = await publish('中途', [text('长课', 1200)]);
    const lessonId = course.lessons[0]!.lessonId;
    advance(60_000);
    for (let i = 0; i < 5; i++) {
      expect((await beat(cookie, course.courseId, { lessonId, state: 'visible' })).status).toBe(200);
      advance(15_000);
    }
    const stored = async () => {
      const { data } = await studyEntities().progress.get({ personId: me.personId, courseId: course.courseId }).go();
      return (data!.lessons as Record<string, { studiedMs: number }>)[lessonId]!.studiedMs;
    };
    // The item was made at the first heartbeat; the minute since is in the clock, and the person sees it.
    expect(await stored()).toBe(0);
    expect((await studied(cookie, course.courseId)).lessons[0]!.studiedSeconds).toBe(60);
    expect((await beat(cookie, course.courseId, { lessonId, state: 'hidden' })).body.lesson.studiedSeconds).toBe(75);
    expect(await stored()).toBe(75_000);
  });

  it('writes a lesson the clock holds but its progress item lacks (an instance stopped between the two writes) at the next heartbeat', async () => {
    const cookie = await signInAs(app, 'organizer2');
    const me = (await call('GET', '/me', cookie)).json as { personId: string };
    const course = await publish('补写', [text('一'), text('二')]);
    const [first, second] = course.lessons.map((lesson) => lesson.lessonId) as [string, string];
    advance(60_000);
    expect((await beat(cookie, course.courseId, { lessonId: first, state: 'visible' })).status).toBe(200);
    // As if an instance stored the clock with lesson 一 completed and left for 二, then stopped before writing the item.
    const stored = (await readClock(me.personId))!;
    const at = new Date(frozen).toISOString();
    const seq = stored.seq + 1;
    const completedFirst = { ...stored.open!, studiedMs: 60_000, completedAt: at, seq, at };
    const left = { ...stored, seq, open: { ...completedFirst, lessonId: second }, pending: [completedFirst] };
    expect(await writeClock(me.personId, left, stored.seq)).toBe(true);
    const item = async () => {
      const { data } = await studyEntities().progress.get({ personId: me.personId, courseId: course.courseId }).go();
      return { completedAt: data!.completedAt ?? null, lessons: data!.lessons as Record<string, { completedAt: string | null } | undefined> };
    };
    expect((await item()).lessons[first]!.completedAt).toBeNull();
    // The person already sees both lessons done.
    const seen = await studied(cookie, course.courseId);
    expect(seen.lessons.map((lesson) => lesson.completedAt)).toEqual([at, at]);
    // The next heartbeat writes both into the item, and the course completes.
    advance(60_000);
    const next = await beat(cookie, course.courseId, { lessonId: second, state: 'hidden' });
    expect(next.status).toBe(200);
    const written = await item();
    expect(written.lessons[first]!.completedAt).toBe(at);
    expect(written.lessons[second]!.completedAt).toBe(at);
    expect(written.completedAt).toBe(at);
    expect(next.body.courseCompletedAt).toBe(at);
  });
});

describe('a lesson’s minimum study time', () => {
  it('is at least one minute, refused below that with a message by the field in either language', async () => {
    const course = (await call('POST', '/courses', admin, { title: '下限', category: 'service', credit: 0.25 })).json;
    for (const minSeconds of [0, 30, 59]) {
      const res = await call('POST', `/courses/${course.courseId}/lessons`, admin, { version: course.version, ...text('短', minSeconds) });
      expect(res.status).toBe(400);
      expect(res.json.error.details).toEqual([expect.objectContaining({ path: 'minSeconds', message: '最少学习时长至少 1 分钟。' })]);
    }
    const english = await requestAs(app, admin, 'POST', `/api/courses/${course.courseId}/lessons`, { version: course.version, ...text('short', 0) }, { 'accept-language': 'en' });
    expect(english.body.error.details[0].message).toBe('The minimum study time must be at least 1 minute.');
    expect((await call('POST', `/courses/${course.courseId}/lessons`, admin, { version: course.version, ...text('够', 60) })).status).toBe(201);
  });
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
    const figures = `${credit} s credited in ${wallSeconds} s; statuses ${JSON.stringify(count(statuses))}`;
    expect(statuses.filter((s) => s >= 500), figures).toEqual([]);
    expect(statuses.every((s) => s === 200 || s === 429), figures).toBe(true);
    expect(credit, figures).toBeLessThanOrEqual(wallSeconds);
    // Every round credits its 15 s once: parallel heartbeats neither lose the time nor count it twice.
    expect(credit, figures).toBe(wallSeconds);
  }, 60_000);
});

function count(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
