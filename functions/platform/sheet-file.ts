/**
 * Reading a spreadsheet a person uploads into rows of text cells: CSV (RFC 4180; UTF-8 with or without BOM, GBK/GB18030
 * as saved by a Chinese Excel or WPS, UTF-16 "Unicode text") or Excel 2007+ (.xlsx: a zip of XML parts, read with
 * node:zlib and a small XML reader of our own, so no parser library weighs on the Lambda bundle; shared strings,
 * inline strings, rich text runs, numbers as a person reads them).
 *
 * Pure: bytes in, rows out, or an AppError (4xx). The texts of those errors are the calling area's (`SheetTexts`), so
 * a roster upload speaks of a roster and a question file of questions. Sizes are bounded before they are allocated,
 * so a zip bomb is refused, not expanded. Longer than ~300 lines because the zip, the workbook and the CSV reader are
 * one reading path with one set of errors; each section is marked.
 */
import { inflateRawSync } from 'node:zlib';
import { AppError } from './errors.js';
import type { MessageRef } from './i18n.js';

/** The calling area's texts for what can be wrong with a file (`csvQuote` takes `{line}`). */
export interface SheetTexts {
  /** No spreadsheet we read (415). */
  unreadable: MessageRef;
  /** An old .xls or an encrypted workbook (415). */
  legacyExcel: MessageRef;
  /** A CSV in no encoding we recognise (400). */
  encoding: MessageRef;
  /** A quote that never closes, on line `{line}` (400). */
  csvQuote: MessageRef;
  /** A worksheet larger than we inflate (413). */
  sheetTooLarge: MessageRef;
  /** An empty file (400). */
  empty: MessageRef;
}

/** One row of the sheet: where it is in the file (1-based line or Excel row number) and its cells, as text. */
export interface SheetRow {
  line: number;
  cells: string[];
}

/** A file that is no spreadsheet we read (415, in the reader's language). */
export const unreadable = (texts: SheetTexts, cause?: unknown) => new AppError('UNSUPPORTED_MEDIA_TYPE', { messageKey: texts.unreadable, cause });

/** Largest XML part of an .xlsx we inflate (a 10,000-row sheet is a few MB; a zip bomb is refused, not expanded). */
export const maxXlsxPartBytes = 64 * 1024 * 1024;

// ─── XLSX: the zip container ───────────────────────────────────────────────────────────────────────────────────────

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** The entries of a zip's central directory. Zip64 and multi-disk archives (never an .xlsx this small) are refused. */
export function listZip(bytes: Uint8Array, texts: SheetTexts): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (after it may come a comment).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable(texts);
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || offset + size > bytes.length) throw unreadable(texts);
  const decoder = new TextDecoder('utf-8');
  const entries = new Map<string, ZipEntry>();
  for (let k = 0; k < count; k++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) throw unreadable(texts);
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.set(name.replace(/^\/+/, ''), { name, method, flags, compressedSize, uncompressedSize, localOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of one zip entry, inflated, never more than `maxBytes`. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, texts: SheetTexts, maxBytes = maxXlsxPartBytes): Uint8Array {
  if (entry.flags & 0x1) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { messageKey: texts.legacyExcel }); // encrypted
  if (entry.uncompressedSize > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: texts.sheetTooLarge });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw unreadable(texts);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw unreadable(texts);
  const data = bytes.subarray(start, end);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw unreadable(texts);
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: texts.sheetTooLarge, cause: error });
    }
    throw unreadable(texts, error);
  }
}

// ─── XLSX: the workbook ────────────────────────────────────────────────────────────────────────────────────────────

/** XML text with its five entities, numeric references and OOXML's `_xHHHH_` escapes decoded. */
export function decodeXmlText(text: string): string {
  return text
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) => {
      switch (name) {
        case 'lt':
          return '<';
        case 'gt':
          return '>';
        case 'amp':
          return '&';
        case 'quot':
          return '"';
        case 'apos':
          return "'";
        default: {
          const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
        }
      }
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The value of an attribute (with or without a namespace prefix) in a start tag's text. */
function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return match ? decodeXmlText(match[2] ?? match[3] ?? '') : undefined;
}

/** The text runs (`<t>`) of a shared or inline string, phonetic guides (`<rPh>`) left out. */
function stringText(xml: string): string {
  const withoutPhonetics = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const match of withoutPhonetics.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) out += match[1];
  return decodeXmlText(out);
}

export function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) strings.push(stringText(match[1] ?? ''));
  return strings;
}

