/**
 * Uploads end to end, through the app against s3rver: the browser's presigned PUT names only an incoming key; the
 * check copies the bytes it checked to the key readers get; a PUT replayed with the old address changes nothing a
 * reader receives; downloads carry the type and disposition the platform decided; types a browser would run are
 * refused; refusals name the kinds of file in the person's language.
 *
 * s3rver does not verify signatures or If-Match conditions: these tests show the key design (which keys a
 * presigned PUT can name, which keys readers are handed), not S3's enforcement of a signature.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { useLocalPlatform } from '../helpers/platform.js';
import { signIn as signInAs } from '../helpers/sign-in.js';
import { aws } from '../../functions/platform/aws.js';
import { config } from '../../functions/platform/config.js';
import { incomingPrefix, storedPrefix } from '../../functions/domain/uploads/keys.js';
import { uploadEntity } from '../../functions/domain/uploads/entities.js';

const { app, call } = useLocalPlatform();
let admin: string, organizer1: string, staff1: string;

beforeAll(async () => {
  admin = await signInAs(app, 'admin');
  organizer1 = await signInAs(app, 'organizer1');
  staff1 = await signInAs(app, 'staff1');
});

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** The key a presigned URL names (path style: /bucket/key). */
function keyOf(url: string): string {
  const path = decodeURIComponent(new URL(url).pathname).slice(1);
  return path.slice(path.indexOf('/') + 1);
}

async function stored(key: string): Promise<Uint8Array | undefined> {
  try {
    const object = await aws().s3.send(new GetObjectCommand({ Bucket: config().uploadsBucket, Key: key }));
    return await object.Body!.transformToByteArray();
  } catch {
    return undefined;
  }
}

