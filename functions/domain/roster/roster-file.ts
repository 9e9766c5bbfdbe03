/**
 * Reading a roster file into a table of text cells: the platform's reader (platform/sheet-file.ts: CSV in UTF-8, GBK
 * or UTF-16, and .xlsx) speaking of a roster when the file is wrong.
 *
 * Everything here is pure: bytes in, rows out, or an AppError (4xx) that says in the user's language what is wrong
 * with the file. Nothing in a file can make this throw anything else: sizes are bounded before they are allocated.
 */
import * as sheet from '../../platform/sheet-file.js';
import type { SheetRow, SheetTable, SheetTexts, ZipEntry } from '../../platform/sheet-file.js';
import { rosterMessages } from './messages.js';

export { decodeXmlText, parseSharedStrings, parseSheet, sniffDelimiter, type SheetRow } from '../../platform/sheet-file.js';
export type RosterTable = SheetTable;

/** What a roster upload says when the file itself is wrong. */
export const rosterSheetTexts: SheetTexts = {
  unreadable: rosterMessages.importUnreadable,
  legacyExcel: rosterMessages.importLegacyExcel,
  encoding: rosterMessages.importEncoding,
  csvQuote: rosterMessages.importCsvQuote,
  sheetTooLarge: rosterMessages.importSheetTooLarge,
  empty: rosterMessages.importEmpty,
};

/** Reads the file by its content (never by its name): xlsx by the zip signature, otherwise text that must be CSV. */
export const readRosterFile = (bytes: Uint8Array): RosterTable => sheet.readSheetFile(bytes, rosterSheetTexts);
export const readXlsx = (bytes: Uint8Array): SheetRow[] => sheet.readXlsx(bytes, rosterSheetTexts);
export const readCsvText = (text: string): SheetRow[] => sheet.readCsvText(text, rosterSheetTexts);
export const parseCsv = (text: string, delimiter?: string): SheetRow[] => sheet.parseCsv(text, rosterSheetTexts, delimiter);
export const decodeText = (bytes: Uint8Array): string => sheet.decodeText(bytes, rosterSheetTexts);
export const listZip = (bytes: Uint8Array) => sheet.listZip(bytes, rosterSheetTexts);
export const readZipEntry = (bytes: Uint8Array, entry: ZipEntry, maxBytes?: number) => sheet.readZipEntry(bytes, entry, rosterSheetTexts, maxBytes);
