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

/** Object operations. Presigned URLs act with the signer's rights, so these cover them too. */
export type BucketObjectAction = 'GetObject' | 'PutObject' | 'DeleteObject';
/** Bucket operations, granted on the bucket itself. ListBucket also covers HeadBucket (the health check). */
export type BucketLevelAction = 'ListBucket';

/** Object actions on the keys under one prefix. */
export interface ObjectGrant {
  readonly prefix: string;
  readonly actions: readonly BucketObjectAction[];
  /**
   * PutObject only as a server-side copy of an object under this prefix (the `s3:x-amz-copy-source` condition): a
   * plain PUT, presigned or not, carries no copy source and is refused.
   */
  readonly copiedFrom?: string;
}

/** What a function may do with one bucket, prefix by prefix. */
export interface BucketAccess {
  readonly bucket: readonly BucketLevelAction[];
  readonly objects: readonly ObjectGrant[];
}

/**
 * Where things live in the uploads bucket (functions/domain/uploads/keys.ts and roster/store.ts use the same
 * prefixes; test/infra compares them).
 */
export const UPLOADS_PREFIXES = {
  /** Files as browsers PUT them, before the platform checked them: never handed to a reader. */
  incoming: 'incoming/',
  /** Checked files, copied from incoming/ by the check: the only keys readers are handed. */
  stored: 'uploads/',
  /** Roster files and their parsed rows, kept for the preview's life. */
  imports: 'imports/',
} as const;

/**
 * The http function's use of the uploads bucket:
 * - incoming/: presigned PUTs from browsers, the check's reads, the delete once a file is copied or refused;
 * - uploads/: presigned GETs for readers; written only by copying a file from incoming/, so no presigned PUT can
 *   write there, even one signed by this role;
 * - imports/: the roster import writes and reads its files;
 * - the bucket: HeadBucket for the health check.
 */
export const UPLOADS_BUCKET_ACCESS: BucketAccess = {
  bucket: ['ListBucket'],
  objects: [
    { prefix: UPLOADS_PREFIXES.incoming, actions: ['GetObject', 'PutObject', 'DeleteObject'] },
    { prefix: UPLOADS_PREFIXES.stored, actions: ['GetObject'] },
    { prefix: UPLOADS_PREFIXES.stored, actions: ['PutObject'], copiedFrom: UPLOADS_PREFIXES.incoming },
    { prefix: UPLOADS_PREFIXES.imports, actions: ['GetObject', 'PutObject'] },
  ],
};
