/**
 * The one way Ringlens writes CSV a person may open in a spreadsheet (packet data/*.csv,
 * the outcomes CSV, the funnel CSV …). Spreadsheets run a cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a carriage return as a formula (`=HYPERLINK(…)`, `+cmd|…`), so such a
 * cell is prefixed with `'`, as OWASP advises for CSV injection. Plain numbers (`-2`,
 * `+3.5`) cannot run and stay as they are. A cell that already begins with quotes before
 * such a character gets one more, so `restoreCsvCell` gives back the exact original.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function neutraliseCsvCell(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of `neutraliseCsvCell`, for CSV files Ringlens reads back (outcomes). */
export function restoreCsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}

function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${v}`;
  return JSON.stringify(v) ?? '';
}

/** Rows of cells to CSV text, every cell neutralised. */
export function writeCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((r) => r.map((v) => neutraliseCsvCell(cellText(v)))));
}
