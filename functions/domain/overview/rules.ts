/**
 * Red, amber, green: when a unit's share of people meeting a requirement is good enough, worth watching, or needs
 * action. Rules are data (one row per requirement), read at display time, so changing a threshold needs no
 * recomputation. The figures themselves are never a ranking of people: only units are compared, and only by share.
 */
import type { Requirement } from './schema.js';

export type Colour = 'green' | 'amber' | 'red';

/** At or above `green` is green; at or above `amber` is amber; below is red. */
export const COLOUR_RULES: Record<Requirement, { green: number; amber: number }> = {
  // Required courses are assigned with a due date: nearly everyone should be on time.
  courses: { green: 0.9, amber: 0.75 },
  // Credit is measured against the target pro rata for the day; people study in bursts, so the bar is lower.
  credit: { green: 0.8, amber: 0.6 },
  // Absences are allowed with leave, but each must be made up.
  sessions: { green: 0.9, amber: 0.75 },
  // Every member's pledges approved (and rated once the review window closed).
  pledges: { green: 0.9, amber: 0.7 },
};

/** The colour of a share (null when it applies to nobody). */
export function colourOf(requirement: Requirement, share: { met: number; of: number }): Colour | null {
  if (share.of === 0) return null;
  const value = share.met / share.of;
  const rule = COLOUR_RULES[requirement];
  return value >= rule.green ? 'green' : value >= rule.amber ? 'amber' : 'red';
}
