/**
 * A person's practice record as pure functions: folding finished days into it, and the figures the page shows (the
 * person's own streak and accuracy; nobody else's, no ranking).
 *
 * - A day is complete when every one of its questions was answered. The streak counts consecutive complete days;
 *   today counts once complete, and an unfinished today does not break a streak that reached yesterday.
 * - Accuracy is correct / answered: over the last `RECENT_DAYS` days (today included) and over all time.
 * - Outcomes: each question's latest answer, right or wrong; selection.ts brings the wrong ones back.
 * Folding is deterministic and only takes days after `foldedThrough`, so folding twice changes nothing.
 */
import { addDays } from './days.js';
import { RECENT_DAYS, type PracticeDay, type PracticeRecord } from './schema.js';

export function emptyRecord(personId: string): PracticeRecord {
  return { personId, foldedThrough: null, outcomes: {}, answered: 0, correct: 0, recent: [], streak: 0, lastCompleteDay: null, version: 0 };
}

/** Whether every question of the day has its answer. */
export function isComplete(day: Pick<PracticeDay, 'questions' | 'answers'>): boolean {
  return day.questions.length > 0 && day.questions.every((q) => day.answers[q.questionId] !== undefined);
}

/** The day's answers, oldest first. */
function answersInOrder(day: PracticeDay) {
  return Object.entries(day.answers).sort(([, a], [, b]) => (a.answeredAt < b.answeredAt ? -1 : a.answeredAt > b.answeredAt ? 1 : 0));
}

/**
 * The record with the days after its `foldedThrough` up to `through` folded in (days outside that span are
 * ignored), and `foldedThrough` moved to `through`. The version is left as it was: the store moves it.
 */
export function foldDays(record: PracticeRecord, days: readonly PracticeDay[], through: string): PracticeRecord {
  if (record.foldedThrough !== null && through <= record.foldedThrough) return record;
  const next: PracticeRecord = { ...record, outcomes: { ...record.outcomes }, recent: [...record.recent], foldedThrough: through };
  const pending = days.filter((d) => (record.foldedThrough === null || d.day > record.foldedThrough) && d.day <= through).sort((a, b) => (a.day < b.day ? -1 : 1));
  for (const day of pending) {
    let correct = 0;
    const answers = answersInOrder(day);
    for (const [questionId, answer] of answers) {
      next.outcomes[questionId] = answer.correct ? 'right' : 'wrong';
      if (answer.correct) correct++;
    }
    next.answered += answers.length;
    next.correct += correct;
    if (answers.length > 0) next.recent.push({ day: day.day, answered: answers.length, correct });
    if (isComplete(day)) {
      next.streak = next.lastCompleteDay === addDays(day.day, -1) ? next.streak + 1 : 1;
      next.lastCompleteDay = day.day;
    }
  }
  // Only the days a later "recent" window can still reach are kept.
  const oldest = addDays(through, -(RECENT_DAYS - 1));
  next.recent = next.recent.filter((count) => count.day >= oldest);
  return next;
}

export interface Share {
  answered: number;
  correct: number;
  /** Correct / answered × 100, whole; null before any answer. */
  percent: number | null;
}

export interface Figures {
  /** Consecutive complete days up to today (or yesterday, while today is unfinished). */
  streak: number;
  recent: Share;
  overall: Share;
}

const share = (answered: number, correct: number): Share => ({ answered, correct, percent: answered === 0 ? null : Math.round((correct / answered) * 100) });

/**
 * The person's figures on `today`, from their record folded through yesterday (or earlier) and today's practice.
 * A record not folded through yesterday still gives figures, only without the days it lacks.
 */
export function figures(record: PracticeRecord, today: Pick<PracticeDay, 'questions' | 'answers'> | undefined, todayKey: string): Figures {
  const yesterday = addDays(todayKey, -1);
  const runToYesterday = record.lastCompleteDay === yesterday ? record.streak : 0;
  const streak = today && isComplete(today) ? runToYesterday + 1 : runToYesterday;
  const todays = today ? Object.values(today.answers) : [];
  const todayCorrect = todays.filter((a) => a.correct).length;
  const oldest = addDays(todayKey, -(RECENT_DAYS - 1));
  const window = record.recent.filter((count) => count.day >= oldest && count.day < todayKey);
  return {
    streak,
    recent: share(window.reduce((n, c) => n + c.answered, todays.length), window.reduce((n, c) => n + c.correct, todayCorrect)),
    overall: share(record.answered + todays.length, record.correct + todayCorrect),
  };
}
