/**
 * Which questions a person practises on a day: a pure function of the questions they may see, their outcomes so far
 * and a seed (person and day), so the same inputs always give the same day.
 *
 * Preference, tier by tier: questions whose latest answer was wrong (they come back until answered right), then
 * questions never answered, then questions answered right (so practice goes on once a bank is done). Within a tier
 * the order is a seeded shuffle of the bank sorted by id, so the read order of the bank does not matter. A question
 * is given at most once a day; retired questions never. Options keep their authored order.
 */
import { latestVersions, seededRandom, shuffled } from '../quizzes/draw.js';
import type { AttemptQuestion, Question } from '../quizzes/schema.js';
import type { Outcome } from './schema.js';

export interface SelectionInput {
  /** The questions the person may see (any versions: the latest of each counts). */
  bank: Iterable<Question>;
  /** Each question's latest outcome for this person. */
  outcomes: Readonly<Record<string, Outcome>>;
  count: number;
  /** Person and day, e.g. `${personId}:${day}`. */
  seed: string;
}

export function chooseQuestions({ bank, outcomes, count, seed }: SelectionInput): AttemptQuestion[] {
  if (count <= 0) return [];
  const random = seededRandom(seed);
  const active = latestVersions(bank).filter((q) => !q.retired);
  const tiers: Question[][] = [[], [], []];
  for (const question of active) {
    const outcome = outcomes[question.questionId];
    tiers[outcome === 'wrong' ? 0 : outcome === undefined ? 1 : 2]!.push(question);
  }
  const chosen = tiers.flatMap((tier) => shuffled(tier, random)).slice(0, count);
  return chosen.map((question) => ({
    questionId: question.questionId,
    version: question.version,
    kind: question.kind,
    optionOrder: question.options.map((_, i) => i),
  }));
}
