/**
 * Reads and writes of quizzes and attempts. No permission checks here (quiz-service.ts and attempt-service.ts
 * decide who may). Every transition of an attempt is one conditional write on its item, on the condition attempt.ts
 * names: a save on `seq = expected and state = open`, a finish on `state = open`. README.md has the item chart.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { batchGet, decodeAfterCursor, encodeAfterCursor, everyPage, pageLimit, unknownCursor, versionedWrite, writeIfStill, type Page } from '../../platform/store.js';
import { noKey, quizEntities } from './entities.js';
import { Attempt, Id, Quiz } from './schema.js';
import { frameOf, type AttemptFrame, type PlannedSave } from './attempt.js';

/** Every item of an ElectroDB query, page after page. */
const all = <T>(read: (cursor: string | null) => Promise<{ data: T[]; cursor: string | null }>) => everyPage(async (cursor) => {
  const { data, cursor: next } = await read(cursor);
  return { items: data, cursor: next };
});

// ─── Quizzes ───────────────────────────────────────────────────────────────────────────────────────────────────────

function quizFromRecord(record: Record<string, unknown>): Quiz {
  const { courseKey: _k, ...rest } = record;
  return Quiz.parse(rest);
}

function quizItem(quiz: Quiz) {
  const { courseId, ...rest } = quiz;
  return { ...rest, ...(courseId ? { courseId } : {}), courseKey: courseId ?? noKey };
}

export async function readQuiz(quizId: string): Promise<Quiz | undefined> {
  if (!Id.safeParse(quizId).success) return undefined;
  const { data } = await quizEntities().quiz.get({ quizId }).go({ consistent: true });
  return data ? quizFromRecord(data as Record<string, unknown>) : undefined;
}

export async function readQuizzes(quizIds: readonly string[]): Promise<Quiz[]> {
  const keys = [...new Set(quizIds)].filter((id) => Id.safeParse(id).success).map((quizId) => ({ quizId }));
  if (keys.length === 0) return [];
  const entity = quizEntities().quiz;
  const read = await batchGet(keys, async (pending) => {
    const { data, unprocessed } = await entity.get(pending).go();
    return { data: data as Record<string, unknown>[], unprocessed: unprocessed as { quizId: string }[] };
  });
  return read.map(quizFromRecord);
}

export async function insertQuiz(quiz: Quiz): Promise<void> {
  await quizEntities().quiz.create(quizItem(Quiz.parse(quiz))).go();
}

/** Replaces a quiz if it is still at `current.version` (someone else's save in between is a 409 naming both). */
export async function replaceQuiz(current: Quiz, next: Quiz): Promise<Quiz> {
  const saved = Quiz.parse(next);
  await versionedWrite(
    () =>
      quizEntities()
        .quiz.put(quizItem(saved))
        .where((attr, op) => op.eq(attr.version, current.version))
        .go(),
    current.version,
    () => readQuiz(current.quizId),
  );
  return saved;
}

/** The quizzes of several units, unit after unit in the order given, newest first within a unit, a page at a time. */
export async function queryQuizzesOfUnits(unitIds: readonly string[], page: { cursor?: string | null; limit?: number }): Promise<Page<Quiz>> {
  const limit = pageLimit(page.limit);
  const after = decodeAfterCursor(page.cursor, 80);
  let start = 0;
  let afterId: string | undefined;
  if (after !== undefined) {
    const [unitId, quizId] = after.split('|');
    start = unitIds.indexOf(unitId ?? '');
    if (start < 0 || !quizId) throw unknownCursor();
    afterId = quizId;
  }
  const items: Quiz[] = [];
  for (let u = start; u < unitIds.length; u++) {
    const unitId = unitIds[u]!;
    let from = u === start ? afterId : undefined;
    for (;;) {
      const query = quizEntities().quiz.query.byOwner({ ownerUnitId: unitId });
      const { data } = await (from === undefined ? query : query.lt({ quizId: from })).go({ order: 'desc', limit: 100 });
      for (const record of data) {
        const quiz = quizFromRecord(record as Record<string, unknown>);
        from = quiz.quizId;
        items.push(quiz);
        if (items.length === limit) return { items, cursor: encodeAfterCursor(`${unitId}|${quiz.quizId}`) };
      }
      if (data.length < 100) break;
    }
  }
  return { items, cursor: null };
}

