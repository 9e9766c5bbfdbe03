/**
 * Where uploaded files live in the bucket. The browser writes only under `incoming/` (the only prefix a presigned
 * PUT ever names); the platform copies a file it has checked to `uploads/`, which readers are handed and which
 * nothing outside the platform can write. infra/constructs/access.ts grants exactly this (a test compares them).
 */
import type { UploadPurpose } from './schema.js';

export const incomingPrefix = 'incoming/';
export const storedPrefix = 'uploads/';

export function incomingKey(purpose: UploadPurpose, uploadId: string, extension: string): string {
  return `${incomingPrefix}${purpose}/${uploadId}.${extension}`;
}

export function storedKey(purpose: UploadPurpose, uploadId: string, extension: string): string {
  return `${storedPrefix}${purpose}/${uploadId}.${extension}`;
}
