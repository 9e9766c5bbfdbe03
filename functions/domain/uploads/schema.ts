import { z } from 'zod';

/** What an upload is for decides which types and sizes it may have. */
export const uploadPurposes = ['cover', 'video', 'pdf'] as const;
export const UploadPurpose = z.enum(uploadPurposes);
export type UploadPurpose = z.infer<typeof UploadPurpose>;

const MB = 1024 * 1024;

export const uploadRules: Record<UploadPurpose, { types: readonly string[]; maxBytes: number }> = {
  cover: { types: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 5 * MB },
  pdf: { types: ['application/pdf'], maxBytes: 50 * MB },
  video: { types: ['video/mp4', 'video/webm'], maxBytes: 500 * MB },
};

export const CreateUploadInput = z
  .object({
    purpose: UploadPurpose,
    contentType: z.string().min(3).max(100),
    size: z.number().int().min(1),
    fileName: z.string().trim().min(1).max(200),
  })
  .strict();

export const Upload = z.object({
  uploadId: z.string(),
  key: z.string(),
  purpose: UploadPurpose,
  contentType: z.string(),
  size: z.number().int(),
  fileName: z.string(),
  status: z.enum(['pending', 'verified']),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  /** Epoch seconds: a pending upload is gone after this (TTL tidies it). */
  expiresAt: z.number().int(),
});
export type Upload = z.infer<typeof Upload>;
