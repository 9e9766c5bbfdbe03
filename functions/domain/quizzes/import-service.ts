/**
 * Importing a question file into a bank (题库导入), for the bank's editors: `previewQuestionImport` reads the file
 * (question-file.ts), names each row's problems in words (a duplicate stem within the file or against the target
 * bank among them) and keeps the good rows for a day; `confirmQuestionImport` writes them into the bank.
 *
 * The same questions are never written twice, without transactions (DESIGN rule 3):
 * - each good row's question id is fixed at preview and kept with the rows;
 * - before a question is written, its stem is claimed in the bank (create-once, import-store.ts): a second preview
 *   of the same file finds the stems in the bank, and a confirm racing another finds them claimed, and skips them;
 * - the import item moves previewed → applying → applied by conditions on the one item; a confirm that died half-way
 *   is resumed by the next (its claims and questions are recognised as its own), and an applied import answers its
 *   result again.
 */
import { AppError, ConflictError } from '../../platform/errors.js';
import { apiMessage, type MessageRef } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/clock.js';
import { currentLang } from '../../platform/request-scope.js';
import { eachLimited } from '../../platform/store.js';
import { safeFileName } from '../../platform/content-disposition.js';
import { recordAudit } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { questionOwner, reachesBank } from '../authz/questions.js';
import { loadTree } from '../org/service.js';
import { orgMessages } from '../org/messages.js';
import { readQuestionFile, questionTemplate, type ImportedQuestion, type QuestionField } from './question-file.js';
import { Id, Question } from './schema.js';
import { currentQuestion } from './service.js';
import { insertNewQuestions, insertQuestionOnce } from './store.js';
import {
  beginQuestionImport,
  claimStem,
  finishQuestionImport,
  insertQuestionImport,
  questionImportLeaseMs,
  readBankStems,
  readQuestionImport,
  readQuestionImportRows,
  releaseQuestionImport,
  takeOverStem,
  type QuestionImportRecord,
  type StemClaim,
  type StoredQuestionRow,
} from './import-store.js';
import { questionImportMessages, quizzesMessages } from './messages.js';

/**
 * Largest question file accepted (the route's body limit says the same). 4 MB, as a roster: on AWS an upload reaches
 * the function base64-encoded within 6 MB. 5,000 questions (the most one file may hold) make about 1 MB of .xlsx.
 */
export const maxQuestionFileBytes = 4 * 1024 * 1024;
/** Most rows a preview answers with (those with problems first); the counts cover every row. */
export const maxPreviewRows = 1000;
/** How many questions a confirm writes at once. */
const writeConcurrency = 16;

export interface QuestionPreviewProblem {
  field: QuestionField;
  /** A stable code: the message's key. */
  code: string;
  message: string;
}

export interface QuestionPreviewRow {
  line: number;
  /** The question as it will be stored (ready), or null when the row has problems. */
  question: ImportedQuestion | null;
  /** The type and stem as the file wrote them. */
  written: { type: string; stem: string };
  problems: QuestionPreviewProblem[];
}

export interface QuestionPreview {
  importId: string;
  fileName: string;
  ownerUnitId: string;
  counts: QuestionImportRecord['counts'];
  rows: QuestionPreviewRow[];
}

export interface QuestionImportInput {
  file: { name: string; bytes: Uint8Array } | undefined;
  /** The bank (its unit); the editor's own organizing unit (the root for admins) when absent. */
  ownerUnitId?: string | undefined;
}

const notFound = () => new AppError('NOT_FOUND', { messageKey: questionImportMessages.importNotFound });

/** The name a file is kept and shown under: its last path segment, made safe, at most 120 characters. */
function keptFileName(name: string): string {
  const cleaned = safeFileName(name.split(/[/\\]/).pop() ?? '').slice(-120);
  return cleaned === '' ? 'questions' : cleaned;
}

/** A row's question as the bank stores it, or the reason the platform's text rules refuse it (a control character…). */
function stored(question: ImportedQuestion, parts: { questionId: string; ownerUnitId: string; createdBy: string; at: string }) {
  return Question.safeParse({ ...question, ...parts, version: 1, retired: false, createdAt: parts.at, updatedAt: parts.at });
}

/**
 * Reads the file, checks each row (and its stem against the bank it goes into) and keeps the good rows for a later
 * confirm. A bad file is a 4xx naming its problem; bad rows are rows with problems in the answer, not errors.
 */
