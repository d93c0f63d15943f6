/**
 * Candidate identity matches of a case: identifiers read by kind, candidates found by
 * blocking and scored, the investigator's decisions applied (rejected pairs are never
 * proposed; confirmed ones carry their decision), and candidates grouped into clusters.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  MATCH_KINDS,
  type MatchCandidate,
  type MatchKind,
  type MatchList,
} from '../../../shared/identity/schemas';
import { KIND_SPECS, type Identifier } from './kinds';
import { clusterPairs, findCandidates, pairKey } from './candidates';
import { listDecisions } from './decisions';
import { loadIdentifiers } from './load';
import type { KindEstimate } from './em';
import { rememberEstimate } from './estimates';

/** The CLI's and API's entry point to identity resolution: decisions and term wording too. */
export { decideMatch } from './decisions';
export { termInWords } from './model';

/** Below this a candidate is not shown by default. */
export const DEFAULT_MIN_PROBABILITY = 0.9;
/** From this up an unconfirmed candidate is drawn as a dashed "probable" edge. */
export const PROBABLE_EDGE_MIN = 0.9;

const end = (i: Identifier) => ({ key: i.key, type: i.type, label: i.label });

export function listMatches(
  db: Database,
  options: { kind?: MatchKind; min?: number } = {},
): MatchList {
  const min = options.min ?? DEFAULT_MIN_PROBABILITY;
  const decisions = listDecisions(db);
  const rejected = new Set(
    decisions.filter((d) => d.decision === 'rejected').map((d) => pairKey(d.a, d.b)),
  );
  const confirmed = new Map(
    decisions.filter((d) => d.decision === 'confirmed').map((d) => [pairKey(d.a, d.b), d]),
  );
  const kinds = options.kind ? [options.kind] : [...MATCH_KINDS];
  const candidates: MatchCandidate[] = [];
  const skippedBlocks: MatchList['skippedBlocks'] = [];
  const identifiers: Record<string, number> = {};
  const estimates = new Map<MatchKind, KindEstimate>();
  for (const kind of kinds) {
    const ids = loadIdentifiers(db, kind);
    identifiers[kind] = ids.length;
    const found = findCandidates(kind, ids, { minProbability: min, exclude: rejected });
    estimates.set(kind, found.estimate);
    rememberEstimate(db, kind, found.estimate);
    skippedBlocks.push(...found.skippedBlocks.slice(0, 20));
    for (const p of found.pairs) {
      const [a, b] = p.a.key < p.b.key ? [p.a, p.b] : [p.b, p.a];
      candidates.push({
        kind,
        a: end(a),
        b: end(b),
        totalWeight: p.totalWeight,
        priorWeight: p.priorWeight,
        probability: p.probability,
        terms: p.terms,
        decision: confirmed.get(pairKey(a.key, b.key)) ?? null,
      });
    }
  }
  candidates.sort(
    (x, y) =>
      y.probability - x.probability ||
      (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0) ||
      (x.a.key < y.a.key ? -1 : x.a.key > y.a.key ? 1 : x.b.key < y.b.key ? -1 : 1),
  );
  const labels = new Map(
    candidates.flatMap((c) => [[c.a.key, c.a] as const, [c.b.key, c.b] as const]),
  );
  const clusters = kinds.flatMap((kind) => {
    const idx = candidates.map((c, i) => [c, i] as const).filter(([c]) => c.kind === kind);
    return clusterPairs(idx.map(([c]) => c)).map((cl) => ({
      kind,
      members: cl.members.map((k) => labels.get(k)!),
      pairs: cl.pairs.map((p) => idx[p]![1]),
      maxProbability: cl.maxProbability,
    }));
  });
  clusters.sort(
    (x, y) => y.maxProbability - x.maxProbability || y.members.length - x.members.length,
  );
  return {
    minProbability: min,
    candidates,
    clusters: clusters.map((c, i) => ({ id: `C-${String(i + 1).padStart(4, '0')}`, ...c })),
    parameters: kinds.flatMap((kind) =>
      KIND_SPECS[kind].comparisons.flatMap((c) =>
        Object.entries(c.levels).map(([level, l]) => {
          const e = estimates.get(kind)!.levels[c.name]![level]!;
          return {
            kind,
            comparison: c.name,
            level,
            m: e.m,
            u: e.u,
            source: e.source,
            pairs: e.pairs,
            defaultM: l.m,
            defaultU: l.u,
            note: c.note,
          };
        }),
      ),
    ),
    estimates: kinds.map((kind) => {
      const e = estimates.get(kind)!;
      return {
        kind,
        source: e.source,
        ...(e.reason && { reason: e.reason }),
        prior: e.prior,
        defaultPrior: KIND_SPECS[kind].prior,
        pairs: e.pairs,
        iterations: e.iterations,
        converged: e.converged,
      };
    }),
    skippedBlocks,
    identifiers,
  };
}
