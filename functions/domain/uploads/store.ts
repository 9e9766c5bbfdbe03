/**
 * Persistence of uploads: the Upload item and its one-check-at-a-time hold, each step a condition on the one item. No
 * permission checks here (service.ts decides who may use an upload).
 */
import { writeIfStill } from '../../platform/store.js';
import { uploadEntity } from './entities.js';
import { Upload } from './schema.js';

export async function insertUpload(upload: Upload): Promise<void> {
  await uploadEntity().create(upload).go();
}

export async function readUpload(uploadId: string): Promise<Upload | undefined> {
  const { data } = await uploadEntity().get({ uploadId }).go();
  return data ? Upload.parse(data) : undefined;
}

/** Takes a pending upload for one check until `now + leaseSeconds`: false when another check holds it or it is verified. */
export function holdForCheck(uploadId: string, now: number, leaseSeconds: number): Promise<boolean> {
  return writeIfStill(() =>
    uploadEntity()
      .patch({ uploadId })
      .set({ checkingUntil: now + leaseSeconds })
      .where((attr, op) => `${op.eq(attr.status, 'pending')} AND (${op.notExists(attr.checkingUntil)} OR ${op.lt(attr.checkingUntil, now)})`)
      .go(),
  );
}

/** Lets go of a check's hold on a still-pending upload (the next check may start at once). */
export async function releaseHold(uploadId: string): Promise<void> {
  await writeIfStill(() => uploadEntity().patch({ uploadId }).remove(['checkingUntil']).where((attr, op) => op.eq(attr.status, 'pending')).go());
}

/** pending → verified, kept until `expiresAt` (epoch seconds). False when it was no longer pending. */
export function markVerified(uploadId: string, expiresAt: number): Promise<boolean> {
  return writeIfStill(() =>
    uploadEntity()
      .patch({ uploadId })
      .set({ status: 'verified', expiresAt })
      .remove(['checkingUntil'])
      .where((attr, op) => op.eq(attr.status, 'pending'))
      .go(),
  );
}
