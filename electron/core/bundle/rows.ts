/**
 * Streaming row readers for bundle tables (JSON Lines and CSV) and the row validators.
 * Rows are yielded one at a time with their 1-based line number; nothing holds a table.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { RinglensError } from '../../../shared/errors';
import { ENTITY_PROPS } from '../../../shared/domain/entity-types';
import { EntityRowEnvelope, LinkRow, type EntityRow } from '../../../shared/bundle/schema';
import { decodeUtf8 } from './text';
import { zodToError } from './zod-errors';

export const MAX_LINE_BYTES = 1024 * 1024;
const MAX_DEPTH = 16;

export interface RawRow {
  readonly line: number;
  readonly value: unknown;
}

/** Counts and hashes the bytes of a table as they stream past. */
export class StreamTap {
  readonly hash: Hash = createHash('sha256');
  bytes = 0;
  constructor(private readonly onBytes: (n: number) => void = () => {}) {}
  see(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onBytes(chunk.length);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function bomError(file: string): RinglensError {
  return new RinglensError('ROW_INVALID', 'starts with a byte-order mark (BOM)', {
    file,
    line: 1,
    hint: 'the format is UTF-8 without a BOM: save the table as "UTF-8" rather than "UTF-8 with BOM"',
  });
}

/**
 * The dotted path of the first `__proto__` key in a parsed value, if any. JSON.parse makes it
 * an ordinary own property, but object spreads, zod and most readers turn it into the object's
 * prototype and the value vanishes, so it is refused rather than silently dropped.
 */
export function protoKeyPath(value: unknown, path = ''): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key === '__proto__') return here;
    const inner = protoKeyPath((value as Record<string, unknown>)[key], here);
    if (inner) return inner;
  }
  return undefined;
}

function protoError(path: string, file: string, line: number): RinglensError {
  return new RinglensError('ROW_INVALID', 'has a property named "__proto__", which is refused', {
    file,
    line,
    field: path,
    hint: '"__proto__" cannot be kept safely by JavaScript readers; rename the property',
  });
}

function depthExceeds(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  for (const v of Array.isArray(value) ? value : Object.values(value))
    if (depthExceeds(v, limit - 1)) return true;
  return false;
}

/** JSON Lines: one JSON value per line; blank lines skipped but counted. */
export async function* readJsonLines(
  stream: Readable,
  file: string,
  tap: StreamTap,
): AsyncGenerator<RawRow> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  const emit = (buf: Buffer): RawRow | undefined => {
    line++;
    if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    if (line === 1 && buf.subarray(0, 3).equals(BOM)) throw bomError(file);
    if (buf.length === 0) return undefined;
    const text = decodeUtf8(buf, { file, line });
    if (text.trim() === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const msg =
        e instanceof RangeError
          ? 'is nested too deeply'
          : `is not valid JSON (${(e as Error).message})`;
      throw new RinglensError('ROW_INVALID', msg, {
        file,
        line,
        hint: 'each line must be one JSON object',
      });
    }
    if (depthExceeds(value, MAX_DEPTH))
      throw new RinglensError('ROW_INVALID', `is nested more than ${MAX_DEPTH} levels deep`, {
        file,
        line,
      });
    const proto = protoKeyPath(value);
    if (proto) throw protoError(proto, file, line);
    return { line, value };
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    tap.see(chunk);
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf(0x0a, start)) !== -1) {
      const piece = chunk.subarray(start, nl);
      let buf: Buffer;
      if (pending.length) {
        pending.push(piece);
        buf = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
      } else buf = piece;
      if (buf.length > MAX_LINE_BYTES)
        throw new RinglensError('ROW_INVALID', `is longer than ${MAX_LINE_BYTES} bytes`, {
          file,
          line: line + 1,
        });
      const row = emit(buf);
      if (row) yield row;
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES)
        throw new RinglensError('ROW_INVALID', `is longer than ${MAX_LINE_BYTES} bytes`, {
          file,
          line: line + 1,
        });
    }
  }
  if (pending.length) {
    const row = emit(Buffer.concat(pending));
    if (row) yield row;
  }
}

const DECIMAL_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

type CellType = 'string' | 'number' | 'boolean' | 'json';
interface Column {
  readonly name: string;
  readonly type: CellType;
}

function parseHeader(header: string[], fixed: readonly string[], file: string): Column[] {
  const columns = header.map((h): Column => {
    const [name = '', type = 'string'] = h.trim().split(':');
    if (!['string', 'number', 'boolean', 'json'].includes(type)) {
      throw new RinglensError(
        'ROW_INVALID',
        `column "${h}" has an unknown type suffix ":${type}"`,
        { file, line: 1, hint: 'use :number, :boolean or :json' },
      );
    }
    return { name, type: type as CellType };
  });
  fixed.forEach((name, i) => {
    if (columns[i]?.name !== name) {
      throw new RinglensError('ROW_INVALID', `the header must start with ${fixed.join(',')}`, {
        file,
        line: 1,
        field: columns[i]?.name ?? name,
      });
    }
  });
  const seen = new Set<string>();
  for (const c of columns) {
    if (c.name === '__proto__') throw protoError('__proto__', file, 1);
    if (seen.has(c.name))
      throw new RinglensError('ROW_INVALID', `column "${c.name}" appears twice`, { file, line: 1 });
    seen.add(c.name);
  }
  return columns;
}

