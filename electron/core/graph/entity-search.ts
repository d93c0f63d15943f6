/**
 * Case-wide search in one box: every entity type, its label, key, row ids and every
 * property value, case- and width-insensitive (NFKC), and Chinese names found by their
 * pinyin ("li wei", "liwei" or the initials "lw" find 李伟; traditional characters too).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { pinyin } from 'pinyin-pro';
import { formatValue } from '../../../shared/format-value';

export interface SearchHit {
  readonly entity: { id: number; key: string; type: string; label: string };
  /** Where it matched: `label`, `key`, `alias`, a property name, or `pinyin`. */
  readonly field: string;
  readonly value: string;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const norm = (s: string) => s.normalize('NFKC').toLowerCase();

interface PinyinEntry {
  readonly id: number;
  readonly text: string;
  readonly full: string;
  readonly initials: string;
}
const pinyinIndexes = new WeakMap<Database, { stamp: string; entries: PinyinEntry[] }>();

/** Pinyin of every CJK label and property value, rebuilt when the entity table changes. */
function pinyinIndex(db: Database): PinyinEntry[] {
  const stamp = JSON.stringify(
    db.prepare('SELECT count(*) AS n, max(id) AS m FROM entities').get(),
  );
  const cached = pinyinIndexes.get(db);
  if (cached?.stamp === stamp) return cached.entries;
  const entries: PinyinEntry[] = [];
  const rows = db
    .prepare(
      // GLOB on any byte above ASCII is a cheap first filter; the regex decides.
      `SELECT id, label, props FROM entities WHERE label GLOB '*[^ -~]*' OR props GLOB '*[^ -~]*'`,
    )
    .all() as { id: number; label: string; props: string }[];
  for (const r of rows) {
    const texts = new Set<string>();
    if (CJK.test(r.label)) texts.add(r.label);
    for (const v of Object.values(JSON.parse(r.props) as Record<string, unknown>))
      for (const s of Array.isArray(v) ? v : [v])
        if (typeof s === 'string' && CJK.test(s) && s.length <= 200) texts.add(s);
    for (const text of texts) {
      const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
      entries.push({
        id: r.id,
        text,
        full: norm(syllables.join('')).replace(/\s+/g, ''),
        initials: norm(syllables.map((s) => s.trim()[0] ?? '').join('')),
      });
    }
  }
  pinyinIndexes.set(db, { stamp, entries });
  return entries;
}

export function searchEntities(
  db: Database,
  query: string,
  limit: number,
): { total: number; hits: SearchHit[] } {
  const q = norm(query.trim());
  if (!q) return { total: 0, hits: [] };
  const found = new Map<number, { field: string; value: string }>();
  // Labels, keys and row ids first (most specific), then property values.
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  for (const r of db
    .prepare(
      `SELECT id, label, key FROM entities WHERE lower(label) LIKE @like ESCAPE '\\' OR lower(key) LIKE @like ESCAPE '\\' ORDER BY id`,
    )
    .all({ like }) as { id: number; label: string; key: string }[])
    found.set(
      r.id,
      norm(r.label).includes(q)
        ? { field: 'label', value: r.label }
        : { field: 'key', value: r.key },
    );
  for (const r of db
    .prepare(
      `SELECT entity AS id, alias FROM entity_aliases WHERE lower(alias) LIKE @like ESCAPE '\\' ORDER BY entity`,
    )
    .all({ like }) as { id: number; alias: string }[])
    if (!found.has(r.id)) found.set(r.id, { field: 'alias', value: r.alias });
  for (const r of db
    .prepare(`SELECT id, props FROM entities WHERE lower(props) LIKE @like ESCAPE '\\' ORDER BY id`)
    .all({ like }) as { id: number; props: string }[]) {
    if (found.has(r.id)) continue;
    for (const [k, v] of Object.entries(JSON.parse(r.props) as Record<string, unknown>)) {
      const s: unknown = (Array.isArray(v) ? (v as unknown[]) : [v]).find(
        (x) => (typeof x === 'string' || typeof x === 'number') && norm(String(x)).includes(q),
      );
      if (s !== undefined) {
        found.set(r.id, { field: k, value: formatValue(s) });
        break;
      }
    }
  }
  // Pinyin: only for Latin queries of two letters or more.
  const compact = q.replace(/\s+/g, '');
  if (/^[a-z]{2,}$/.test(compact))
    for (const p of pinyinIndex(db))
      if (!found.has(p.id) && (p.full.includes(compact) || p.initials === compact))
        found.set(p.id, { field: 'pinyin', value: p.text });

  const ids = [...found.keys()].sort((a, b) => a - b);
  const shown = ids.slice(0, limit);
  const rows = new Map(
    (
      db
        .prepare(
          `SELECT id, key, type, label FROM entities WHERE id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(shown)) as SearchHit['entity'][]
    ).map((r) => [r.id, r]),
  );
  return {
    total: ids.length,
    hits: shown.map((id) => ({ entity: rows.get(id)!, ...found.get(id)! })),
  };
}
