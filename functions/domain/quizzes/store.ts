/**
 * Reads and writes of the question bank. No permission checks here (service.ts decides who may). A question is a
 * head (its latest version) guarded by its version number, one item per version written once, and one tag item
 * per category; README.md beside this file says how the three stay true to each other without transactions.
 */
import { AppError } from '../../platform/errors.js';
import { batchGet, batchWrite, decodeAfterCursor, encodeAfterCursor, pageLimit, unknownCursor, versionedWrite, writeIfStill, type Page } from '../../platform/store.js';
import { quizEntities, versionKey } from './entities.js';
import { Id, Question, type Difficulty, type QuestionKind, type QuestionRef } from './schema.js';

function fromRecord(record: Record<string, unknown>): Question {
  const { versionKey: _v, ...rest } = record;
  return Question.parse({ ...rest, explanation: rest.explanation ?? '' });
}

/** The item of a question as stored (ElectroDB takes no undefined attributes). */
function toItem(question: Question) {
  const { stemImageKey, ...rest } = question;
  return { ...rest, options: question.options.map((o) => (o.imageKey ? o : { text: o.text })), ...(stemImageKey ? { stemImageKey } : {}) };
}

/** The latest version of a question; undefined for an id that is not one, or no such question. */
export async function readQuestionHead(questionId: string): Promise<Question | undefined> {
  if (!Id.safeParse(questionId).success) return undefined;
  const { data } = await quizEntities().questionHead.get({ questionId }).go();
  return data ? fromRecord(data as Record<string, unknown>) : undefined;
}

/** Many heads at once (order not kept; missing ones absent). */
export async function readQuestionHeads(questionIds: readonly string[]): Promise<Question[]> {
  const keys = [...new Set(questionIds)].filter((id) => Id.safeParse(id).success).map((questionId) => ({ questionId }));
  if (keys.length === 0) return [];
  const entity = quizEntities().questionHead;
  const read = await batchGet(keys, async (pending) => {
    const { data, unprocessed } = await entity.get(pending).go();
    return { data: data as Record<string, unknown>[], unprocessed: unprocessed as { questionId: string }[] };
  });
  return read.map(fromRecord);
}

/**
 * Questions at the versions named (what an attempt was given), keyed `questionId#version`. A version's own item is
 * written right after its head; should that write have been lost, the head still holds the version it names.
 */
export async function readQuestionVersions(refs: readonly QuestionRef[]): Promise<Map<string, Question>> {
  const found = new Map<string, Question>();
  const wanted = refs.filter((ref) => Id.safeParse(ref.questionId).success && Number.isInteger(ref.version) && ref.version >= 1);
  if (wanted.length === 0) return found;
  const entity = quizEntities().questionVersion;
  const keys = [...new Map(wanted.map((ref) => [`${ref.questionId}#${ref.version}`, { questionId: ref.questionId, versionKey: versionKey(ref.version) }])).values()];
  const read = await batchGet(keys, async (pending) => {
    const { data, unprocessed } = await entity.get(pending).go();
    return { data: data as Record<string, unknown>[], unprocessed: unprocessed as typeof keys };
  });
  for (const question of read.map(fromRecord)) found.set(`${question.questionId}#${question.version}`, question);
  const lost = wanted.filter((ref) => !found.has(`${ref.questionId}#${ref.version}`));
  if (lost.length > 0) {
    for (const head of await readQuestionHeads(lost.map((ref) => ref.questionId))) found.set(`${head.questionId}#${head.version}`, head);
  }
  return found;
}

/** Writes a version's own item once (a second write of the same version changes nothing). */
async function keepVersion(question: Question): Promise<void> {
  await writeIfStill(() => quizEntities().questionVersion.create({ ...toItem(question), versionKey: versionKey(question.version) }).go());
}