function cell(value: string, col: Column, file: string, line: number): unknown {
  switch (col.type) {
    case 'string':
      return value;
    case 'number': {
      // JSON's number syntax only: Number() would also take 0x10, 0b101, 0o7, " 12 " and 1_0.
      const n = Number(value);
      if (!DECIMAL_NUMBER.test(value) || !Number.isFinite(n))
        throw new RinglensError('ROW_INVALID', `"${value}" is not a number`, {
          file,
          line,
          field: col.name,
          hint: 'write numbers in decimal, like 12, -3.5 or 1e6',
        });
      return n;
    }
    case 'boolean':
      if (value === 'true') return true;
      if (value === 'false') return false;
      throw new RinglensError('ROW_INVALID', `"${value}" is not true or false`, {
        file,
        line,
        field: col.name,
      });
    case 'json':
      try {
        const parsed: unknown = JSON.parse(value);
        const proto = protoKeyPath(parsed, col.name);
        if (proto) throw protoError(proto, file, line);
        return parsed;
      } catch (e) {
        if (e instanceof RinglensError) throw e;
        throw new RinglensError('ROW_INVALID', 'is not valid JSON', {
          file,
          line,
          field: col.name,
        });
      }
  }
}

/**
 * CSV tables (RFC 4180, header required). Entity tables put `id,type` first, link tables
 * `type,from,to,label`; every other column is a property. Rows come out shaped like the
 * JSON Lines rows, so one validator serves both.
 */
export async function* readCsvRows(
  stream: Readable,
  file: string,
  tap: StreamTap,
  kind: 'entities' | 'links',
): AsyncGenerator<RawRow> {
  const fixed = kind === 'entities' ? ['id', 'type'] : ['type', 'from', 'to', 'label'];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      tap.see(chunk);
      // A first chunk shorter than 3 bytes cannot hold a whole table worth reading anyway.
      if (first && chunk.subarray(0, 3).equals(BOM)) return done(bomError(file));
      first = false;
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        return done(
          new RinglensError('ROW_INVALID', 'is not valid UTF-8', {
            file,
            hint: 'export the file as UTF-8',
          }),
        );
      }
      if (chunk.includes(0))
        return done(new RinglensError('ROW_INVALID', 'contains a NUL byte', { file }));
      done(null, chunk);
    },
  });
  const parser = parseCsv({
    info: true,
    relax_column_count: false,
    skip_empty_lines: true,
    max_record_size: MAX_LINE_BYTES,
    bom: false,
  });
  stream.on('error', (e) => check.destroy(e));
  check.on('error', (e) => parser.destroy(e));
  stream.pipe(check).pipe(parser);
  let columns: Column[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (!columns) {
        columns = parseHeader(record, fixed, file);
        continue;
      }
      const props: Record<string, unknown> = {};
      const row: Record<string, unknown> = { props };
      columns.forEach((col, i) => {
        const raw = record[i] ?? '';
        if (i < fixed.length) {
          if (raw !== '' || col.name !== 'label') row[col.name] = raw;
        } else if (raw !== '') props[col.name] = cell(raw, col, file, line);
      });
      yield { line, value: row };
    }
  } catch (e) {
    if (e instanceof RinglensError) throw e;
    const err = e as Error & { lines?: number };
    throw new RinglensError('ROW_INVALID', `is not valid CSV: ${err.message}`, {
      file,
      ...(err.lines !== undefined && { line: err.lines }),
    });
  }
  if (!columns) throw new RinglensError('ROW_INVALID', 'has no header row', { file, line: 1 });
}

/**
 * Ids are compared in Unicode NFC, so "café" typed on a Mac (NFD: e + combining accent) and on
 * Windows (NFC: é) name one entity rather than two look-alikes.
 */
const nfc = (id: string): string => id.normalize('NFC');

/** Validates an entity row: the envelope, then the type's properties, strictly. */
export function validateEntityRow(raw: RawRow, file: string): EntityRow {
  const env = EntityRowEnvelope.safeParse(raw.value);
  if (!env.success) throw zodToError(env.error, { file, line: raw.line });
  const id = nfc(env.data.id);
  const schema = ENTITY_PROPS[env.data.type];
  const props = schema.safeParse(env.data.props);
  if (!props.success) throw zodToError(props.error, { file, line: raw.line, fieldPrefix: 'props' });
  return { id, type: env.data.type, props: props.data } as EntityRow;
}

export function validateLinkRow(raw: RawRow, file: string): LinkRow {
  const parsed = LinkRow.safeParse(raw.value);
  if (!parsed.success) throw zodToError(parsed.error, { file, line: raw.line });
  return { ...parsed.data, from: nfc(parsed.data.from), to: nfc(parsed.data.to) };
}
