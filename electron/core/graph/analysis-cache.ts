/**
 * The case's current ring analysis, persisted in the encrypted case (migration 010), so a
 * fresh process (`ringlens export`, `ringlens rings`, a reopened app) reuses it instead of
 * running detection, hub suppression, scoring and ring ids again.
 *
 * It is derived data, never the record. It is used only under exactly the key it was
 * stored with: `analyseCase`'s own cache key (graph size, settings, profile, warning list,
 * hub decisions, identity decisions) plus what that in-memory key can take for granted
 * within one process: the graph generation (bumped by any change that is not an append),
 * the highest statement id (every import adds statements), the Ringlens version and this
 * module's format. Any import, identity decision, setting or hub override therefore means
 * a fresh analysis, which replaces the stored one. A row that cannot be read (an older
 * format, a damaged blob) is ignored the same way.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EntityRef, Ring, RingAnalysis } from '../../../shared/analysis/schemas';
import { CODE_VERSION } from '../version';
import { graphGeneration } from './graph-snapshot';
import type { LinkGraph } from './link-graph';
import type { Detection, DetectedHub, DetectedRing, RingGraphView } from './ring-detection';

/** Bumped when the stored layout changes; an older row is then ignored and replaced. */
const FORMAT = 1;

/** What `analyseCase` keeps besides the graph and its view (both rebuilt from the snapshot). */
export interface StoredAnalysis {
  readonly detection: Omit<Detection, 'view'>;
  readonly analysis: RingAnalysis;
  /** Ring id -> member and identifier node ids. */
  readonly nodes: ReadonlyMap<
    string,
    { members: readonly number[]; identifiers: readonly number[] }
  >;
}

/** Per open case: how often this process computed an analysis and how often it read one. */
const counts = new WeakMap<Database, { computed: number; loaded: number }>();
const countsOf = (db: Database) =>
  counts.get(db) ?? counts.set(db, { computed: 0, loaded: 0 }).get(db)!;

/** How many analyses this process ran on the case and how many it took from the store. */
export function analysisRunsInProcess(db: Database): { computed: number; loaded: number } {
  return { ...countsOf(db) };
}

/** The persisted key: the in-memory key and what it assumes within one process. */
export function storedAnalysisKey(db: Database, cacheKey: string): string {
  const statements = db
    .prepare('SELECT coalesce(max(id), 0) FROM statements')
    .pluck()
    .get() as number;
  return `${FORMAT}|${CODE_VERSION}|gen:${graphGeneration(db)}|st:${statements}|${cacheKey}`;
}

/** A ring with its entity refs replaced by indexes into one shared list. */
type PackedRing = Omit<Ring, 'sellers' | 'shops' | 'identifiers' | 'members'> & {
  sellers: number[];
  shops: number[];
  identifiers: number[];
  members?: number[];
};

interface Packed {
  threshold: number;
  thresholds: [string, Detection['thresholds'] extends ReadonlyMap<string, infer T> ? T : never][];
  memberAccounts: number;
  hubs: DetectedHub[];
  detectedRings: DetectedRing[];
  nodes: [string, { members: readonly number[]; identifiers: readonly number[] }][];
  refs: EntityRef[];
  analysis: Omit<RingAnalysis, 'rings'> & { rings: PackedRing[] };
}

const REF_LISTS = new Set(['sellers', 'shops', 'identifiers', 'members']);

/** A ring with each of its ref lists mapped, keys kept in their order (JSON output stays the same). */
function mapRefs<A, B>(ring: object, f: (x: A) => B): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(ring).map(([k, v]) => [k, REF_LISTS.has(k) ? (v as A[]).map(f) : v]),
  );
}

function pack(s: StoredAnalysis): Packed {
  const refs: EntityRef[] = [];
  const index = new Map<string, number>();
  const at = (r: EntityRef) => {
    let i = index.get(r.key);
    if (i === undefined) {
      i = refs.length;
      refs.push(r);
      index.set(r.key, i);
    }
    return i;
  };
  const { rings, ...rest } = s.analysis;
  return {
    threshold: s.detection.threshold,
    thresholds: [...s.detection.thresholds],
    memberAccounts: s.detection.memberAccounts,
    hubs: [...s.detection.hubs],
    detectedRings: [...s.detection.rings],
    nodes: [...s.nodes],
    refs,
    analysis: {
      ...rest,
      rings: rings.map((r) => mapRefs(r, at) as unknown as PackedRing),
    },
  };
}

function unpack(p: Packed): StoredAnalysis {
  const ref = (i: number) => p.refs[i]!;
  return {
    detection: {
      threshold: p.threshold,
      thresholds: new Map(p.thresholds),
      memberAccounts: p.memberAccounts,
      hubs: p.hubs,
      rings: p.detectedRings,
    },
    analysis: {
      ...p.analysis,
      rings: p.analysis.rings.map((r) => mapRefs(r, ref) as unknown as Ring),
    },
    nodes: new Map(p.nodes),
  };
}

/** The stored analysis under exactly this key, or undefined (none, another key, unreadable). */
export function loadStoredAnalysis(
  db: Database,
  key: string,
  graph: LinkGraph,
  view: RingGraphView,
): (StoredAnalysis & { readonly detection: Detection }) | undefined {
  let row: { format: number; cache_key: string; data: Buffer } | undefined;
  try {
    row = db
      .prepare('SELECT format, cache_key, data FROM analysis_cache WHERE id = 1')
      .get() as typeof row;
  } catch {
    return undefined; // a store without the table: analysis runs as before
  }
  if (!row || row.format !== FORMAT || row.cache_key !== key) return undefined;
  let stored: StoredAnalysis;
  try {
    stored = unpack(JSON.parse(inflateSync(row.data).toString('utf8')) as Packed);
  } catch {
    return undefined;
  }
  // Node ids index this graph: a row from another graph cannot be used (the key says so too).
  if (stored.analysis.record.nodes !== graph.size - 1) return undefined;
  countsOf(db).loaded++;
  return { ...stored, detection: { ...stored.detection, view } };
}

/** Replaces the stored analysis with this one (called after every fresh analysis). */
export function storeAnalysis(db: Database, key: string, s: StoredAnalysis): void {
  countsOf(db).computed++;
  const data = deflateSync(Buffer.from(JSON.stringify(pack(s))), { level: 1 });
  try {
    db.prepare(
      `INSERT INTO analysis_cache (id, format, cache_key, data, runs, stored_at) VALUES (1, ?, ?, ?, 1, ?)
       ON CONFLICT (id) DO UPDATE SET format = excluded.format, cache_key = excluded.cache_key,
         data = excluded.data, runs = runs + 1, stored_at = excluded.stored_at`,
    ).run(FORMAT, key, data, new Date().toISOString());
  } catch {
    // A read-only or older store: the analysis stands, it is just not kept for next time.
  }
}

/** Drops the stored analysis (benchmarks timing a fresh analysis call this first). */
export function forgetStoredAnalysis(db: Database): void {
  try {
    db.prepare('DELETE FROM analysis_cache').run();
  } catch {
    // no table: nothing stored
  }
}

/** The stored analysis' run count and key, for tests and diagnostics (undefined if none). */
export function storedAnalysisInfo(db: Database): { runs: number; key: string } | undefined {
  try {
    const r = db.prepare('SELECT runs, cache_key FROM analysis_cache WHERE id = 1').get() as
      { runs: number; cache_key: string } | undefined;
    return r && { runs: r.runs, key: r.cache_key };
  } catch {
    return undefined;
  }
}
