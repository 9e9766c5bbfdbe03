/**
 * The hall's display: what its page weighs, what one answer reads, and an hour of it in Chromium.
 *
 * 1. The page's HTML + JS (the script is inline) gzipped, and its stylesheet, as the server sends them for the demo
 *    link (budget: HTML + JS ≤ 60 KB gzipped).
 * 2. The DynamoDB items and calls of one getDisplay for the demo hall, then with 100 and 500 more cards in the hall:
 *    every call by command (no Scan), and the items read beside the people shown.
 * 3. An hour of the display in Chromium, compressed in time: the page rotates every 50 ms and polls every 250 ms
 *    (`?rotate=` / `?refresh=`: 240× its real pace of 12 s and 60 s), so one real minute is four simulated hours,
 *    and 15 s are one hour; the JS heap after a forced GC (CDP) at the start, every 10 simulated minutes and at the
 *    end, with the DOM's node count.
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/display.ts` (also a section of `npm run bench`).
 */
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import type { ServerBuild } from '@remix-run/server-runtime';
import { chromium } from '@playwright/test';
import { startEngines } from '../../dev/engines.js';
import { ensureWebBuild, serverBuildPath } from '../../dev/build.js';
import { seedDemo } from '../../dev/seed.js';
import { DEMO_DISPLAY_PATH, DEMO_DISPLAY_TOKEN } from '../../dev/seed-honours.js';
import { aws, resetAwsClients } from '../../functions/platform/aws.js';
import { resetConfig } from '../../functions/platform/config.js';
import { clock } from '../../functions/platform/clock.js';
import { newId } from '../../functions/platform/ids.js';
import { createApp } from '../../functions/http/app.js';
import { getDisplay } from '../../functions/domain/display/service.js';
import { isoWeekday } from '../../functions/domain/pledges/board.js';
import { shanghaiDay } from '../../functions/domain/practice/days.js';
import { loadTree } from '../../functions/domain/org/service.js';
import { putBoardEntry } from '../../functions/domain/pledges/store.js';
import { bytes, table } from './stats.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DISPLAY_PAGE_BUDGET_BYTES = 60 * 1024;
const SPEEDUP = 240;
/** One simulated hour by default; DISPLAY_BENCH_MINUTES runs longer (samples stay every 10 simulated minutes). */
const SIMULATED_MINUTES = Number(process.env.DISPLAY_BENCH_MINUTES ?? 60);

/** Counts every DynamoDB call of the app's client by command, and the items each answered with. */
function meterItems() {
  const calls: { command: string; items: number }[] = [];
  aws().dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const out = result.output as { Count?: number; Item?: unknown; Responses?: Record<string, unknown[]> };
      const items = out.Count ?? (out.Item ? 1 : 0) + Object.values(out.Responses ?? {}).reduce((n, list) => n + list.length, 0);
      calls.push({ command: context.commandName ?? '?', items });
      return result;
    },
    { step: 'initialize', name: 'displayItemMeter' },
  );
  return async <T>(fn: () => Promise<T>) => {
    calls.length = 0;
    const value = await fn();
    const byCommand: Record<string, number> = {};
    for (const call of calls) byCommand[call.command] = (byCommand[call.command] ?? 0) + 1;
    return { value, calls: calls.length, items: calls.reduce((n, c) => n + c.items, 0), byCommand };
  };
}

/** `count` more public cards in the hall, on duty today, each with three approved pledges. */
async function addHallCards(count: number) {
  const tree = await loadTree();
  const hall = tree.ordered().find((unit) => unit.name === '窗口服务中心')!;
  const branch = tree.ordered().find((unit) => unit.kind === 'branch')!;
  const day = shanghaiDay(clock.now());
  const year = Number(day.slice(0, 4));
  const weekday = isoWeekday(day);
  const now = clock.now().toISOString();
  for (let i = 0; i < count; i++) {
    await putBoardEntry({
      ownerKind: 'person',
      ownerId: newId(),
      year,
      name: `窗口人员${i + 1}`,
      branchId: branch.unitId,
      unitId: hall.unitId,
      partyStatus: 'full',
      post: `综合受理 ${i + 1} 号窗口`,
      photo: null,
      dutyDays: [weekday],
      pledges: [1, 2, 3].map((n) => ({
        pledgeId: newId(),
        pledgeCategory: 'service' as const,
        content: `承诺第 ${n} 项：一次性告知，限时办结`,
        measures: '按月自查',
        dueDate: `${year}-12-31`,
        state: 'approved' as const,
        progressCount: n,
        lastProgressAt: now,
      })),
      rating: null,
      updatedAt: now,
    });
  }
}

