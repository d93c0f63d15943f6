/**
 * A running digest of the case's content, so that `verify` notices data edited behind the
 * audit log (with the passphrase and a stock SQLCipher shell, say).
 *
 * Each content table has a multiset hash: the sum, modulo 2^256, of the SHA-256 of every
 * row. A sum can be kept up to date one row at a time (subtract the old row, add the new),
 * so Ringlens's own connections keep it current with TEMP triggers: triggers that live only
 * in the connection that created them, not in the case file. A change made through any
 * other connection leaves the kept digest behind the real content for good, however many
 * audited changes follow; `verify` recomputes the sums from the rows and names the table.
 * Each audit entry commits to the kept digests at the time it is written (see log.ts), so
 * resetting the kept digests to match an edit is caught too, unless the entries after it
 * are rewritten as well (which only an outside witness can catch: see witness.ts).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';

/**
 * The tables whose rows are evidence or decisions, each with the columns that are hashed.
 * Fixed here, not read from the schema, so a later migration that adds a column leaves
 * the digests unchanged. Derived caches (ring registry, views, packet register) are left
 * out: they are recomputed from these.
 */
export const CONTENT_TABLES: Readonly<Record<string, readonly string[]>> = {
  bundles: [
    'id',
    'bundle_id',
    'kind',
    'sha256',
    'manifest_sha256',
    'format_version',
    'issuer',
    'signature',
    'signer_fingerprint',
    'created_at',
    'description',
    'imported_at',
    'imported_by',
    'entity_rows',
    'link_rows',
    'evidence_files',
  ],
  bundle_files: ['id', 'bundle', 'path', 'sha256', 'size', 'media_type', 'role'],
  entities: ['id', 'key', 'type', 'label', 'props'],
  entity_aliases: ['alias', 'entity'],
  id_claims: ['scope', 'id', 'entity'],
  links: ['id', 'type', 'src', 'dst', 'label', 'props'],
  statements: ['id', 'bundle', 'file', 'line', 'entity', 'link', 'props'],
  evidence_blobs: ['sha256', 'media_type', 'size', 'data'],
  trusted_keys: ['fingerprint', 'name', 'public_key_pem', 'added_at'],
  lifecycle: [
    'subject_kind',
    'subject_id',
    'status',
    'close_reason',
    'last_reason',
    'assignee',
    'notice_at',
    'refuted_at',
    'updated_at',
    'updated_by',
  ],
  status_history: [
    'seq',
    'subject_kind',
    'subject_id',
    'from_status',
    'to_status',
    'reason',
    'close_reason',
    'actor',
    'at',
  ],
  outcomes: [
    'outcome_id',
    'subject_kind',
    'subject_id',
    'kind',
    'date',
    'data',
    'recorded_by',
    'recorded_at',
    'withdrawn_by',
    'withdrawn_at',
    'withdrawn_reason',
  ],
  identity_decisions: [
    'a_key',
    'b_key',
    'kind',
    'decision',
    'reason',
    'decided_by',
    'decided_at',
    'probability',
    'terms',
  ],
};

const MOD = 1n << 256n;
export const ZERO_DIGEST = '0'.repeat(64);

/** One row's hash: each value typed and length-prefixed, blobs by their own SHA-256. */
export function rowHash(table: string, values: readonly unknown[]): bigint {
  const h = createHash('sha256');
  h.update(`${table}\u0000`);
  for (const v of values) {
    if (v === null || v === undefined) h.update('n;');
    else if (typeof v === 'number' || typeof v === 'bigint') h.update(`i${String(v)};`);
    else if (typeof v === 'string') h.update(`s${Buffer.byteLength(v)}:${v};`);
    else if (Buffer.isBuffer(v) || v instanceof Uint8Array)
      h.update(`b${createHash('sha256').update(v).digest('hex')};`);
    else h.update(`?${JSON.stringify(v)};`);
  }
  return BigInt(`0x${h.digest('hex')}`);
}

export function addDigest(totalHex: string, delta: bigint, sign: 1 | -1): string {
  const total = BigInt(`0x${totalHex}`);
  const next = (((total + BigInt(sign) * delta) % MOD) + MOD) % MOD;
  return next.toString(16).padStart(64, '0');
}

/** The hashed columns of `table` that exist in this case, or null if it has no such table. */
export function existingColumns(db: Database, table: string): string[] | null {
  const cols = (
    db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as {
      name: string;
    }[]
  ).map((c) => c.name);
  if (cols.length === 0) return null;
  return CONTENT_TABLES[table]!.filter((c) => cols.includes(c));
}

