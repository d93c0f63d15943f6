/** Reading CSV files as exports write them: encodings, BOMs, delimiters, dates. */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvTable } from '../../../../electron/core/interop/csv-read';
import { parseDate, parseDateAny } from '../../../../electron/core/interop/csv-dates';
import { RinglensError } from '../../../../shared/errors';
import { tempDir } from '../../../support/bundles';

const dir = tempDir('ringlens-csvread-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Buffer | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe('readCsvTable', () => {
  it('reads a GB18030 export with tabs, detecting both', () => {
    const text = '店铺\t地址\n旺铺一号\t广东省深圳市宝安区西乡街道\n';
    // Node has no GB18030 encoder: these bytes are Python's `text.encode('gb18030')`.
    const gb = Buffer.from(
      'b5eac6cc09b5d8d6b70acdfac6ccd2bbbac509b9e3b6abcaa1c9eedbdacad0b1a6b0b2c7f8cef7cfe7bdd6b5c00a',
      'hex',
    );
    const t = readCsvTable(file('gb.csv', gb));
    expect(t).toMatchObject({ encoding: 'gb18030', delimiter: '\t', columns: ['店铺', '地址'] });
    expect(t.records).toEqual([
      { line: 2, cells: { 店铺: '旺铺一号', 地址: '广东省深圳市宝安区西乡街道' } },
    ]);
    expect(new TextDecoder('gb18030').decode(gb)).toBe(text);
  });

  it('reads semicolon files with a BOM and keeps quoted delimiters and line numbers', () => {
    const t = readCsvTable(
      file('semi.csv', '\ufeffid;name;note\n1;"A; B";x\n\n2;C;"two\nlines"\n3;D;y\n'),
    );
    expect(t).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ';' });
    expect(t.columns).toEqual(['id', 'name', 'note']);
    expect(t.records.map((r) => [r.line, r.cells.id, r.cells.name])).toEqual([
      [2, '1', 'A; B'],
      [4, '2', 'C'],
      [6, '3', 'D'],
    ]);
  });

  it('names the line and the detected delimiter when a row has too many columns', () => {
    const p = file('ragged.csv', 'a,b\n1,2\n3,4,5\n');
    try {
      readCsvTable(p);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RinglensError);
      const err = e as RinglensError;
      expect(err.message).toBe('has 3 columns where the header has 2');
      expect(err.location).toEqual({ file: 'ragged.csv', line: 3 });
      expect(err.hint).toMatch(/comma-separated/);
    }
  });

  it('honours a declared delimiter over detection', () => {
    const t = readCsvTable(file('pipe.csv', 'a|b,c\n1|2,3\n'), { delimiter: '|' });
    expect(t.columns).toEqual(['a', 'b,c']);
  });
});

describe('declared date formats', () => {
  it('reads the formats real exports use and refuses impossible dates', () => {
    expect(parseDate('23-MAR-2006', 'DD-MMM-YYYY')).toBe('2006-03-23');
    expect(parseDate('2018.02.26 19:58', 'YYYY.MM.DD HH:mm')).toBe('2018-02-26T19:58');
    expect(parseDate('2018.04.24 3:00', 'YYYY.M.D H:mm')).toBe('2018-04-24T03:00');
    expect(parseDate('31/12/2024', 'DD/MM/YYYY')).toBe('2024-12-31');
    expect(parseDate('30-FEB-2006', 'DD-MMM-YYYY')).toBeUndefined();
    expect(parseDate('2006-03-23', 'DD-MMM-YYYY')).toBeUndefined();
    expect(parseDateAny('2025-03-01', ['DD-MMM-YYYY'])).toBe('2025-03-01');
  });
});
