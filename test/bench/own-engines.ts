/**
 * A bench section on engines of its own: a fresh table and bucket named for the section (dynalite in a child process
 * when the section loads it hard, so its CPU is not the app's), the app's configuration pointed at them for the run,
 * and the engines stopped after, whatever happened.
 */
import { resetAwsClients } from '../../functions/platform/aws.js';
import { resetConfig } from '../../functions/platform/config.js';
import { startEngines } from '../../dev/engines.js';

export async function onEnginesOfItsOwn<T>(name: string, work: () => Promise<T>, options: { dynamoInChildProcess?: boolean } = {}): Promise<T> {
  const engines = await startEngines({ tableName: name, buckets: [`${name}-uploads`], ...(options.dynamoInChildProcess ? { dynamoInChildProcess: true } : {}) });
  try {
    Object.assign(process.env, engines.env);
    resetConfig();
    resetAwsClients();
    return await work();
  } finally {
    await engines.stop();
  }
}