export async function previewQuestionImport(actor: Actor | null, input: QuestionImportInput): Promise<QuestionPreview> {
  const grant = authorize(actor, 'previewQuestionImport');
  const { file } = input;
  if (!file || file.bytes.length === 0) throw new AppError('VALIDATION', { messageKey: questionImportMessages.fileMissing, details: [{ path: 'file' }] });
  if (file.bytes.length > maxQuestionFileBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: questionImportMessages.fileTooLarge, params: { limit: `${maxQuestionFileBytes / 1024 / 1024} MB` } });
  }
  if (input.ownerUnitId !== undefined && !Id.safeParse(input.ownerUnitId).success) {
    throw new AppError('VALIDATION', { messageKey: orgMessages.unitNotFound, details: [{ path: 'ownerUnitId' }] });
  }
  const ownerUnitId = questionOwner(grant, actor!, input.ownerUnitId, await loadTree());
  const lang = currentLang();
  const say = (message: MessageRef, params?: Record<string, string | number>) => apiMessage(lang, message, params);
  const [read, bank] = await Promise.all([Promise.resolve().then(() => readQuestionFile(file.bytes, lang)), readBankStems(ownerUnitId)]);

  const at = nowIso();
  // Ids are time-sortable and the bank lists the newest first: the last row gets the first id, so the bank lists the
  // questions in the file's order.
  const ids = read.map(() => newId()).reverse();
  const rows: QuestionPreviewRow[] = [];
  const good: StoredQuestionRow[] = [];
  let duplicates = 0;
  read.forEach((row, index) => {
    const problems: QuestionPreviewProblem[] = row.problems.map((p) => ({ field: p.field, code: p.messageKey.key, message: say(p.messageKey, p.params) }));
    const held = row.stemKey === '' ? undefined : bank.get(row.stemKey);
    if (held) {
      const message = held.retired ? questionImportMessages.duplicateInBankRetired : questionImportMessages.duplicateInBank;
      problems.push({ field: 'stem', code: message.key, message: say(message) });
    }
    if (problems.some((p) => p.code === quizzesMessages.importDuplicateStem.key || p.code === questionImportMessages.duplicateInBank.key || p.code === questionImportMessages.duplicateInBankRetired.key)) {
      duplicates++;
    }
    let question = problems.length === 0 ? row.question : undefined;
    if (question) {
      const questionId = ids[index]!;
      const checked = stored(question, { questionId, ownerUnitId, createdBy: actor!.personId, at });
      if (checked.success) good.push({ line: row.line, stemKey: row.stemKey, questionId, question: question as unknown as Record<string, unknown> });
      else {
        for (const issue of checked.error.issues) {
          const field = String(issue.path[0] ?? 'stem');
          problems.push({ field: (field === 'options' ? 'options' : field === 'answer' ? 'answer' : field === 'explanation' ? 'explanation' : field === 'tags' ? 'tags' : 'stem') as QuestionField, code: 'invalidText', message: issue.message });
        }
        question = undefined;
      }
    }
    rows.push({ line: row.line, question: question ?? null, written: row.written, problems });
  });

  const counts = { rows: rows.length, ready: good.length, problems: rows.length - good.length, duplicates };
  const importId = newId();
  const record = await insertQuestionImport({ importId, ownerUnitId, fileName: keptFileName(file.name), createdBy: actor!.personId, counts }, good);
  const shown = [...rows.filter((row) => row.problems.length > 0), ...rows.filter((row) => row.problems.length === 0)].slice(0, maxPreviewRows);
  return { importId, fileName: record.fileName, ownerUnitId, counts, rows: shown };
}

export interface QuestionImportResult {
  importId: string;
  ownerUnitId: string;
  /** Questions this import put into the bank. */
  created: number;
  /** Good rows whose stem the bank had by the time of the confirm (another import or an editor got there first). */
  skipped: number;
  /** Rows the preview found problems in: not imported. */
  notImported: number;
}

/** Why an import cannot be confirmed now (409), or undefined when it can. */
function refusal(record: QuestionImportRecord, now: number): AppError | undefined {
  if (record.status === 'applying' && (record.leaseUntil ?? 0) > now) return new AppError('CONFLICT', { messageKey: questionImportMessages.importInProgress });
  return undefined;
}

const resultOf = (record: QuestionImportRecord, done: { created: number; skipped: number }): QuestionImportResult => ({
  importId: record.importId,
  ownerUnitId: record.ownerUnitId,
  ...done,
  notImported: record.counts.problems,
});

/**
 * Who may see a claim's question as already there: the question itself exists, or the claim's import may still
 * write it (its hold has not lapsed). Otherwise the claim is a leftover of a confirm that died, and is taken over.
 */
