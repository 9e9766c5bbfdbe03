/**
 * The single DynamoDB table: its keys and indexes, defined once.
 * The code (ElectroDB entities, the local engine's CreateTable) and the infrastructure (CDK) both read this.
 */
export interface IndexDefinition {
  /** Index name in DynamoDB. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Attribute whose epoch-seconds value lets DynamoDB tidy up expired items. Code must still treat them as gone. */
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ] satisfies IndexDefinition[],
} as const;

export type IndexName = (typeof table.indexes)[number]['name'];

/** The CreateTable request for a local engine (on-demand; AWS's own table is made by CDK from the same definition). */
export function createTableInput(tableName: string) {
  const keyAttrs = new Set<string>([table.partitionKey, table.sortKey]);
  for (const index of table.indexes) {
    keyAttrs.add(index.partitionKey);
    keyAttrs.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...keyAttrs].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: table.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: table.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
