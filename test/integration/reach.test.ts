/**
 * A record out of an actor's reach answers every operation as reading it does: 404, as if it did not exist. The
 * permission matrix checks each operation on one target; this walks every operation of the OpenAPI document that
 * names a course, on a branch-1 draft that only branch 1's editors and admins may see, as each person whose role
 * allows the operation but whom the draft does not reach, with a request the operation would otherwise accept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs, signIn } from '../helpers/sign-in.js';
import { courseFixtures, loadFixtures, loginOf, samples, type Fixtures, type SignedInSubject, sampleContext } from '../helpers/operation-samples.js';

const { app } = useLocalPlatform();
let fixtures: Fixtures;
const sessions = {} as Record<SignedInSubject, string>;
/** Every operation of the document: `METHOD /api/…/{param}/…` → operationId. */
let operations: Array<{ method: string; template: string; operationId: string }>;
/** Those out of the draft's reach: its GET answers them 404. */
const outsiders = ['organizer2', 'leader', 'staff1'] as const satisfies readonly SignedInSubject[];

const ctx = sampleContext(() => ({ app, fixtures, adminCookie: sessions.admin }), 'reach');

beforeAll(async () => {
  for (const subject of ['admin', 'organizer1', ...outsiders] as const) sessions[subject] = await signIn(app, loginOf[subject]);
  fixtures = await loadFixtures(app, sessions.admin);
  const doc = await requestAs(app, null, 'GET', '/api/openapi.json');
  operations = Object.entries(doc.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), template: `/api${path}`, operationId: op.operationId })));
});

/** The values a sample's path gives its template's parameters. */
function paramsOf(template: string, path: string): Record<string, string> {
  const names: string[] = [];
  const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/?]+)'))}(?:\\?.*)?$`);
  const match = pattern.exec(path);
  if (!match) throw new Error(`${path} does not fit ${template}`);
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
}

/**
 * Calls every operation whose path names `param` on `target`, as each outsider whose role allows it, with the
 * request its permission sample makes (so the body is one the operation accepts), and expects 404 throughout.
 */
async function expectAbsentEverywhere(param: string, target: Record<string, string>, who: readonly SignedInSubject[], readPath: string) {
  const named = operations.filter((op) => op.template.includes(`{${param}}`));
  expect(named.length).toBeGreaterThan(1);
  const checked: string[] = [];
  for (const subject of who) {
    expect((await requestAs(app, sessions[subject], 'GET', readPath)).status, `reading ${readPath} as ${subject}`).toBe(404);
    for (const op of named) {
      const ofOperation = samples.filter((s) => s.operationId === op.operationId);
      const sample = ofOperation[0];
      expect(sample, `a sample for ${op.operationId}`).toBeDefined();
      // Only where the role itself allows the operation (some sample allows it, or keeps it out only by reach): a
      // role that may not answers 403, which tells nothing about the target.
      if (!ofOperation.some((s) => s.expect[subject] === 'allow' || s.outOfReach?.includes(subject))) continue;
      const request = await sample!.build(ctx);
      const params: Record<string, string> = { ...paramsOf(op.template, request.path), ...target };
      const query = request.path.includes('?') ? request.path.slice(request.path.indexOf('?')) : '';
      const path = op.template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!) + query;
      const res = await requestAs(app, sessions[subject], request.method, path, request.body);
      expect(res.status, `${op.operationId} as ${subject}: ${JSON.stringify(res.body)}`).toBe(404);
      checked.push(`${op.operationId}/${subject}`);
    }
  }
  return checked;
}

describe('a record out of reach', () => {
  it('a course: answers 404 to every operation on it, as reading it does', async () => {
    const { draftId, draftLessonId } = await courseFixtures(ctx);
    const checked = await expectAbsentEverywhere('courseId', { courseId: draftId, lessonId: draftLessonId }, outsiders, `/api/courses/${draftId}`);
    // The walk reached the operations that once told more (refreshing a draft's figures among them).
    expect(checked).toContain('refreshCourseCompletion/organizer2');
    expect(checked).toContain('getCourseCompletion/leader');
    expect(checked).toContain('updateCourse/organizer2');
  });

  it('a person: answers 404 to every operation on them, as reading them does', async () => {
    const staff3 = fixtures.person.staff3!;
    const checked = await expectAbsentEverywhere('personId', { personId: staff3 }, ['organizer1'], `/api/people/${staff3}`);
    expect(checked).toContain('getPerson/organizer1');
  });
});
