/**
 * The hall's display (亮承诺 on a TV in the service hall): links an administrator makes, each showing the public board
 * of chosen units to whoever holds its token, until it is revoked or expires; and what the display shows.
 */
import { z } from 'zod';
import { Id, Timestamp, text } from '../../platform/fields.js';
import { displayLabels } from './messages.js';

export const DisplayLink = z.object({
  linkId: Id,
  label: z.string(),
  unitIds: z.array(Id),
  /** SHA-256 of the token's secret (base64url): the secret itself is never stored. */
  secretHash: z.string(),
  createdBy: Id,
  createdByName: z.string(),
  createdAt: Timestamp,
  /** The link stops working at this instant. */
  validUntil: Timestamp,
  revokedAt: Timestamp.nullable(),
  revokedBy: Id.nullable(),
  /** When a display last read it (kept at most every few minutes). */
  lastSeenAt: Timestamp.nullable(),
});
export type DisplayLink = z.infer<typeof DisplayLink>;

export const CreateDisplayLinkInput = z
  .object({
    label: text({ label: displayLabels.label, max: 60 }),
    unitIds: z.array(Id).min(1).max(20),
    days: z.number().int().min(1).max(365).default(180),
  })
  .strict();

/** How often a display asks for fresh content, and how long it shows each page. */
export const REFRESH_SECONDS = 60;
export const ROTATE_SECONDS = 12;
/**
 * At most this many people's cards in one answer: a hall shows who is on duty today, and at 12 s a card 200 people
 * take 40 minutes to go round (the answer stays under ~150 KB of JSON).
 */
export const MAX_PEOPLE = 200;
