/**
 * Roster import at size: a generated 5,000-row roster previewed and confirmed on a fresh table (every row a new
 * person), then the same file again (every row unchanged), then with every name changed (every row an update).
 * Through the whole app in-process (`app.request`, multipart upload, the admin's session), on dynalite and s3rver.
 *
 * Run alone with `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/import.ts`; `npm run bench` runs it too.
 */
import { pathToFileURL } from 'node:url';
import { startEngines } from '../../dev/engines.js';
import { ms, round, table } from './stats.js';

export const IMPORT_ROWS = 5_000;

export interface ImportStep {
  name: string;
  rows: number;
  previewMs: number;
  confirmMs: number;
  totalMs: number;
  rowsPerSecond: number;
  outcome: string;
}

export interface ImportFigures {
  rows: number;
  fileBytes: number;
  steps: ImportStep[];
}

const units = [
  '县政务服务管理局/机关第一党支部/第一支部综合党小组',
  '县政务服务管理局/机关第一党支部/第一支部审批党小组',
  '县政务服务管理局/机关第二党支部（窗口党支部）/综合受理窗口党小组',
  '县政务服务管理局/机关第二党支部（窗口党支部）/专区窗口党小组',
  '县政务服务管理局/机关第三党支部（离退休及后勤）',
  '县政务服务管理局/综合科',
  '县政务服务管理局/窗口服务中心',
];

/** A roster of `rows` people spread over the demo organisation; `suffix` changes every name (for an update run). */
export function generateRoster(rows: number, suffix = ''): string {
  const lines = ['姓名,登录名,所在单位,政治面貌,角色'];
  for (let i = 0; i < rows; i++) {
    const unit = units[i % units.length]!;
    const department = unit.endsWith('科') || unit.endsWith('中心');
    const status = department ? '群众' : i % 5 === 0 ? '预备党员' : '正式党员';
    const roles = i % 250 === 0 && !department ? `组织者@${unit.split('/').slice(0, 2).join('/')}` : '';
    lines.push(`测试人员${i}${suffix},bench${String(i).padStart(5, '0')},${unit},${status},${roles}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

export async function benchImport(rows = IMPORT_ROWS): Promise<ImportFigures> {
  const engines = await startEngines({ tableName: 'bench-import', buckets: ['bench-import-uploads'] });
  try {
    Object.assign(process.env, engines.env);
    const { resetConfig } = await import('../../functions/platform/config.js');
    const { resetAwsClients } = await import('../../functions/platform/aws.js');
    resetConfig();
    resetAwsClients();
    const { seedDemo } = await import('../../dev/seed.js');
    const { createApp } = await import('../../functions/http/app.js');
    await seedDemo();
    const app = createApp();

    const login = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'demo1234' }),
    });
    const cookie = login.headers.getSetCookie().find((line) => /^(__Host-)?sid=/.test(line))?.split(';')[0];
    if (!cookie) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);

    const call = async (path: string, body?: FormData) => {
      const res = await app.request(`http://localhost/api${path}`, { method: 'POST', headers: { cookie }, ...(body ? { body } : {}) });
      const json = (await res.json()) as any;
      if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}`);
      return json;
    };

    const run = async (name: string, csv: string, expect: (counts: any, result: any) => string): Promise<ImportStep> => {
      process.stdout.write(`  ${name} …`);
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
      const t0 = performance.now();
      const preview = await call('/imports/preview', form);
      const t1 = performance.now();
      const result = await call(`/imports/${preview.importId}/confirm`);
      const t2 = performance.now();
      const outcome = expect(preview.counts, result);
      process.stdout.write(` ${ms(t2 - t0)}\n`);
      return { name, rows, previewMs: t1 - t0, confirmMs: t2 - t1, totalMs: t2 - t0, rowsPerSecond: rows / ((t2 - t0) / 1000), outcome };
    };

    const csv = generateRoster(rows);
    const check = (ok: boolean, text: string) => {
      if (!ok) throw new Error(`unexpected outcome: ${text}`);
      return text;
    };
    const steps = [
      await run('first import (all new)', csv, (c, r) =>
        check(c.create === rows && r.created === rows && typeof r.initialPassword === 'string', `created ${r.created}`),
      ),
      await run('same file again (all unchanged)', csv, (c, r) => check(c.unchanged === rows && r.unchanged === rows && r.created === 0, `unchanged ${r.unchanged}`)),
      await run('every name changed (all updates)', generateRoster(rows, '改'), (c, r) => check(c.update === rows && r.updated === rows, `updated ${r.updated}`)),
    ];
    resetAwsClients();
    return { rows, fileBytes: Buffer.byteLength(csv), steps };
  } finally {
    await engines.stop();
  }
}

export function reportImport(figures: ImportFigures) {
  console.log(
    table(
      ['step', 'rows', 'preview', 'confirm', 'total', 'rows/s', 'outcome'],
      figures.steps.map((s) => [s.name, String(s.rows), ms(s.previewMs), ms(s.confirmMs), ms(s.totalMs), s.rowsPerSecond.toFixed(0), s.outcome]),
      new Set([1, 2, 3, 4, 5]),
    ),
  );
  console.log(`(a ${(figures.fileBytes / 1024).toFixed(0)} KB CSV through app.request in-process: multipart upload, admin session, dynalite + s3rver in the same process; confirm writes with bounded concurrency)`);
}

export function importJson(figures: ImportFigures) {
  return {
    rows: figures.rows,
    steps: figures.steps.map((s) => ({ name: s.name, previewMs: round(s.previewMs), confirmMs: round(s.confirmMs), totalMs: round(s.totalMs), rowsPerSecond: round(s.rowsPerSecond, 0) })),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.NODE_ENV = 'production';
  console.log(`\n== Roster import: ${IMPORT_ROWS} rows ==`);
  reportImport(await benchImport());
}
