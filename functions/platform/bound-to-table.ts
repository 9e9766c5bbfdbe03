import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { aws } from './aws.js';
import { config } from './config.js';

/**
 * Makes an area's ElectroDB entities lazily, bound to the process-wide client and the configured table, and keeps
 * them per client and table name, so tests that point TABLE_NAME elsewhere (and reset the clients) get fresh ones.
 */
export function boundToTable<T>(factory: (client: DynamoDBDocumentClient, table: string) => T): () => T {
  const cache = new WeakMap<DynamoDBDocumentClient, Map<string, T>>();
  return () => {
    const client = aws().doc;
    const table = config().tableName;
    let byTable = cache.get(client);
    if (!byTable) {
      byTable = new Map();
      cache.set(client, byTable);
    }
    let made = byTable.get(table);
    if (made === undefined) {
      made = factory(client, table);
      byTable.set(table, made);
    }
    return made;
  };
}
