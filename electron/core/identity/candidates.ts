/**
 * Candidate generation and scoring: pure, over identifiers already grouped by kind.
 * Pairs come only from blocking (identifiers sharing a key) or, for photos, from
 * multi-index hashing, so the work grows with the number of identifiers times the block
 * sizes, never with its square. A blocking key shared by more than `maxBlockSize`
 * identifiers is set aside and reported, as hub identifiers are in ring analysis.
 */
import type { MatchKind } from '../../../shared/identity/schemas';
import { KIND_SPECS, PHOTO_RADIUS, type Identifier } from './kinds';
import { score, type Score } from './model';
import { hammingPairs } from './photo-hash';

export interface ScoredPair extends Score {
  readonly kind: MatchKind;
  readonly a: Identifier;
  readonly b: Identifier;
}

export interface CandidateOptions {
  readonly minProbability: number;
  readonly maxBlockSize?: number;
  /** Pairs never to propose (rejected ones), by `pairKey`. */
  readonly exclude?: ReadonlySet<string>;
}

export interface CandidateResult {
  readonly pairs: ScoredPair[];
  readonly skippedBlocks: { kind: MatchKind; key: string; size: number }[];
}

/** The order-free name of a pair. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

export const DEFAULT_MAX_BLOCK = 500;

export function findCandidates(
  kind: MatchKind,
  identifiers: readonly Identifier[],
  options: CandidateOptions,
): CandidateResult {
  const spec = KIND_SPECS[kind];
  const forms = identifiers.map((id) => spec.prepare(id));
  const tf = termFrequencies(spec, forms);
  const pairs: ScoredPair[] = [];
  const skippedBlocks: CandidateResult['skippedBlocks'] = [];
  const consider = (i: number, j: number) => {
    const a = identifiers[i]!;
    const b = identifiers[j]!;
    if (a.key === b.key || options.exclude?.has(pairKey(a.key, b.key))) return;
    const s = score(spec.comparisons, spec.prior, forms[i], forms[j], tf);
    if (s.probability >= options.minProbability) pairs.push({ kind, a, b, ...s });
  };

  if (kind === 'photo') {
    hammingPairs(
      forms.map((f) => (f as { hash: string }).hash),
      PHOTO_RADIUS,
      (i, j) => consider(i, j),
    );
    return { pairs, skippedBlocks };
  }

  const blocks = new Map<string, number[]>();
  forms.forEach((f, i) => {
    for (const k of spec.blockingKeys(f)) {
      if (k === '') continue;
      const list = blocks.get(k);
      if (list) {
        if (list[list.length - 1] !== i) list.push(i);
      } else blocks.set(k, [i]);
    }
  });
  const max = options.maxBlockSize ?? DEFAULT_MAX_BLOCK;
  // A pair sharing several keys is scored once: the pair's number i * n + j is remembered.
  const seen = new Set<number>();
  const n = identifiers.length;
  for (const [key, list] of blocks) {
    if (list.length < 2) continue;
    if (list.length > max) {
      skippedBlocks.push({ kind, key, size: list.length });
      continue;
    }
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const i = Math.min(list[x]!, list[y]!);
        const j = Math.max(list[x]!, list[y]!);
        const id = i * n + j;
        if (seen.has(id)) continue;
        seen.add(id);
        consider(i, j);
      }
  }
  skippedBlocks.sort((p, q) => q.size - p.size || (p.key < q.key ? -1 : 1));
  return { pairs, skippedBlocks };
}

function termFrequencies(spec: (typeof KIND_SPECS)[MatchKind], forms: readonly unknown[]) {
  const t = spec.termFrequency;
  if (!t) return undefined;
  const counts = new Map<string, number>();
  for (const f of forms) {
    const v = t.value(f);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { spec: t, share: (v: string) => (counts.get(v) ?? 1) / forms.length };
}

/** Whether two identifiers of one kind would be compared at all (share a blocking key, or photos within radius). */
export function wouldCompare(kind: MatchKind, a: Identifier, b: Identifier): boolean {
  const spec = KIND_SPECS[kind];
  const fa = spec.prepare(a);
  const fb = spec.prepare(b);
  if (kind === 'photo') {
    let near = false;
    hammingPairs(
      [(fa as { hash: string }).hash, (fb as { hash: string }).hash],
      PHOTO_RADIUS,
      () => (near = true),
    );
    return near;
  }
  const keys = new Set(spec.blockingKeys(fa));
  return spec.blockingKeys(fb).some((k) => k !== '' && keys.has(k));
}

export function scorePair(kind: MatchKind, a: Identifier, b: Identifier): Score {
  const spec = KIND_SPECS[kind];
  return score(spec.comparisons, spec.prior, spec.prepare(a), spec.prepare(b));
}

/** Candidates joined into clusters (connected components over candidate pairs), largest evidence first. */
export function clusterPairs(
  pairs: readonly { a: { key: string }; b: { key: string }; probability: number }[],
): { members: string[]; pairs: number[]; maxProbability: number }[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    let y = x;
    while (parent.get(y)! !== r) {
      const next = parent.get(y)!;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  for (const p of pairs) {
    for (const k of [p.a.key, p.b.key]) if (!parent.has(k)) parent.set(k, k);
    const ra = find(p.a.key);
    const rb = find(p.b.key);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const byRoot = new Map<
    string,
    { members: Set<string>; pairs: number[]; maxProbability: number }
  >();
  pairs.forEach((p, i) => {
    const r = find(p.a.key);
    let c = byRoot.get(r);
    if (!c) byRoot.set(r, (c = { members: new Set(), pairs: [], maxProbability: 0 }));
    c.members.add(p.a.key).add(p.b.key);
    c.pairs.push(i);
    c.maxProbability = Math.max(c.maxProbability, p.probability);
  });
  return [...byRoot.values()]
    .map((c) => ({
      members: [...c.members].sort(),
      pairs: c.pairs,
      maxProbability: c.maxProbability,
    }))
    .sort(
      (x, y) =>
        y.maxProbability - x.maxProbability ||
        y.members.length - x.members.length ||
        (x.members[0]! < y.members[0]! ? -1 : 1),
    );
}
