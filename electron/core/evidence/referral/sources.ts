/**
 * The bundle rows behind entities and links ("bundle file:line"), so every suspect, place
 * and figure a referral prints can be traced back to the row that asserted it.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export type SourceRows = (ids: readonly number[], of?: 'entity' | 'link') => string[];

export function sourceRows(db: Database): SourceRows {
  const stmt = {
    entity: db.prepare(
      `SELECT DISTINCT b.bundle_id || ' ' || f.path || ':' || s.line FROM statements s JOIN bundles b ON b.id = s.bundle JOIN bundle_files f ON f.id = s.file WHERE s.entity IN (SELECT value FROM json_each(?)) ORDER BY b.id, f.path, s.line`,
    ),
    link: db.prepare(
      `SELECT DISTINCT b.bundle_id || ' ' || f.path || ':' || s.line FROM statements s JOIN bundles b ON b.id = s.bundle JOIN bundle_files f ON f.id = s.file WHERE s.link IN (SELECT value FROM json_each(?)) ORDER BY b.id, f.path, s.line`,
    ),
  };
  return (ids, of = 'entity') =>
    ids.length ? (stmt[of].pluck().all(JSON.stringify(ids)) as string[]) : [];
}

/** "b f:1; b f:7" -> "b f lines 1, 7": one mention per file, at most `max` lines each. */
export function compactRows(rows: readonly string[], max = 12): string {
  const byFile = new Map<string, string[]>();
  for (const s of rows) {
    const m = /^(.*):(\d+)$/.exec(s);
    const file = m ? m[1]! : s;
    const lines = byFile.get(file) ?? [];
    if (m) lines.push(m[2]!);
    byFile.set(file, lines);
  }
  return [...byFile]
    .map(([f, lines]) => {
      if (!lines.length) return f;
      const shown = lines.slice(0, max).join(', ');
      const more = lines.length > max ? ` and ${lines.length - max} more` : '';
      return `${f} line${lines.length > 1 ? 's' : ''} ${shown}${more}`;
    })
    .join('; ');
}
