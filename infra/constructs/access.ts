/**
 * The operations a function may be granted, named one by one. Types rather than strings keep wildcards out:
 * a role can only ever hold actions that appear here, and each function lists the ones its code calls.
 */

export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'Scan'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem';

/** Actions that act on the table's indexes as well as the table. */
export const INDEX_ACTIONS: readonly TableAction[] = ['Query', 'Scan'];

/**
 * Reads and writes through keys and indexes. No Scan (rule 4: none in a request path) and no ConditionCheckItem,
 * which only exists inside TransactWriteItems (rule 3: no transactions).
 */
export const TABLE_READ_WRITE = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
] as const satisfies readonly TableAction[];

/** Object operations, granted on `bucket/*`. Presigned URLs act with the signer's rights, so these cover them too. */
export type BucketObjectAction = 'GetObject' | 'PutObject' | 'DeleteObject';
/** Bucket operations, granted on the bucket itself. ListBucket also covers HeadBucket (the health check). */
export type BucketLevelAction = 'ListBucket';
export type BucketAction = BucketObjectAction | BucketLevelAction;

export const BUCKET_LEVEL_ACTIONS: readonly BucketAction[] = ['ListBucket'];

export const BUCKET_READ_WRITE_LIST = [
  'GetObject',
  'PutObject',
  'DeleteObject',
  'ListBucket',
] as const satisfies readonly BucketAction[];