async function claimIsLive(claim: StemClaim): Promise<boolean> {
  if (await currentQuestion(claim.questionId)) return true;
  return Date.parse(claim.createdAt) + questionImportLeaseMs > Date.now();
}

/** What one good row comes to: written now (new), written by an earlier run of this confirm (ours), or skipped. */
type RowOutcome = 'new' | 'ours' | 'skipped';

/**
 * Claims one good row's stem for its question, unless the bank has (or another import claimed) that stem. A claim
 * made now means nobody else holds the question's id, so the question itself is written in a batch afterwards.
 */
async function claimRow(record: QuestionImportRecord, row: StoredQuestionRow, bank: Map<string, { questionId: string }>): Promise<RowOutcome> {
  const there = bank.get(row.stemKey);
  if (there) return there.questionId === row.questionId ? 'ours' : 'skipped';
  const ours: StemClaim = { questionId: row.questionId, importId: record.importId, createdAt: nowIso() };
  let holder = await claimStem(record.ownerUnitId, row.stemKey, ours);
  if (holder === ours) return 'new';
  if (holder.questionId !== row.questionId && !(await claimIsLive(holder))) {
    if (await takeOverStem(record.ownerUnitId, row.stemKey, holder, ours)) holder = ours;
  }
  // Our own claim from an earlier run (its question may or may not have been written): written once, conditionally.
  return holder.questionId === row.questionId ? 'ours' : 'skipped';
}

/**
 * Imports a previewed file's good rows into its bank. Only the person who previewed it confirms it (anyone else: 404,
 * as for an import that does not exist). Safe to repeat: an applied import answers its result again.
 */
export async function confirmQuestionImport(actor: Actor | null, importId: string): Promise<QuestionImportResult> {
  const grant = authorize(actor, 'confirmQuestionImport');
  const [record, tree] = await Promise.all([readQuestionImport(importId), loadTree()]);
  if (!record || record.createdBy !== actor!.personId || !reachesBank(grant, actor!, record.ownerUnitId, tree)) throw notFound();
  if (record.status === 'applied' && record.result) return resultOf(record, record.result);
  const refused = refusal(record, Date.now());
  if (refused) throw refused;
  if (record.counts.ready === 0) throw new AppError('CONFLICT', { messageKey: questionImportMessages.nothingToImport });

  const leaseId = newId();
  try {
    await beginQuestionImport(record, leaseId, Date.now() + questionImportLeaseMs);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const now = await readQuestionImport(importId);
    if (now?.status === 'applied' && now.result) return resultOf(now, now.result);
    throw (now && refusal(now, Date.now())) ?? new AppError('CONFLICT', { messageKey: questionImportMessages.importInProgress, cause: error });
  }

  let created = 0;
  let skipped = 0;
  try {
    const [rows, bank] = await Promise.all([readQuestionImportRows(record), readBankStems(record.ownerUnitId)]);
    const at = nowIso();
    // Checked at preview with the same parts; parsed again as every item written is.
    const question = (row: StoredQuestionRow) =>
      Question.parse({ ...row.question, questionId: row.questionId, ownerUnitId: record.ownerUnitId, createdBy: actor!.personId, version: 1, retired: false, createdAt: at, updatedAt: at });
    const fresh: Question[] = [];
    const resumed: Question[] = [];
    await eachLimited(rows, writeConcurrency, async (row) => {
      const outcome = await claimRow(record, row, bank);
      if (outcome === 'skipped') skipped++;
      else if (outcome === 'new') fresh.push(question(row));
      else if (!bank.has(row.stemKey)) resumed.push(question(row));
    });
    await insertNewQuestions(fresh);
    await eachLimited(resumed, writeConcurrency, async (q) => {
      await insertQuestionOnce(q);
    });
    created = rows.length - skipped;
  } catch (error) {
    await releaseQuestionImport(importId, leaseId);
    throw error;
  }
  const done = { created, skipped };
  await finishQuestionImport(importId, leaseId, done);
  await recordAudit({
    action: 'importQuestions',
    actor,
    target: { type: 'import', id: importId, label: record.fileName.slice(0, 120) },
    details: { ...done, notImported: record.counts.problems, rows: record.counts.rows, fileName: record.fileName, ownerUnitId: record.ownerUnitId },
  });
  return resultOf(record, done);
}

/** The downloadable template in the reader's language, for the bank's editors. */
export function questionTemplateFile(actor: Actor | null): { fileName: string; contentType: string; body: Uint8Array } {
  authorize(actor, 'getQuestionTemplate');
  const lang = currentLang();
  return {
    fileName: lang === 'en' ? 'question-template.xlsx' : '题库导入模板.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: questionTemplate(lang),
  };
}
