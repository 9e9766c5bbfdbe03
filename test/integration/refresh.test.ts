/**
 * The refresher (decision 042) on the demo installation: a round answers every marked course from one read of what
 * they share, clears the marks it answered (and keys no area answers to, so they cannot keep it going round), and a
 * round out of time leaves the later subjects marked for the next.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshStale } from '../../functions/jobs/refresh.js';
import { refreshSubjectsFigures } from '../../functions/domain/stats/service.js';
import { markStale, staleMarks } from '../../functions/platform/stale.js';
import { useLocalPlatform } from '../helpers/platform.js';

const { call, signIn } = useLocalPlatform();

let admin = '';
let courseIds: string[] = [];
let staff1 = '';
let staff1Unit = '';

beforeAll(async () => {
  admin = await signIn('admin');
  const person = (await call('GET', '/people?limit=200', admin)).json.items.find((p: { login: string }) => p.login === 'staff1') as { personId: string; unitId: string };
  staff1 = person.personId;
  staff1Unit = person.unitId;
  const listed = (await call('GET', '/courses', admin)).json as { items?: { courseId: string; status?: string }[] } | { courseId: string }[];
  const list = Array.isArray(listed) ? listed : (listed.items ?? []);
  courseIds = [];
  const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  for (const { courseId } of list) {
    const res = await call('POST', `/courses/${courseId}/assignments`, admin, { audience: { kind: 'people', personIds: [staff1] }, required: true, dueAt: due });
    if (res.status === 201) courseIds.push(courseId);
    if (courseIds.length === 2) break;
  }
  expect(courseIds).toHaveLength(2);
});

const asOf = async (courseId: string) => (await call('GET', `/courses/${courseId}/completion`, admin)).json.asOf as string;

describe('the refresher', () => {
  it('follows one person’s progress in their unit alone, and the sums above it', async () => {
    // A course staff1 has not started (the demo seed's progress is in other courses for some of them).
    let courseId = '';
    let lessonId = '';
    for (const id of courseIds) {
      const drill = await call('GET', `/courses/${id}/completion?unitId=${staff1Unit}`, admin);
      const me = (drill.json.people as { personId: string; state: string }[]).find((p) => p.personId === staff1);
      if (me?.state === 'notStarted') {
        courseId = id;
        lessonId = (await call('GET', `/courses/${id}`, admin)).json.course.lessons[0].lessonId as string;
        break;
      }
    }
    expect(courseId, 'a course staff1 has not started').not.toBe('');
    const units = async () => new Map(((await call('GET', `/courses/${courseId}/completion`, admin)).json.units as { unitId: string; computedAt: string; subtree: { inProgress: number } }[]).map((u) => [u.unitId, u]));
    const before = await units();
    const staff = await signIn('staff1');
    expect((await call('POST', `/courses/${courseId}/study`, staff, { lessonId, state: 'visible' })).status).toBe(200);
    const marks = (await staleMarks()).map((m) => m.key);
    expect(marks, 'the start marked the course for staff1 alone').toContain(`course#${courseId}#${staff1}`);
    expect(await refreshSubjectsFigures([`course#${courseId}#${staff1}`])).toEqual([`course#${courseId}#${staff1}`]);
    const drill = await call('GET', `/courses/${courseId}/completion?unitId=${staff1Unit}`, admin);
    expect((drill.json.people as { personId: string; state: string }[]).find((p) => p.personId === staff1)?.state).toBe('inProgress');
    const after = await units();
    expect(after.get(staff1Unit)!.subtree.inProgress).toBe(before.get(staff1Unit)!.subtree.inProgress + 1);
    for (const [unitId, unit] of after) expect(unit.computedAt, 'no unit claims a newer computation than it had').toBe(before.get(unitId)!.computedAt);
  });

  it('answers the courses marked, in the order given, until its time is up', async () => {
    const keys = courseIds.map((id) => `course#${id}`);
    expect(await refreshSubjectsFigures(['overview', 'course#a#b#c', ...keys], Date.now() - 1), 'the first subject is answered even out of time; the rest wait').toEqual([keys[0]]);
    expect(await refreshSubjectsFigures(keys)).toEqual(keys);
  });

  it('recomputes every marked course in one run and leaves nothing marked, not even a key nobody answers to', async () => {
    const before = await Promise.all(courseIds.map(asOf));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await markStale(...courseIds.map((id) => `course#${id}`), 'overview', 'course#not#a#subject');
    const result = await refreshStale();
    expect(result.busy).toBeUndefined();
    expect(await staleMarks()).toEqual([]);
    const after = await Promise.all(courseIds.map(asOf));
    for (const [i, time] of after.entries()) expect(time > before[i]!, `course ${i + 1} recomputed`).toBe(true);
  });
});
