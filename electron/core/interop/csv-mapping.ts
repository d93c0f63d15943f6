/**
 * Importing an arbitrary CSV through a mapping (see shared/interop/csv-mapping.ts): each
 * row yields the mapped entities and the links between them, every problem is reported with
 * the line and column of the user's file, and nothing is set aside without a count in the
 * report (filtered rows, rows without an id, repeated ids with conflicting values). The rows
 * then go through the lead-bundle importer, so the usual guarantees hold.
 */
import { readFileSync } from 'node:fs';
import { RinglensError } from '../../../shared/errors';
import type { EntityRow, LinkRow } from '../../../shared/bundle/schema';
import { ENTITY_PROPS, type EntityType } from '../../../shared/domain/entity-types';
import { LINK_PROPS } from '../../../shared/domain/link-types';
import {
  CsvMapping,
  type CsvMappingReport,
  type LinkEnd,
  type PropSource,
  type RowFilter,
  type ScalarSource,
  type TypeSource,
} from '../../../shared/interop/csv-mapping';
import type { ImportResult } from '../../../shared/bundle/import-report';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { readCsvTable, type CsvTable } from './csv-read';
import { parseDateAny } from './csv-dates';
import type { RowOrigin } from './import-rows';

export interface MappingProblem {
  readonly line: number;
  readonly column?: string;
  readonly message: string;
}

export interface MappedRows {
  readonly entities: EntityRow[];
  readonly links: LinkRow[];
  /** Where each entity and link row came from in the user's file (same order as the rows). */
  readonly origins: { entities: RowOrigin[]; links: RowOrigin[] };
  /** Problems found row by row (CSV line numbers), for the preview and the error report. */
  readonly errors: MappingProblem[];
  /** Problems beyond those kept in `errors`. */
  readonly moreErrors: number;
  readonly report: CsvMappingReport;
}

const MAX_ERRORS = 1000;

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
  return checkMapping(json, file);
}

/** Validates a mapping object, with the path of the first problem. */
export function checkMapping(json: unknown, file?: string): CsvMapping {
  const r = CsvMapping.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new RinglensError('INVALID_ARGUMENT', `the mapping is not valid: ${issue.message}`, {
      ...(file !== undefined && { file }),
      field: issue.path.join('.'),
    });
  }
  r.data.links.forEach((l, i) => {
    for (const end of [l.from, l.to])
      if (typeof end === 'number' && end >= r.data.entities.length)
        throw new RinglensError(
          'INVALID_ARGUMENT',
          `link ${i + 1} refers to entity ${end + 1}, which the mapping does not define (it has ${r.data.entities.length})`,
          { ...(file !== undefined && { file }), field: `links.${i}` },
        );
  });
  if (r.data.entities.length === 0 && r.data.links.length === 0)
    throw new RinglensError('INVALID_ARGUMENT', 'the mapping defines no entity and no link', {
      ...(file !== undefined && { file }),
      hint: 'add at least one entry to "entities" or "links"',
    });
  return r.data;
}

