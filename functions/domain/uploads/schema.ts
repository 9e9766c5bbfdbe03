import { z } from 'zod';
import { text } from '../../platform/fields.js';
import type { MessageRef } from '../../platform/i18n.js';
import { uploadsLabels, uploadsMessages } from './messages.js';

/** What an upload is for decides which types and sizes it may have. */
export const uploadPurposes = ['cover', 'video', 'pdf'] as const;
export const UploadPurpose = z.enum(uploadPurposes);
export type UploadPurpose = z.infer<typeof UploadPurpose>;

const MB = 1024 * 1024;

export interface UploadRule {
  /** The content types accepted, each with the extension its stored key gets. */
  types: Readonly<Record<string, string>>;
  maxBytes: number;
  /** The message refusing any other type: it names the accepted kinds in words, not as MIME types. */
  wrongType: MessageRef;
}

/**
 * The accepted kinds. Only types that browsers show without running anything are here: HTML, SVG and anything
 * scriptable are refused at createUpload, whatever the purpose.
 */
export const uploadRules: Record<UploadPurpose, UploadRule> = {
  cover: { types: { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }, maxBytes: 5 * MB, wrongType: uploadsMessages.uploadWrongTypeCover },
  pdf: { types: { 'application/pdf': 'pdf' }, maxBytes: 50 * MB, wrongType: uploadsMessages.uploadWrongTypePdf },
  video: { types: { 'video/mp4': 'mp4', 'video/webm': 'webm' }, maxBytes: 500 * MB, wrongType: uploadsMessages.uploadWrongTypeVideo },
};

export const CreateUploadInput = z
  .object({
    purpose: UploadPurpose,
    contentType: z.string().min(3).max(100),
    size: z.number().int().min(1),
    fileName: text({ label: uploadsLabels.fileName, max: 200 }),
  })
  .strict();

export const uploadStatuses = ['pending', 'verified'] as const;

export const Upload = z.object({
  uploadId: z.string(),
  /** Where the checked file lives: no presigned PUT ever names this key; readers are handed only this one. */
  key: z.string(),
  /** Where the browser PUTs the file; the check copies it to `key` and deletes it. Absent on uploads made before. */
  incomingKey: z.string().optional(),
  purpose: UploadPurpose,
  contentType: z.string(),
  size: z.number().int(),
  fileName: z.string(),
  status: z.enum(uploadStatuses),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  /** Epoch seconds: a pending upload is gone after this (TTL tidies it). */
  expiresAt: z.number().int(),
  /** Epoch seconds: one check holds the upload until then (only one check at a time copies a file). */
  checkingUntil: z.number().int().optional(),
});
export type Upload = z.infer<typeof Upload>;

/** What checkUpload answers: the file was checked and may be used. */
export const CheckedUpload = z.object({
  uploadId: z.string(),
  status: z.literal('verified'),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type CheckedUpload = z.infer<typeof CheckedUpload>;
