/**
 * CSV encoding for downloads (RFC 4180). Pure: no I/O.
 *
 * - The first row is the header.
 * - Records end with CRLF; a field is quoted when it holds a comma, a double quote, CR or LF, or
 *   leading or trailing spaces, and double quotes inside it are doubled.
 * - The text starts with a UTF-8 byte order mark, so spreadsheets read accented names and "£"
 *   correctly instead of guessing a legacy encoding.
 * - Text that a spreadsheet would run as a formula (starting with =, +, -, @, or a tab or carriage
 *   return) gets a leading apostrophe, so a proposal titled "=HYPERLINK(…)" stays text. Numbers are
 *   written as numbers, unrounded, and never altered (a negative number is not a formula).
 */

export type CsvCell = string | number | boolean | Date | null | undefined;

export const CSV_BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/u;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/u;

/** The text of one field, neutralised and quoted as needed. */
export function encodeCsvCell(value: CsvCell): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  else if (typeof value === "boolean") text = value ? "yes" : "no";
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? "" : value.toISOString();
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

export function encodeCsvRow(cells: readonly CsvCell[]): string {
  return cells.map(encodeCsvCell).join(",");
}

/** A whole CSV file: BOM, header row, then one record per row, each ending in CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return [...csvChunks(header, rows)].join("");
}

/**
 * The same text as `toCsv`, in pieces of up to `rowsPerChunk` records (the first piece is the BOM
 * and the header), for a streamed download: joined, the pieces are exactly `toCsv`'s text.
 */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly CsvCell[]>, rowsPerChunk = 250): Generator<string> {
  yield `${CSV_BOM}${encodeCsvRow(header)}\r\n`;
  let chunk = "";
  let count = 0;
  for (const row of rows) {
    chunk += `${encodeCsvRow(row)}\r\n`;
    if (++count === rowsPerChunk) {
      yield chunk;
      chunk = "";
      count = 0;
    }
  }
  if (chunk !== "") yield chunk;
}
