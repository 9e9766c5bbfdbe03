/**
 * Reading a roster file into a table of text cells: CSV (RFC 4180; UTF-8 with or without BOM, GBK/GB18030 as saved
 * by a Chinese Excel, UTF-16 "Unicode text") here, or Excel 2007+ (.xlsx, roster-xlsx.ts).
 *
 * Everything here is pure: bytes in, rows out, or an AppError (4xx) that says in the user's language what is wrong
 * with the file. Nothing in a file can make this throw anything else: sizes are bounded before they are allocated.
 */
import { AppError } from '../../platform/errors.js';
import { readXlsx, unreadable, type SheetRow } from './roster-xlsx.js';
import { rosterMessages } from './messages.js';

export type RosterFileKind = 'csv' | 'xlsx';

export interface RosterTable {
  kind: RosterFileKind;
  rows: SheetRow[];
}

// ─── What kind of file is it ────────────────────────────────────────────────────────────────────────────────────────

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

const zipMagic = [0x50, 0x4b, 0x03, 0x04] as const; // PK\3\4
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const; // .xls, .doc, and password-protected .xlsx

/** Reads the file by its content (never by its name): xlsx by the zip signature, otherwise text that must be CSV. */
export function readRosterFile(bytes: Uint8Array): RosterTable {
  if (bytes.length === 0) throw new AppError('VALIDATION', { messageKey: rosterMessages.importEmpty });
  if (startsWith(bytes, zipMagic)) return { kind: 'xlsx', rows: readXlsx(bytes) };
  if (startsWith(bytes, oleMagic)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { messageKey: rosterMessages.importLegacyExcel });
  return { kind: 'csv', rows: readCsvText(decodeText(bytes)) };
}

/** CSV text to rows; a first line `sep=;` (Excel's delimiter hint) names the delimiter and is not a row. */
export function readCsvText(text: string): SheetRow[] {
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (!hint) return parseCsv(text);
  return parseCsv(text.slice(hint[0].length), hint[1]).map((row) => ({ ...row, line: row.line + 1 }));
}

// ─── Text decoding ──────────────────────────────────────────────────────────────────────────────────────────────────

/** True when the bytes hold control characters no spreadsheet text has (NUL, and the rest below space but tab/CR/LF). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return true;
    if (b === 0x7f) return true;
  }
  return false;
}

/**
 * The text of a CSV file. A UTF-8 BOM is dropped; UTF-16 with a BOM (Excel's "Unicode text") is read as such;
 * bytes that are not valid UTF-8 are tried as GB18030 (a superset of GBK, what Excel on a Chinese Windows writes).
 * Binary data (an image, a PDF, a Word file) is refused.
 */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeStrict('utf-8', bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return decodeStrict('utf-16le', bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return decodeStrict('utf-16be', bytes.subarray(2));
  if (looksBinary(bytes)) throw unreadable();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: most likely GBK from a Chinese Excel.
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new AppError('VALIDATION', { messageKey: rosterMessages.importEncoding, cause: error });
  }
}

function decodeStrict(encoding: string, bytes: Uint8Array): string {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw unreadable();
    return text;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', { messageKey: rosterMessages.importEncoding, cause: error });
  }
}

// ─── CSV (RFC 4180, leniently) ─────────────────────────────────────────────────────────────────────────────────────

/** The delimiter of the first line: a comma unless tabs (Excel's "text" export) or semicolons (some locales) win. */
export function sniffDelimiter(text: string): ',' | '\t' | ';' {
  let commas = 0;
  let tabs = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === '\t') tabs++;
    else if (!quoted && ch === ';') semicolons++;
  }
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

/**
 * Parses CSV text: fields separated by the delimiter (sniffed from the first line unless given), records by CRLF, LF
 * or CR; a field in double quotes may hold delimiters, line breaks and doubled quotes (`""`). A quote inside an
 * unquoted field is kept as text. An opening quote that never closes is an error naming its line. Blank lines are
 * skipped; each row carries the line it starts on.
 */
export function parseCsv(text: string, delimiter: string = sniffDelimiter(text)): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  /** Whether the current field opened with a quote (so a later quote in it is text, not an opening). */
  let fieldTouched = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  const endField = () => {
    cells.push(field);
    field = '';
    fieldTouched = false;
  };
  const endRecord = () => {
    endField();
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
    } else if (ch === '"' && !fieldTouched && field === '') {
      quoted = true;
      fieldTouched = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      rowLine = line;
    } else {
      // Text, including a quote inside an unquoted field or after a closing quote (lenient, as Excel is).
      field += ch;
      fieldTouched = true;
    }
  }
  if (quoted) throw new AppError('VALIDATION', { messageKey: rosterMessages.importCsvQuote, params: { line: quoteLine } });
  if (field !== '' || fieldTouched || cells.length > 0) endRecord();
  return rows;
}
