/**
 * Use cases of quizzes: listing, reading, writing and publishing. Each takes the acting person and asks authz
 * (authz/quizzes.ts) who may; the internal functions at the end (no actor) serve attempts and other areas.
 */
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { clock, nowIso } from '../../platform/clock.js';
import { recordAudit, diff } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { mayEditCourse, maySeeCourse } from '../authz/courses.js';
import { mayEditQuiz, maySeeQuiz, mayTakeQuiz, quizBankUnits, quizEditGrant, quizOwner, quizUnitsEditedBy, quizUnitsOpenTo } from '../authz/quizzes.js';
import { courseById } from '../courses/service.js';
import { actingPerson } from '../people/service.js';
import { assignedQuizzesOf, quizAssignedTo } from '../assignments/quiz-assigned.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { drawAttempt } from './draw.js';
import { attemptSummary, standingOf, type QuizStanding } from './attempt-view.js';
import { quizMessages } from './messages.js';
import { insertQuiz, queryAttemptSlots, queryAttemptsOfPerson, queryAttemptsOfQuiz, queryAttemptsOfQuizBetween, queryQuizzesOfCourse, queryQuizzesOfUnits, readAttempts, readQuiz, readQuizzes, replaceQuiz } from './quiz-store.js';
import { queryQuestionsByTag, queryQuestionsOfUnits, readQuestionHeads } from './store.js';
import { CreateQuizInput, ListQuizzesQuery, PublishQuizInput, UpdateQuizInput } from './quiz-schema.js';
import type { Attempt, Question, Quiz, QuizItem } from './schema.js';
import { eachLimited, everyPage } from '../../platform/store.js';
import { encodeTime } from 'ulid';

const notFound = () => new AppError('NOT_FOUND', { messageKey: quizMessages.quizNotFound });

const quizLabel = (quiz: Pick<Quiz, 'quizId' | 'title'>) => ({ type: 'quiz' as const, id: quiz.quizId, label: quiz.title });

/** How many questions an attempt of the quiz holds. */
export const questionCount = (items: readonly QuizItem[]) => items.reduce((sum, item) => sum + (item.kind === 'fixed' ? 1 : item.count), 0);

/** Facts about the actor and a quiz that authz needs beyond the tree: the course it tests, seen or not. */
async function courseVisible(actor: Actor, quiz: Quiz, tree: OrgTree): Promise<boolean> {
  if (!quiz.courseId) return false;
  const course = await courseById(quiz.courseId);
  return course !== undefined && maySeeCourse(actor, course, tree);
}

/**
 * What makes a published quiz open to the actor beyond its owner unit: the course it tests, seen; an assignment
 * whose audience includes them (asked of the assignments area only when nothing else opens it).
 */
async function openingFacts(actor: Actor, quiz: Quiz, tree: OrgTree): Promise<{ courseVisible: boolean; assigned: boolean }> {
  const visible = await courseVisible(actor, quiz, tree);
  if (quiz.status !== 'published' || mayTakeQuiz(actor, quiz, tree, { courseVisible: visible })) return { courseVisible: visible, assigned: false };
  const person = await actingPerson(actor);
  const assigned = person ? (await quizAssignedTo(quiz.quizId, person, tree)).assigned : false;
  return { courseVisible: visible, assigned };
}

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** A quiz's settings as the API answers them, with its question count; its items only for its editors. */
function quizView(quiz: Quiz, editable: boolean) {
  const { items, createdBy: _c, ...settings } = quiz;
  return { ...settings, questionCount: questionCount(items), mayEdit: editable, ...(editable ? { items } : {}) };
}

/** The actor's attempts at a quiz, strongly consistent, in number order. */
async function attemptsOf(quizId: string, personId: string): Promise<Attempt[]> {
  const slots = await queryAttemptSlots(quizId, personId);
  const attempts = await readAttempts(slots.map((slot) => slot.attemptId));
  return attempts.sort((a, b) => a.number - b.number);
}

function mine(quiz: Quiz, attempts: readonly Attempt[], now: Date) {
  return {
    attempts: attempts.map((attempt) => attemptSummary(quiz, attempt, now)),
    openAttemptId: attempts.find((attempt) => attempt.state === 'open')?.attemptId ?? null,
    attemptsLeft: quiz.attemptsAllowed === null ? null : Math.max(0, quiz.attemptsAllowed - attempts.length),
  };
}

