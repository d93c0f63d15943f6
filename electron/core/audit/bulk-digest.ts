/**
 * Keeping the content digests (content-digest.ts) of a bulk import set-based: the per-row
 * TEMP triggers of the big tables are set aside for the import's transaction, and the
 * importer hands over the rows it added and the rows it is about to change instead. The sum
 * is the same as the triggers would have kept (a sum does not care about order, and an
 * update is "minus the old row, plus the new"), for a fraction of the cost: the triggers
 * ran a JavaScript callback, a 256-bit BigInt parse and format and an UPDATE of
 * `content_digest` for every row of every table.
 *
 * Rows are hashed exactly as `rowHash` does (one SHA-256 over the same encoding) and summed
 * in 32-bit limbs held in doubles, which stay exact for millions of rows between carries.
 */
import { hash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { existingColumns, keepContentDigests, keptContentDigests } from './content-digest';

const LIMBS = 8;
/** Rows summed before the limbs are carried (2^53 / 2^32 is about 2M; well inside it). */
const CARRY_EVERY = 1 << 20;
const MOD = 1n << 256n;

/** Each hexadecimal digit's character code to its value (SHA-256 hex is lower case). */
const HEX_VALUE = new Uint8Array(128);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;

/**
 * A running sum of row hashes modulo 2^256.
 *
 * The hashes come as hexadecimal text, not as Buffers: at millions of rows, allocating a
 * Buffer per hash made `hash()` take more than twice as long as the hashing, and reading
 * the hex digits back is cheaper than that allocation (2M rows: 0.77 s against 1.4 s).
 */
class HashSum {
  private readonly limbs = new Float64Array(LIMBS);
  private pending = 0;
  private carried = 0n;

  /** Adds one SHA-256 given as 64 lower-case hexadecimal digits. */
  addHex(hex: string): void {
    const l = this.limbs;
    for (let i = 0, k = 0; i < LIMBS; i++) {
      let limb = 0;
      for (const end = k + 8; k < end; k++) limb = limb * 16 + HEX_VALUE[hex.charCodeAt(k)]!;
      l[i]! += limb;
    }
    if (++this.pending === CARRY_EVERY) this.carry();
  }

  private carry(): void {
    let v = 0n;
    for (let i = 0; i < LIMBS; i++) {
      v = (v << 32n) + BigInt(this.limbs[i]!);
      this.limbs[i] = 0;
    }
    this.carried = (this.carried + v) % MOD;
    this.pending = 0;
  }

  value(): bigint {
    this.carry();
    return this.carried;
  }
}

/** rowHash's encoding, hashed in one update (the rows here hold no blobs), as hex. */
function rowDigest(table: string, values: readonly unknown[]): string {
  let text = `${table}\u0000`;
  for (const v of values) {
    if (v === null || v === undefined) text += 'n;';
    else if (typeof v === 'number' || typeof v === 'bigint') text += `i${String(v)};`;
    else if (typeof v === 'string') text += `s${Buffer.byteLength(v)}:${v};`;
    else throw new Error(`bulk digest: unexpected ${typeof v} in ${table}`);
  }
  // The one-shot hash: no Hash object per row (a third of this function's time at 1M rows).
  return hash('sha256', text, 'hex');
}

/**
 * The columns of a STRICT table in hashing order with their types, if every one is INTEGER
 * or TEXT: a STRICT table holds exactly those types (or NULL) there, so SQL's integer text and
 * byte length match what JavaScript would write. Anything else (REAL, BLOB, loose typing)
 * stays with the JavaScript encoding.
 */
function sqlEncodableColumns(
  db: Database,
  table: string,
  cols: readonly string[],
): { name: string; type: 'INTEGER' | 'TEXT' }[] | null {
  const strict = db.prepare(
    `SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = ?`,
  );
  if (strict.pluck().get(table) !== 1) return null;
  const types = new Map(
    (
      db.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as {
        name: string;
        type: string;
      }[]
    ).map((c) => [c.name, c.type.toUpperCase()]),
  );
  const out: { name: string; type: 'INTEGER' | 'TEXT' }[] = [];
  for (const name of cols) {
    const type = types.get(name);
    if (type !== 'INTEGER' && type !== 'TEXT') return null;
    out.push({ name, type });
  }
  return out;
}

const triggerNames = (table: string) =>
  ['insert', 'update', 'delete'].map((k) => `rl_digest_${table}_${k}`);

/** One import's digest bookkeeping for a fixed set of tables; `finish` before the audit entry. */
export class BulkDigest {
  private readonly plus = new Map<string, HashSum>();
  private readonly minus = new Map<string, HashSum>();
  private readonly cols = new Map<string, string[]>();
  /** Tables whose rows SQL can encode (`encoded`): STRICT, every column INTEGER or TEXT. */
  private readonly encodable = new Map<string, { name: string; type: 'INTEGER' | 'TEXT' }[]>();

  /**
   * Sets aside this connection's digest triggers on `tables` (inside the caller's
   * transaction, so a rollback puts them back). Tables this connection keeps no digest
   * for (no triggers: a store opened without `keepContentDigests`) are left alone.
   */
  constructor(
    private readonly db: Database,
    tables: readonly string[],
  ) {
    if (keptContentDigests(db) === null) return;
    const has = db.prepare(
      `SELECT count(*) FROM sqlite_temp_schema WHERE type = 'trigger' AND name IN (?, ?, ?)`,
    );
    for (const t of tables) {
      const cols = existingColumns(db, t);
      if (!cols || has.pluck().get(...triggerNames(t)) !== 3) continue;
      this.cols.set(t, cols);
      const typed = sqlEncodableColumns(db, t, cols);
      if (typed) this.encodable.set(t, typed);
      this.plus.set(t, new HashSum());
      this.minus.set(t, new HashSum());
      for (const name of triggerNames(t)) db.exec(`DROP TRIGGER temp.${name}`);
    }
  }

  /** Whether `table`'s digest is kept here (else its rows need not be read at all). */
  keeps(table: string): boolean {
    return this.cols.has(table);
  }

  /** The columns to select for `table`'s rows, in hashing order. */
  columns(table: string): string {
    return this.cols
      .get(table)!
      .map((c) => `"${c}"`)
      .join(', ');
  }

  /**
   * A SQL expression giving one row of `table` as the exact text `rowDigest` hashes, or null
   * where SQL cannot build it. SQLite builds the encoding in C and hands over one string per
   * row, instead of every value being read into JavaScript and encoded there (at 1M rows
   * about 1 s of a 22 s import).
   *
   * The bytes are the stored ones. They equal JavaScript's encoding only for valid UTF-8
   * text, which is why the caller uses this for rows made from well-formed strings only (a
   * lone surrogate is stored as invalid UTF-8 and read back as replacement characters).
   */
  encoded(table: string): string | null {
    const cols = this.encodable.get(table);
    if (!cols) return null;
    const q = (c: string) => `"${c}"`;
    const parts = cols.map(({ name, type }) =>
      type === 'INTEGER'
        ? `CASE WHEN ${q(name)} IS NULL THEN 'n;' ELSE 'i' || ${q(name)} || ';' END`
        : `CASE WHEN ${q(name)} IS NULL THEN 'n;' ELSE 's' || octet_length(${q(name)}) || ':' || ${q(name)} || ';' END`,
    );
    return `'${table}' || char(0) || ${parts.join(' || ')}`;
  }

  /** Rows selected (plucked) with `encoded`: each the text to hash. */
  addedEncoded(table: string, rows: Iterable<string>): void {
    const sum = this.plus.get(table);
    if (sum) for (const text of rows) sum.addHex(hash('sha256', text, 'hex'));
  }

  /** Rows now in `table` that were not counted before (inserted, or the new side of an update). */
  added(table: string, rows: Iterable<unknown[]>): void {
    const sum = this.plus.get(table);
    if (sum) for (const r of rows) sum.addHex(rowDigest(table, r));
  }

  /** Rows about to be changed: their current values leave the sum. */
  removed(table: string, rows: Iterable<unknown[]>): void {
    const sum = this.minus.get(table);
    if (sum) for (const r of rows) sum.addHex(rowDigest(table, r));
  }

  /** Applies the sums to the kept digests and puts the triggers back. */
  finish(): void {
    if (this.cols.size === 0) return;
    const get = this.db.prepare('SELECT total FROM main.content_digest WHERE tbl = ?').pluck();
    const set = this.db.prepare('UPDATE main.content_digest SET total = ? WHERE tbl = ?');
    for (const t of this.cols.keys()) {
      const kept = get.get(t) as string | undefined;
      // No kept row for the table: the triggers would have updated nothing either.
      if (kept === undefined) continue;
      const total = BigInt(`0x${kept}`);
      const next =
        (((total + this.plus.get(t)!.value() - this.minus.get(t)!.value()) % MOD) + MOD) % MOD;
      set.run(next.toString(16).padStart(64, '0'), t);
    }
    keepContentDigests(this.db);
  }
}
