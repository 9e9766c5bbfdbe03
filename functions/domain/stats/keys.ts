/**
 * The keys of stale marks (functions/platform/stale.ts) that name this area's figures — a pure module, so the areas
 * whose writes change a course's or quiz's progress can name what they changed without depending on this area.
 */

export type MarkedSubject = { kind: 'course' | 'quiz'; id: string };

/**
 * A stale mark's key as this area reads it: `course#<id>` / `quiz#<id>` (the whole subject: its assignments changed)
 * or `course#<id>#<personId>` / `quiz#<id>#<personId>` (one person's progress changed); null for another area's key.
 */
export function subjectOfKey(key: string): (MarkedSubject & { personId: string | null }) | null {
  const [kind, id, personId, ...rest] = key.split('#');
  if (!id || rest.length > 0 || (kind !== 'course' && kind !== 'quiz') || personId === '') return null;
  return { kind, id, personId: personId ?? null };
}

/** The key a write marks when one person's progress in a course or quiz changed. */
export const personSubjectKey = (kind: 'course' | 'quiz', id: string, personId: string) => `${kind}#${id}#${personId}`;