/** A quiz as the actor may see it: its settings, the items for its editors, and the actor's own attempts. */
export async function getQuiz(actor: Actor | null, quizId: string) {
  authorize(actor, 'getQuiz');
  const [tree, quiz] = await Promise.all([loadTree(), readQuiz(quizId)]);
  if (!quiz) throw notFound();
  if (!maySeeQuiz(actor!, quiz, tree, await openingFacts(actor!, quiz, tree))) throw notFound();
  const attempts = await attemptsOf(quiz.quizId, actor!.personId);
  return { ...quizView(quiz, mayEditQuiz(actor!, quiz, tree)), mine: mine(quiz, attempts, clock.now()) };
}

/**
 * `take`: the published quizzes open to the actor: those assigned to them (first, on the first page, each with its
 * due date), then those of their unit and the units above it, with how their own attempts stand; `manage`: the
 * quizzes of the units the actor edits, drafts included.
 */
export async function listQuizzes(actor: Actor | null, query: unknown = {}) {
  authorize(actor, 'listQuizzes');
  const { view, cursor, limit } = ListQuizzesQuery.parse(query);
  const tree = await loadTree();
  const page = { cursor: cursor ?? null, ...(limit ? { limit } : {}) };
  if (view === 'manage') {
    const grant = quizEditGrant(actor);
    if (!grant) throw new AppError('FORBIDDEN');
    const found = await queryQuizzesOfUnits(quizUnitsEditedBy(actor!, grant, tree), page);
    return { items: found.items.map((quiz) => summary(quiz)), cursor: found.cursor };
  }
  const person = await actingPerson(actor!);
  const [found, attempts, assigned] = await Promise.all([
    queryQuizzesOfUnits(quizUnitsOpenTo(actor!, tree), page),
    queryAttemptsOfPerson(actor!.personId),
    person ? assignedQuizzesOf(person, tree) : new Map<string, string>(),
  ]);
  const byQuiz = new Map<string, Attempt[]>();
  for (const attempt of attempts) byQuiz.set(attempt.quizId, [...(byQuiz.get(attempt.quizId) ?? []), attempt]);
  // Assigned quizzes come first, on the first page only; the units' pages leave them out so none is listed twice.
  const assignedQuizzes = cursor ? [] : (await readQuizzes([...assigned.keys()])).filter((quiz) => mayTakeQuiz(actor!, quiz, tree, { assigned: true }));
  const owned = found.items.filter((quiz) => !assigned.has(quiz.quizId) && mayTakeQuiz(actor!, quiz, tree));
  const items = [...assignedQuizzes.sort((a, b) => assigned.get(a.quizId)!.localeCompare(assigned.get(b.quizId)!)), ...owned].map((quiz) => {
    const dueAt = assigned.get(quiz.quizId);
    return { ...summary(quiz, byQuiz.get(quiz.quizId) ?? []), ...(dueAt ? { dueAt } : {}) };
  });
  return { items, cursor: found.cursor };
}

function summary(quiz: Quiz, attempts?: readonly Attempt[]) {
  const { items, review: _r, counts: _c, shuffleOptions: _o, shuffleQuestions: _q, createdBy: _b, version: _v, ...rest } = quiz;
  const base = { ...rest, questionCount: questionCount(items) };
  if (!attempts) return base;
  const now = clock.now();
  const visible = attempts.map((attempt) => attemptSummary(quiz, attempt, now)).filter((s) => s.passed !== undefined);
  return {
    ...base,
    mine: {
      attemptsUsed: attempts.length,
      openAttemptId: attempts.find((attempt) => attempt.state === 'open')?.attemptId ?? null,
      passed: visible.length === 0 ? null : visible.some((s) => s.passed),
    },
  };
}

// ─── Writing ───────────────────────────────────────────────────────────────────────────────────────────────────────

function checkWindow(opensAt: string | null, closesAt: string | null) {
  if (opensAt !== null && closesAt !== null && Date.parse(closesAt) <= Date.parse(opensAt)) {
    throw new AppError('VALIDATION', { messageKey: quizMessages.closesBeforeOpens, params: { opensAt, closesAt }, details: [{ path: 'closesAt' }] });
  }
}

