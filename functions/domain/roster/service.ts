/**
 * Roster import use cases (admins only): `previewImport` reads a file and shows what importing it would do, row by row;
 * `confirmImport` does it, only if no row has a problem, re-checking every row against the data as it is then.
 *
 * Nothing is half-imported after an error, without transactions (DESIGN rule 3):
 * - every row is validated before anything is written, at preview and again at confirm;
 * - the Import item moves previewed → applying → applied by condition expressions, so two confirms cannot both write;
 * - every write is idempotent: a new person's id is fixed at preview (stored with the rows), so a confirm that died
 *   half-way is resumed by the next one (after its hold lapses, or at once if it failed cleanly): claims and people
 *   it already wrote are recognised as its own, updates already made now read as unchanged, and the people it created
 *   get the one initial password the finishing confirm hands out.
 */
import { AppError, ConflictError } from '../../platform/errors.js';
import { apiMessage, type MessageRef } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/clock.js';
import { generatePassword, hashPassword } from '../../platform/passwords.js';
import { currentLang } from '../../platform/request-scope.js';
import { eachLimited } from '../../platform/store.js';
import { recordAudit } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { loadFreshTree } from '../org/service.js';
import { loginHolders, writeImportedChange, writeImportedPerson } from '../people/directory.js';
import { normaliseLogin } from '../people/schema.js';
import { readRosterFile } from './roster-file.js';
import { readRosterRows } from './roster-rows.js';
import { planRoster, type PlannedRow, type RosterPlan, type StoredRosterRow } from './roster.js';
import type { ImportRecord } from './schema.js';
import { applyLeaseMs, beginApply, finishApply, insertImport, readImport, readImportRows, releaseApply } from './store.js';
import { accessMessages } from '../access/messages.js';
import { rosterMessages } from './messages.js';

/**
 * Largest roster file accepted (the API's route-level body limit says the same). 4 MB: on AWS the upload reaches the
 * function base64-encoded inside a request of at most 6 MB, so a larger file would be refused before our own words
 * could explain why. A roster of 10,000 people is about 1 MB as CSV.
 */
export const maxRosterFileBytes = 4 * 1024 * 1024;
/** How many people a confirm writes at once. */
export const writeConcurrency = 24;

export interface PreviewInput {
  /** The uploaded file; undefined when the request carried none (a 400 that says to choose one). */
  file: { name: string; bytes: Uint8Array } | undefined;
  /** An initial password for the new people, chosen by the admin; otherwise one is generated at confirm. */
  initialPassword?: string;
}

export interface PreviewResult {
  importId: string;
  fileName: string;
  counts: RosterPlan['counts'];
  plan: RosterPlan;
}

/** Letters and digits both, at least 8 (the rule for every password on the platform). */
function checkInitialPassword(password: string): void {
  if (password.length < 8 || password.length > 200 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw new AppError('VALIDATION', { messageKey: accessMessages.passwordTooWeak, details: [{ path: 'initialPassword' }] });
  }
}


/** Plans rows against the tree and the people as they are now (the tree read afresh, not from any cache). */
async function plan(rows: readonly StoredRosterRow[], actor: Actor, flags: { hasRoles: boolean; hasBranch: boolean }): Promise<RosterPlan> {
  const logins = rows.flatMap((row) => normaliseLogin(row.login) ?? []);
  const [tree, holders] = await Promise.all([loadFreshTree(), loginHolders(logins)]);
  return planRoster(rows, { tree, holders, actor, ...flags, now: nowIso() });
}

/**
 * Reads the roster, validates every row and keeps the import (file, rows, counts) for a later confirm. Bad files are
 * a 4xx naming the problem; bad rows are not errors but rows with problems in the answer.
 */
export async function previewImport(actor: Actor | null, input: PreviewInput): Promise<PreviewResult> {
  authorize(actor, 'previewImport');
  const { file } = input;
  if (!file) throw new AppError('VALIDATION', { messageKey: rosterMessages.importFileMissing, details: [{ path: 'file' }] });
  if (file.bytes.length > maxRosterFileBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: rosterMessages.importFileTooLarge, params: { limit: `${maxRosterFileBytes / 1024 / 1024} MB` } });
  }
  if (input.initialPassword !== undefined) checkInitialPassword(input.initialPassword);
  const lang = currentLang();
  const table = readRosterFile(file.bytes);
  const raw = readRosterRows(table.rows, (key: MessageRef) => apiMessage(lang, key));
  const rows: StoredRosterRow[] = raw.rows.map((row) => ({ ...row, plannedPersonId: newId() }));
  const result = await plan(rows, actor!, raw);
  const importId = newId();
  const record = await insertImport({
    importId,
    fileName: file.name,
    file: file.bytes,
    rows: result.rows.map((planned) => ({ ...planned.row, previewAction: planned.action })),
    hasRoles: raw.hasRoles,
    hasBranch: raw.hasBranch,
    counts: result.counts,
    createdBy: { personId: actor!.personId, name: actor!.name },
    ...(input.initialPassword ? { passwordHash: await hashPassword(input.initialPassword) } : {}),
  });
  return { importId, fileName: record.fileName, counts: result.counts, plan: result };
}

