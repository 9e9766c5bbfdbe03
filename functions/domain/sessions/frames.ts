/**
 * What a check-in needs to know of a session (its branch, audience, times, state, topic), kept a few seconds per
 * process, so that each of a room's check-ins is one write after the sign-in's read. A session written by this
 * process is forgotten at once; one written by another process is seen within FRAME_TTL_MS — the most a check-in can
 * land after a cancellation or a closing elsewhere (a closing keeps such a record: it was scanned in time).
 */
import { BoundedMap } from '../../platform/bounded-map.js';
import type { Session } from './schema.js';
import { readSession } from './store.js';

export const FRAME_TTL_MS = 5_000;

const frames = new BoundedMap<string, { at: number; session: Session }>(2_000);

export async function sessionFrame(sessionId: string): Promise<Session | undefined> {
  const known = frames.get(sessionId);
  if (known && Date.now() - known.at < FRAME_TTL_MS) return known.session;
  const session = await readSession(sessionId, false);
  if (session) frames.set(sessionId, { at: Date.now(), session });
  return session;
}

/** Keeps a session this process has just read (the host's screen reads it every few seconds while people scan). */
export function rememberFrame(session: Session): void {
  frames.set(session.sessionId, { at: Date.now(), session });
}

export function forgetFrame(sessionId: string): void {
  frames.delete(sessionId);
}
