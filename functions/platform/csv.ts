/**
 * CSV for spreadsheets (RFC 4180, CRLF), as people open it: with a byte-order mark, so that Excel reads the Chinese
 * as UTF-8, and with every cell that a spreadsheet would take for a formula (=, +, -, @, tab, return) turned into
 * text by a leading apostrophe, so a name like `=HYPERLINK(…)` stays a name.
 */
export type CsvCell = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