export interface ConfirmResult {
  created: number;
  updated: number;
  unchanged: number;
  /** The generated initial password of the people created, shown once; absent when none were created or it was chosen. */
  initialPassword?: string;
}

/** One row's write: idempotent, so a resumed confirm may run it again. */
async function writeRow(row: PlannedRow, passwordHash: string | undefined): Promise<void> {
  const next = row.next!;
  if (row.action === 'update') {
    await writeImportedChange(next, row.current!.version);
    return;
  }
  // create
  if (row.resumed === 'person') {
    // An earlier attempt created this person: give them this confirm's password (the earlier one was never shown).
    const current = row.current!;
    if (passwordHash && current.passwordHash !== passwordHash) await writeImportedChange({ ...current, passwordHash }, current.version);
    return;
  }
  await writeImportedPerson({ ...next, passwordHash: passwordHash! }, row.resumed === 'claim');
}

/** Why an import cannot be confirmed now (409), or undefined when it can. */
function refusal(record: ImportRecord, now: number): AppError | undefined {
  if (record.status === 'applied') return new AppError('CONFLICT', { messageKey: rosterMessages.importAlreadyApplied });
  if (record.status === 'applying' && (record.leaseUntil ?? 0) > now) return new AppError('CONFLICT', { messageKey: rosterMessages.importInProgress });
  return undefined;
}

/**
 * Imports a previewed roster: re-validates every row against the current data and refuses (409) if any has a
 * problem; then takes the import (previewed → applying), writes creates and updates with bounded concurrency, and
 * marks it applied. New people share one initial password per import (hashed once) and must change it at first sign-in.
 */
export async function confirmImport(actor: Actor | null, importId: string): Promise<ConfirmResult> {
  authorize(actor, 'confirmImport');
  const record = await readImport(importId);
  if (!record) throw new AppError('NOT_FOUND', { messageKey: rosterMessages.importNotFound });
  const refused = refusal(record, Date.now());
  if (refused) throw refused;

  const rows = await readImportRows(record);
  const result = await plan(rows, actor!, record);
  if (result.counts.problems > 0) {
    throw new AppError('CONFLICT', {
      messageKey: rosterMessages.importHasProblems,
      params: { count: result.counts.problems },
      details: result.rows
        .filter((row) => row.action === 'problem')
        .slice(0, 100)
        .map((row) => ({ line: row.row.line, fields: row.problems.map((p) => p.field) })),
    });
  }

  const creates = result.rows.filter((row) => row.action === 'create');
  const updates = result.rows.filter((row) => row.action === 'update');
  let initialPassword: string | undefined;
  let passwordHash = record.passwordHash;
  if (!passwordHash && creates.length > 0) {
    initialPassword = generatePassword();
    passwordHash = await hashPassword(initialPassword); // once per import, never per row
  }

  const leaseId = newId();
  try {
    await beginApply(record, leaseId, Date.now() + applyLeaseMs);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const now = await readImport(importId);
    throw (now && refusal(now, Date.now())) ?? new AppError('CONFLICT', { messageKey: rosterMessages.importInProgress, cause: error });
  }

  try {
    await eachLimited([...creates, ...updates], writeConcurrency, (row) => writeRow(row, passwordHash));
  } catch (error) {
    await releaseApply(importId, leaseId);
    throw error;
  }
  const done = { created: creates.length, updated: updates.length, unchanged: result.counts.unchanged };
  await finishApply(importId, leaseId, done);
  await recordAudit({
    action: 'confirmImport',
    actor,
    target: { type: 'import', id: importId, label: record.fileName.slice(0, 120) },
    details: { ...done, rows: result.counts.rows, fileName: record.fileName },
  });
  return { ...done, ...(initialPassword && creates.length > 0 ? { initialPassword } : {}) };
}
