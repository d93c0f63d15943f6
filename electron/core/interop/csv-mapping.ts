/**
 * Importing an arbitrary CSV through a saved mapping: each row yields the mapped entities
 * (rows whose id columns are empty skip that entity) and the links between them. The rows
 * then go through the lead-bundle importer, so the usual guarantees hold.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { RinglensError } from '../../../shared/errors';
import type { EntityRow, LinkRow } from '../../../shared/bundle/schema';
import { ENTITY_PROPS } from '../../../shared/domain/entity-types';
import { CsvMapping } from '../../../shared/interop/csv-mapping';
import { decodeUtf8 } from '../bundle/text';

export interface MappedRows {
  readonly entities: EntityRow[];
  readonly links: LinkRow[];
  /** Problems found row by row (CSV line numbers), for the preview and the error report. */
  readonly errors: { line: number; message: string }[];
}

export function readMapping(file: string): CsvMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `the mapping is not valid JSON: ${(e as Error).message}`,
      { file },
    );
  }
  const r = CsvMapping.safeParse(json);
  if (!r.success)
    throw new RinglensError('INVALID_ARGUMENT', r.error.issues[0]!.message, {
      file,
      field: r.error.issues[0]!.path.join('.'),
    });
  for (const l of r.data.links)
    if (l.from >= r.data.entities.length || l.to >= r.data.entities.length)
      throw new RinglensError(
        'INVALID_ARGUMENT',
        'a link refers to an entity the mapping does not define',
        { file, field: 'links' },
      );
  return r.data;
}

function fill(template: string, row: Record<string, string>): string | undefined {
  let empty = false;
  const out = template.replace(/\{([^}]+)\}/g, (_m, col: string) => {
    const v = (row[col] ?? '').trim();
    if (!v) empty = true;
    return v.replace(/\s+/g, '_');
  });
  return empty ? undefined : out;
}

function cell(value: string, as: string): unknown {
  if (as === 'number') return Number(value);
  if (as === 'boolean') return value.trim().toLowerCase() === 'true';
  if (as === 'json') return JSON.parse(value);
  return value;
}

/** Applies a mapping to CSV text; `limit` rows only (for the preview). */
export function mapCsv(
  csvFile: string,
  mapping: CsvMapping,
  limit = Number.POSITIVE_INFINITY,
): MappedRows {
  const text = decodeUtf8(readFileSync(csvFile), { file: csvFile });
  const records = parse<{ record: Record<string, string>; info: { lines: number } }>(text, {
    columns: true,
    skip_empty_lines: true,
    info: true,
    bom: true,
  });
  const entities = new Map<string, EntityRow>();
  const links: LinkRow[] = [];
  const errors: { line: number; message: string }[] = [];
  for (const { record, info } of records.slice(0, limit)) {
    const ids: (string | undefined)[] = mapping.entities.map((m) => {
      const id = fill(m.id, record);
      if (!id) return undefined;
      const props: Record<string, unknown> = {};
      for (const [prop, src] of Object.entries(m.props)) {
        const { column, as } = typeof src === 'string' ? { column: src, as: 'text' } : src;
        const raw = record[column];
        if (raw === undefined) {
          errors.push({ line: info.lines, message: `no column "${column}" in the CSV` });
          continue;
        }
        if (raw.trim() !== '') props[prop] = cell(raw.trim(), as);
      }
      const checked = ENTITY_PROPS[m.type].safeParse(props);
      if (!checked.success) {
        errors.push({
          line: info.lines,
          message: `${m.type} ${id}: ${checked.error.issues[0]!.path.join('.')} ${checked.error.issues[0]!.message}`,
        });
        return undefined;
      }
      if (!entities.has(id))
        entities.set(id, { id, type: m.type, props: checked.data } as EntityRow);
      return id;
    });
    for (const l of mapping.links) {
      const from = ids[l.from];
      const to = ids[l.to];
      if (from && to && from !== to)
        links.push({ type: l.type, from, to, ...(l.label && { label: l.label }), props: {} });
    }
  }
  // One link per (type, from, to, label): spreadsheets repeat rows.
  const unique = [
    ...new Map(links.map((l) => [`${l.type}|${l.from}|${l.to}|${l.label ?? ''}`, l])).values(),
  ];
  return { entities: [...entities.values()], links: unique, errors };
}

/** Maps the whole CSV and imports it, all or nothing; refuses with the first error's line. */
export async function importMappedCsv(
  store: import('../store/open').CaseStore,
  csvFile: string,
  mapping: CsvMapping,
  options: import('../bundle/import').ImportOptions,
): Promise<import('../../../shared/bundle/import-report').ImportResult> {
  const { importConvertedRows } = await import('./import-rows');
  const { sha256File } = await import('../bundle/import');
  const rows = mapCsv(csvFile, mapping);
  if (rows.errors.length) {
    const first = rows.errors[0]!;
    throw new RinglensError(
      'ROW_INVALID',
      `${first.message}${rows.errors.length > 1 ? ` (and ${rows.errors.length - 1} more)` : ''}`,
      {
        file: csvFile,
        line: first.line,
        hint: 'preview the mapping to see every problem; nothing was imported',
      },
    );
  }
  const sha = await sha256File(csvFile);
  const name = csvFile.split(/[\\/]/).pop()!;
  return importConvertedRows(
    store,
    {
      bundleId: `csv-${sha.slice(0, 24)}`,
      issuer: `CSV through mapping "${mapping.name}"`,
      source: name,
      description: `${name} (sha256 ${sha}) mapped by "${mapping.name}"`,
      defaultRegion: mapping.defaultRegion,
      entities: rows.entities,
      links: rows.links,
    },
    options,
  );
}