const templateColumns = (t: string): string[] => [...t.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

function scalarColumns(src: ScalarSource): string[] {
  if (typeof src === 'string') return [src];
  if ('column' in src) return [src.column];
  if ('template' in src) return templateColumns(src.template);
  return [];
}

function propColumns(src: PropSource): string[] {
  if (typeof src === 'object' && 'address' in src)
    return Object.values(src.address).flatMap((s) => (s ? scalarColumns(s) : []));
  return scalarColumns(src);
}

/** Every column the mapping reads, with where in the mapping it is named. */
function mappingColumns(m: CsvMapping): { column: string; field: string }[] {
  const out: { column: string; field: string }[] = [];
  const add = (cols: string[], field: string) =>
    cols.forEach((column) => out.push({ column, field }));
  m.filters.forEach((f, i) => add([f.column], `filters.${i}.column`));
  m.entities.forEach((e, i) => {
    add(templateColumns(e.id), `entities.${i}.id`);
    if (typeof e.type === 'object') add([e.type.column], `entities.${i}.type.column`);
    for (const [p, src] of Object.entries(e.props))
      add(propColumns(src), `entities.${i}.props.${p}`);
  });
  m.links.forEach((l, i) => {
    if (typeof l.from === 'object') add(templateColumns(l.from.id), `links.${i}.from.id`);
    if (typeof l.to === 'object') add(templateColumns(l.to.id), `links.${i}.to.id`);
    for (const [p, src] of Object.entries(l.props))
      add(scalarColumns(src), `links.${i}.props.${p}`);
  });
  return out;
}

function closest(name: string, columns: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, '');
  const exact = columns.find((c) => norm(c) === norm(name));
  if (exact) return exact;
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = d[0]!;
      d[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const t = d[j]!;
        d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = t;
      }
    }
    return d[b.length]!;
  };
  let best: { c: string; d: number } | undefined;
  for (const c of columns) {
    const d = dist(norm(name), norm(c));
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? best.c : undefined;
}

/** A mapping that names a column the file lacks is refused before any row is read. */
export function checkColumns(m: CsvMapping, table: Pick<CsvTable, 'file' | 'columns'>): void {
  const have = new Set(table.columns);
  const missing = mappingColumns(m).filter((c) => !have.has(c.column));
  if (missing.length === 0) return;
  const names = [...new Set(missing.map((c) => c.column))];
  const first = missing[0]!;
  const guess = closest(first.column, table.columns);
  throw new RinglensError(
    'INVALID_ARGUMENT',
    `the mapping names ${names.length === 1 ? 'column' : 'columns'} ${names.map((n) => `"${n}"`).join(', ')}, which ${table.file} does not have`,
    {
      file: table.file,
      line: 1,
      field: `mapping ${first.field}`,
      hint: `${guess ? `did you mean "${guess}"? ` : ''}the file's columns are: ${table.columns.map((c) => `"${c}"`).join(', ')}`,
    },
  );
}

class RowProblem extends Error {
  constructor(
    message: string,
    readonly column?: string,
  ) {
    super(message);
  }
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

const TRUE = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/** A property's value from its source, or undefined for an empty cell. */
function evalScalar(
  src: ScalarSource,
  row: Record<string, string>,
  dateFormats: readonly string[],
): unknown {
  if (typeof src === 'object' && 'value' in src) return src.value;
  if (typeof src === 'object' && 'template' in src) {
    let any = false;
    const out = src.template
      .replace(/\{([^}]+)\}/g, (_m, col: string) => {
        const v = (row[col] ?? '').trim();
        if (v) any = true;
        return v;
      })
      .replace(/\s+/g, ' ')
      .trim();
    return any && out ? out : undefined;
  }
  const { column, as, format, separator } =
    typeof src === 'string'
      ? { column: src, as: 'text' as const, format: undefined, separator: undefined }
      : src;
  const raw = (row[column] ?? '').trim();
  if (raw === '') return undefined;
  switch (as) {
    case 'number': {
      const n = Number(raw.replace(/[\s\u00a0]/g, ''));
      if (!Number.isFinite(n)) throw new RowProblem(`"${raw}" is not a number`, column);
      return n;
    }
    case 'boolean': {
      const v = raw.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      throw new RowProblem(`"${raw}" is neither true nor false`, column);
    }
    case 'json':
      try {
        return JSON.parse(raw);
      } catch {
        throw new RowProblem(`"${raw.slice(0, 60)}" is not valid JSON`, column);
      }
    case 'date': {
      const formats = format ? [format] : dateFormats;
      const iso = parseDateAny(raw, formats);
      if (!iso)
        throw new RowProblem(
          `"${raw}" is not a date in the format ${[...formats, 'ISO 8601 (2025-03-01)'].join(' or ')}`,
          column,
        );
      return iso;
    }
    case 'list': {
      const parts = raw
        .split(separator ?? ';')
        .map((s) => s.trim())
        .filter(Boolean);
      return parts.length ? parts : undefined;
    }
    default:
      return raw;
  }
}

