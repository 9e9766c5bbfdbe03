/**
 * Reads and writes of daily practice. No permission checks here (service.ts decides). Every write is one item with
 * its own condition: a day is created once, an answer is set once per question, the record moves by its version.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { isConditionFailure, writeIfStill } from '../../platform/store.js';
import { practiceEntities } from './entities.js';
import { addDays } from './days.js';
import { DEFAULT_QUESTIONS_PER_DAY, DayAnswer, PracticeDay, PracticeRecord, PracticeSettings } from './schema.js';

const partition = (personId: string) => `PRACTICE#${personId}`;
const daySk = (day: string) => `DAY#${day}`;

function dayFrom(item: Record<string, unknown>): PracticeDay {
  return PracticeDay.parse({ personId: item.personId, day: item.day, questions: item.questions, answers: item.answers ?? {}, createdAt: item.createdAt });
}

function recordFrom(item: Record<string, unknown>): PracticeRecord {
  return PracticeRecord.parse({ ...(JSON.parse(String(item.state)) as object), personId: item.personId, version: item.version });
}

// ─── Settings ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The setting as stored, or the default (3 a day) before an admin has set one. */
export async function readSettings(): Promise<PracticeSettings> {
  const { data } = await practiceEntities().practiceSettings.get({}).go();
  if (!data) return { questionsPerDay: DEFAULT_QUESTIONS_PER_DAY, updatedAt: null, updatedBy: null };
  return PracticeSettings.parse(data);
}

export async function writeSettings(settings: { questionsPerDay: number; updatedAt: string; updatedBy: string }): Promise<void> {
  await practiceEntities().practiceSettings.put(settings).go({ response: 'none' });
}

// ─── A person's days and record ────────────────────────────────────────────────────────────────────────────────────

/** Today's practice and the record of one person, in one query of their partition (`DAY#<today>` … `RECORD`). */
export async function readTodayAndRecord(personId: string, today: string): Promise<{ today?: PracticeDay; record?: PracticeRecord }> {
  const { Items = [] } = await aws().doc.send(
    new QueryCommand({
      TableName: config().tableName,
      KeyConditionExpression: 'pk = :pk AND sk >= :sk',
      ExpressionAttributeValues: { ':pk': partition(personId), ':sk': daySk(today) },
    }),
  );
  const out: { today?: PracticeDay; record?: PracticeRecord } = {};
  for (const item of Items) {
    if (item.sk === daySk(today)) out.today = dayFrom(item);
    else if (item.sk === 'RECORD') out.record = recordFrom(item);
  }
  return out;
}

/** One person's practice of one day (read strongly: it may have just been written). */
export async function readDay(personId: string, day: string): Promise<PracticeDay | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: config().tableName, Key: { pk: partition(personId), sk: daySk(day) }, ConsistentRead: true }));
  return Item ? dayFrom(Item) : undefined;
}

/** The person's days after `after` (all, when null) up to `through`, oldest first. */
export async function queryDays(personId: string, after: string | null, through: string): Promise<PracticeDay[]> {
  const days: PracticeDay[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await aws().doc.send(
      new QueryCommand({
        TableName: config().tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': partition(personId), ':from': daySk(after === null ? '0000-00-00' : addDays(after, 1)), ':to': daySk(through) },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    days.push(...(page.Items ?? []).map(dayFrom));
    start = page.LastEvaluatedKey;
  } while (start);
  return days;
}

/** Creates the day once; when another request created it first, answers that one (two devices see one set). */
export async function insertDay(day: PracticeDay): Promise<PracticeDay> {
  const written = await writeIfStill(() => practiceEntities().practiceDay.create(PracticeDay.parse(day)).go({ response: 'none' }));
  if (written) return day;
  const stored = await readDay(day.personId, day.day);
  if (!stored) throw new Error(`practice day ${day.personId}/${day.day} exists and cannot be read`);
  return stored;
}

/**
 * Sets the answer to one question of a day, if it has none yet. Answers the day as it is after the call, and
 * whether this answer was the one recorded (false: an earlier one was kept).
 */
export async function recordAnswer(personId: string, day: string, questionId: string, answer: DayAnswer): Promise<{ recorded: boolean; day: PracticeDay }> {
  try {
    const { Attributes } = await aws().doc.send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: partition(personId), sk: daySk(day) },
        UpdateExpression: 'SET answers.#q = :answer',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answers.#q)',
        ExpressionAttributeNames: { '#q': questionId },
        ExpressionAttributeValues: { ':answer': DayAnswer.parse(answer) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { recorded: true, day: dayFrom(Attributes!) };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const stored = await readDay(personId, day);
    if (!stored) throw new Error(`practice day ${personId}/${day} vanished`);
    return { recorded: false, day: stored };
  }
}

/** Stores the record if it is still at `record.version` (0: not stored yet); false when someone else moved it first. */
export async function writeRecord(record: PracticeRecord): Promise<boolean> {
  const { personId, version, ...state } = record;
  const entity = practiceEntities().practiceRecord;
  const item = { personId, version: version + 1, state: JSON.stringify(state) };
  return writeIfStill(() =>
    version === 0 ? entity.create(item).go({ response: 'none' }) : entity.put(item).where((attr, op) => op.eq(attr.version, version)).go({ response: 'none' }),
  );
}

/** The record as stored now (read strongly), or undefined. */
export async function readRecord(personId: string): Promise<PracticeRecord | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: config().tableName, Key: { pk: partition(personId), sk: 'RECORD' }, ConsistentRead: true }));
  return Item ? recordFrom(Item) : undefined;
}