/** The quizzes that are a course's final test (normally one). */
export async function queryQuizzesOfCourse(courseId: string): Promise<Quiz[]> {
  if (!Id.safeParse(courseId).success) return [];
  const records = await all((cursor) => quizEntities().quiz.query.byCourse({ courseKey: courseId }).go({ cursor, limit: 100 }));
  return records.map((record) => quizFromRecord(record as Record<string, unknown>));
}

// ─── Attempts ──────────────────────────────────────────────────────────────────────────────────────────────────────

const numberKey = (number: number) => String(number).padStart(4, '0');
const DAY = 86_400_000;

function attemptFromRecord(record: Record<string, unknown>): Attempt {
  const { dueDay: _d, dueAt: _a, ...rest } = record;
  return Attempt.parse(rest);
}

/** The item of an attempt: while open with a deadline it sits in the index of attempts due that day. */
function attemptItem(attempt: Attempt) {
  const item: Record<string, unknown> = { ...attempt };
  for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
  const due = attempt.state === 'open' && attempt.deadline !== null;
  item.dueAt = due ? attempt.deadline : noKey;
  item.dueDay = due ? attempt.deadline!.slice(0, 10) : noKey;
  return item as Attempt & { dueAt: string; dueDay: string };
}

/**
 * The frames (what never changes after the start: taker, questions, deadline) of attempts this process has read or
 * written, newest kept, so that a save can be checked and written without reading its attempt first. A frame is only
 * ever a copy of stored facts that cannot change; the state and seq a save depends on are in its write's condition.
 */
const frames = new Map<string, AttemptFrame>();
const FRAMES_KEPT = 5_000;

function remember(attempt: Attempt): Attempt {
  frames.delete(attempt.attemptId);
  frames.set(attempt.attemptId, frameOf(attempt));
  if (frames.size > FRAMES_KEPT) frames.delete(frames.keys().next().value!);
  return attempt;
}

/** Forgets every frame, as a process that starts cold knows none (tests walk both paths of a save with it). */
export function forgetAttemptFrames(): void {
  frames.clear();
}

/** The attempt's frame if this process knows it (a miss is normal: another process served the start). */
export function knownFrame(attemptId: string): AttemptFrame | undefined {
  return frames.get(attemptId);
}

/** An attempt read strongly consistent (a save decides on its seq). */
export async function readAttempt(attemptId: string): Promise<Attempt | undefined> {
  if (!Id.safeParse(attemptId).success) return undefined;
  const { data } = await quizEntities().attempt.get({ attemptId }).go({ consistent: true });
  return data ? remember(attemptFromRecord(data as Record<string, unknown>)) : undefined;
}

export async function readAttempts(attemptIds: readonly string[]): Promise<Attempt[]> {
  const keys = [...new Set(attemptIds)].filter((id) => Id.safeParse(id).success).map((attemptId) => ({ attemptId }));
  if (keys.length === 0) return [];
  const entity = quizEntities().attempt;
  const read = await batchGet(keys, async (pending) => {
    const { data, unprocessed } = await entity.get(pending).go({ consistent: true });
    return { data: data as Record<string, unknown>[], unprocessed: unprocessed as { attemptId: string }[] };
  });
  return read.map(attemptFromRecord);
}

export interface AttemptSlot {
  number: number;
  attemptId: string;
}

/** A person's attempt places at a quiz, in number order (strongly consistent). */
export async function queryAttemptSlots(quizId: string, personId: string): Promise<AttemptSlot[]> {
  const records = await all((cursor) => quizEntities().attemptSlot.query.byTaker({ quizId, personId }).go({ cursor, limit: 100, consistent: true }));
  return records.map((record) => ({ number: Number((record as { numberKey: string }).numberKey), attemptId: String((record as { attemptId: string }).attemptId) }));
}

/** Takes place `number` for an attempt: false when someone (another tab) took it first. */
export async function insertAttemptSlot(quizId: string, personId: string, number: number, attemptId: string, now: string): Promise<boolean> {
  return writeIfStill(() => quizEntities().attemptSlot.create({ quizId, personId, numberKey: numberKey(number), attemptId, createdAt: now }).go());
}

/** Writes a new attempt once (a repeat for the same id changes nothing). */
export async function insertAttempt(attempt: Attempt): Promise<void> {
  await writeIfStill(() => quizEntities().attempt.create(attemptItem(Attempt.parse(attempt))).go());
  remember(attempt);
}