function firstColumn(src: PropSource): string | undefined {
  return propColumns(src)[0];
}

/** Builds an entity's or link's props: `extra.<name>` keys collect into `extra` as text lists. */
function buildProps(
  sources: Record<string, PropSource>,
  row: Record<string, string>,
  dateFormats: readonly string[],
): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [prop, src] of Object.entries(sources)) {
    let value: unknown;
    try {
      if (typeof src === 'object' && 'address' in src) {
        const a: Record<string, unknown> = {};
        for (const [part, s] of Object.entries(src.address)) {
          if (!s) continue;
          let v = evalScalar(s, row, dateFormats);
          if (v === undefined) continue;
          if (part === 'country' && typeof v === 'string') v = v.toUpperCase();
          a[part] = typeof v === 'string' ? v : JSON.stringify(v);
        }
        value = Object.keys(a).length ? a : undefined;
      } else value = evalScalar(src, row, dateFormats);
    } catch (e) {
      if (e instanceof RowProblem) throw new RowProblem(`${prop}: ${e.message}`, e.column);
      throw e;
    }
    if (value === undefined) continue;
    if (prop.startsWith('extra.')) {
      const extra = (props.extra ??= {}) as Record<string, string[]>;
      const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
      const list = Array.isArray(value) ? value.map(text) : [text(value)];
      (extra[prop.slice(6)] ??= []).push(...list);
    } else props[prop] = value;
  }
  return props;
}

function resolveType(t: TypeSource, row: Record<string, string>): EntityType {
  if (typeof t === 'string') return t;
  const v = (row[t.column] ?? '').trim();
  const hit = Object.hasOwn(t.map, v) ? t.map[v] : undefined;
  if (hit) return hit;
  if (t.default) return t.default;
  throw new RowProblem(
    `"${v}" is not a type the mapping knows (it maps ${Object.keys(t.map)
      .map((k) => `"${k}"`)
      .join(', ')}); add it to the type's "map" or give a "default"`,
    t.column,
  );
}

