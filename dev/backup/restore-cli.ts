/**
 * `npm run restore -- file [--force] [--aws]`: loads an archive `npm run backup` wrote into an empty installation.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { restore, RestoreRefused } from './archive.js';
import { connect, describeFigures, runCli } from './connect.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `Usage: npm run restore -- file [--force] [--aws]

Loads a backup archive into an empty installation: the local one in DATA_DIR (default .data; a new folder is made
and filled), or with --aws the table and bucket on AWS named by TABLE_NAME and UPLOADS_BUCKET.

  --force      write over a table or bucket that already holds data (same keys are replaced, others stay)
  --aws        restore into AWS (AWS_REGION, the usual AWS credentials)
  -h, --help   show this help`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  let parsed: { values: { force?: boolean; aws?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: { force: { type: 'boolean' }, aws: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${usage}`);
    return 2;
  }
  const files = parsed.positionals;
  if (files.length !== 1) {
    console.error(`Name one archive to restore.\n\n${usage}`);
    return 2;
  }
  const file = files[0] as string;
  if (!existsSync(file)) {
    console.error(`No such archive: ${file}`);
    return 2;
  }
  const connection = await connect({ aws: parsed.values.aws ?? false });
  try {
    console.log(`Restoring ${file} into ${connection.where}…`);
    const figures = await restore(connection, file, { force: parsed.values.force ?? false });
    console.log(`Restored ${describeFigures(figures)}.`);
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused) {
      console.error(error.message);
      return 3;
    }
    throw error;
  } finally {
    await connection.close();
  }
}

runCli(main);