async function exists(key: string): Promise<boolean> {
  try {
    await aws().s3.send(new HeadObjectCommand({ Bucket: config().uploadsBucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

async function slot(purpose: string, contentType: string, bytes: Uint8Array, cookie = admin, fileName = 'file') {
  const created = await call('POST', '/uploads', cookie, { purpose, contentType, size: bytes.byteLength, fileName });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json as { uploadId: string; url: string; headers: Record<string, string> };
}

async function put(target: { url: string; headers: Record<string, string> }, bytes: Uint8Array) {
  const answer = await fetch(target.url, { method: 'PUT', headers: target.headers, body: Buffer.from(bytes) });
  expect(answer.status).toBe(200);
}

/** A published course of admin's with one PDF lesson using the upload; the lesson as a learner (staff1) gets it. */
async function publishedPdfLesson(uploadId: string, title = '服务规范') {
  let course = (await call('POST', '/courses', admin, { title: `上传检查 ${Date.now()}`, category: 'required', credit: 0.5 })).json;
  const added = await call('POST', `/courses/${course.courseId}/lessons`, admin, { version: course.version, title, kind: 'pdf', minSeconds: 60, uploadId });
  expect(added.status, JSON.stringify(added.json)).toBe(201);
  course = added.json;
  expect((await call('POST', `/courses/${course.courseId}/publish`, admin, { version: course.version })).status).toBe(200);
  const seen = await call('GET', `/courses/${course.courseId}`, staff1);
  expect(seen.status).toBe(200);
  return { course, lesson: seen.json.course.lessons[0] as { materialUrl: string }, materialKey: course.lessons[0].materialKey as string };
}

describe('a checked upload cannot be swapped', () => {
  it('a PUT replayed with the old address after the check changes nothing a reader receives', async () => {
    const checkedBytes = pdf('the checked file');
    const target = await slot('pdf', 'application/pdf', checkedBytes);
    // The presigned PUT names an incoming key, never a key readers are handed.
    const putKey = keyOf(target.url);
    expect(putKey.startsWith(incomingPrefix)).toBe(true);
    await put(target, checkedBytes);

    const checked = await call('POST', `/uploads/${target.uploadId}/check`, admin);
    expect(checked.status, JSON.stringify(checked.json)).toBe(200);
    expect(checked.json).toMatchObject({ uploadId: target.uploadId, status: 'verified', contentType: 'application/pdf', size: checkedBytes.byteLength });
    // The incoming object is gone once its bytes were copied.
    expect(await exists(putKey)).toBe(false);

    const { lesson, materialKey } = await publishedPdfLesson(target.uploadId);
    expect(materialKey.startsWith(storedPrefix)).toBe(true);
    expect(materialKey).not.toBe(putKey);
    expect(keyOf(lesson.materialUrl)).toBe(materialKey);

    // The same address again, with other bytes of the same type and length (the URL is still valid).
    const swapped = pdf('another file!!!!');
    expect(swapped.byteLength).toBe(checkedBytes.byteLength);
    await put(target, swapped);
    // Checking again, or using the upload again, does not take the new bytes in.
    expect((await call('POST', `/uploads/${target.uploadId}/check`, admin)).status).toBe(200);
    const again = await publishedPdfLesson(target.uploadId, '再用一次');
    expect(again.materialKey).toBe(materialKey);

    // Readers still receive exactly the checked bytes.
    const download = await fetch(lesson.materialUrl);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(checkedBytes);
    expect(await stored(materialKey)).toEqual(checkedBytes);
    const secondDownload = await fetch(again.lesson.materialUrl);
    expect(new Uint8Array(await secondDownload.arrayBuffer())).toEqual(checkedBytes);
  });

  it('a file used without an explicit check is checked and moved all the same', async () => {
    const bytes = pdf('used straight away');
    const target = await slot('pdf', 'application/pdf', bytes);
    await put(target, bytes);
    const { materialKey, lesson } = await publishedPdfLesson(target.uploadId);
    expect(materialKey.startsWith(storedPrefix)).toBe(true);
    expect(await exists(keyOf(target.url))).toBe(false);
    expect(new Uint8Array(await (await fetch(lesson.materialUrl)).arrayBuffer())).toEqual(bytes);
  });

  it('refuses a file that is not what it claims, deletes it, and never moves it where readers are', async () => {
    const target = await slot('pdf', 'application/pdf', png);
    await put(target, png);
    const refused = await call('POST', `/uploads/${target.uploadId}/check`, admin);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('文件内容与文件类型不符');
    expect(await exists(keyOf(target.url))).toBe(false);
    expect(await exists(keyOf(target.url).replace(incomingPrefix, storedPrefix))).toBe(false);
    // Checked again: the file is gone, so it has not finished uploading.
    expect((await call('POST', `/uploads/${target.uploadId}/check`, admin)).json.error.message).toContain('还没有上传完成');
  });

  it('says when the file was never stored, and when it arrived at another size', async () => {
    const never = await slot('pdf', 'application/pdf', pdf('never sent'));
    const missing = await call('POST', `/uploads/${never.uploadId}/check`, admin);
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toContain('还没有上传完成');
    // s3rver does not hold a PUT to its signed length (S3 does): the check does.
    const short = await slot('pdf', 'application/pdf', pdf('declared longer than sent'));
    await fetch(short.url, { method: 'PUT', headers: short.headers, body: Buffer.from(pdf('short')) });
    const incomplete = await call('POST', `/uploads/${short.uploadId}/check`, `${admin}; lang=en`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.json.error.message).toContain('not the size of the file chosen');
  });

  it('checks run at once agree: every answer is 200 and the stored file is the checked one', async () => {
    const bytes = pdf('checked ten times at once');
    const target = await slot('pdf', 'application/pdf', bytes);
    await put(target, bytes);
    const answers = await Promise.all(Array.from({ length: 10 }, () => call('POST', `/uploads/${target.uploadId}/check`, admin)));
    expect(answers.map((a) => a.status), JSON.stringify(answers.filter((a) => a.status !== 200))).toEqual(Array(10).fill(200));
    expect(await stored(keyOf(target.url).replace(incomingPrefix, storedPrefix))).toEqual(bytes);
  });

  it('a check that died holding the upload holds it only for its time', async () => {
    const bytes = pdf('after a crashed check');
    const target = await slot('pdf', 'application/pdf', bytes);
    await put(target, bytes);
    // As a check that stopped half-way (a Lambda timed out) leaves it: held until a minute ago.
    await uploadEntity().patch({ uploadId: target.uploadId }).set({ checkingUntil: Math.floor(Date.now() / 1000) - 60 }).go();
    const checked = await call('POST', `/uploads/${target.uploadId}/check`, admin);
    expect(checked.status, JSON.stringify(checked.json)).toBe(200);
    const { data } = await uploadEntity().get({ uploadId: target.uploadId }).go();
    expect(data).toMatchObject({ status: 'verified' });
    expect(data!.checkingUntil).toBeUndefined();
  });

  it('only the uploader checks an upload: others (staff too), and unknown ids, get 404; nobody signed in 401', async () => {
    const bytes = pdf('admin only');
    const target = await slot('pdf', 'application/pdf', bytes);
    await put(target, bytes);
    expect((await call('POST', `/uploads/${target.uploadId}/check`, organizer1)).status).toBe(404);
    expect((await call('POST', `/uploads/01J00000000000000000000000/check`, admin)).status).toBe(404);
    expect((await call('POST', `/uploads/${'x'.repeat(41)}/check`, admin)).status).toBe(400);
    expect((await call('POST', `/uploads/${target.uploadId}/check`, staff1)).status).toBe(404);
    expect((await call('POST', `/uploads/${target.uploadId}/check`, null)).status).toBe(401);
    // organizer1's attempt changed nothing: the upload is still pending and checks for its owner.
    expect(await exists(keyOf(target.url))).toBe(true);
    expect((await call('POST', `/uploads/${target.uploadId}/check`, admin)).status).toBe(200);
  });
});

describe('downloads carry the type and disposition the platform decided', () => {
  it('a PDF is shown inline as application/pdf under the lesson’s name, whatever it was uploaded as', async () => {
    const bytes = pdf('inline');
    const target = await slot('pdf', 'application/pdf', bytes, admin, 'upload name.pdf');
    await put(target, bytes);
    const { lesson } = await publishedPdfLesson(target.uploadId, '第三课 “放管服”改革');
    const url = new URL(lesson.materialUrl);
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    const download = await fetch(lesson.materialUrl);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    const disposition = download.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^inline; filename="[\w.-]+\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("''")[1]!)).toBe('第三课 “放管服”改革.pdf');
  });

  it('a cover picture is shown inline as its checked image type', async () => {
    const target = await slot('cover', 'image/png', png);
    await put(target, png);
    let course = (await call('POST', '/courses', admin, { title: `封面 ${Date.now()}`, category: 'required', credit: 0.5 })).json;
    const updated = await call('PATCH', `/courses/${course.courseId}`, admin, { version: course.version, coverUploadId: target.uploadId });
    expect(updated.status, JSON.stringify(updated.json)).toBe(200);
    course = (await call('GET', `/courses/${course.courseId}`, admin)).json.course;
    const download = await fetch(course.coverUrl);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^inline; /);
  });
});

describe('what may be uploaded', () => {
  it('refuses HTML, SVG and other types a browser would run, naming the kinds accepted in the person’s language', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['cover', 'image/svg+xml', 'JPG、PNG 或 WebP 图片', 'Upload a JPG, PNG or WebP picture'],
      ['cover', 'text/html', 'JPG、PNG 或 WebP 图片', 'a JPG, PNG or WebP picture'],
      ['pdf', 'text/html', 'PDF 文件', 'a PDF file'],
      ['pdf', 'application/xhtml+xml', 'PDF 文件', 'a PDF file'],
      ['pdf', 'application/x-msdownload', 'PDF 文件', 'a PDF file'],
      ['video', 'image/svg+xml', 'MP4 或 WebM 视频', 'an MP4 or WebM video'],
      ['video', 'text/javascript', 'MP4 或 WebM 视频', 'an MP4 or WebM video'],
    ];
    for (const [purpose, contentType, zh, en] of cases) {
      const inChinese = await call('POST', '/uploads', admin, { purpose, contentType, size: 10, fileName: 'a' });
      expect(inChinese.status, `${purpose} ${contentType}`).toBe(400);
      expect(inChinese.json.error.message).toContain(zh);
      expect(inChinese.json.error.message).not.toMatch(/\w+\/[\w.+-]+/);
      const inEnglish = await call('POST', '/uploads', `${admin}; lang=en`, { purpose, contentType, size: 10, fileName: 'a' });
      expect(inEnglish.json.error.message).toContain(en);
    }
  });

  it('accepts the declared type in any letter case, storing it in the usual form', async () => {
    const target = await slot('cover', 'IMAGE/PNG', png);
    expect(target.headers['content-type']).toBe('image/png');
    expect(keyOf(target.url)).toMatch(/^incoming\/cover\/\w+\.png$/);
  });
});