/**
 * Brings the tag items up to the head `question` (entries for its categories while it is active, none once retired)
 * and drops the entries of categories it had in `before`. Each write is conditional on the entry's version, so a
 * slower writer of an older version never undoes a newer one.
 */
async function indexTags(question: Question, before: readonly string[]): Promise<void> {
  const entity = quizEntities().questionTag;
  const current = question.retired ? [] : question.tags;
  const v = question.version;
  await Promise.all([
    ...current.map((tag) =>
      writeIfStill(() =>
        entity
          .put({ questionId: question.questionId, tag, ownerUnitId: question.ownerUnitId, difficulty: question.difficulty, version: v })
          .where((attr, op) => `${op.notExists(attr.version)} OR ${op.lte(attr.version, v)}`)
          .go(),
      ),
    ),
    ...before
      .filter((tag) => !current.includes(tag))
      .map((tag) => writeIfStill(() => entity.delete({ questionId: question.questionId, tag }).where((attr, op) => op.lte(attr.version, v)).go())),
  ]);
}

/** Writes a new question (version 1; its id is new: created once). */
export async function insertQuestion(question: Question): Promise<void> {
  await quizEntities().questionHead.create(toItem(question)).go();
  await keepVersion(question);
  await indexTags(question, []);
}

/**
 * Writes a new question whose id was fixed beforehand (an import's row), once: when its head is already there (an
 * earlier run of the same import wrote it), nothing is written again. True when written now.
 */
export async function insertQuestionOnce(question: Question): Promise<boolean> {
  if (!(await writeIfStill(() => quizEntities().questionHead.create(toItem(question)).go()))) return false;
  await keepVersion(question);
  await indexTags(question, []);
  return true;
}

/**
 * Writes many new questions at once (version 1: head, version item, category entries) in batches, unconditionally.
 * Only for questions whose ids nobody else can hold: an import writes them after claiming each one's stem create-once
 * (a question whose claim was already there goes through `insertQuestionOnce`).
 */
export async function insertNewQuestions(questions: readonly Question[]): Promise<void> {
  if (questions.length === 0) return;
  const { questionHead, questionVersion, questionTag } = quizEntities();
  const heads = questions.map(toItem);
  const tags = questions.flatMap((q) => (q.retired ? [] : q.tags.map((tag) => ({ questionId: q.questionId, tag, ownerUnitId: q.ownerUnitId, difficulty: q.difficulty, version: q.version }))));
  await batchWrite([
    ...(questionHead.put(heads).params() as Array<{ RequestItems: Record<string, unknown[]> }>),
    ...(questionVersion.put(heads.map((item, i) => ({ ...item, versionKey: versionKey(questions[i]!.version) }))).params() as Array<{ RequestItems: Record<string, unknown[]> }>),
    ...(tags.length ? (questionTag.put(tags).params() as Array<{ RequestItems: Record<string, unknown[]> }>) : []),
  ]);
}

/**
 * Makes `next` the question's new head if the head is still `current` (at current.version); `next.version` must be
 * current.version + 1. Someone else's save in between is a CONFLICT naming the version stored now. Before the head
 * moves on, the version it leaves is kept in its own item, so attempts given it can always read it.
 */
export async function replaceQuestion(current: Question, next: Question): Promise<Question> {
  if (next.version !== current.version + 1) throw new Error('a new head must be one version past the current one');
  await keepVersion(current);
  const saved = Question.parse(next);
  await versionedWrite(
    () =>
      quizEntities()
        .questionHead.put(toItem(saved))
        .where((attr, op) => op.eq(attr.version, current.version))
        .go(),
    current.version,
    () => readQuestionHead(current.questionId),
  );
  await keepVersion(saved);
  await indexTags(saved, current.tags);
  return saved;
}

export interface QuestionFilter {
  kind?: QuestionKind;
  difficulty?: Difficulty;
  /** true: only retired ones; false: only active ones; undefined: both. */
  retired?: boolean;
}

