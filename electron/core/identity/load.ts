/** Reads the identifiers of a case by kind (the I/O edge of candidate generation). */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MatchKind } from '../../../shared/identity/schemas';
import { KIND_OF_TYPE, type Identifier } from './kinds';

const TYPES_OF_KIND = new Map<MatchKind, string[]>();
for (const [type, kind] of Object.entries(KIND_OF_TYPE)) {
  const list = TYPES_OF_KIND.get(kind) ?? [];
  list.push(type);
  TYPES_OF_KIND.set(kind, list);
}

/** The key a product photo fingerprint has in ring analysis (a virtual node, see analyse.ts). */
export const photoKey = (fingerprint: string): string => `image|${fingerprint}`;

export function loadIdentifiers(db: Database, kind: MatchKind): Identifier[] {
  if (kind === 'photo') {
    const rows = db
      .prepare(
        `SELECT DISTINCT j.value AS fp FROM entities e, json_each(e.props, '$.imageFingerprints') j
         WHERE e.type = 'listing' ORDER BY fp`,
      )
      .pluck()
      .all() as string[];
    return rows.map((fp) => ({
      key: photoKey(fp),
      type: 'image_fingerprint',
      label: `product photo ${fp}`,
      props: { fingerprint: fp },
    }));
  }
  const types = TYPES_OF_KIND.get(kind) ?? [];
  const rows = db
    .prepare(
      `SELECT key, type, label, props FROM entities
       WHERE type IN (SELECT value FROM json_each(?)) ORDER BY key`,
    )
    .all(JSON.stringify(types)) as { key: string; type: string; label: string; props: string }[];
  return rows.map((r) => ({
    key: r.key,
    type: r.type,
    label: r.label,
    props: JSON.parse(r.props) as Record<string, unknown>,
  }));
}

/** One identifier by entity key, bundle row id (alias) or photo key; undefined when the case has none. */
export function findIdentifier(db: Database, ref: string): Identifier | undefined {
  const image = /^image\|([0-9a-f]{8,64})$/.exec(ref);
  if (image) {
    const fp = image[1]!;
    const hit = db
      .prepare(
        `SELECT 1 FROM entities e, json_each(e.props, '$.imageFingerprints') j
         WHERE e.type = 'listing' AND j.value = ? LIMIT 1`,
      )
      .get(fp);
    return hit
      ? {
          key: ref,
          type: 'image_fingerprint',
          label: `product photo ${fp}`,
          props: { fingerprint: fp },
        }
      : undefined;
  }
  const row = (db.prepare(`SELECT key, type, label, props FROM entities WHERE key = ?`).get(ref) ??
    db
      .prepare(
        `SELECT e.key, e.type, e.label, e.props FROM entity_aliases a JOIN entities e ON e.id = a.entity WHERE a.alias = ?`,
      )
      .get(ref)) as { key: string; type: string; label: string; props: string } | undefined;
  return (
    row && {
      key: row.key,
      type: row.type,
      label: row.label,
      props: JSON.parse(row.props) as Record<string, unknown>,
    }
  );
}
