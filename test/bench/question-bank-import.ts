/**
 * Importing 2,000 questions into a bank in one go, through the whole app in-process (`app.request`, multipart upload,
 * the admin's session), on dynalite and s3rver with the demo seed: preview and confirm as .xlsx (every 100th row has
 * a problem), then the same file previewed again (every row a duplicate of the bank: nothing to import), and a second
 * preview made before the first confirm, confirmed after it (every row skipped, none written twice).
 *
 * Run alone with `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/question-bank-import.ts`; `npm run bench`
 * runs it too.
 */
import { pathToFileURL } from 'node:url';
import { startEngines } from '../../dev/engines.js';
import { toXlsx } from '../../functions/platform/xlsx.js';
import { questionRows, QUESTION_ROWS } from './question-import.js';
import { ms, table } from './stats.js';

export interface BankImportStep {
  name: string;
  ms: number;
  outcome: string;
}

export interface BankImportFigures {
  rows: number;
  fileBytes: number;
  steps: BankImportStep[];
}

export async function benchBankImport(rows = QUESTION_ROWS): Promise<BankImportFigures> {
  const engines = await startEngines({ tableName: 'bench-qimport', buckets: ['bench-qimport-uploads'] });
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
    const call = async (path: string, body?: FormData, expected = 200) => {
      const res = await app.request(`http://localhost/api${path}`, { method: body || path.endsWith('/confirm') ? 'POST' : 'GET', headers: { cookie }, ...(body ? { body } : {}) });
      const json = (await res.json()) as any;
      if (res.status !== expected) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}`);
      return json;
    };
    const file = toXlsx([{ name: '题目', rows: questionRows(rows) }]);
    const preview = () => {
      const form = new FormData();
      form.append('file', new Blob([file as BlobPart]), 'questions.xlsx');
      return call('/questions/import/preview', form);
    };
    const problems = Math.ceil(rows / 100);
    const ready = rows - problems;
    const steps: BankImportStep[] = [];
    const timed = async <T>(name: string, work: () => Promise<T>, outcome: (value: T) => string): Promise<T> => {
      process.stdout.write(`  ${name} …`);
      const t0 = performance.now();
      const value = await work();
      const elapsed = performance.now() - t0;
      const said = outcome(value);
      steps.push({ name, ms: elapsed, outcome: said });
      process.stdout.write(` ${ms(elapsed)}\n`);
      return value;
    };
    const check = (ok: boolean, text: string) => {
      if (!ok) throw new Error(`unexpected outcome: ${text}`);
      return text;
    };

    const first = await timed('preview', preview, (p) => check(p.counts.ready === ready && p.counts.problems === problems, `${p.counts.ready} ready, ${p.counts.problems} with problems`));
    const second = await preview();
    await timed('confirm', () => call(`/questions/import/${first.importId}/confirm`), (r) => check(r.created === ready, `${r.created} created`));
    await timed('the same file previewed again', preview, (p) => check(p.counts.ready === 0 && p.counts.duplicates === ready, `${p.counts.duplicates} duplicates of the bank`));
    await timed('an earlier preview of it confirmed', () => call(`/questions/import/${second.importId}/confirm`), (r) => check(r.created === 0 && r.skipped === ready, `${r.skipped} skipped, ${r.created} created`));
    resetAwsClients();
    return { rows, fileBytes: file.length, steps };
  } finally {
    await engines.stop();
  }
}

export function reportBankImport(figures: BankImportFigures) {
  console.log(`  file: ${figures.rows} rows, ${(figures.fileBytes / 1024).toFixed(0)} KB (.xlsx)`);
  console.log(table(['step', 'time', 'outcome'], figures.steps.map((s) => [s.name, ms(s.ms), s.outcome]), new Set([1])));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  reportBankImport(await benchBankImport());
}
