import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';

/** A digest of every row of every table: equal digests mean the store's content is equal. */
export function storeDigest(db: Database): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`table ${name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).iterate()) {
      hash.update(
        JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)),
      );
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