/** Times as stored: UTC instants. */
const instant = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** Every fixed question exists, is active, and lies in the banks the quiz may use. */
async function checkItems(items: readonly QuizItem[], ownerUnitId: string, tree: OrgTree) {
  const banks = new Set(quizBankUnits(ownerUnitId, tree));
  const fixed = items.flatMap((item) => (item.kind === 'fixed' ? [item.questionId] : []));
  const heads = new Map((await readQuestionHeads(fixed)).map((q) => [q.questionId, q]));
  fixed.forEach((questionId, index) => {
    const head = heads.get(questionId);
    if (!head || head.retired || !banks.has(head.ownerUnitId)) {
      throw new AppError('VALIDATION', { messageKey: quizMessages.questionNotInQuizBanks, params: { questionId }, details: [{ path: `items.${index}.questionId` }] });
    }
  });
}

export async function createQuiz(actor: Actor | null, input: unknown) {
  const grant = authorize(actor, 'createQuiz');
  const data = CreateQuizInput.parse(input);
  const tree = await loadTree();
  const ownerUnitId = quizOwner(grant, actor!, data.ownerUnitId, tree);
  if (data.courseId) {
    const course = await courseById(data.courseId);
    if (!course || !mayEditCourse(actor!, course, tree)) throw new AppError('VALIDATION', { messageKey: quizMessages.courseNotFound, details: [{ path: 'courseId' }] });
  }
  checkWindow(data.opensAt, data.closesAt);
  await checkItems(data.items, ownerUnitId, tree);
  const now = nowIso();
  const { ownerUnitId: _o, courseId, ...settings } = data;
  const quiz: Quiz = {
    ...settings,
    opensAt: instant(data.opensAt),
    closesAt: instant(data.closesAt),
    quizId: newId(),
    ownerUnitId,
    ...(courseId ? { courseId } : {}),
    status: 'draft',
    version: 1,
    createdBy: actor!.personId,
    createdAt: now,
    updatedAt: now,
  };
  await insertQuiz(quiz);
  await recordAudit({ action: 'createQuiz', actor, target: quizLabel(quiz), changes: diff({}, quiz, ['quizId', 'createdBy', 'items']) });
  return { ...quizView(quiz, true), mine: mine(quiz, [], clock.now()) };
}

async function editableQuiz(actor: Actor | null, operation: 'updateQuiz' | 'publishQuiz', quizId: string, version: number) {
  authorize(actor, operation);
  const [tree, quiz] = await Promise.all([loadTree(), readQuiz(quizId)]);
  if (!quiz || !mayEditQuiz(actor!, quiz, tree)) throw notFound();
  if (quiz.version !== version) {
    throw new AppError('CONFLICT', { messageKey: 'versionConflict', params: { expected: version, actual: quiz.version }, details: { expectedVersion: version, currentVersion: quiz.version } });
  }
  return { quiz, tree };
}

/**
 * Saves a quiz's settings. A published quiz may change too: attempts already started keep their questions, their
 * deadline and their pass mark; new attempts follow the new settings.
 */
export async function updateQuiz(actor: Actor | null, quizId: string, input: unknown) {
  const { version, ...changes } = UpdateQuizInput.parse(input);
  const { quiz, tree } = await editableQuiz(actor, 'updateQuiz', quizId, version);
  const next: Quiz = {
    ...quiz,
    ...changes,
    ...(changes.opensAt !== undefined ? { opensAt: instant(changes.opensAt) } : {}),
    ...(changes.closesAt !== undefined ? { closesAt: instant(changes.closesAt) } : {}),
    version: quiz.version + 1,
    updatedAt: nowIso(),
  };
  checkWindow(next.opensAt, next.closesAt);
  if (changes.items) await checkItems(changes.items, quiz.ownerUnitId, tree);
  if (next.status === 'published') await trialDraw(next, tree);
  const saved = await replaceQuiz(quiz, next);
  await recordAudit({ action: 'updateQuiz', actor, target: quizLabel(saved), changes: diff(quiz, saved, ['version', 'updatedAt', 'items']), details: { version: saved.version } });
  return { ...quizView(saved, true), mine: mine(saved, await attemptsOf(saved.quizId, actor!.personId), clock.now()) };
}

/** Publishes a quiz once its rules can be met by its banks (a rule they cannot meet is a 400 naming it). */
export async function publishQuiz(actor: Actor | null, quizId: string, input: unknown) {
  const { version } = PublishQuizInput.parse(input);
  const { quiz, tree } = await editableQuiz(actor, 'publishQuiz', quizId, version);
  if (quiz.status === 'published') throw new AppError('CONFLICT', { messageKey: quizMessages.alreadyPublished });
  await trialDraw(quiz, tree);
  const saved = await replaceQuiz(quiz, { ...quiz, status: 'published', version: quiz.version + 1, updatedAt: nowIso() });
  await recordAudit({ action: 'publishQuiz', actor, target: quizLabel(saved), details: { version: saved.version } });
  return { ...quizView(saved, true), mine: mine(saved, [], clock.now()) };
}

