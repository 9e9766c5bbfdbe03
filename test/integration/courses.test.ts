import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { clock } from '../../functions/platform/clock.js';
import { assignmentEntities } from '../../functions/domain/assignments/entities.js';
import { readClock, writeClock } from '../../functions/domain/study/store.js';

const { app, call, signIn, realNow } = useLocalPlatform({ restoreClock: 'each' });
/** Freezes the platform's clock at `base` + ms. */
const at = (base: number, ms: number) => {
  latest = Math.max(latest, base + ms);
  clock.now = () => new Date(base + ms);
};
let latest = Date.now();
/** A moment to start a stretch of study from: ten minutes after any moment a test used before (a person's clock only moves on). */
const start = () => (latest = Math.max(Date.now(), latest + 10 * 60_000));

let admin: string, staff1: string, staff3: string, organizer1: string, organizer2: string;
let units: Record<string, string>;

beforeAll(async () => {
  admin = await signIn('admin');
  staff1 = await signIn('staff1');
  staff3 = await signIn('staff3');
  organizer1 = await signIn('organizer1');
  organizer2 = await signIn('organizer2');
  const list = await call('GET', '/units', admin);
  units = Object.fromEntries((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
});

const tomorrow = () => new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);

async function publishedCourse(cookie = admin, lessons: { title: string; kind: 'text'; body: string; minSeconds: number }[] = [{ title: '第一课', kind: 'text', body: '# 五心服务\n\n热心、耐心、细心、诚心、暖心。', minSeconds: 60 }]) {
  let course = (await call('POST', '/courses', cookie, { title: `窗口服务礼仪 ${Date.now()}`, category: 'service', credit: 1 })).json;
  for (const lesson of lessons) course = (await call('POST', `/courses/${course.courseId}/lessons`, cookie, { version: course.version, ...lesson })).json;
  const published = await call('POST', `/courses/${course.courseId}/publish`, cookie, { version: course.version });
  expect(published.status).toBe(200);
  return published.json as { courseId: string; version: number; lessons: { lessonId: string }[]; title: string };
}

describe('courses', () => {
  it('refuses the second of two saves from the same version, keeping the first', async () => {
    const course = (await call('POST', '/courses', admin, { title: '放管服改革', category: 'thematic', credit: 0.5 })).json;
    const first = await call('PATCH', `/courses/${course.courseId}`, admin, { version: course.version, title: '放管服改革（一）' });
    const second = await call('PATCH', `/courses/${course.courseId}`, admin, { version: course.version, title: '放管服改革（二）' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.json.error.message).toContain('已被他人修改');
    expect((await call('GET', `/courses/${course.courseId}`, admin)).json.course.title).toBe('放管服改革（一）');
  });

  it('keeps drafts from learners and refuses to publish an empty course', async () => {
    const course = (await call('POST', '/courses', admin, { title: '党史学习', category: 'party', credit: 1 })).json;
    expect((await call('GET', `/courses/${course.courseId}`, staff1)).status).toBe(404);
    const empty = await call('POST', `/courses/${course.courseId}/publish`, admin, { version: course.version });
    expect(empty.status).toBe(400);
    expect((await call('POST', `/courses/${course.courseId}/study`, staff1, { lessonId: '01J0000000000000000000000A', state: 'visible' })).status).toBe(404);
  });

  it('refuses credit in other steps than a quarter, and a link lesson without an address', async () => {
    expect((await call('POST', '/courses', admin, { title: 'x', category: 'service', credit: 0.3 })).status).toBe(400);
    const course = (await call('POST', '/courses', admin, { title: '链接课', category: 'service', credit: 0.25 })).json;
    expect((await call('POST', `/courses/${course.courseId}/lessons`, admin, { version: course.version, title: '外链', kind: 'link', minSeconds: 60 })).status).toBe(400);
  });

  it('lets organizers edit and assign only within their branch', async () => {
    const mine = await call('POST', '/courses', organizer1, { title: '支部学习', category: 'party', credit: 0.5 });
    expect(mine.status).toBe(201);
    expect(mine.json.ownerUnitId).toBe(units['机关第一党支部']);
    expect((await call('PATCH', `/courses/${mine.json.courseId}`, organizer2, { version: 1, title: '不是我的' })).status).toBe(404);
    const course = await publishedCourse();
    const elsewhere = await call('POST', `/courses/${course.courseId}/assignments`, organizer2, {
      audience: { kind: 'units', unitIds: [units['机关第一党支部']] },
      required: true,
      dueAt: tomorrow(),
    });
    expect(elsewhere.status).toBe(403);
    expect((await call('POST', '/courses', staff1, { title: '职工不能建课', category: 'service', credit: 1 })).status).toBe(403);
  });

  it('refuses a due date in the past with a message', async () => {
    const course = await publishedCourse();
    const res = await call('POST', `/courses/${course.courseId}/assignments`, admin, { audience: { kind: 'everyone' }, required: true, dueAt: '2020-01-01' });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('截止日期');
  });
});

describe('study', () => {
  it('shows a branch assignment to its people only, and completes it by honest study, crediting 学时 once', async () => {
    const course = await publishedCourse();
    const assigned = await call('POST', `/courses/${course.courseId}/assignments`, organizer1, {
      audience: { kind: 'units', unitIds: [units['机关第一党支部']] },
      required: true,
      dueAt: tomorrow(),
    });
    expect(assigned.status).toBe(201);
    const tasks = (await call('GET', '/me/tasks', staff1)).json.items as { courseId: string; state: string }[];
    expect(tasks.find((t) => t.courseId === course.courseId)).toMatchObject({ state: 'dueSoon' });
    expect(((await call('GET', '/me/tasks', staff3)).json.items as { courseId: string }[]).some((t) => t.courseId === course.courseId)).toBe(false);

    const lessonId = course.lessons[0]!.lessonId;
    const base = start();
    const before = (await call('GET', '/me/record', staff1)).json.creditThisYear;
    let last;
    for (let s = 0; s <= 4; s++) {
      at(base, s * 15_000);
      last = await call('POST', `/courses/${course.courseId}/study`, staff1, { lessonId, state: 'visible' });
      expect(last.status).toBe(200);
    }
    expect(last!.json.lesson.completedAt).not.toBeNull();
    expect(last!.json.courseCompletedAt).not.toBeNull();
    // More study after completion adds no more 学时.
    at(base, 90_000);
    await call('POST', `/courses/${course.courseId}/study`, staff1, { lessonId, state: 'visible' });
    const record = (await call('GET', '/me/record', staff1)).json;
    expect(record.creditThisYear).toBe(before + 1);
    expect(record.completed.filter((c: { courseId: string }) => c.courseId === course.courseId)).toHaveLength(1);
    expect(record.target).toBe(50);
    const after = (await call('GET', '/me/tasks', staff1)).json.items as { courseId: string; state: string }[];
    expect(after.find((t) => t.courseId === course.courseId)!.state).toBe('done');
  });

  it('credits at most about one second for 100 heartbeats sent within one second, refusing those faster than a page sends', async () => {
    const course = await publishedCourse(admin, [{ title: '长课', kind: 'text', body: '正文', minSeconds: 600 }]);
    const lessonId = course.lessons[0]!.lessonId;
    const base = start();
    let total = 0;
    let refused = 0;
    for (let i = 0; i < 100; i++) {
      at(base, i * 10);
      const res = await call('POST', `/courses/${course.courseId}/study`, staff1, { lessonId, state: 'visible' });
      if (res.status === 429) refused++;
      else total += res.json.creditedSeconds;
    }
    expect(refused).toBeGreaterThanOrEqual(90);
    expect(total).toBeLessThanOrEqual(1);
    const progress = (await call('GET', `/courses/${course.courseId}`, staff1)).json.progress;
    expect(progress.lessons[0].studiedSeconds).toBeLessThanOrEqual(1);
  });

  it('lists as my tasks what is due from a year ago on, overdue ones included, not older ones', async () => {
    const course = await publishedCourse();
    const me = (await call('GET', '/me', staff1)).json as { personId: string };
    const assignment = (id: string, daysAgo: number) =>
      assignmentEntities()
        .assignment.create({
          assignmentId: id,
          courseId: course.courseId,
          courseTitle: course.title,
          audience: { kind: 'everyone' },
          required: true,
          dueAt: new Date(Date.now() - daysAgo * 86400_000).toISOString(),
          ownerUnitId: units['机关第一党支部']!,
          createdBy: me.personId,
          createdAt: new Date(Date.now() - (daysAgo + 30) * 86400_000).toISOString(),
        })
        .go();
    await assignment('01J00000000000000000000TEN', 10);
    await assignment('01J0000000000000000000TWOY', 2 * 365);
    const tasks = (await call('GET', '/me/tasks', staff1)).json.items as { assignmentId: string; state: string }[];
    expect(tasks.find((t) => t.assignmentId === '01J00000000000000000000TEN')?.state).toBe('overdue');
    expect(tasks.map((t) => t.assignmentId)).not.toContain('01J0000000000000000000TWOY');
  });

  it('builds on what another instance or device stored since, not on what this process remembers', async () => {
    const course = await publishedCourse(admin, [{ title: '长课', kind: 'text', body: '正文', minSeconds: 600 }]);
    const lessonId = course.lessons[0]!.lessonId;
    const personId = (await call('GET', '/me', staff1)).json.personId as string;
    const base = start();
    const beat = async (ms: number) => {
      at(base, ms);
      return (await call('POST', `/courses/${course.courseId}/study`, staff1, { lessonId, state: 'visible' })).json;
    };
    await beat(0);
    expect((await beat(10_000)).creditedSeconds).toBe(10);
    // Elsewhere, the person's clock moves on: 50 s credited in all, the last heartbeat accepted at 25 s.
    const stored = (await readClock(personId))!;
    const seq = stored.seq + 1;
    expect(await writeClock(personId, { ...stored, seq, open: { ...stored.open!, studiedMs: 50_000, seq }, lastBeatAt: base + 25_000 }, stored.seq)).toBe(true);
    const next = await beat(30_000);
    expect(next.creditedSeconds).toBe(5);
    expect(next.lesson.studiedSeconds).toBe(55);
    expect((await beat(45_000)).lesson.studiedSeconds).toBe(70);
  });

  it('answers a heartbeat for an unknown lesson with 404, and malformed or negative times with 400', async () => {
    const course = await publishedCourse();
    expect((await call('POST', `/courses/${course.courseId}/study`, staff1, { lessonId: '01J0000000000000000000000A', state: 'visible' })).status).toBe(404);
    const lessonId = course.lessons[0]!.lessonId;
    expect((await call('POST', `/courses/${course.courseId}/study`, staff1, { lessonId, state: 'visible', positionSeconds: -5 })).status).toBe(400);
    expect((await call('POST', `/courses/${course.courseId}/study`, staff1, { lessonId, state: 'visible', positionSeconds: 'soon' })).status).toBe(400);
    expect((await call('POST', `/courses/${course.courseId}/study`, staff1, { lessonId, state: 'sleeping' })).status).toBe(400);
    expect((await call('POST', `/courses/${course.courseId}/study`, null, { lessonId, state: 'visible' })).status).toBe(401);
  });
});

describe('materials', () => {
  const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

  async function upload(purpose: string, contentType: string, bytes: Uint8Array, cookie = admin) {
    const created = await call('POST', '/uploads', cookie, { purpose, contentType, size: bytes.byteLength, fileName: 'file' });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const put = await fetch(created.json.url, { method: 'PUT', headers: created.json.headers, body: Buffer.from(bytes) });
    expect(put.status).toBe(200);
    return created.json.uploadId as string;
  }

  it('refuses a wrong type or an oversized file before upload', async () => {
    const wrongType = await call('POST', '/uploads', admin, { purpose: 'pdf', contentType: 'application/x-msdownload', size: 10, fileName: 'a.exe' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.message).toContain('PDF 文件');
    const tooBig = await call('POST', '/uploads', admin, { purpose: 'cover', contentType: 'image/png', size: 6 * 1024 * 1024, fileName: 'big.png' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error.message).toContain('5 MB');
    // A member uploads photos and PDFs for their own records, never a video (course material).
    expect((await call('POST', '/uploads', staff1, { purpose: 'pdf', contentType: 'application/pdf', size: 10, fileName: 'a.pdf' })).status).toBe(201);
    const video = await call('POST', '/uploads', staff1, { purpose: 'video', contentType: 'video/mp4', size: 10, fileName: 'a.mp4' });
    expect(video.status).toBe(403);
    expect(video.json.error.message).toContain('视频只能由课程编辑人员上传');
  });

  it('checks the stored file before a lesson may use it, and hands its address only to those who may see it', async () => {
    let course = (await call('POST', '/courses', admin, { title: `政策文件 ${Date.now()}`, category: 'required', credit: 0.5 })).json;
    const fake = await upload('pdf', 'application/pdf', pngBytes);
    const refused = await call('POST', `/courses/${course.courseId}/lessons`, admin, { version: course.version, title: '文件', kind: 'pdf', minSeconds: 60, uploadId: fake });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('不符');
    const real = await upload('pdf', 'application/pdf', pdfBytes);
    const added = await call('POST', `/courses/${course.courseId}/lessons`, admin, { version: course.version, title: '文件', kind: 'pdf', minSeconds: 60, uploadId: real });
    expect(added.status).toBe(201);
    course = added.json;
    expect(course.lessons[0].materialKey).toMatch(/^uploads\/pdf\//);
    // A draft's material is not handed to learners.
    expect((await call('GET', `/courses/${course.courseId}`, staff1)).status).toBe(404);
    await call('POST', `/courses/${course.courseId}/publish`, admin, { version: course.version });
    const seen = await call('GET', `/courses/${course.courseId}`, staff1);
    // Learners get a short-lived address and the time that completes the lesson, never where the file is stored.
    expect(seen.json.course.lessons[0].materialKey).toBeUndefined();
    expect(seen.json.course.coverKey).toBeUndefined();
    expect(seen.json.course.lessons[0].requiredSeconds).toBe(60);
    expect((await call('GET', `/courses/${course.courseId}`, admin)).json.course.lessons[0].materialKey).toMatch(/^uploads\/pdf\//);
    const listed = ((await call('GET', '/courses', staff1)).json.items as Record<string, unknown>[]).find((c) => c.courseId === course.courseId)!;
    expect(listed).toMatchObject({ lessonCount: 1, requiredSeconds: 60, coverUrl: null });
    expect(listed).not.toHaveProperty('lessons');
    const url = seen.json.course.lessons[0].materialUrl as string;
    // Valid for 10 to 15 minutes, the same address for the same file within a 5-minute window, cacheable that long.
    expect(url).toContain('X-Amz-Expires=900');
    const signedAt = /X-Amz-Date=(\d{8}T\d{6}Z)/.exec(url)![1]!;
    const signedMs = Date.parse(signedAt.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z'));
    expect(signedMs % 300_000).toBe(0);
    expect(Date.now() - signedMs).toBeLessThan(300_000);
    const again = (await call('GET', `/courses/${course.courseId}`, staff1)).json.course.lessons[0].materialUrl as string;
    if (Math.floor(Date.now() / 300_000) * 300_000 === signedMs) expect(again).toBe(url);
    const download = await fetch(url);
    expect(download.headers.get('cache-control')).toBe('private, max-age=300');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdfBytes);
  });

  it('will not take someone else’s upload, or one made for another purpose', async () => {
    const mine = await upload('pdf', 'application/pdf', pdfBytes);
    const course = (await call('POST', '/courses', organizer1, { title: '组织者的课', category: 'party', credit: 0.25 })).json;
    const theirs = await call('POST', `/courses/${course.courseId}/lessons`, organizer1, { version: course.version, title: 'x', kind: 'pdf', minSeconds: 60, uploadId: mine });
    expect(theirs.status).toBe(400);
    const cover = await call('PATCH', `/courses/${course.courseId}`, organizer1, { version: course.version, coverUploadId: mine });
    expect(cover.status).toBe(400);
  });
});
