import { ensureBucket, ensureTable } from '../../dev/engines.js';
import { aws } from '../../functions/platform/aws.js';
import { config } from '../../functions/platform/config.js';

/** Creates this test file's table and uploads bucket on the shared engines (idempotent). */
export async function prepareStorage(): Promise<void> {
  const cfg = config();
  await ensureTable(aws(), cfg.tableName);
  await ensureBucket(aws(), cfg.uploadsBucket, ['*']);
}
