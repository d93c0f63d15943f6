/**
 * Unconfirmed candidate matches drawn in a ring's graph as dashed "probable" edges: each
 * candidate at or above PROBABLE_EDGE_MIN that no one has decided, with at least one end
 * drawn in the ring. They are a lead for the investigator, never evidence: they carry no
 * evidence number, no source rows, never tie rings, and no packet draws or cites them.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MatchCandidate } from '../../../shared/identity/schemas';
import type { AnalysisContext } from '../graph/analyse';
import { listMatches, PROBABLE_EDGE_MIN } from './matches';
import { identityDecisionsVersion } from './ring-ties';

/** The edge type of a probable match (styled dashed by the shared visual language). */
export const PROBABLE_EDGE_TYPE = 'probable_match';

const cache = new WeakMap<Database, { version: string; open: MatchCandidate[] }>();

function version(db: Database): string {
  const r = db
    .prepare(
      `SELECT (SELECT count(*) FROM entities) || ':' || (SELECT max(rowid) FROM statements) || ':' || (SELECT count(*) FROM identity_decisions)`,
    )
    .pluck()
    .get() as string;
  return `${r}:${identityDecisionsVersion(db)}`;
}

/** The undecided candidates at or above the probable-edge threshold (rejected ones are never listed). */
export function openProbableMatches(db: Database): MatchCandidate[] {
  const v = version(db);
  const hit = cache.get(db);
  if (hit?.version === v) return hit.open;
  const open = listMatches(db, { min: PROBABLE_EDGE_MIN }).candidates.filter(
    (c) => c.decision === null,
  );
  cache.set(db, { version: v, open });
  return open;
}

export interface ProbableEdge {
  readonly id: string;
  /** Graph node ids (`n<entity id>`, photos `n-<k+1>`) of both ends. */
  readonly source: string;
  readonly target: string;
  readonly probability: number;
  readonly candidate: MatchCandidate;
  /** The end not drawn yet, to be added as an 'other' node. */
  readonly missing?: { id: number; type: string; label: string };
}

/**
 * Pure over the candidates: the probable edges touching `drawn` (graph node id by
 * identifier key), each end named by its graph node id.
 */
export function probableEdgesFor(
  open: readonly MatchCandidate[],
  drawn: ReadonlyMap<string, number>,
  entityIdOf: (key: string) => number | undefined,
): ProbableEdge[] {
  const out: ProbableEdge[] = [];
  for (const c of open) {
    const ia = drawn.get(c.a.key);
    const ib = drawn.get(c.b.key);
    if (ia === undefined && ib === undefined) continue;
    const a = ia ?? entityIdOf(c.a.key);
    const b = ib ?? entityIdOf(c.b.key);
    if (a === undefined || b === undefined) continue;
    const missingEnd = ia === undefined ? c.a : ib === undefined ? c.b : undefined;
    out.push({
      id: `m:${c.a.key}|${c.b.key}`,
      source: `n${a}`,
      target: `n${b}`,
      probability: c.probability,
      candidate: c,
      ...(missingEnd && {
        missing: { id: ia === undefined ? a : b, type: missingEnd.type, label: missingEnd.label },
      }),
    });
  }
  return out.sort((x, y) => y.probability - x.probability || (x.id < y.id ? -1 : 1));
}

/** The probable edges of a ring graph whose nodes (by entity id) are `drawnIds`. */
export function probableMatchEdges(
  db: Database,
  ctx: AnalysisContext,
  drawnIds: readonly number[],
): ProbableEdge[] {
  const open = openProbableMatches(db);
  if (!open.length) return [];
  const fpKey = (id: number) => `image|${ctx.view.fingerprintValues[-id - 1]}`;
  const drawn = new Map<string, number>();
  const stmt = db.prepare(
    `SELECT id, key FROM entities WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const real = drawnIds.filter((id) => id > 0);
  for (let i = 0; i < real.length; i += 5000)
    for (const r of stmt.all(JSON.stringify(real.slice(i, i + 5000))) as {
      id: number;
      key: string;
    }[])
      drawn.set(r.key, r.id);
  for (const id of drawnIds) if (id < 0) drawn.set(fpKey(id), id);
  const byKey = db.prepare('SELECT id FROM entities WHERE key = ?').pluck();
  const fpIndex = new Map(ctx.view.fingerprintValues.map((v, k) => [`image|${v}`, -(k + 1)]));
  return probableEdgesFor(
    open,
    drawn,
    (key) => fpIndex.get(key) ?? (byKey.get(key) as number | undefined),
  );
}
