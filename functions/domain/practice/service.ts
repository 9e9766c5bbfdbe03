/**
 * Daily practice (每日一练): each person's few questions a day, graded on the server, with the key and explanation
 * right after each answer. It credits nothing and ranks no one: a person reads only their own practice, streak and
 * accuracy. The admin sets how many questions a day (0 turns practice off).
 *
 * The questions come from the banks a person may practise from: those of their unit and of every unit above it up
 * to the root, and likewise of their Party branch (the bureau's bank is everyone's). They are read through the
 * quizzes area's service, never its store.
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { recordAudit } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { mayPerform } from '../authz/capabilities.js';
import { loadTree } from '../org/service.js';
import { downloadUrl } from '../uploads/service.js';
import { activeQuestionsOfUnits, questionsAt } from '../quizzes/service.js';
import { questionForTaker } from '../quizzes/attempt.js';
import { isCorrect, isAnswered, versionKey } from '../quizzes/grading.js';
import type { Question, TakerAnswer } from '../quizzes/schema.js';
import { addDays, shanghaiDay } from './days.js';
import { emptyRecord, figures, foldDays, isComplete } from './record.js';
import { chooseQuestions } from './selection.js';
import { AnswerPracticeInput, RECENT_DAYS, SetPracticeSettingsInput, type DayAnswer, type PracticeDay, type PracticeRecord } from './schema.js';
import { practiceMessages } from './messages.js';
import { insertDay, queryDays, readDay, readRecord, readSettings, readTodayAndRecord, recordAnswer, writeRecord, writeSettings } from './store.js';

// ─── Settings ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** How many questions a day everyone gets, and whether this person may change it. */
export async function getPracticeSettings(actor: Actor | null) {
  authorize(actor, 'getPracticeSettings');
  const settings = await readSettings();
  return { ...settings, mayChange: mayPerform(actor!, 'setPracticeSettings') };
}

/** Sets the number of questions a day (0 turns practice off). A day already begun keeps its questions. */
export async function setPracticeSettings(actor: Actor | null, input: unknown) {
  authorize(actor, 'setPracticeSettings');
  const { questionsPerDay } = SetPracticeSettingsInput.parse(input);
  const before = await readSettings();
  const settings = { questionsPerDay, updatedAt: nowIso(), updatedBy: actor!.personId };
  await writeSettings(settings);
  await recordAudit({
    action: 'setPracticeSettings',
    actor,
    target: { type: 'settings', id: 'practice', label: '每日一练' },
    changes: before.questionsPerDay === questionsPerDay ? {} : { questionsPerDay: { before: before.questionsPerDay, after: questionsPerDay } },
  });
  return { ...settings, mayChange: true };
}

// ─── A person's day ────────────────────────────────────────────────────────────────────────────────────────────────

/** The units whose banks a person practises from: their unit's path to the root, and their branch's. */
async function practiceUnits(actor: Actor): Promise<string[]> {
  const tree = await loadTree();
  return [...new Set([...tree.path(actor.unitId), ...(actor.branchId ? tree.path(actor.branchId) : [])])];
}

/**
 * The record folded through yesterday. Past days no longer change (answers count only on their own day), so the
 * fold is final; two requests folding at once write one record, and the loser takes the winner's.
 */
async function recordThrough(personId: string, stored: PracticeRecord | undefined, yesterday: string): Promise<PracticeRecord> {
  const record = stored ?? emptyRecord(personId);
  if (record.foldedThrough !== null && record.foldedThrough >= yesterday) return record;
  const days = await queryDays(personId, record.foldedThrough, yesterday);
  const folded = foldDays(record, days, yesterday);
  // Nothing to keep for someone who has never practised.
  if (record.version === 0 && days.length === 0) return folded;
  if (await writeRecord(folded)) return { ...folded, version: folded.version + 1 };
  return (await readRecord(personId)) ?? folded;
}

/**
 * How long this process keeps a bank's active questions for choosing days. Everyone's first look of a day reads the
 * bureau's bank, so the morning's first looks share one read (a question added or retired reaches the choice within
 * a minute; a day keeps the versions it was given either way).
 */
const bankKeptMs = 60_000;
const banks = new Map<string, { until: number; questions: Promise<Question[]> }>();

/** The active questions of one unit's bank, read once a minute by this process (concurrent readers share the read). */
function bankOf(unitId: string): Promise<Question[]> {
  const now = clock.now().getTime();
  const kept = banks.get(unitId);
  if (kept && kept.until > now) return kept.questions;
  const questions = activeQuestionsOfUnits([unitId]);
  banks.set(unitId, { until: now + bankKeptMs, questions });
  questions.catch(() => banks.delete(unitId));
  return questions;
}

/** Today's questions, chosen now if this is the person's first look today; undefined when their banks are empty. */
async function startDay(actor: Actor, record: PracticeRecord, count: number, today: string): Promise<PracticeDay | undefined> {
  const bank = (await Promise.all((await practiceUnits(actor)).map(bankOf))).flat();
  const questions = chooseQuestions({ bank, outcomes: record.outcomes, count, seed: `${actor.personId}:${today}` });
  if (questions.length === 0) return undefined;
  return insertDay({ personId: actor.personId, day: today, questions, answers: {}, createdAt: nowIso() });
}

