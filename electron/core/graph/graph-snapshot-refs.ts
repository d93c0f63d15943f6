/**
 * The key, type and label of every entity a ring analysis named (ring members, their shared
 * identifiers, hubs, warning-list candidates), kept in the case beside the graph snapshot.
 * Reading them from `entities` means one decrypted page per entity, because each row sits
 * among listings and orders with large properties: at 1M links the ~29k refs of a ring
 * analysis touched ~25k pages (0.3-0.5 s, as much as the rest of the analysis). Kept
 * together they are one small row.
 *
 * Like the snapshot it is a cache of derived data, never the record, and it is trusted only
 * while the case's graph generation (graph-snapshot.ts) is the one it was written at. Every
 * change to an entity's key, type or label bumps that generation today: a type change or a
 * delete by the migration 009 triggers, and the one place that rewrites a key or label
 * (filling an FtM placeholder) also replaces the placeholder's properties. A future edit of
 * a key or label alone must bump the generation too (or clear this row). Rows added later
 * do not touch the refs of the entities already here, so an import leaves it valid; the
 * entities it lacks are read from the rows and added.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EntityRef } from '../../../shared/analysis/schemas';
import { graphGeneration } from './graph-snapshot';

/** Where the refs are kept: a row of `settings` (no schema change needed). */
export const REF_CACHE_SETTING = 'graph.snapshot.refs';
/** Bumped when the stored layout changes; another format is ignored and rewritten. */
const FORMAT = 1;
/** Above this many refs, a rewrite keeps only the latest analysis' refs. */
const MAX_REFS = 250_000;

interface Stored {
  format: number;
  generation: number;
  ids: number[];
  keys: string[];
  types: string[];
  labels: string[];
}

interface Memo {
  generation: number;
  refs: Map<number, EntityRef>;
  /** How many of `refs` the stored row holds (the rest were read since). */
  stored: number;
}

const memos = new WeakMap<Database, Memo>();

function readStored(db: Database, generation: number): Map<number, EntityRef> {
  const refs = new Map<number, EntityRef>();
  let text: string | undefined;
  try {
    text = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(REF_CACHE_SETTING) as
      string | undefined;
  } catch {
    return refs;
  }
  if (!text) return refs;
  try {
    const s = JSON.parse(text) as Stored;
    const n = s.ids.length;
    if (
      s.format !== FORMAT ||
      s.generation !== generation ||
      s.keys.length !== n ||
      s.types.length !== n ||
      s.labels.length !== n
    )
      return refs;
    for (let i = 0; i < n; i++)
      refs.set(s.ids[i]!, {
        id: s.ids[i]!,
        key: s.keys[i]!,
        type: s.types[i]!,
        label: s.labels[i]!,
      });
  } catch {
    // Not a row this build wrote: read the rows instead.
    refs.clear();
  }
  return refs;
}

/** The kept refs of this case, by entity id, if its graph generation is still theirs. */
export function cachedRefs(db: Database): Map<number, EntityRef> | undefined {
  const generation = graphGeneration(db);
  if (generation === null) return undefined;
  const memo = memos.get(db);
  if (memo?.generation === generation) return memo.refs;
  const refs = readStored(db, generation);
  memos.set(db, { generation, refs, stored: refs.size });
  return refs;
}

/** Adds refs read from the rows to the in-memory copy (entity ids only, not photo nodes). */
export function noteRefs(db: Database, refs: Iterable<EntityRef>): void {
  const cache = cachedRefs(db);
  if (!cache) return;
  for (const r of refs) if (r.id > 0 && !cache.has(r.id)) cache.set(r.id, r);
}

/**
 * Stores the kept refs if some were read from the rows since they were last stored, so the
 * next session reads them in one row. Best effort: a read-only case keeps them in memory.
 * `latest` (the refs of the analysis just run) is what is kept if the whole set grew too big.
 */
export function storeRefs(db: Database, latest: ReadonlyMap<number, EntityRef>): void {
  noteRefs(db, latest.values());
  const memo = memos.get(db);
  if (!memo || memo.refs.size === memo.stored || db.readonly) return;
  const keep =
    memo.refs.size > MAX_REFS ? [...latest.values()].filter((r) => r.id > 0) : memo.refs.values();
  const s: Stored = {
    format: FORMAT,
    generation: memo.generation,
    ids: [],
    keys: [],
    types: [],
    labels: [],
  };
  for (const r of keep) {
    s.ids.push(r.id);
    s.keys.push(r.key);
    s.types.push(r.type);
    s.labels.push(r.label);
  }
  try {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(REF_CACHE_SETTING, JSON.stringify(s));
    memo.stored = memo.refs.size;
  } catch {
    // A cache: the next session reads the rows again.
  }
}
