/**
 * The append-only, hash-chained audit log. Each entry's hash covers its own fields and
 * the previous entry's hash, so changing, removing or reordering any entry breaks every
 * hash after it. Triggers in the schema refuse UPDATE and DELETE; this module is the only
 * writer. Call `appendAudit` inside the same transaction as the change it records.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { keptContentDigests } from './content-digest';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  readonly actor: string;
  readonly action: string;
  /** What the action was done to: `case`, `bundle:<id>`, `entity:<key>`, `ring:<id>`, `packet:<sha256>` … */
  readonly object: string;
  readonly details?: Record<string, unknown>;
  /** Defaults to now; tests and reproducible exports pass a fixed time. */
  readonly at?: string;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly object: string;
  readonly details: Record<string, unknown>;
  readonly prevHash: string;
  /**
   * The content digests (audit/content-digest.ts) right after the change this entry records;
   * absent on entries written before schema 8. Part of the hashed content when present.
   */
  readonly content?: Record<string, string>;
  readonly hash: string;
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      object: e.object,
      details: e.details,
      prevHash: e.prevHash,
      ...(e.content ? { content: e.content } : {}),
    }),
  );
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object: string;
  details: string;
  prev_hash: string;
  content?: string | null;
  hash: string;
}
const fromRow = (r: Row): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  object: r.object,
  details: JSON.parse(r.details) as Record<string, unknown>,
  prevHash: r.prev_hash,
  ...(r.content ? { content: JSON.parse(r.content) as Record<string, string> } : {}),
  hash: r.hash,
});

export function auditHead(db: Database): { seq: number; hash: string } {
  const row = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

export function appendAudit(db: Database, input: AuditInput): AuditEntry {
  const head = auditHead(db);
  const content = keptContentDigests(db);
  const partial = {
    seq: head.seq + 1,
    at: input.at ?? new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    object: input.object,
    details: JSON.parse(canonicalJson(input.details ?? {})) as Record<string, unknown>,
    prevHash: head.hash,
    ...(content ? { content } : {}),
  };
  const entry: AuditEntry = { ...partial, hash: entryHash(partial) };
  if (content)
    db.prepare(
      'INSERT INTO audit_log (seq, at, actor, action, object, details, prev_hash, hash, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      entry.seq,
      entry.at,
      entry.actor,
      entry.action,
      entry.object,
      canonicalJson(entry.details),
      entry.prevHash,
      entry.hash,
      canonicalJson(content),
    );
  else
    db.prepare(
      'INSERT INTO audit_log (seq, at, actor, action, object, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      entry.seq,
      entry.at,
      entry.actor,
      entry.action,
      entry.object,
      canonicalJson(entry.details),
      entry.prevHash,
      entry.hash,
    );
  return entry;
}

export function listAudit(
  db: Database,
  options: { afterSeq?: number; limit?: number } = {},
): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(options.afterSeq ?? 0, options.limit ?? 1_000_000) as Row[];
  return rows.map(fromRow);
}

export type ChainVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; firstBroken: number; reason: string };

/** Recomputes the chain from the first entry and names the first entry that does not hold. */
export function verifyAuditChain(db: Database): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const r of db
    .prepare('SELECT * FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<Row>) {
    const e = fromRow(r);
    count++;
    if (e.seq !== expectedSeq)
      return {
        ok: false,
        entries: count,
        firstBroken: expectedSeq,
        reason: `entry ${expectedSeq} is missing`,
      };
    if (e.prevHash !== prev)
      return {
        ok: false,
        entries: count,
        firstBroken: e.seq,
        reason: `entry ${e.seq} does not point at the hash of entry ${e.seq - 1}`,
      };
    const { hash, ...rest } = e;
    if (entryHash(rest) !== hash)
      return {
        ok: false,
        entries: count,
        firstBroken: e.seq,
        reason: `entry ${e.seq} was altered: its content does not match its hash`,
      };
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, entries: count, head: prev };
}