/** A question as the page shows it before it is answered: no key, no explanation; image addresses beside. */
async function questionView(question: Question, optionOrder: readonly number[]) {
  const { stemImageKey, options, ...rest } = questionForTaker(question, optionOrder);
  return {
    ...rest,
    stemImageUrl: stemImageKey ? await downloadUrl(stemImageKey) : null,
    options: await Promise.all(options.map(async ({ imageKey, ...option }) => ({ ...option, imageUrl: imageKey ? await downloadUrl(imageKey) : null }))),
  };
}

/** What an answered question reveals: the first answer given, whether it was right, the key and the explanation. */
function resultView(question: Question, answer: DayAnswer) {
  return { given: answer.given, correct: answer.correct, answer: question.answer, explanation: question.explanation, answeredAt: answer.answeredAt };
}

function progressOf(day: PracticeDay | undefined) {
  const total = day?.questions.length ?? 0;
  const answered = day ? day.questions.filter((q) => day.answers[q.questionId] !== undefined).length : 0;
  return { answered, total, done: day ? isComplete(day) : false };
}

/**
 * The person's practice today: the day's questions (chosen at the first look of the day, then fixed), the key and
 * explanation of those already answered (and only those), and the person's own streak and accuracy.
 */
export async function getDailyPractice(actor: Actor | null) {
  authorize(actor, 'getDailyPractice');
  const personId = actor!.personId;
  const today = shanghaiDay(clock.now());
  const [settings, stored] = await Promise.all([readSettings(), readTodayAndRecord(personId, today)]);
  const enabled = settings.questionsPerDay > 0;
  // A day is begun only after the days before it were folded (or there were none): a begun day needs no fold.
  const record = enabled && !stored.today ? await recordThrough(personId, stored.record, addDays(today, -1)) : (stored.record ?? emptyRecord(personId));
  const day = enabled ? (stored.today ?? (await startDay(actor!, record, settings.questionsPerDay, today))) : undefined;
  const versions = day ? await questionsAt(day.questions) : new Map<string, Question>();
  const items = day
    ? await Promise.all(
        day.questions.map(async (ref) => {
          const question = versions.get(versionKey(ref));
          if (!question) throw new AppError('CONFLICT', { messageKey: 'conflict' });
          const answer = day.answers[ref.questionId];
          return { question: await questionView(question, ref.optionOrder), result: answer ? resultView(question, answer) : null };
        }),
      )
    : [];
  const mine = figures(record, day, today);
  return {
    enabled,
    day: today,
    questionsPerDay: settings.questionsPerDay,
    items,
    ...progressOf(day),
    streak: mine.streak,
    accuracy: { recentDays: RECENT_DAYS, recent: mine.recent, overall: mine.overall },
  };
}

/** Refuses an answer that does not fit the question's kind (a 400 in words). */
function checkAnswerKind(question: Question, ref: { optionOrder: readonly number[] }, given: TakerAnswer): void {
  const wrong = (expected: typeof practiceMessages.answerChoices) => {
    const words = apiMessage(currentLang(), expected);
    return new AppError('VALIDATION', { messageKey: practiceMessages.wrongAnswerKind, params: { expected: words }, details: [{ path: 'answer', message: apiMessage(currentLang(), practiceMessages.wrongAnswerKind, { expected: words }) }] });
  };
  if (question.kind === 'fill') {
    if (typeof given !== 'string' || !isAnswered(given)) throw wrong(practiceMessages.answerText);
    return;
  }
  const allowed = question.kind === 'truefalse' ? [0, 1] : ref.optionOrder;
  if (typeof given === 'string' || given.length === 0 || given.some((choice) => !allowed.includes(choice))) throw wrong(practiceMessages.answerChoices);
  if (question.kind !== 'multiple' && new Set(given).size !== 1) throw wrong(practiceMessages.answerChoices);
}

/**
 * Grades an answer to one of today's questions on the server and only then reveals the key and explanation. The
 * first answer to a question is the one kept: answering again (a second tab, a retry) answers the first result.
 */
export async function answerPractice(actor: Actor | null, input: unknown) {
  authorize(actor, 'answerPractice');
  const { day: asked, questionId, answer } = AnswerPracticeInput.parse(input);
  const personId = actor!.personId;
  const today = shanghaiDay(clock.now());
  if (asked < today) throw new AppError('CONFLICT', { messageKey: practiceMessages.dayOver, params: { day: asked }, details: { reason: 'dayOver', day: today } });
  if (asked > today) throw new AppError('CONFLICT', { messageKey: practiceMessages.notToday, params: { day: today }, details: { reason: 'notToday', day: today } });
  const [settings, day] = await Promise.all([readSettings(), readDay(personId, today)]);
  if (settings.questionsPerDay === 0) throw new AppError('CONFLICT', { messageKey: practiceMessages.practiceOff, details: { reason: 'off' } });
  const ref = day?.questions.find((q) => q.questionId === questionId);
  if (!day || !ref) throw new AppError('CONFLICT', { messageKey: practiceMessages.notToday, params: { day: today }, details: { reason: 'notToday', day: today } });
  const question = (await questionsAt([ref])).get(versionKey(ref));
  if (!question) throw new AppError('CONFLICT', { messageKey: 'conflict' });
  const kept = day.answers[questionId];
  let after = day;
  let recorded = false;
  if (!kept) {
    checkAnswerKind(question, ref, answer);
    ({ recorded, day: after } = await recordAnswer(personId, today, questionId, { given: answer, correct: isCorrect(question, answer), answeredAt: nowIso() }));
  }
  return { day: today, questionId, recorded, ...resultView(question, after.answers[questionId]!), ...progressOf(after) };
}