/** Draws once as an attempt would: throws the draw's 400 when the banks cannot meet the rules. */
async function trialDraw(quiz: Quiz, tree: OrgTree) {
  drawAttempt({ quiz, bank: await quizBank(quiz, tree), seed: quiz.quizId });
}

// ─── For attempts and other areas (no actor) ─────────────────────────────────────────────────────────────────────

/**
 * The questions a quiz's attempts draw from: its fixed questions, and for each draw rule the active questions of
 * the quiz's banks with the rule's category (or all of the banks' active questions for a rule without one).
 */
export async function quizBank(quiz: Quiz, tree?: OrgTree): Promise<Question[]> {
  const units = quizBankUnits(quiz.ownerUnitId, tree ?? (await loadTree()));
  const fixed = quiz.items.flatMap((item) => (item.kind === 'fixed' ? [item.questionId] : []));
  const rules = quiz.items.filter((item) => item.kind === 'draw');
  const reads: Promise<Question[]>[] = [readQuestionHeads(fixed)];
  const tags = new Set(rules.map((rule) => rule.tag));
  const unitSet = new Set(units);
  if (tags.has(undefined)) {
    reads.push(everyPage((cursor) => queryQuestionsOfUnits(units, { retired: false }, { cursor, limit: 500 })));
  } else {
    for (const tag of tags) reads.push(everyPage((cursor) => queryQuestionsByTag(tag!, unitSet, { retired: false }, { cursor, limit: 500 })));
  }
  return (await Promise.all(reads)).flat();
}

/** A quiz by id, whoever asks (callers check the actor themselves). */
/**
 * For completion figures (trusted system code, no actor): each person who attempted the quiz → when they first
 * passed it (the finishing time of their earliest passed attempt), or null while they have not. A result the review
 * policy still holds back from the taker counts here: organizers' figures read the grading as it is.
 */
export async function quizProgress(quizId: string): Promise<Map<string, string | null>> {
  const progress = new Map<string, string | null>();
  for (const attempt of await queryAttemptsOfQuiz(quizId)) {
    const passedAt = attempt.passed === true && attempt.finishedAt ? attempt.finishedAt : null;
    const earlier = progress.get(attempt.personId) ?? null;
    progress.set(attempt.personId, passedAt === null ? earlier : earlier === null || passedAt < earlier ? passedAt : earlier);
  }
  return progress;
}

export async function quizById(quizId: string): Promise<Quiz | undefined> {
  return readQuiz(quizId);
}

export async function quizzesByIds(quizIds: readonly string[]): Promise<Quiz[]> {
  return readQuizzes(quizIds);
}

/** The final tests of a course (normally one). */
export async function finalTestsOf(courseId: string): Promise<Quiz[]> {
  return queryQuizzesOfCourse(courseId);
}

/** Whether the actor may take the quiz now (published, and open to them: by unit, course or assignment). */
export async function takeableBy(actor: Actor, quiz: Quiz, tree: OrgTree): Promise<boolean> {
  return mayTakeQuiz(actor, quiz, tree, await openingFacts(actor, quiz, tree));
}

/**
 * Where a person stands in some quizzes (my tasks, a course's final test): not started, in progress, passed, not
 * passed (yet), or awaiting the result the review policy still holds back; `passedAt` once a passing attempt is shown.
 * Reads the person's attempts (one query) and the quizzes (one BatchGetItem); quizzes that do not exist are left out.
 */
export async function quizStandings(personId: string, quizIds: readonly string[]): Promise<Map<string, { quiz: Quiz; standing: QuizStanding; passedAt: string | null }>> {
  if (quizIds.length === 0) return new Map();
  const [quizzes, attempts] = await Promise.all([readQuizzes(quizIds), queryAttemptsOfPerson(personId)]);
  const now = clock.now();
  return new Map(
    quizzes.map((quiz) => [quiz.quizId, { quiz, ...standingOf(quiz, attempts.filter((attempt) => attempt.quizId === quiz.quizId), now) }]),
  );
}

/** One quiz a person finished in a period: whether any attempt passed, and when they last finished one. */
export interface QuizTaken {
  quizId: string;
  title: string;
  passed: boolean;
  lastFinishedAt: string;
}

