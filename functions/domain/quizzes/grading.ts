/**
 * Grading, as a pure function of an attempt and the question versions it was given: the same attempt and versions
 * always give the same result, so a result never changes after the fact (an edit makes a new version; the attempt
 * keeps its own).
 *
 * The rules:
 * - single choice and true/false: the one chosen option is the key's;
 * - multiple choice is ALL-OR-NOTHING: the full points when the chosen options are exactly the key's set, otherwise
 *   0 (no partial credit for a subset, none for a superset);
 * - fill-in-the-blank: the typed text matches one accepted answer after folding both (`foldAnswer`): Unicode NFC,
 *   full-width ASCII and the ideographic space to their half-width forms, runs of white space to one space, trimmed,
 *   and Latin capitals to small letters ("ＣＰＣ " = "cpc"). Chinese characters are compared as they are.
 * - an unanswered question (no entry, an empty list or empty text) earns 0;
 * - score = the sum of points earned; percent = score / max × 100 (2 decimals); passed when score / max ≥ the pass mark
 *   (compared exactly, before rounding).
 */
import { AppError } from '../../platform/errors.js';
import { quizEngineMessages } from './messages.js';
import type { Attempt, Question, QuestionRef, QuestionResult, TakerAnswer } from './schema.js';

/** One form of a typed answer, for comparing fill-in-the-blank answers. */
export function foldAnswer(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

/** Whether a taker gave any answer at all. */
export function isAnswered(given: TakerAnswer | undefined): boolean {
  if (given === undefined) return false;
  return typeof given === 'string' ? given.trim() !== '' : given.length > 0;
}

/** Whether an answer is right for this version of the question. */
export function isCorrect(question: Question, given: TakerAnswer | undefined): boolean {
  if (!isAnswered(given)) return false;
  if (question.kind === 'fill') {
    if (typeof given !== 'string') return false;
    const folded = foldAnswer(given);
    return question.answer.some((accepted) => foldAnswer(accepted) === folded);
  }
  if (typeof given === 'string') return false;
  const chosen = [...new Set(given)].sort((a, b) => a - b);
  const key = [...question.answer].sort((a, b) => a - b);
  return chosen.length === key.length && chosen.every((value, i) => value === key[i]);
}

/** One question's result. */
export function gradeQuestion(question: Question, given: TakerAnswer | undefined): QuestionResult {
  const correct = isCorrect(question, given);
  return {
    questionId: question.questionId,
    version: question.version,
    points: question.points,
    earned: correct ? question.points : 0,
    correct,
    answered: isAnswered(given),
  };
}

export interface Grade {
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  results: QuestionResult[];
}

/** The key a question version is found by in a lookup. */
export function versionKey(ref: QuestionRef): string {
  return `${ref.questionId}#${ref.version}`;
}

/** Question versions by `versionKey`, from any list of them. */
export function versionLookup(questions: Iterable<Question>): Map<string, Question> {
  const map = new Map<string, Question>();
  for (const question of questions) map.set(versionKey(question), question);
  return map;
}

/** The version an attempt was given; an attempt whose version is gone cannot be graded (a 500 would be a bug, this names it). */
export function questionOf(versions: ReadonlyMap<string, Question>, ref: QuestionRef): Question {
  const question = versions.get(versionKey(ref));
  if (!question) throw new AppError('CONFLICT', { messageKey: quizEngineMessages.questionVersionMissing, params: { questionId: ref.questionId, version: ref.version } });
  return question;
}

/** Rounds to 2 decimals, avoiding binary noise (0.1 + 0.2). */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/** Grades an attempt's saved answers against the versions it was given. */
export function gradeAttempt(attempt: Pick<Attempt, 'questions' | 'answers'>, versions: ReadonlyMap<string, Question>, passPercent: number): Grade {
  const results = attempt.questions.map((ref) => gradeQuestion(questionOf(versions, ref), attempt.answers[ref.questionId]));
  // Points are multiples of 0.5, so sums in halves are exact; round anyway to keep the stored figure clean.
  const score = round2(results.reduce((sum, r) => sum + r.earned, 0));
  const maxScore = round2(results.reduce((sum, r) => sum + r.points, 0));
  const percent = maxScore === 0 ? 0 : round2((score / maxScore) * 100);
  // Pass on the exact share, not the rounded one (59.996 % does not pass a 60 % mark).
  return { score, maxScore, percent, passed: maxScore > 0 && score * 100 >= passPercent * maxScore, results };
}
