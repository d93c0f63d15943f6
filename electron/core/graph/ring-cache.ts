/**
 * A ring's explanation and its graph (without probable edges), computed once per ring and
 * analysis: reopening a ring, or asking for its probable edges after drawing it, reuses them. Keyed by the analysis context itself, which
 * `analyseCase` replaces whenever anything the rings depend on changes (links, settings,
 * hub decisions, identity decisions), so a stale explanation is never served.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { GraphElements } from '../../../shared/api/contract';
import type { RingExplanation } from '../../../shared/analysis/schemas';
import type { AnalysisContext } from './analyse';
import { explainRing } from './explain';
import { ringGraph } from './ring-graph';
import { timed } from '../util/timing-spans';

export interface CachedRing {
  readonly explanation: RingExplanation;
  /** The evidence graph only: probable edges come from `probableElements`. */
  readonly graph: GraphElements;
}

const byContext = new WeakMap<AnalysisContext, Map<string, CachedRing>>();

export function cachedRing(db: Database, ctx: AnalysisContext, ringId: string): CachedRing {
  let rings = byContext.get(ctx);
  if (!rings) byContext.set(ctx, (rings = new Map<string, CachedRing>()));
  const hit = rings.get(ringId);
  if (hit) return hit;
  const explanation = timed('ring: explain', () => explainRing(db, ctx, ringId));
  const graph = timed('ring: graph', () => ringGraph(db, ringId, explanation));
  const ring = { explanation, graph };
  rings.set(ringId, ring);
  return ring;
}