/**
 * For the year's review sheet (no actor): the quizzes each person finished between `fromIso` (inclusive) and
 * `toIso` (exclusive), passed or not, read as organizers' figures read them (the grading as it is). One query a
 * person (at most `concurrency` at once) and one batched read of the quizzes' titles.
 */
export async function quizzesTakenBy(personIds: readonly string[], fromIso: string, toIso: string, concurrency = 8): Promise<Map<string, QuizTaken[]>> {
  const finished = new Map<string, Attempt[]>();
  await eachLimited(personIds, concurrency, async (personId) => {
    const attempts = await queryAttemptsOfPerson(personId);
    finished.set(personId, attempts.filter((a) => a.finishedAt !== undefined && a.finishedAt >= fromIso && a.finishedAt < toIso));
  });
  const titles = new Map((await readQuizzes([...new Set([...finished.values()].flat().map((a) => a.quizId))])).map((quiz) => [quiz.quizId, quiz.title]));
  const taken = new Map<string, QuizTaken[]>();
  for (const personId of personIds) {
    const byQuiz = new Map<string, QuizTaken>();
    for (const attempt of finished.get(personId) ?? []) {
      const seen = byQuiz.get(attempt.quizId);
      byQuiz.set(attempt.quizId, {
        quizId: attempt.quizId,
        title: titles.get(attempt.quizId) ?? '—',
        passed: (seen?.passed ?? false) || attempt.passed === true,
        lastFinishedAt: seen && seen.lastFinishedAt > attempt.finishedAt! ? seen.lastFinishedAt : attempt.finishedAt!,
      });
    }
    taken.set(personId, [...byQuiz.values()].sort((a, b) => a.lastFinishedAt.localeCompare(b.lastFinishedAt)));
  }
  return taken;
}

/** A finished attempt as the flags area reads it: who, which quiz, how many questions, when it started and ended. */
export interface AttemptTiming {
  attemptId: string;
  quizId: string;
  quizTitle: string;
  personId: string;
  questions: number;
  startedAt: string;
  finishedAt: string;
  /** Submitted by its taker (an attempt closed by the clock at its deadline is not "finished fast"). */
  submitted: boolean;
  percent: number | null;
}

/**
 * Whether attempts at the quiz may have started between two instants (ISO): published, and open to starts at some
 * moment of the span (attempts start only between `opensAt` and `closesAt`). A quiz edited since the span began is
 * kept whatever its window says now: its window during the span may have been another.
 */
function mayHaveStartedBetween(quiz: Quiz, from: string, to: string): boolean {
  if (quiz.status !== 'published') return false;
  if (quiz.updatedAt >= from) return true;
  return (quiz.opensAt === null || quiz.opensAt <= to) && (quiz.closesAt === null || quiz.closesAt > from);
}

/**
 * For the flags area (no actor): attempts started from `startedFrom` (ISO) that were finished up to `finishedTo`
 * (ISO). An attempt's id is a ULID of its start, so a quiz's attempts of the span are one range query of its attempts
 * (gsi1) — no scan — and only the published quizzes open to starts during the span are queried (a quiz closed before
 * it, or opening after it, has none); the quizzes are read unit by unit (one query a unit).
 */
export async function attemptsFinishedSince(startedFrom: string, finishedTo: string, concurrency = 8): Promise<AttemptTiming[]> {
  const tree = await loadTree();
  const quizzes = (await everyPage((cursor) => queryQuizzesOfUnits(tree.ordered().map((unit) => unit.unitId), { cursor, limit: 500 }))).filter((quiz) =>
    mayHaveStartedBetween(quiz, startedFrom, finishedTo),
  );
  const fromId = encodeTime(Date.parse(startedFrom), 10) + '0'.repeat(16);
  const toId = encodeTime(Date.parse(finishedTo), 10) + 'Z'.repeat(16);
  const out: AttemptTiming[] = [];
  await eachLimited(quizzes, concurrency, async (quiz) => {
    for (const attempt of await queryAttemptsOfQuizBetween(quiz.quizId, fromId, toId)) {
      if (attempt.state === 'open' || !attempt.finishedAt || attempt.finishedAt > finishedTo) continue;
      out.push({
        attemptId: attempt.attemptId,
        quizId: quiz.quizId,
        quizTitle: quiz.title,
        personId: attempt.personId,
        questions: attempt.questions.length,
        startedAt: attempt.startedAt,
        finishedAt: attempt.finishedAt,
        submitted: attempt.state === 'submitted',
        percent: attempt.percent ?? null,
      });
    }
  });
  return out;
}