function passes(f: RowFilter, row: Record<string, string>): boolean {
  const v = (row[f.column] ?? '').trim();
  switch (f.op) {
    case 'empty':
      return v === '';
    case 'not empty':
      return v !== '';
    case 'in':
    case 'not in': {
      const list = Array.isArray(f.value) ? f.value : [String(f.value ?? '')];
      return list.includes(v) === (f.op === 'in');
    }
    default: {
      const want = Array.isArray(f.value) ? f.value[0] : f.value;
      const a = Number(v);
      const b = Number(want);
      const numeric =
        v !== '' && String(want ?? '') !== '' && Number.isFinite(a) && Number.isFinite(b);
      const cmp = numeric ? a - b : v < String(want ?? '') ? -1 : v > String(want ?? '') ? 1 : 0;
      if (f.op === '=') return cmp === 0;
      if (f.op === '!=') return cmp !== 0;
      if (f.op === '<') return cmp < 0;
      if (f.op === '<=') return cmp <= 0;
      if (f.op === '>') return cmp > 0;
      return cmp >= 0;
    }
  }
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Zod's first issue in the user's terms: the property and the column it came from. */
function zodProblem(
  issues: readonly { path: PropertyKey[]; message: string }[],
  sources: Record<string, PropSource>,
  what: string,
): RowProblem {
  const issue = issues[0]!;
  const path = issue.path.map(String);
  const key = path[0] === 'extra' && path[1] ? `extra.${path[1]}` : path[0];
  const src = key !== undefined ? sources[key] : undefined;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  if (key !== undefined && !src)
    return new RowProblem(
      `${what}: ${key} ${issue.message === 'Required' || /received undefined/.test(issue.message) ? 'is required but the mapping gives it no column (or the cell is empty)' : issue.message}${more}`,
    );
  const column = src ? firstColumn(src) : undefined;
  const message = /received undefined/.test(issue.message)
    ? 'is required, but the cell is empty'
    : issue.message;
  return new RowProblem(`${what}: ${path.join('.') || 'the row'} ${message}${more}`, column);
}

/** Applies a mapping to a CSV file; `limit` rows only (the wizard's quick look). */
export function mapCsv(
  csvFile: string,
  mapping: CsvMapping,
  limit = Number.POSITIVE_INFINITY,
): MappedRows {
  const table = readCsvTable(csvFile, mapping.csv, limit);
  return mapTable(table, mapping);
}

export function mapTable(table: CsvTable, mapping: CsvMapping): MappedRows {
  checkColumns(mapping, table);
  const entities = new Map<
    string,
    { row: EntityRow; origin: RowOrigin; lines: Map<string, number> }
  >();
  const links = new Map<string, { row: LinkRow; origin: RowOrigin }>();
  const errors: MappingProblem[] = [];
  let moreErrors = 0;
  const problem = (line: number, e: unknown) => {
    if (!(e instanceof RowProblem)) throw e;
    if (errors.length >= MAX_ERRORS) moreErrors++;
    else
      errors.push({
        line,
        message: e.message,
        ...(e.column !== undefined && { column: e.column }),
      });
  };
  const report: CsvMappingReport = {
    file: table.file,
    encoding: table.encoding,
    bom: table.bom,
    delimiter: table.delimiter,
    columns: table.columns,
    rows: table.records.length,
    skippedByFilter: 0,
    withoutId: mapping.entities.map(() => 0),
    entities: 0,
    links: 0,
    selfLinks: 0,
    repeatedLinks: 0,
    conflicts: [],
  };
  const entityFields = (i: number, type: TypeSource) => {
    const spec = mapping.entities[i]!;
    const fields: Record<string, string> = { id: templateColumns(spec.id).join(', ') };
    if (typeof type === 'object') fields.type = type.column;
    for (const [p, src] of Object.entries(spec.props)) {
      const c = propColumns(src).join(', ');
      if (c) fields[`props.${p}`] = c;
    }
    return fields;
  };

  for (const { line, cells } of table.records) {
    if (!mapping.filters.every((f) => passes(f, cells))) {
      report.skippedByFilter++;
      continue;
    }
    const ids = mapping.entities.map((spec, i): string | undefined => {
      try {
        const id = fill(spec.id, cells);
        if (!id) {
          report.withoutId[i]!++;
          return undefined;
        }
        const type = resolveType(spec.type, cells);
        const props = buildProps(spec.props, cells, mapping.dateFormats);
        const checked = ENTITY_PROPS[type].safeParse(props);
        if (!checked.success) throw zodProblem(checked.error.issues, spec.props, `${type} ${id}`);
        mergeEntity(id, type, checked.data, line, i, spec.type);
        return id;
      } catch (e) {
        problem(line, e);
        return undefined;
      }
    });
    mapping.links.forEach((spec) => {
      try {
        const end = (e: LinkEnd) => (typeof e === 'number' ? ids[e] : fill(e.id, cells));
        const from = end(spec.from);
        const to = end(spec.to);
        if (!from || !to) return;
        if (from === to) {
          report.selfLinks++;
          return;
        }
        const props = buildProps(spec.props, cells, mapping.dateFormats);
        const checked = LINK_PROPS.safeParse(props);
        if (!checked.success)
          throw zodProblem(checked.error.issues, spec.props, `link ${from} -> ${to}`);
        const key = `${spec.type}|${from}|${to}|${spec.label ?? ''}`;
        const seen = links.get(key);
        if (seen) {
          report.repeatedLinks++;
          return;
        }
        const endColumns = (e: LinkEnd) =>
          typeof e === 'number'
            ? templateColumns(mapping.entities[e]!.id).join(', ')
            : templateColumns(e.id).join(', ');
        const fields: Record<string, string> = {
          from: endColumns(spec.from),
          to: endColumns(spec.to),
        };
        for (const [p, src] of Object.entries(spec.props))
          fields[`props.${p}`] = scalarColumns(src).join(', ');
        links.set(key, {
          row: {
            type: spec.type,
            from,
            to,
            ...(spec.label && { label: spec.label }),
            props: checked.data,
          },
          origin: { file: table.file, line, fields },
        });
      } catch (e) {
        problem(line, e);
      }
    });
  }

  function mergeEntity(
    id: string,
    type: EntityType,
    props: Record<string, unknown>,
    line: number,
    index: number,
    typeSource: TypeSource,
  ): void {
    const seen = entities.get(id);
    if (!seen) {
      const lines = new Map<string, number>();
      for (const k of Object.keys(props)) lines.set(k, line);
      entities.set(id, {
        row: { id, type, props } as EntityRow,
        origin: { file: table.file, line, fields: entityFields(index, typeSource) },
        lines,
      });
      return;
    }
    if (seen.row.type !== type)
      throw new RowProblem(
        `id "${id}" is a ${type} here but a ${seen.row.type} on line ${seen.origin.line}; one id must always denote the same kind of entity`,
        typeof typeSource === 'object' ? typeSource.column : undefined,
      );
    const kept = seen.row.props as Record<string, unknown>;
    const keepOther = (name: string, value: string) => {
      const extra = (kept.extra ??= {}) as Record<string, string[]>;
      const list = (extra[name] ??= []);
      if (!list.includes(value)) list.push(value);
    };
    const conflict = (prop: string, keptValue: unknown, other: unknown, keptLine: number) => {
      if (mapping.repeatedIds === 'refuse')
        throw new RowProblem(
          `id "${id}" is repeated with ${prop} "${show(other)}" where line ${keptLine} gives "${show(keptValue)}" (the mapping refuses repeated ids; set "repeatedIds": "merge" to keep both)`,
          firstColumnOf(index, prop),
        );
      report.conflicts.push({
        id,
        prop,
        kept: { value: show(keptValue), line: keptLine },
        other: { value: show(other), line },
      });
      keepOther(prop, show(other));
    };
    for (const [k, v] of Object.entries(props)) {
      if (k === 'extra') {
        for (const [name, list] of Object.entries(v as Record<string, string[]>))
          for (const item of list) keepOther(name, item);
        continue;
      }
      if (!(k in kept)) {
        kept[k] = v;
        seen.lines.set(k, line);
        continue;
      }
      const old = kept[k];
      if (canonicalJson(old) === canonicalJson(v)) continue;
      const isObj = (x: unknown): x is Record<string, unknown> =>
        typeof x === 'object' && x !== null && !Array.isArray(x);
      if (isObj(old) && isObj(v)) {
        // An address: compare part by part, so the report says which part differs.
        for (const [part, pv] of Object.entries(v)) {
          if (!(part in old)) old[part] = pv;
          else if (canonicalJson(old[part]) !== canonicalJson(pv))
            conflict(`${k}.${part}`, old[part], pv, seen.lines.get(k) ?? seen.origin.line);
        }
      } else conflict(k, old, v, seen.lines.get(k) ?? seen.origin.line);
    }
  }
  function firstColumnOf(index: number, prop: string): string | undefined {
    const src = mapping.entities[index]!.props[prop.split('.')[0]!];
    return src ? firstColumn(src) : undefined;
  }

  const ents = [...entities.values()];
  const lnks = [...links.values()];
  report.entities = ents.length;
  report.links = lnks.length;
  return {
    entities: ents.map((e) => e.row),
    links: lnks.map((l) => l.row),
    origins: { entities: ents.map((e) => e.origin), links: lnks.map((l) => l.origin) },
    errors,
    moreErrors,
    report,
  };
}

/** The bundle id of a CSV through a mapping: the same file through the same mapping is the same import. */
export function mappedBundleId(fileSha: string, mapping: CsvMapping): string {
  return `csv-${sha256Hex(`${fileSha}\n${canonicalJson(mapping)}`).slice(0, 24)}`;
}

function rowError(rows: MappedRows): RinglensError {
  const first = rows.errors[0]!;
  const total = rows.errors.length + rows.moreErrors;
  return new RinglensError(
    'ROW_INVALID',
    `${first.message}${total > 1 ? ` (and ${total - 1} more ${total === 2 ? 'problem' : 'problems'})` : ''}`,
    {
      file: rows.report.file,
      line: first.line,
      ...(first.column !== undefined && { column: first.column }),
      hint: 'preview the mapping to see every problem; nothing was imported',
    },
  );
}

export interface MappedImportResult extends ImportResult {
  readonly report: CsvMappingReport;
}

/**
 * Maps the whole CSV and imports it, all or nothing; refuses with the first error's line.
 * With `dryRun` every check of the import runs (references, types, the case's own ids) and
 * nothing is kept: this is the preview.
 */
export async function importMappedCsv(
  store: import('../store/open').CaseStore,
  csvFile: string,
  mapping: CsvMapping,
  options: import('../bundle/import').ImportOptions,
): Promise<MappedImportResult> {
  const { importConvertedRows } = await import('./import-rows');
  const { sha256File } = await import('../bundle/import');
  const rows = mapCsv(csvFile, mapping);
  if (rows.errors.length) throw rowError(rows);
  const sha = await sha256File(csvFile);
  const name = rows.report.file;
  const result = await importConvertedRows(
    store,
    {
      bundleId: mappedBundleId(sha, mapping),
      issuer: `CSV through mapping "${mapping.name}"`,
      source: name,
      description: `${name} (sha256 ${sha}) mapped by "${mapping.name}"`,
      defaultRegion: mapping.defaultRegion,
      entities: rows.entities,
      links: rows.links,
      origins: rows.origins,
    },
    options,
  );
  return { ...result, report: rows.report };
}

/** Everything the preview shows: the first rows as mapped, every problem, and what the import would do. */
export interface MappingPreview {
  readonly ok: boolean;
  readonly entities: EntityRow[];
  readonly links: LinkRow[];
  readonly errors: MappingProblem[];
  readonly moreErrors: number;
  readonly report: CsvMappingReport;
  /** What the import would do to the case (when every row maps). */
  readonly wouldImport?: { newEntities: number; mergedEntities: number; newLinks: number };
}

/** The preview runs the import's own validation in a transaction that is rolled back. */
export async function previewMappedCsv(
  store: import('../store/open').CaseStore,
  csvFile: string,
  mapping: CsvMapping,
  head = 20,
): Promise<MappingPreview> {
  const rows = mapCsv(csvFile, mapping);
  const base = {
    entities: rows.entities.slice(0, head),
    links: rows.links.slice(0, head),
    moreErrors: rows.moreErrors,
    report: rows.report,
  };
  if (rows.errors.length) return { ok: false, errors: rows.errors, ...base };
  try {
    const r = await importMappedCsv(store, csvFile, mapping, {
      allowUnsigned: true,
      dryRun: true,
    });
    return {
      ok: true,
      errors: [],
      ...base,
      wouldImport: {
        newEntities: r.newEntities,
        mergedEntities: r.mergedEntities,
        newLinks: r.newLinks,
      },
    };
  } catch (e) {
    if (!(e instanceof RinglensError) || e.location.line === undefined) throw e;
    return {
      ok: false,
      errors: [
        {
          line: e.location.line,
          ...(e.location.column !== undefined && { column: e.location.column }),
          message: e.message,
        },
      ],
      ...base,
    };
  }
}

/** How a mapped import's report reads in sentences (for the CLI). */
export { describeRead, describeReport } from './csv-report';