/**
 * Stores a save: the answers and the next seq, on the condition that the attempt is still open at `expectedSeq`.
 * False when the condition failed (another save came first, or the attempt closed): the caller reads and answers.
 */
export async function writeAnswers(attempt: Attempt, expectedSeq: number): Promise<boolean> {
  return writeIfStill(() =>
    quizEntities()
      .attempt.patch({ attemptId: attempt.attemptId })
      .set({ answers: attempt.answers, seq: attempt.seq })
      .where((attr, op) => `${op.eq(attr.seq, expectedSeq)} AND ${op.eq(attr.state, 'open')}`)
      .go({ response: 'none' }),
  );
}

/**
 * Writes a planned save without having read the attempt: the answers it sets and clears and the next seq, on the
 * condition that the attempt is still open at the seq the client named. One UpdateItem; false when the condition
 * failed (the caller then reads the attempt and decides).
 */
export async function writePlannedSave(attemptId: string, plan: PlannedSave): Promise<boolean> {
  const { Key, TableName } = quizEntities().attempt.get({ attemptId }).params() as { Key: Record<string, string>; TableName: string };
  const names: Record<string, string> = { '#seq': 'seq', '#state': 'state' };
  // DynamoDB refuses a name the expressions do not use: `answers` is named only when a save touches one.
  if (Object.keys(plan.set).length + plan.clear.length > 0) names['#answers'] = 'answers';
  const values: Record<string, unknown> = { ':expected': plan.expectedSeq, ':next': plan.nextSeq, ':open': 'open' };
  const sets = ['#seq = :next'];
  const removes: string[] = [];
  Object.entries(plan.set).forEach(([questionId, answer], i) => {
    names[`#s${i}`] = questionId;
    values[`:s${i}`] = answer;
    sets.push(`#answers.#s${i} = :s${i}`);
  });
  plan.clear.forEach((questionId, i) => {
    names[`#c${i}`] = questionId;
    removes.push(`#answers.#c${i}`);
  });
  return writeIfStill(() =>
    aws().doc.send(
      new UpdateCommand({
        TableName,
        Key,
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: '#seq = :expected AND #state = :open',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    ),
  );
}

/** Stores a graded attempt on the condition that it is still open: false when another finish came first. */
export async function writeFinished(attempt: Attempt): Promise<boolean> {
  return writeIfStill(() =>
    quizEntities()
      .attempt.put(attemptItem(Attempt.parse(attempt)))
      .where((attr, op) => op.eq(attr.state, 'open'))
      .go({ response: 'none' }),
  );
}

/** Every attempt at a quiz (statistics; eventually consistent). */
export async function queryAttemptsOfQuiz(quizId: string): Promise<Attempt[]> {
  const records = await all((cursor) => quizEntities().attempt.query.byQuiz({ quizId }).go({ cursor, limit: 200 }));
  return records.map((record) => attemptFromRecord(record as Record<string, unknown>));
}

/** The attempts at a quiz whose ids (ULIDs: their start) lie between two ids (eventually consistent; for the flags job). */
export async function queryAttemptsOfQuizBetween(quizId: string, fromId: string, toId: string): Promise<Attempt[]> {
  const records = await all((cursor) => quizEntities().attempt.query.byQuiz({ quizId }).between({ attemptId: fromId }, { attemptId: toId }).go({ cursor, limit: 200 }));
  return records.map((record) => attemptFromRecord(record as Record<string, unknown>));
}

/** Every attempt of a person, quiz by quiz (eventually consistent: for listings). */
export async function queryAttemptsOfPerson(personId: string): Promise<Attempt[]> {
  const records = await all((cursor) => quizEntities().attempt.query.byPerson({ personId }).go({ cursor, limit: 200 }));
  return records.map((record) => attemptFromRecord(record as Record<string, unknown>));
}

/** The ids of open attempts whose deadline is at or before `before`, over the last `days` days. */
export async function queryAttemptsDue(before: Date, days = 7): Promise<string[]> {
  const ids: string[] = [];
  const limit = before.toISOString();
  for (let d = days - 1; d >= 0; d--) {
    const dueDay = new Date(before.getTime() - d * DAY).toISOString().slice(0, 10);
    const records = await all((cursor) => quizEntities().attempt.query.byDue({ dueDay }).lte({ dueAt: limit, attemptId: '~' }).go({ cursor, limit: 200 }));
    for (const record of records) ids.push(String((record as { attemptId: string }).attemptId));
  }
  return ids;
}