/** Recomputes every content table's digest from its rows (what `verify` trusts). */
export function computeContentDigests(db: Database): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of Object.keys(CONTENT_TABLES)) {
    const cols = existingColumns(db, table);
    if (!cols) continue;
    let total = 0n;
    const stmt = db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}"`);
    for (const row of stmt.raw().iterate() as IterableIterator<unknown[]>)
      total = (total + rowHash(table, row)) % MOD;
    out[table] = total.toString(16).padStart(64, '0');
  }
  return out;
}

/** The digests Ringlens's own connections kept up to date, or null before migration 008. */
export function keptContentDigests(db: Database): Record<string, string> | null {
  const has = db
    .prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'content_digest'`)
    .get();
  if (!has) return null;
  return Object.fromEntries(
    (
      db.prepare('SELECT tbl, total FROM content_digest ORDER BY tbl').all() as {
        tbl: string;
        total: string;
      }[]
    ).map((r) => [r.tbl, r.total]),
  );
}

/** Sets the kept digests to the recomputed ones (migration 008; after a later migration). */
export function resetKeptDigests(db: Database): void {
  const set = db.prepare(
    'INSERT INTO content_digest (tbl, total) VALUES (?, ?) ON CONFLICT (tbl) DO UPDATE SET total = excluded.total',
  );
  for (const [tbl, total] of Object.entries(computeContentDigests(db))) set.run(tbl, total);
}

/**
 * Installs this connection's TEMP triggers that keep `content_digest` current. Call on every
 * writable connection after migrating.
 */
export function keepContentDigests(db: Database): void {
  if (keptContentDigests(db) === null) return;
  db.function('rl_digest_step', { varargs: true }, (...args: unknown[]) => {
    const [total, sign, table, ...values] = args as [string, number, string, ...unknown[]];
    return addDigest(total, rowHash(table, values), sign === -1 ? -1 : 1);
  });
  for (const table of Object.keys(CONTENT_TABLES)) {
    const cols = existingColumns(db, table);
    if (!cols) continue;
    const of = (side: 'NEW' | 'OLD') => cols.map((c) => `${side}."${c}"`).join(', ');
    const step = (inner: string, sign: 1 | -1, side: 'NEW' | 'OLD') =>
      `rl_digest_step(${inner}, ${sign}, '${table}', ${of(side)})`;
    const set = (expr: string) =>
      `UPDATE main.content_digest SET total = ${expr} WHERE tbl = '${table}';`;
    db.exec(`
      DROP TRIGGER IF EXISTS temp.rl_digest_${table}_insert;
      DROP TRIGGER IF EXISTS temp.rl_digest_${table}_update;
      DROP TRIGGER IF EXISTS temp.rl_digest_${table}_delete;
      CREATE TEMP TRIGGER rl_digest_${table}_insert AFTER INSERT ON main."${table}"
        BEGIN ${set(step('total', 1, 'NEW'))} END;
      CREATE TEMP TRIGGER rl_digest_${table}_update AFTER UPDATE ON main."${table}"
        BEGIN ${set(step(step('total', -1, 'OLD'), 1, 'NEW'))} END;
      CREATE TEMP TRIGGER rl_digest_${table}_delete AFTER DELETE ON main."${table}"
        BEGIN ${set(step('total', -1, 'OLD'))} END;
    `);
  }
}

export interface ContentFinding {
  readonly table: string;
  readonly problem: string;
}

/**
 * Compares the rows with the kept digests and the kept digests with the last audit entry's
 * commitment. Empty when nothing was changed behind the log.
 */
export function checkContent(
  db: Database,
  lastCommitted: { seq: number; content: Record<string, string> } | null,
): ContentFinding[] {
  const kept = keptContentDigests(db);
  if (!kept) return [];
  const actual = computeContentDigests(db);
  const findings: ContentFinding[] = [];
  for (const [table, total] of Object.entries(actual)) {
    if (kept[table] !== undefined && kept[table] !== total)
      findings.push({
        table,
        problem: `rows of ${table} were changed outside Ringlens: the change is in no audit entry`,
      });
    else if (
      lastCommitted &&
      lastCommitted.content[table] !== undefined &&
      lastCommitted.content[table] !== total
    )
      findings.push({
        table,
        problem: `${table} differs from what audit entry ${lastCommitted.seq} committed to, and no later entry records the change`,
      });
  }
  return findings;
}