const matches = (question: Question, filter: QuestionFilter & { tag?: string }) =>
  (filter.kind === undefined || question.kind === filter.kind) &&
  (filter.difficulty === undefined || question.difficulty === filter.difficulty) &&
  (filter.retired === undefined || question.retired === filter.retired) &&
  (filter.tag === undefined || question.tags.includes(filter.tag));

/** How many items one listing call reads at most before it answers (with a cursor to go on). */
const maxScanned = 1000;

/**
 * The questions of several units' banks that pass the filter, unit after unit in the order given, newest first
 * within a unit, a page at a time. The cursor names the unit and the last question read there.
 */
export async function queryQuestionsOfUnits(unitIds: readonly string[], filter: QuestionFilter, page: { cursor?: string | null; limit?: number }): Promise<Page<Question>> {
  const limit = pageLimit(page.limit);
  const after = decodeAfterCursor(page.cursor, 80);
  let start = 0;
  let afterId: string | undefined;
  if (after !== undefined) {
    const [unitId, questionId] = after.split('|');
    start = unitIds.indexOf(unitId ?? '');
    if (start < 0 || !questionId) throw unknownCursor();
    afterId = questionId;
  }
  const items: Question[] = [];
  let scanned = 0;
  for (let u = start; u < unitIds.length; u++) {
    const unitId = unitIds[u]!;
    let from = u === start ? afterId : undefined;
    for (;;) {
      const query = quizEntities().questionHead.query.byOwner({ ownerUnitId: unitId });
      const { data } = await (from === undefined ? query : query.lt({ questionId: from })).go({ order: 'desc', limit: 100 });
      for (const record of data) {
        const question = fromRecord(record as Record<string, unknown>);
        from = question.questionId;
        scanned++;
        if (matches(question, filter)) items.push(question);
        if (items.length === limit || scanned >= maxScanned) return { items, cursor: encodeAfterCursor(`${unitId}|${question.questionId}`) };
      }
      if (data.length < 100) break;
    }
  }
  return { items, cursor: null };
}

/**
 * The questions of one category (and difficulty, if given) owned by the units given, as their heads say now: an
 * entry whose head no longer has the category, the difficulty or the owner is dropped, and retired ones are kept
 * only when `filter.retired` asks for them (a retired question has no entries). A page at a time.
 */
export async function queryQuestionsByTag(
  tag: string,
  unitIds: ReadonlySet<string>,
  filter: QuestionFilter,
  page: { cursor?: string | null; limit?: number },
): Promise<Page<Question>> {
  const limit = pageLimit(page.limit);
  const after = decodeAfterCursor(page.cursor, 80);
  const items: Question[] = [];
  let from = after;
  let scanned = 0;
  for (;;) {
    const query = quizEntities().questionTag.query.byTag(filter.difficulty ? { tag, difficulty: filter.difficulty } : { tag });
    const sk = from === undefined ? undefined : { difficulty: from.split('#')[0] as Difficulty, questionId: from.split('#')[1] ?? '' };
    let data: Array<Record<string, unknown>>;
    try {
      ({ data } = await (sk ? query.gt(sk) : query).go({ limit: 100 }));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw sk ? unknownCursor(error) : error;
    }
    const entries = data.filter((entry) => unitIds.has(String(entry.ownerUnitId)));
    const heads = new Map((await readQuestionHeads(entries.map((entry) => String(entry.questionId)))).map((q) => [q.questionId, q]));
    for (const entry of data) {
      from = `${String(entry.difficulty)}#${String(entry.questionId)}`;
      scanned++;
      const head = heads.get(String(entry.questionId));
      if (head && unitIds.has(head.ownerUnitId) && matches(head, { ...filter, tag })) items.push(head);
      if (items.length === limit || scanned >= maxScanned) return { items, cursor: encodeAfterCursor(from) };
    }
    if (data.length < 100) return { items, cursor: null };
  }
}
