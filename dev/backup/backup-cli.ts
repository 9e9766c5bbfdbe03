/**
 * `npm run backup [-- --out file] [--aws]`: writes every item of the table and every object of the uploads bucket
 * to one archive (a tar.gz; see archive.ts and decision 046) and prints what it wrote.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { backup } from './archive.js';
import { connect, describeFigures, runCli } from './connect.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `Usage: npm run backup [-- --out file] [--aws]

Writes everything the platform holds (every item of the table, every object of the uploads bucket, with its
content type and metadata) to one .tar.gz archive.

  --out file   where to write (default backups/dangjian-<date-time>.tar.gz)
  --aws        back up the table and bucket on AWS named by TABLE_NAME and UPLOADS_BUCKET (AWS_REGION, the usual
               AWS credentials). Without it: the local installation in DATA_DIR (default .data), through the
               running npm start's engines if there is one, or DYNAMODB_ENDPOINT/S3_ENDPOINT when set.
  -h, --help   show this help`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  let values: { out?: string; aws?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: 'string' }, aws: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${usage}`);
    return 2;
  }
  const { out, aws: onAws = false } = values;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const file = out ?? `backups/dangjian-${stamp}.tar.gz`;
  mkdirSync(dirname(file), { recursive: true });
  const connection = await connect({ aws: onAws });
  try {
    console.log(`Backing up ${connection.where}…`);
    const figures = await backup(connection, file);
    console.log(`Wrote ${file}: ${describeFigures(figures)}.`);
    return 0;
  } finally {
    await connection.close();
  }
}

runCli(main);
