/**
 * `npm run seed [-- --allow-remote]`: seeds the demo organisation into the table the environment names
 * (TABLE_NAME, DYNAMODB_ENDPOINT, …; see functions/platform/config.ts). Runs once per table; later runs say so and
 * write nothing. Against AWS (no DYNAMODB_ENDPOINT) it refuses unless given --allow-remote.
 */
import { aws } from '../functions/platform/aws.js';
import { config, type Config } from '../functions/platform/config.js';
import { ensureTable } from './engines.js';
import { isLocalTable, seedDemo } from './seed.js';
import { seedPeople } from './seed-data.js';

const usage = `Usage: npm run seed [-- --allow-remote]

Seeds the demo organisation (县政务服务管理局: branches, departments, ${seedPeople.length} people) into the table named
by TABLE_NAME, once. Locally, point DYNAMODB_ENDPOINT at the running engine (npm start prints it).

  --allow-remote   write to a table on AWS too (it holds demo accounts with a published password)
  -h, --help       show this help`;

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((arg) => !['--allow-remote', '--help', '-h'].includes(arg));
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  if (unknown.length > 0) {
    console.error(`Unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.join(' ')}\n\n${usage}`);
    return 2;
  }
  const cfg = config();
  try {
    return await seed(argv, cfg);
  } finally {
    aws().dynamo.destroy(); // let the process end without waiting for idle sockets
  }
}

async function seed(argv: string[], cfg: Config): Promise<number> {
  const local = isLocalTable(cfg);
  const where = local ? `${cfg.tableName} at ${cfg.dynamoEndpoint}` : `${cfg.tableName} on AWS (${cfg.region})`;
  // Locally the table may not exist yet (a fresh engine); on AWS it is made by the infrastructure, never here.
  if (local) await ensureTable(aws(), cfg.tableName);
  const result = await seedDemo({ allowRemote: argv.includes('--allow-remote') });
  if (result.seeded) {
    console.log(`Seeded ${where}: ${result.units} units, ${result.people} people in ${result.durationMs} ms.`);
    console.log('Demo accounts (password demo1234): admin, leader, organizer1, organizer2, staff1, staff2, staff3.');
  } else {
    console.log(`${where} was already seeded${result.seededAt ? ` at ${result.seededAt}` : ''}; nothing written.`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