export async function runDisplaySection(log: (line: string) => void = console.log) {
  const engines = await startEngines({ tableName: 'bench-display', buckets: ['bench-display-uploads'] });
  Object.assign(process.env, engines.env);
  resetConfig();
  resetAwsClients();
  try {
    await seedDemo();
    ensureWebBuild(log);
    const build = (await import(pathToFileURL(resolve(root, serverBuildPath)).href)) as ServerBuild;
    const app = createApp({ web: { build, mode: 'production' } });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((ok) => server.once('listening', ok));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // 1. The page's weight.
      const page = await fetch(`${origin}${DEMO_DISPLAY_PATH}`, { headers: { 'accept-language': 'zh-CN' } });
      const html = Buffer.from(await page.arrayBuffer());
      const css = Buffer.from(await (await fetch(`${origin}/display.css`)).arrayBuffer());
      const scripts = (html.toString('utf8').match(/<script[^>]*src=/g) ?? []).length;
      const htmlGz = gzipSync(html, { level: 9 }).length;
      const cssGz = gzipSync(css, { level: 9 }).length;
      log(
        table(
          ['the display page (demo link)', 'bytes', 'gzip -9'],
          [
            [`HTML with its inline script (status ${page.status}, ${scripts} external scripts)`, bytes(html.length), bytes(htmlGz)],
            ['its stylesheet (/display.css, cached an hour)', bytes(css.length), bytes(cssGz)],
          ],
          new Set([1, 2]),
        ),
      );
      log(`HTML + JS gzipped: ${bytes(htmlGz)} of a ${bytes(DISPLAY_PAGE_BUDGET_BYTES)} budget: ${htmlGz <= DISPLAY_PAGE_BUDGET_BYTES ? 'PASS' : 'OVER'} (with the stylesheet: ${bytes(htmlGz + cssGz)})`);

      // 2. What one answer reads.
      const measure = meterItems();
      const reads: string[][] = [];
      let added = 0;
      for (const more of [0, 100, 500]) {
        await addHallCards(more - added);
        added = more;
        await getDisplay(DEMO_DISPLAY_TOKEN); // warm the org tree, as a running process has it
        const { value, calls, items, byCommand } = await measure(() => getDisplay(DEMO_DISPLAY_TOKEN));
        reads.push([
          more === 0 ? 'demo hall (窗口服务中心 + branch 2)' : `… + ${more} cards in the hall`,
          String(value.people.length),
          String(items),
          String(calls),
          Object.entries(byCommand)
            .map(([command, n]) => `${command.replace('Command', '')} ${n}`)
            .join(', '),
        ]);
      }
      log(table(['getDisplay', 'people shown', 'items read', 'calls', 'by command (no Scan)'], reads, new Set([1, 2, 3])));

      // 3. An hour in Chromium, compressed.
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      });
      try {
        const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
        const tv = await context.newPage();
        const errors: string[] = [];
        tv.on('pageerror', (error) => errors.push(error.message));
        const rotateMs = Math.round(12_000 / SPEEDUP);
        const refreshMs = Math.round(60_000 / SPEEDUP);
        await tv.goto(`${origin}${DEMO_DISPLAY_PATH}?rotate=${rotateMs}&refresh=${refreshMs}`);
        const cdp = await context.newCDPSession(tv);
        await cdp.send('Performance.enable');
        let polls = 0;
        tv.on('request', (request) => {
          if (request.url().includes('/api/display/')) polls++;
        });
        const sample = async (label: string) => {
          await cdp.send('HeapProfiler.collectGarbage');
          const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
          const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
          const nodes = metrics.metrics.find((m) => m.name === 'Nodes')?.value ?? 0;
          const listeners = metrics.metrics.find((m) => m.name === 'JSEventListeners')?.value ?? 0;
          return [label, bytes(heap.usedSize), bytes(heap.totalSize), String(nodes), String(listeners), String(polls)];
        };
        const rows = [await sample('start')];
        const stepMs = (10 * 60_000) / SPEEDUP;
        for (let minute = 10; minute <= SIMULATED_MINUTES; minute += 10) {
          await tv.waitForTimeout(stepMs);
          rows.push(await sample(`${minute} simulated minutes`));
        }
        log(table([`the display in Chromium, ${SPEEDUP}× (rotate ${rotateMs} ms, poll ${refreshMs} ms)`, 'JS heap used', 'heap total', 'DOM nodes', 'listeners', 'polls so far'], rows, new Set([1, 2, 3, 4, 5])));
        // The first minutes warm the page (compiled code, the first answers); growth is read from the warm sample on.
        const used = (row: string[]) => Number(row[1]!.replace(/\D/g, ''));
        const warm = used(rows[Math.min(2, rows.length - 1)]!);
        const last = used(rows[rows.length - 1]!);
        log(`JS heap at the end vs 20 simulated minutes in: ${last >= warm ? '+' : ''}${bytes(last - warm)}; page errors: ${errors.length}; (samples taken during a fetch read higher: the answer being parsed)`);
        await context.close();
      } finally {
        await browser.close();
      }
      return { htmlGzBytes: htmlGz, cssGzBytes: cssGz };
    } finally {
      server.close();
    }
  } finally {
    await engines.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runDisplaySection().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
