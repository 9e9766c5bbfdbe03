/**
 * Quarterly honours (红旗窗口, 群众满意窗口, 党员先锋岗, 最美服务之星): nominated by organizers, decided by leaders.
 */

/** An honour a person received (decided), for their record and the review sheet. */
export interface PersonHonour {
  honourId: string;
  /** The honour type's stable code. */
  type: string;
  /** The type's name in the reader's language. */
  typeName: string;
  /** `2027-Q1`. */
  quarter: string;
  reason: string;
  decidedAt: string;
}

// ─── For other areas (no actor: callers are trusted system code) ──────────────────────────────────────────────────

/** The honours each of these people received in a year (decided ones, by quarter): personId → honours. */
export async function honoursOfPeople(personIds: readonly string[], year: number): Promise<Map<string, PersonHonour[]>> {
  void personIds;
  void year;
  return new Map();
}

/** A decided honour as the board and the hall's display show it: public content only. */
export interface HonourCard {
  honourId: string;
  type: string;
  typeName: string;
  quarter: string;
  nomineeKind: 'window' | 'person';
  /** The person's name, or the window's. */
  name: string;
  unitName: string;
  reason: string;
}

/**
 * The decided honours of a quarter (default: the latest quarter that has any) for people and windows within the
 * units' subtrees, in the reader's language.
 */
export async function decidedHonoursFor(unitIds: readonly string[], quarter?: string): Promise<HonourCard[]> {
  void unitIds;
  void quarter;
  return [];
}
