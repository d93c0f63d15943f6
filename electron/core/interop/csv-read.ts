/**
 * Reading a CSV as it comes: the encoding (UTF-8 with or without a BOM, GB18030 from
 * Chinese spreadsheet exports), the delimiter (comma, semicolon, tab, pipe) and the quote
 * are detected unless the mapping declares them, and every record keeps its line number in
 * the user's file. Unreadable input is a RinglensError naming the file and line, never a
 * parser's stack trace.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, CsvError } from 'csv-parse/sync';
import { RinglensError } from '../../../shared/errors';

export type CsvEncoding = 'utf-8' | 'gb18030';
export type CsvDelimiter = ',' | ';' | '\t' | '|';

export interface CsvReadOptions {
  readonly delimiter?: CsvDelimiter | undefined;
  readonly quote?: string | undefined;
  readonly encoding?: CsvEncoding | undefined;
}

export interface CsvTable {
  /** The file's name as the user knows it (for messages). */
  readonly file: string;
  readonly encoding: CsvEncoding;
  readonly bom: boolean;
  readonly delimiter: CsvDelimiter;
  readonly columns: string[];
  /** Each record with the line of the user's file it starts on (the header is line 1). */
  readonly records: { line: number; cells: Record<string, string> }[];
}

const DELIMITERS: CsvDelimiter[] = [',', ';', '\t', '|'];
export const delimiterName = (d: string): string =>
  ({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' })[d] ?? JSON.stringify(d);

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RinglensError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'IO_ERROR',
      code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? (e as Error).message})`,
      { file: path },
    );
  }
}

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else GB18030, unless declared. */
export function decodeCsvBytes(
  bytes: Uint8Array,
  file: string,
  declared?: CsvEncoding,
): { text: string; encoding: CsvEncoding; bom: boolean } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  let text: string | undefined;
  let encoding: CsvEncoding = declared ?? 'utf-8';
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      if (declared)
        throw new RinglensError('ROW_INVALID', 'is not valid UTF-8', {
          file,
          line: firstBadUtf8Line(body),
          hint: 'the mapping declares UTF-8; remove "encoding" to let Ringlens detect it, or declare "gb18030"',
        });
      encoding = 'gb18030';
    }
  }
  if (text === undefined) {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(body);
    } catch {
      throw new RinglensError('ROW_INVALID', 'is neither UTF-8 nor GB18030 text', {
        file,
        line: firstBadUtf8Line(body),
        hint: 'save the file as UTF-8 (CSV UTF-8 in Excel) and import it again',
      });
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0)
    throw new RinglensError('ROW_INVALID', 'contains a NUL byte', {
      file,
      line: text.slice(0, nul).split('\n').length,
      hint: 'the file may be binary or damaged',
    });
  return { text, encoding, bom };
}

function firstBadUtf8Line(bytes: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        dec.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** The delimiter that splits the first lines into the same number (> 1) of columns, widest first. */
export function detectDelimiter(text: string, quote = '"'): CsvDelimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: { d: CsvDelimiter; columns: number; consistent: boolean } | undefined;
  for (const d of DELIMITERS) {
    let rows: string[][];
    try {
      rows = parse(sample, {
        delimiter: d,
        quote,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        to_line: 20,
      });
    } catch {
      continue;
    }
    // The last sampled row may be cut short by the sample's end.
    const full = rows.length > 2 ? rows.slice(0, -1) : rows;
    const columns = full[0]?.length ?? 0;
    if (columns < 2) continue;
    const consistent = full.every((r) => r.length === columns);
    const better =
      !best ||
      (consistent && !best.consistent) ||
      (consistent === best.consistent && columns > best.columns);
    if (better) best = { d, columns, consistent };
  }
  return best?.d ?? ',';
}

/** Reads a whole CSV file; `maxRecords` stops early (the wizard's head). */
export function readCsvTable(
  path: string,
  options: CsvReadOptions = {},
  maxRecords = Number.POSITIVE_INFINITY,
): CsvTable {
  const file = basename(path);
  const { text, encoding, bom } = decodeCsvBytes(readBytes(path), file, options.encoding);
  const quote = options.quote ?? '"';
  const delimiter = options.delimiter ?? detectDelimiter(text, quote);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      delimiter,
      quote,
      skip_empty_lines: true,
      info: true,
      ...(Number.isFinite(maxRecords) && { to_line: maxRecords + 1 }),
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw csvProblem(e, file, delimiter, Boolean(options.delimiter));
  }
  const header = rows[0];
  if (!header)
    throw new RinglensError('ROW_INVALID', 'is empty: it needs a header row', { file, line: 1 });
  const columns = header.record.map((c) => c.trim());
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    if (c === '')
      throw new RinglensError('ROW_INVALID', `column ${i + 1} of the header has no name`, {
        file,
        line: 1,
        hint: 'give every column a name in the first row',
      });
    if (seen.has(c))
      throw new RinglensError(
        'ROW_INVALID',
        `the header names column "${c}" twice (columns ${seen.get(c)! + 1} and ${i + 1})`,
        { file, line: 1, hint: 'rename one of them' },
      );
    seen.set(c, i);
  });
  const records: CsvTable['records'] = [];
  let prevEnd = header.info.lines;
  for (const { record, info } of rows.slice(1)) {
    const cells: Record<string, string> = {};
    columns.forEach((c, i) => (cells[c] = record[i] ?? ''));
    // A record may span lines (a quoted newline): cite the line it starts on.
    const lineCount = record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    records.push({ line: Math.max(prevEnd + 1, info.lines - lineCount), cells });
    prevEnd = info.lines;
  }
  return { file, encoding, bom, delimiter, columns, records };
}

function csvProblem(e: unknown, file: string, delimiter: string, declared: boolean): unknown {
  if (!(e instanceof CsvError)) return e;
  const info = e as CsvError & { lines?: number; record?: string[] };
  const line = typeof info.lines === 'number' ? info.lines : undefined;
  const hint = declared
    ? `the mapping declares the ${delimiterName(delimiter)} as delimiter; check that it is the file's`
    : `Ringlens read the file as ${delimiterName(delimiter)}-separated; declare "csv": {"delimiter": ...} in the mapping if that is wrong`;
  if (
    e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ||
    e.code === 'CSV_RECORD_INCONSISTENT_COLUMNS'
  ) {
    const m = /(?:columns length is|expect) (\d+), got (\d+)/.exec(e.message);
    return new RinglensError(
      'ROW_INVALID',
      m
        ? `has ${m[2]} columns where the header has ${m[1]}`
        : 'has a different number of columns than the header',
      { file, ...(line !== undefined && { line }), hint },
    );
  }
  if (e.code.startsWith('CSV_QUOTE') || e.code.includes('QUOTE'))
    return new RinglensError('ROW_INVALID', 'has a quote that is not closed or is misplaced', {
      file,
      ...(line !== undefined && { line }),
      hint: 'a field with a quote inside must itself be quoted, with the quote doubled ("")',
    });
  return new RinglensError(
    'ROW_INVALID',
    `is not readable CSV (${e.message.replace(/^[^:]*:\s*/, '')})`,
    {
      file,
      ...(line !== undefined && { line }),
      hint,
    },
  );
}