/** "B12" → 1 (zero-based column). */
function columnIndex(ref: string): number {
  let index = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

/** A number cell as a person would read it: 13800138000, not 1.3800138E10; 3, not 3.0. */
function numberText(raw: string): string {
  const trimmed = raw.trim();
  if (/^-?\d+$/.test(trimmed)) return trimmed;
  const value = Number(trimmed);
  if (Number.isFinite(value) && Number.isSafeInteger(value)) return String(value);
  return trimmed;
}

/** Most columns a row may spread over (protects against `<c r="XFD1">` asking for 16,384 cells). */
const maxColumns = 64;

/** The rows of a worksheet's XML, cells resolved to text through the shared strings. */
export function parseSheet(xml: string, shared: readonly string[]): SheetRow[] {
  const rows: SheetRow[] = [];
  let nextRow = 1;
  for (const rowMatch of xml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const rowNumber = Number(attr(rowMatch[1] ?? '', 'r')) || nextRow;
    nextRow = rowNumber + 1;
    const cells: string[] = [];
    let nextColumn = 0;
    for (const cellMatch of (rowMatch[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const tag = cellMatch[1] ?? '';
      const body = cellMatch[2] ?? '';
      const ref = attr(tag, 'r');
      const column = ref ? columnIndex(ref) : nextColumn;
      nextColumn = column + 1;
      if (column < 0 || column >= maxColumns) continue;
      const type = attr(tag, 't') ?? 'n';
      const value = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      let text = '';
      if (type === 's') text = value === undefined ? '' : (shared[Number(value)] ?? '');
      else if (type === 'inlineStr') text = stringText(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body)?.[1] ?? '');
      else if (type === 'b') text = value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : '';
      else if (type === 'n') text = value === undefined ? '' : numberText(decodeXmlText(value));
      else text = value === undefined ? '' : decodeXmlText(value); // str (a formula's text), e (an error such as #N/A)
      while (cells.length < column) cells.push('');
      cells[column] = text;
    }
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ line: rowNumber, cells });
  }
  return rows;
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

/** The path inside the zip of the workbook's first worksheet (by the workbook's own order and relationships). */
function firstSheetPath(entries: Map<string, ZipEntry>, bytes: Uint8Array, texts: SheetTexts): string | undefined {
  const workbook = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (workbook && rels) {
    const sheetTag = /<(?:\w+:)?sheet\b([^>]*)\/?>/.exec(utf8(readZipEntry(bytes, workbook, texts)))?.[1];
    const relId = sheetTag ? attr(sheetTag, 'id') : undefined;
    if (relId) {
      for (const match of utf8(readZipEntry(bytes, rels, texts)).matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
        if (attr(match[1] ?? '', 'Id') !== relId) continue;
        const target = attr(match[1] ?? '', 'Target') ?? '';
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        const normalised = path.split('/').reduce<string[]>((parts, part) => (part === '..' ? parts.slice(0, -1) : part === '.' ? parts : [...parts, part]), []).join('/');
        if (entries.has(normalised)) return normalised;
      }
    }
  }
  if (entries.has('xl/worksheets/sheet1.xml')) return 'xl/worksheets/sheet1.xml';
  return [...entries.keys()].filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name)).sort()[0];
}

/** The first worksheet of an .xlsx as rows of text. Formulas give their cached results; styles are ignored. */
export function readXlsx(bytes: Uint8Array, texts: SheetTexts): SheetRow[] {
  const entries = listZip(bytes, texts);
  const sheetPath = firstSheetPath(entries, bytes, texts);
  if (!sheetPath) throw unreadable(texts);
  const sharedEntry = entries.get('xl/sharedStrings.xml');
  const shared = sharedEntry ? parseSharedStrings(utf8(readZipEntry(bytes, sharedEntry, texts))) : [];
  return parseSheet(utf8(readZipEntry(bytes, entries.get(sheetPath)!, texts)), shared);
}


export type SheetFileKind = 'csv' | 'xlsx';

export interface SheetTable {
  kind: SheetFileKind;
  rows: SheetRow[];
}

// ─── What kind of file is it ────────────────────────────────────────────────────────────────────────────────────────

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

const zipMagic = [0x50, 0x4b, 0x03, 0x04] as const; // PK\3\4
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const; // .xls, .doc, and password-protected .xlsx

/** Reads the file by its content (never by its name): xlsx by the zip signature, otherwise text that must be CSV. */
export function readSheetFile(bytes: Uint8Array, texts: SheetTexts): SheetTable {
  if (bytes.length === 0) throw new AppError('VALIDATION', { messageKey: texts.empty });
  if (startsWith(bytes, zipMagic)) return { kind: 'xlsx', rows: readXlsx(bytes, texts) };
  if (startsWith(bytes, oleMagic)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { messageKey: texts.legacyExcel });
  return { kind: 'csv', rows: readCsvText(decodeText(bytes, texts), texts) };
}

/** CSV text to rows; a first line `sep=;` (Excel's delimiter hint) names the delimiter and is not a row. */
export function readCsvText(text: string, texts: SheetTexts): SheetRow[] {
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (!hint) return parseCsv(text, texts);
  return parseCsv(text.slice(hint[0].length), texts, hint[1]).map((row) => ({ ...row, line: row.line + 1 }));
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
export function decodeText(bytes: Uint8Array, texts: SheetTexts): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeStrict('utf-8', bytes.subarray(3), texts);
  if (startsWith(bytes, [0xff, 0xfe])) return decodeStrict('utf-16le', bytes.subarray(2), texts);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeStrict('utf-16be', bytes.subarray(2), texts);
  if (looksBinary(bytes)) throw unreadable(texts);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: most likely GBK from a Chinese Excel.
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new AppError('VALIDATION', { messageKey: texts.encoding, cause: error });
  }
}

function decodeStrict(encoding: string, bytes: Uint8Array, texts: SheetTexts): string {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw unreadable(texts);
    return text;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', { messageKey: texts.encoding, cause: error });
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
export function parseCsv(text: string, texts: SheetTexts, delimiter: string = sniffDelimiter(text)): SheetRow[] {
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
  if (quoted) throw new AppError('VALIDATION', { messageKey: texts.csvQuote, params: { line: quoteLine } });
  if (field !== '' || fieldTouched || cells.length > 0) endRecord();
  return rows;
}
