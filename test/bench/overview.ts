/**
 * The overview and each person's home with 10,000 people in 69 units (the learning bench's organisation: 50 courses
 * assigned to everyone, each person with three started). Printed:
 * - the overview's computation (time, DynamoDB calls, items read);
 * - what a leader's overview and a staff member's home read (calls by command, items, queries): the overview must read
 *   O(units) items (≤ units + 5), the home ≤ 3 queries;
 * - over HTTP, 10 at a time, the p50/p99 of GET /api/overview and GET /api/me/home beside GET /api/me (budget ≤ 2×);
 * - the lag from a course's completion to the overview and the course's completion figures counting it, while 200 learners send heartbeats (real time,
 *   one every 15 s each; the in-process refresher as `npm start` runs it): p99 ≤ 60 s.
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/overview.ts` (also a section of `npm run bench`).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../functions/http/app.js';
import { hashPassword } from '../../functions/platform/passwords.js';
import { getOverview, recomputeOverview, rowOfPerson } from '../../functions/domain/overview/service.js';
import { getHome } from '../../functions/domain/home/service.js';
import { getCourseCompletion } from '../../functions/domain/stats/service.js';
import { refreshStale, startRefreshingInProcess } from '../../functions/jobs/refresh.js';
import { actorOf, httpClient, timedGets, meterDynamo, seedCourses, seedOrganisation, signInAll } from './learning.js';
import { onEnginesOfItsOwn } from './own-engines.js';
import { ms, summarize, table } from './stats.js';

const LEARNERS = 200;
/** How long the learners keep studying while completions are timed. */
const LOAD_MS = 100_000;
const BEAT_EVERY_MS = 15_000;

