/**
 * Outcomes to and from CSV: one row per outcome, a column for every field of every kind
 * (blank where a kind has none), plus who recorded it and when. Importing is all or
 * nothing: every row is checked first and the first problem is reported with its line
 * and column; then all rows go in one transaction. Re-importing the same file changes
 * nothing.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { RinglensError } from '../../../shared/errors';
import {
  OUTCOME_CSV_COLUMNS,
  OUTCOME_NUMBER_COLUMNS,
  OutcomeInput,
  parseSubject,
  type Outcome,
} from '../../../shared/lifecycle/schemas';
import { appendAudit } from '../audit/log';
import { decodeUtf8 } from '../bundle/text';
import { sha256Hex } from '../util/hash';
import { recordOutcome } from './outcomes';
import { formatValue } from '../../../shared/format-value';

const META_COLUMNS = ['recordedBy', 'recordedAt'] as const;
export const OUTCOME_CSV_HEADER = [...OUTCOME_CSV_COLUMNS, ...META_COLUMNS];

export function outcomesToCsv(outcomes: readonly Outcome[]): string {
  const rows = outcomes.map((o) => {
    const d = o.data as Record<string, unknown> & OutcomeInput;
    return OUTCOME_CSV_HEADER.map((c) => {
      if (c === 'id') return o.id;
      if (c === 'subject') return d.subject.id;
      if (c === 'recordedBy') return o.recordedBy;
      if (c === 'recordedAt') return o.recordedAt;
      const v = d[c];
      return formatValue(v);
    });
  });
  return stringify([OUTCOME_CSV_HEADER, ...rows]);
}

export interface ParsedOutcomeRow {
  readonly line: number;
  readonly data: OutcomeInput;
  readonly recorded?: { by: string; at: string };
}

/** Reads and validates every row; errors name the file, line and column. */
export function parseOutcomesCsv(
  text: string,
  file: string,
): {
  rows: ParsedOutcomeRow[];
  errors: { file: string; line: number; field: string; message: string }[];
} {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: false,
      skip_empty_lines: true,
    });
  } catch (e) {
    throw new RinglensError('ROW_INVALID', `is not readable CSV: ${(e as Error).message}`, {
      file,
      hint: 'save it as comma-separated UTF-8 with a header row',
    });
  }
  const header = records[0];
  if (!header)
    throw new RinglensError('ROW_INVALID', 'is empty: it needs a header row', { file, line: 1 });
  const known = new Set<string>(OUTCOME_CSV_HEADER);
  const unknown = header.find((h) => !known.has(h));
  if (unknown !== undefined)
    throw new RinglensError('ROW_INVALID', `has a column "${unknown}" that outcomes do not have`, {
      file,
      line: 1,
      field: unknown,
      hint: `the columns are: ${OUTCOME_CSV_HEADER.join(', ')}`,
    });
  for (const need of ['subject', 'kind', 'date'])
    if (!header.includes(need))
      throw new RinglensError('ROW_INVALID', `has no "${need}" column`, {
        file,
        line: 1,
        field: need,
      });

  const rows: ParsedOutcomeRow[] = [];
  const errors: { file: string; line: number; field: string; message: string }[] = [];
  records.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const cell = Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()]));
    const obj: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(cell)) {
      if (v === '' || k === 'recordedBy' || k === 'recordedAt') continue;
      if (k === 'subject') obj.subject = parseSubject(v);
      else if (OUTCOME_NUMBER_COLUMNS.has(k)) {
        const n = Number(v);
        if (!Number.isFinite(n)) {
          errors.push({ file, line, field: k, message: `"${v}" is not a number` });
          return;
        }
        obj[k] = n;
      } else obj[k] = v;
    }
    const r = OutcomeInput.safeParse(obj);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field = issue.path.length ? String(issue.path[0]) : 'kind';
      errors.push({
        file,
        line,
        field,
        message:
          issue.code === 'unrecognized_keys'
            ? `has a value in a column that a ${String(obj.kind)} outcome does not use (${(issue as { keys?: string[] }).keys?.join(', ')})`
            : issue.message,
      });
      return;
    }
    rows.push({
      line,
      data: r.data,
      ...(cell.recordedBy && cell.recordedAt
        ? { recorded: { by: cell.recordedBy, at: cell.recordedAt } }
        : {}),
    });
  });
  return { rows, errors };
}

export interface OutcomeImportResult {
  readonly file: string;
  readonly sha256: string;
  readonly rows: number;
  readonly imported: number;
  readonly unchanged: number;
}

/** Imports an outcomes CSV into the case, all or nothing. */
export function importOutcomesCsv(
  db: Database,
  path: string,
  o: { actor: string },
): OutcomeImportResult {
  const file = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new RinglensError('IO_ERROR', `cannot read ${path}: ${(e as Error).message}`, { file });
  }
  const { rows, errors } = parseOutcomesCsv(decodeUtf8(bytes, { file }), file);
  if (errors.length) {
    const first = errors[0]!;
    throw new RinglensError(
      'ROW_INVALID',
      `${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : ''}; nothing was imported`,
      { file, line: first.line, field: first.field },
    );
  }
  const sha256 = sha256Hex(bytes);
  return db.transaction(() => {
    let imported = 0;
    const ids: string[] = [];
    const checked = new Set<string>();
    for (const r of rows) {
      try {
        const rec = recordOutcome(db, r.data, {
          actor: o.actor,
          auditEach: false,
          checked,
          ...(r.recorded ? { recorded: r.recorded } : {}),
        });
        if (rec.created) {
          imported++;
          ids.push(rec.outcome.id);
        }
      } catch (e) {
        if (e instanceof RinglensError)
          throw new RinglensError(
            e.code === 'BUNDLE_CONFLICT' ? 'BUNDLE_CONFLICT' : 'ROW_INVALID',
            `${e.message}; nothing was imported`,
            {
              file,
              line: r.line,
              ...(e.location.field ? { field: e.location.field } : {}),
              ...(e.hint ? { hint: e.hint } : {}),
            },
          );
        throw e;
      }
    }
    // One entry for the file: its hash and the ids it added (every outcome also keeps who recorded it and when).
    appendAudit(db, {
      actor: o.actor,
      action: 'outcomes.import',
      object: 'case',
      details: {
        file,
        sha256,
        rows: rows.length,
        imported,
        ids: ids.length <= 1000 ? ids : { count: ids.length, sha256: sha256Hex(ids.join('\n')) },
      },
    });
    return { file, sha256, rows: rows.length, imported, unchanged: rows.length - imported };
  })();
}

/** Writes the case's outcomes (withdrawn ones left out) as CSV; the export is audited with its hash. */
export function exportOutcomesCsv(
  db: Database,
  outcomes: readonly Outcome[],
  o: { actor: string },
): { text: string; sha256: string; rows: number } {
  const text = outcomesToCsv(outcomes);
  const sha256 = sha256Hex(text);
  appendAudit(db, {
    actor: o.actor,
    action: 'outcomes.export',
    object: 'case',
    details: { sha256, rows: outcomes.length },
  });
  return { text, sha256, rows: outcomes.length };
}
