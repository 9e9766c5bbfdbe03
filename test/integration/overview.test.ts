/**
 * The overview and each person's home after the demo seed, through the real app: leaders read units' shares (never a
 * ranking of people), the walls between branches hold, a new assignment's figures exist at once, and the overview
 * follows a write within the bound with nobody pressing a button (the in-process refresher, as `npm start` runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUnits } from '../../dev/seed-data.js';
import { startRefreshingInProcess } from '../../functions/jobs/refresh.js';
import { useLocalPlatform } from '../helpers/platform.js';

const { app, call, signIn } = useLocalPlatform();

let admin = '';
let leader = '';
let organizer1 = '';
let organizer2 = '';
let staff1 = '';
let units: Record<string, string>;
let people: Record<string, string>;
let stopRefreshing = () => {};

beforeAll(async () => {
  [admin, leader, organizer1, organizer2, staff1] = await Promise.all([signIn('admin'), signIn('leader'), signIn('organizer1'), signIn('organizer2'), signIn('staff1')]);
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const everyone = await call('GET', '/people?limit=200', admin);
  people = Object.fromEntries((everyone.json.items as { login: string; personId: string }[]).map((p) => [p.login, p.personId]));
  stopRefreshing = startRefreshingInProcess(200);
});

afterAll(() => stopRefreshing());

type Figure = { requirement: string; met: number; of: number; share: number | null; colour: string | null };
type Row = { personId: string; name: string; courses: { required: number }; meets: Record<string, boolean | null> };

describe('the overview', () => {
  it('gives a leader every unit of their reach with shares and colours, and names nobody', async () => {
    const res = await call('GET', '/overview', leader);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const units = res.json.units as { unitId: string; people: number; figures: Figure[] }[];
    expect(units.length).toBeGreaterThan(3);
    expect(res.json.asOf).not.toBeNull();
    const top = units[0]!;
    expect(top.people).toBeGreaterThan(5);
    for (const figure of top.figures) {
      expect(figure.met).toBeLessThanOrEqual(figure.of);
      if (figure.of > 0) expect(['green', 'amber', 'red']).toContain(figure.colour);
    }
    // A ranking of people would need their names: the overview holds none.
    expect(JSON.stringify(res.json)).not.toContain(people.staff1);
    expect(res.json.trends[0].points.length).toBeGreaterThan(0);
  });

  it('is refused to staff, and a branch outside an organizer’s reach does not exist for them', async () => {
    expect((await call('GET', '/overview', staff1)).status).toBe(403);
    expect((await call('GET', `/overview/units/${units.branch1}`, organizer2)).status).toBe(404);
    expect((await call('GET', `/overview/people/${people.staff1}`, organizer2)).status).toBe(404);
    const own = await call('GET', `/overview/people/${people.staff1}`, staff1);
    expect(own.status, JSON.stringify(own.json)).toBe(200);
    expect(own.json.sheet.name).toBe(own.json.person.name);
  });

  it('exports exactly the units on screen as a workbook, audited', async () => {
    const res = await app.request(`/api/overview/export?unitId=${units.branch1}`, { headers: { cookie: organizer1 } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const audit = await call('GET', '/audit?action=exportOverview', await signIn('auditor'));
    expect((audit.json.items as { action: string }[]).some((e) => e.action === 'exportOverview')).toBe(true);
  });
});

describe('figures that are never stale', () => {
  it('a new assignment’s figures exist at once, and the overview counts it within 60 s', async () => {
    const unitId = (await call('GET', `/people/${people.staff1}`, admin)).json.unitId as string;
    const unit = await call('GET', `/overview/units/${unitId}`, admin);
    expect(unit.status, JSON.stringify(unit.json)).toBe(200);
    const before = (unit.json.people as Row[]).find((p) => p.personId === people.staff1);
    expect(before).toBeDefined();

    const courses = (await call('GET', '/courses', organizer1)).json as { items?: { courseId: string }[] } | { courseId: string }[];
    const list = Array.isArray(courses) ? courses : (courses.items ?? []);
    const courseId = list[0]!.courseId;
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const assigned = await call('POST', `/courses/${courseId}/assignments`, organizer1, { audience: { kind: 'people', personIds: [people.staff1] }, required: true, dueAt: due });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(201);

    const figures = await call('GET', `/courses/${courseId}/completion?assignmentId=${assigned.json.assignmentId}`, organizer1);
    expect(figures.status).toBe(200);
    expect(figures.json.asOf, 'computed at once, not "never computed"').not.toBeNull();

    const started = Date.now();
    let after: Row | undefined;
    while (Date.now() - started < 60_000) {
      const res = await call('GET', `/overview/units/${unitId}`, admin);
      after = (res.json.people as Row[]).find((p) => p.personId === people.staff1);
      if (after && after.courses.required > before!.courses.required) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(after!.courses.required, 'the overview counted the new required course').toBe(before!.courses.required + 1);
  }, 90_000);
});

describe('the home', () => {
  it('shows staff what is due, overdue first, and an organizer their branches’ worklists', async () => {
    const mine = await call('GET', '/me/home', staff1);
    expect(mine.status, JSON.stringify(mine.json)).toBe(200);
    const states = (mine.json.due as { state: string }[]).map((d) => d.state);
    const firstNotOverdue = states.findIndex((s) => s !== 'overdue');
    if (firstNotOverdue >= 0) expect(states.slice(firstNotOverdue)).not.toContain('overdue');
    expect(mine.json.credit).not.toBeNull();
    expect(mine.json.branches).toEqual([]);
    const organizer = await call('GET', '/me/home', organizer1);
    expect(organizer.status).toBe(200);
    expect((organizer.json.branches as { branchId: string }[]).map((b) => b.branchId)).toContain(units.branch1);
    expect((await call('GET', '/me/home', leader)).json.overview.length).toBeGreaterThan(0);
  });
});
