/**
 * CSV mappings kept in the case by name (saving one again replaces it; each save is
 * audited with the mapping's hash), and the head of a CSV file for the mapping wizard.
 */
import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { parse } from 'csv-parse/sync';
import { RinglensError } from '../../../shared/errors';
import { CsvMapping } from '../../../shared/interop/csv-mapping';
import { appendAudit } from '../audit/log';
import { decodeUtf8 } from '../bundle/text';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';

export function saveMapping(
  db: Database,
  mapping: CsvMapping,
  actor: string,
): { name: string; sha256: string } {
  const text = canonicalJson(CsvMapping.parse(mapping));
  const sha256 = sha256Hex(text);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO csv_mappings (name, mapping, saved_at, saved_by) VALUES (?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
    ).run(mapping.name, text, new Date().toISOString(), actor);
    appendAudit(db, {
      actor,
      action: 'csv.mapping.save',
      object: 'case',
      details: { name: mapping.name, sha256 },
    });
  })();
  return { name: mapping.name, sha256 };
}

export function savedMappings(db: Database): CsvMapping[] {
  return (
    db.prepare('SELECT mapping FROM csv_mappings ORDER BY name').pluck().all() as string[]
  ).map((m) => CsvMapping.parse(JSON.parse(m)));
}

export function savedMapping(db: Database, name: string): CsvMapping {
  const m = db.prepare('SELECT mapping FROM csv_mappings WHERE name = ?').pluck().get(name) as
    string | undefined;
  if (!m) {
    const names = savedMappings(db).map((x) => `"${x.name}"`);
    throw new RinglensError('NOT_FOUND', `no mapping file or saved mapping named "${name}"`, {
      hint: names.length
        ? `saved in this case: ${names.join(', ')}`
        : 'give a mapping JSON file, or save one with --save-mapping',
    });
  }
  return CsvMapping.parse(JSON.parse(m));
}

/** The header and first rows of a CSV, so the wizard can offer its columns. */
export function csvHead(file: string, rows = 5): { columns: string[]; rows: string[][] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new RinglensError('IO_ERROR', `cannot read ${file}: ${(e as Error).message}`, { file });
  }
  const text = decodeUtf8(bytes, { file });
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      to_line: rows + 1,
    });
  } catch (e) {
    throw new RinglensError('ROW_INVALID', `is not readable CSV: ${(e as Error).message}`, {
      file,
    });
  }
  if (!records[0])
    throw new RinglensError('ROW_INVALID', 'is empty: it needs a header row', { file, line: 1 });
  return { columns: records[0], rows: records.slice(1) };
}
