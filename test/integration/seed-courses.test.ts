import { beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { useLocalPlatform } from '../helpers/platform.js';
import { seedDemo, type SeedResult } from '../../dev/seed.js';
import { makePdf } from '../../dev/seed-courses.js';
import { aws } from '../../functions/platform/aws.js';
import { clock } from '../../functions/platform/clock.js';
import { config } from '../../functions/platform/config.js';
import { courseById, listCourses } from '../../functions/domain/courses/service.js';
import { allAssignments, listMyTasks } from '../../functions/domain/assignments/service.js';
import { getMyRecord } from '../../functions/domain/study/service.js';
import type { Course } from '../../functions/domain/courses/schema.js';
import { getCourseCompletion } from '../../functions/domain/stats/service.js';
import { everyone } from '../../functions/domain/people/directory.js';
import type { Actor } from '../../functions/domain/authz/permissions.js';
import { renderMarkdown } from '../../web/app/lib/markdown.server.js';

/**
 * The demo courses seeded on a first start (dev/seed-courses.ts, called by seedDemo): they exist, are published,
 * carry real material in storage, are assigned with due dates relative to now, some people studied them, the
 * completion figures were computed, and their Markdown renders through the lesson page's sanitising renderer.
 */

let result: SeedResult;
let courses: Course[];
const actors = new Map<string, Actor>();
const actor = (login: string) => actors.get(login)!;
const titled = (part: string) => {
  const course = courses.find((c) => c.title.includes(part));
  if (!course) throw new Error(`no demo course titled …${part}…`);
  return course;
};

async function firstBytes(key: string, count: number): Promise<string> {
  const object = await aws().s3.send(new GetObjectCommand({ Bucket: config().uploadsBucket, Key: key, Range: `bytes=0-${count - 1}` }));
  return Buffer.from(await object.Body!.transformToByteArray()).toString('latin1');
}

// Seeding is what these tests are about: they seed themselves, on a table of their own.
useLocalPlatform({ seed: false, app: false });

beforeAll(async () => {
  const started = Date.now();
  result = await seedDemo();
  console.log(`seedDemo with courses: ${result.courses} courses in ${Date.now() - started} ms`);
  for (const person of await everyone()) actors.set(person.login, { ...person, mustChangePassword: false, sessionId: 'test' });
  // The catalogue lists them; each is then read whole, lessons included.
  const listed = await listCourses(actor('admin'));
  courses = (await Promise.all(listed.map((course) => courseById(course.courseId)))).filter((course) => course !== undefined);
});

describe('the demo courses', () => {
  it('are seeded with the organisation, published, and put the clock back', () => {
    expect(result.seeded).toBe(true);
    expect(result.courses).toBe(5);
    expect(courses).toHaveLength(5);
    expect(courses.every((course) => course.status === 'published' && course.publishedAt !== null)).toBe(true);
    for (const part of ['五心、三声、十个一点', '放管服', '党史学习教育专题', '一次性告知', '好差评']) expect(titled(part)).toBeTruthy();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('have lessons of every kind with realistic minimum times, and real files in storage', async () => {
    const lessons = courses.flatMap((course) => course.lessons);
    expect(new Set(lessons.map((lesson) => lesson.kind))).toEqual(new Set(['text', 'pdf', 'video', 'link']));
    for (const lesson of lessons.filter((l) => l.kind === 'text')) {
      expect(lesson.minSeconds).toBeGreaterThanOrEqual(3 * 60);
      expect(lesson.minSeconds).toBeLessThanOrEqual(20 * 60);
    }
    const etiquette = titled('五心、三声、十个一点');
    const body = etiquette.lessons.map((lesson) => lesson.body ?? '').join('\n');
    for (const words of ['热心', '耐心', '细心', '诚心', '暖心', '来有迎声', '问有答声', '走有送声', '微笑多一点', '说话轻一点']) expect(body).toContain(words);

    const pdf = lessons.find((lesson) => lesson.kind === 'pdf')!;
    expect(await firstBytes(pdf.materialKey!, 5)).toBe('%PDF-');
    const video = lessons.find((lesson) => lesson.kind === 'video')!;
    expect(video.durationSeconds).toBe(10);
    expect((await firstBytes(video.materialKey!, 8)).slice(4)).toBe('ftyp');
    expect(lessons.find((lesson) => lesson.kind === 'link')!.url).toMatch(/^https:\/\//);
    // The three big courses have a cover picture (JPEG) in storage.
    const covered = courses.filter((course) => course.coverKey);
    expect(covered).toHaveLength(3);
    for (const course of covered) expect(await firstBytes(course.coverKey!, 3)).toBe('\xff\xd8\xff');
  });

  it('are assigned to everyone, to each branch and to Party members, due in about 3 and 20 days', async () => {
    const assignments = await allAssignments();
    expect(assignments.length).toBeGreaterThanOrEqual(5);
    expect(new Set(assignments.map((a) => a.audience.kind))).toEqual(new Set(['everyone', 'units', 'members']));
    const days = assignments.map((a) => Math.round((Date.parse(a.dueAt) - Date.now()) / 86_400_000));
    expect(days).toContain(3);
    expect(days).toContain(20);
    expect(assignments.some((a) => !a.required)).toBe(true);
    for (const part of ['五心、三声、十个一点', '放管服', '党史学习教育专题', '一次性告知']) {
      expect(assignments.some((a) => a.courseId === titled(part).courseId), part).toBe(true);
    }
    // staff1 (branch 1, a Party member) sees the bureau-wide, the branch and the members' assignments.
    const tasks = await listMyTasks(actor('staff1'));
    expect(tasks.flatMap((t) => (t.kind === 'course' ? [t.courseTitle] : []))).toEqual(expect.arrayContaining([titled('五心').title, titled('放管服').title, titled('党史').title]));
    expect(tasks.some((t) => t.state === 'dueSoon')).toBe(true);
    expect(tasks.some((t) => t.state === 'done')).toBe(true);
  });

  it('come with some people’s progress and computed completion figures', async () => {
    const record = await getMyRecord(actor('staff2'));
    expect(record.completed.map((c) => c.title)).toEqual(expect.arrayContaining([titled('五心').title, titled('一次性告知').title]));
    expect(record.inProgress.map((c) => c.title)).toContain(titled('党史').title);
    expect(record.creditThisYear).toBeGreaterThanOrEqual(1.25);
    // Completed in the past, on different days: the record's timeline has something to show.
    expect(new Set(record.completed.map((c) => c.completedAt.slice(0, 10))).size).toBe(2);
    expect(record.completed.every((c) => Date.parse(c.completedAt) < Date.now())).toBe(true);

    const completion = await getCourseCompletion(actor('admin'), titled('五心').courseId);
    expect(completion.asOf).not.toBeNull();
    const root = completion.units.find((unit) => unit.depth === 0)!;
    expect(root.subtree.done).toBeGreaterThanOrEqual(3);
    expect(root.subtree.inProgress).toBeGreaterThanOrEqual(1);
    expect(root.subtree.total).toBe((await everyone()).filter((p) => p.active).length);
  });
});

describe('the lesson page’s Markdown renderer', () => {
  it('drops scripts and javascript: links, and opens other links safely in a new tab', () => {
    const html = renderMarkdown('# 标题\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [中国政府网](https://www.gov.cn/)\n\n<img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://www.gov.cn/" target="_blank" rel="noopener noreferrer">中国政府网</a>');
    expect(html).toContain('<h1>标题</h1>');
  });

  it('renders every seeded text lesson without scripts', () => {
    for (const lesson of courses.flatMap((course) => course.lessons).filter((l) => l.kind === 'text')) {
      const html = renderMarkdown(lesson.body!);
      expect(html, lesson.title).not.toMatch(/<script|javascript:/i);
      expect(html, lesson.title).toMatch(/<(p|ul|ol|h2)>/);
    }
  });

  it('the demo PDF is a well-formed file a reader can open', () => {
    const pdf = Buffer.from(makePdf('标题', ['一行文字'])).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    // Every object sits where the cross-reference table says.
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });
});
