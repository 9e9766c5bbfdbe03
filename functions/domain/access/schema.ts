import { z } from 'zod';
import { text } from '../../platform/fields.js';
import { peopleLabels } from '../people/messages.js';
// Names this area's request fields in validation messages (its labels are registered when messages.ts loads).
import './messages.js';

export const SignInInput = z
  .object({
    // A name a person types: the text rules (a login of spaces or control characters is a 400 naming the field).
    login: text({ label: peopleLabels.login, max: 100 }),
    password: z.string().min(1).max(200),
  })
  .strict();
export type SignInInput = z.infer<typeof SignInInput>;

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(1).max(200),
  })
  .strict();
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** A signed-in browser: the cookie holds a random token; only its SHA-256 is stored. */
export const Session = z.object({
  sessionId: z.string().regex(/^[0-9a-f]{64}$/),
  personId: z.string(),
  /** The person's sessionEpoch when the session opened; a bump ends every older session. */
  epoch: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** Epoch seconds: the absolute end (also the TTL attribute). */
  expiresAt: z.number().int(),
  address: z.string().max(64).optional(),
  userAgent: z.string().max(200).optional(),
});
export type Session = z.infer<typeof Session>;

/** Failed sign-ins counted in a window, per account or per address. */
export const Throttle = z.object({
  key: z.string(),
  failures: z.number().int().min(0),
  windowStartedAt: z.number().int(),
  lockedUntil: z.number().int().optional(),
  expiresAt: z.number().int(),
});
export type Throttle = z.infer<typeof Throttle>;

/** A successful sign-in from a browser (its device cookie's hash), kept 90 days for the flags area's job. */
export const DeviceSignIn = z.object({
  deviceHash: z.string().regex(/^[0-9a-f]{64}$/),
  personId: z.string(),
  login: z.string(),
  at: z.iso.datetime(),
  /** Epoch seconds: when the record may be tidied away (TTL). */
  expiresAt: z.number().int(),
});
export type DeviceSignIn = z.infer<typeof DeviceSignIn>;
