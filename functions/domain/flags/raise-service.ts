/**
 * Raising flags (no actor: the callers are the flags job and the study clock, trusted system code). A flag is created
 * once per fact (its id comes from the fact's natural key, the write is conditional on its absence), so a detector
 * that finds the same fact again — a retried job, an overlapping window, the next flush of a long stretch — adds
 * nothing. Kept apart from service.ts so that the study area can raise a flag without importing what the job reads.
 */
import { nowIso } from '../../platform/clock.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import { config } from '../../platform/config.js';
import { flagIdOf, longStretch, type StudyStretch } from './detect.js';
import type { Flag, FlagFact, FlagPerson } from './schema.js';
import { insertFlag } from './store.js';

/** Facts this process has stored already (a long stretch is seen again at every flush): no write for them. */
const raised = new BoundedMap<string, true>(5_000);

/** Stores the fact as an open flag unless it was flagged before; true when this call created it. */
export async function raiseFlag(fact: FlagFact, people: readonly FlagPerson[]): Promise<boolean> {
  const known = `${config().tableName}|${fact.factKey}`;
  if (raised.get(known) || people.length === 0) return false;
  const flag: Flag = {
    flagId: flagIdOf(fact),
    kind: fact.kind,
    factKey: fact.factKey,
    people: [...people],
    at: fact.at,
    raisedAt: nowIso(),
    evidence: fact.evidence,
    state: 'open',
    dismissedBy: null,
    dismissedByName: null,
    dismissedAt: null,
    dismissReason: null,
  };
  const created = await insertFlag(flag);
  raised.set(known, true);
  return created;
}

/**
 * For the study area, at a flush of a person's clock: flags the stretch running up to now if it has gone on for the
 * rule's hours (one flag per stretch; later flushes of the same stretch write nothing more in this process).
 */
export async function flagLongStretch(person: FlagPerson, stretch: StudyStretch): Promise<boolean> {
  const fact = longStretch(stretch);
  return fact ? raiseFlag(fact, [person]) : false;
}