async function runOverviewBench(log: (line: string) => void) {
  const meter = meterDynamo();
  const { units, people } = await seedOrganisation(await hashPassword('bench-pass-1'), LEARNERS + 3);
  const admin = actorOf(people[0]!);
  const { courses } = await seedCourses(admin, people);

  const computed = await meter.measure(() => recomputeOverview(new Date()));
  const started = performance.now();
  await recomputeOverview(new Date());
  const computeMs = performance.now() - started;
  log(`${people.length} people in ${units.length} units, ${courses.length} courses assigned to everyone; the overview computed in ${ms(computeMs)} (${computed.calls} DynamoDB calls, ${computed.items} items read)`);

  // Reads: a leader of the whole bureau, and a staff member's home (the tree is warm, as in a running instance).
  const root = units.find((u) => u.kind === 'bureau')!;
  const leader = { ...actorOf(people[1]!), roles: [{ role: 'staff' as const }, { role: 'leader' as const, unitId: root.unitId }] };
  const staff = actorOf(people[2]!);
  await getOverview(leader, {});
  await getHome(staff);
  const overview = await meter.measure(() => getOverview(leader, {}));
  const home = await meter.measure(() => getHome(staff));
  const queries = (by: Record<string, number>) => by.QueryCommand ?? 0;
  const overviewBudget = units.length + 5;
  log(
    table(
      ['read', 'DynamoDB calls', 'by command', 'items', 'verdict'],
      [
        ['getOverview (leader of the bureau)', String(overview.calls), Object.entries(overview.byCommand).map(([c, n]) => `${c} ${n}`).join(', '), String(overview.items), overview.items <= overviewBudget ? `PASS (≤ ${overviewBudget} items)` : `OVER (${overviewBudget})`],
        ['getHome (staff)', String(home.calls), Object.entries(home.byCommand).map(([c, n]) => `${c} ${n}`).join(', '), String(home.items), queries(home.byCommand) <= 3 ? 'PASS (≤ 3 queries)' : 'OVER (3 queries)'],
      ],
      new Set([1, 3]),
    ),
  );

  const server = serve({ fetch: createApp().fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  // Idle keep-alive connections outlive a learner's 15 s between heartbeats (as behind a load balancer), so a
  // heartbeat never lands on a socket the server is closing.
  Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // What the seed marked stale (50 assignments) is refreshed first, as `npm start`'s seed does.
  const settled = await meter.measure(() => refreshStale());
  log(`Refreshing what the seed marked stale: ${JSON.stringify(settled.value)} in ${settled.calls} DynamoDB calls`);
  const stopRefreshing = startRefreshingInProcess();
  try {
    const [adminCookie, staffCookie] = await signInAll(base, [people[0]!, people[2]!]);
    const get = httpClient(base, 10);
    await timedGets(get, '/api/me', staffCookie!);
    const me = summarize(await timedGets(get, '/api/me', staffCookie!));
    const overviewHttp = summarize(await timedGets(get, '/api/overview', adminCookie!));
    const homeHttp = summarize(await timedGets(get, '/api/me/home', staffCookie!));
    const verdict = (p99: number) => (p99 <= 2 * me.p99 ? 'PASS' : 'OVER');
    log(
      table(
        ['request (10 at a time)', 'p50', 'p99', 'p99 ÷ /api/me', 'budget ≤ 2×'],
        [
          ['GET /api/me', ms(me.p50), ms(me.p99), '1.00', ''],
          ['GET /api/overview (admin: all 69 units)', ms(overviewHttp.p50), ms(overviewHttp.p99), (overviewHttp.p99 / me.p99).toFixed(2), verdict(overviewHttp.p99)],
          ['GET /api/me/home (staff)', ms(homeHttp.p50), ms(homeHttp.p99), (homeHttp.p99 / me.p99).toFixed(2), verdict(homeHttp.p99)],
        ],
        new Set([1, 2, 3]),
      ),
    );

    // Lag under load: 200 learners study a course each (a 60 s lesson, so it completes after a few heartbeats); when a
    // heartbeat answers that the course completed, the clock starts, and the person's row is polled until the course
    // is no longer among their open tasks.
    const learners = people.slice(3, 3 + LEARNERS);
    const cookies = await signInAll(base, learners);
    const http = httpClient(base, LEARNERS);
    const lags: number[] = [];
    const courseLags: number[] = [];
    const pending: Promise<void>[] = [];
    let beats = 0;
    const until = Date.now() + LOAD_MS;
    await Promise.all(
      learners.map(async (person, w) => {
        // A course this person has not started (seedCourses started courses i, i+17, i+34 mod 50).
        const course = courses[(w * 7 + 5) % courses.length]!;
        const body = JSON.stringify({ lessonId: course.lessonId, state: 'visible' });
        await new Promise((resolve) => setTimeout(resolve, (w * BEAT_EVERY_MS) / LEARNERS));
        let done = false;
        while (Date.now() < until && !done) {
          const res = await http('POST', `/api/courses/${course.courseId}/study`, { 'content-type': 'application/json', cookie: cookies[w]! }, body);
          beats++;
          if (res.status === 200 && (JSON.parse(res.body) as { courseCompletedAt: string | null }).courseCompletedAt) {
            done = true;
            const at = Date.now();
            pending.push(
              (async () => {
                let overviewLag: number | null = null;
                let courseLag: number | null = null;
                while (Date.now() - at < 120_000 && (overviewLag === null || courseLag === null)) {
                  if (overviewLag === null) {
                    const found = await rowOfPerson(person.personId, person.unitId);
                    if (found?.row && !found.row.open.some((t) => t.subjectId === course.courseId)) overviewLag = Date.now() - at;
                  }
                  if (courseLag === null) {
                    const figures = await getCourseCompletion(admin, course.courseId, { unitId: person.unitId });
                    if (figures.people?.some((p) => p.personId === person.personId && p.state === 'done')) courseLag = Date.now() - at;
                  }
                  await new Promise((resolve) => setTimeout(resolve, 500));
                }
                lags.push(overviewLag ?? Number.POSITIVE_INFINITY);
                courseLags.push(courseLag ?? Number.POSITIVE_INFINITY);
              })(),
            );
          }
          await new Promise((resolve) => setTimeout(resolve, BEAT_EVERY_MS));
        }
      }),
    );
    await Promise.all(pending);
    const lagOf = (name: string, all: number[]) => {
      const reached = all.filter((l) => Number.isFinite(l));
      const lag = reached.length ? summarize(reached) : null;
      if (reached.length < all.length) log(`${all.length - reached.length} of ${all.length} completions not counted in ${name} within 120 s`);
      log(
        lag
          ? `Lag from a completion to ${name} counting it, ${LEARNERS} learners heartbeating (${beats} heartbeats, ${all.length} completions): p50 ${ms(lag.p50)}, p99 ${ms(lag.p99)}, max ${ms(Math.max(...all))} — ${lag.p99 <= 60_000 && reached.length === all.length ? 'PASS' : 'OVER'} (≤ 60 s)`
          : `No completion within ${LOAD_MS / 1000} s: lag not measured`,
      );
      return lag;
    };
    const lag = lagOf('the overview', lags);
    const courseLag = lagOf('the course’s completion figures', courseLags);
    return {
      people: people.length,
      units: units.length,
      computeMs: Math.round(computeMs),
      overviewItems: overview.items,
      homeQueries: queries(home.byCommand),
      meP99Ms: me.p99,
      overviewP99Ms: overviewHttp.p99,
      homeP99Ms: homeHttp.p99,
      lagP99Ms: lag?.p99 ?? null,
      courseLagP99Ms: courseLag?.p99 ?? null,
      completions: lags.length,
    };
  } finally {
    stopRefreshing();
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function runOverviewSection(log: (line: string) => void = console.log) {
  return onEnginesOfItsOwn('bench-overview', () => runOverviewBench(log), { dynamoInChildProcess: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runOverviewSection().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
