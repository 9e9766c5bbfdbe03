/**
 * The year's review sheets at size, on the real platform (dynalite + s3rver in this process, the demo seed, the one
 * Hono app in-process): getReviewSheet for the demo's branch 1 and for a branch of 100 members, beside an
 * authenticated GET /api/me in the same run; the DynamoDB calls and items each read; and the workbook's bytes. The
 * bench branch's members are written straight through the people store with no other facts: the reads per member
 * (one study query, one quiz query) are made whatever they hold.
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/review-sheet.ts` (also a section of `npm run bench`).
 */
import { pathToFileURL } from 'node:url';
import { onEnginesOfItsOwn } from './own-engines.js';
import { seedDemo } from '../../dev/seed.js';
import { seedUnits } from '../../dev/seed-data.js';
import { meterDynamo } from './learning.js';
import { createApp } from '../../functions/http/app.js';
import { loadFreshTree } from '../../functions/domain/org/service.js';
import { requestAs, signIn as signInAs } from '../helpers/sign-in.js';
import { writeBranchPeople } from './branch-people.js';
import { bytes, ms, round, summarize, table } from './stats.js';

const RUNS = 20;
export const REVIEW_BENCH_MEMBERS = 100;

export interface ReviewSheetFigure {
  what: string;
  members: number;
  p50Ms: number;
  p99Ms: number;
  calls: number;
  items: number;
  bytes: number;
}

export async function runReviewSheetSection(log: (line: string) => void = console.log): Promise<ReviewSheetFigure[]> {
  return onEnginesOfItsOwn('bench-review-sheet', () => measure(log));
}

async function measure(log: (line: string) => void): Promise<ReviewSheetFigure[]> {
  await seedDemo();
  const app = createApp();
  const [admin, organizer1] = [await signInAs(app, 'admin', 'demo1234'), await signInAs(app, 'organizer1', 'demo1234')];
  const tree = await loadFreshTree();
  const unitId = (key: string) => tree.ordered().find((u) => u.name === seedUnits.find((s) => s.key === key)!.name)!.unitId;
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

  const created = await requestAs(app, admin, 'POST', '/api/units', { name: '基准测试党支部', kind: 'branch', parentId: unitId('bureau') });
  if (created.status !== 201) throw new Error(`creating the bench branch answered ${created.status}: ${JSON.stringify(created.body)}`);
  const bigBranch = (created.body as { unitId: string }).unitId;
  log(`writing ${REVIEW_BENCH_MEMBERS} members of a bench branch…`);
  await writeBranchPeople(bigBranch, REVIEW_BENCH_MEMBERS - 1, '评议党员', 'rv');

  const timed = async (cookie: string, path: string) => {
    const samples: number[] = [];
    let last = { status: 0, size: 0 };
    for (let i = 0; i < RUNS + 2; i++) {
      const t0 = performance.now();
      const res = await app.request(`http://localhost${path}`, { headers: { cookie } });
      const body = new Uint8Array(await res.arrayBuffer());
      if (i >= 2) samples.push(performance.now() - t0);
      last = { status: res.status, size: body.byteLength };
    }
    if (last.status !== 200) throw new Error(`${path} answered ${last.status}`);
    return { summary: summarize(samples), size: last.size };
  };
  const meter = meterDynamo();
  const once = async (cookie: string, path: string) => meter.measure(async () => (await app.request(`http://localhost${path}`, { headers: { cookie } })).arrayBuffer());

  const figures: ReviewSheetFigure[] = [];
  const me = await timed(organizer1, '/api/me');
  figures.push({ what: 'GET /api/me (organizer1)', members: 0, p50Ms: round(me.summary.p50), p99Ms: round(me.summary.p99), calls: 0, items: 0, bytes: me.size });
  for (const [label, branchId, cookie] of [
    ['branch 1 (demo)', unitId('branch1'), organizer1],
    [`bench branch`, bigBranch, admin],
  ] as const) {
    const query = `branchId=${branchId}&year=${year}`;
    const sheet = await timed(cookie, `/api/review-sheets?${query}`);
    const reads = await once(cookie, `/api/review-sheets?${query}`);
    const members = ((await requestAs(app, cookie, 'GET', `/api/review-sheets?${query}`)).body as { sheets: unknown[] }).sheets.length;
    figures.push({ what: `getReviewSheet, ${label}`, members, p50Ms: round(sheet.summary.p50), p99Ms: round(sheet.summary.p99), calls: reads.calls, items: reads.items, bytes: sheet.size });
    const book = await timed(cookie, `/api/review-sheets/export?${query}`);
    const bookReads = await once(cookie, `/api/review-sheets/export?${query}`);
    figures.push({ what: `exportReviewSheet, ${label}`, members, p50Ms: round(book.summary.p50), p99Ms: round(book.summary.p99), calls: bookReads.calls, items: bookReads.items, bytes: book.size });
  }
  return figures;
}

export function reportReviewSheet(figures: readonly ReviewSheetFigure[], log: (line: string) => void = console.log): void {
  const floor = figures[0]!.p50Ms;
  log(
    table(
      ['call', 'members', 'p50', 'p99', 'p50 / me', 'DynamoDB calls', 'items read', 'bytes answered'],
      figures.map((f) => [f.what, f.members ? String(f.members) : '', ms(f.p50Ms), ms(f.p99Ms), f.members ? `${round(f.p50Ms / floor, 1)}×` : '', f.calls ? String(f.calls) : '', f.items ? String(f.items) : '', bytes(f.bytes)]),
      new Set([1, 2, 3, 4, 5, 6, 7]),
    ),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const figures = await runReviewSheetSection();
  reportReviewSheet(figures);
  console.log(`BENCH_JSON ${JSON.stringify({ reviewSheet: figures })}`);
  process.exit(0);
}
