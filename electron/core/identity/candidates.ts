/**
 * Candidate generation and scoring: pure, over identifiers already grouped by kind.
 * Pairs come only from blocking (identifiers sharing a key) or, for photos, from
 * multi-index hashing, so the work grows with the number of identifiers times the block
 * sizes, never with its square. A blocking key shared by more than `maxBlockSize`
 * identifiers is set aside and reported, as hub identifiers are in ring analysis.
 */
import type { MatchKind } from '../../../shared/identity/schemas';
import { KIND_SPECS, PHOTO_RADIUS, type Identifier } from './kinds';
import { priorWeight, score, weightOf, type Score } from './model';
import { estimateMU, withEstimate, type KindEstimate } from './em';
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
  /** 'em' (default): m, u and prior estimated from this kind's compared pairs; 'default': the per-kind values. */
  readonly parameters?: 'em' | 'default';
}

export interface CandidateResult {
  readonly pairs: ScoredPair[];
  readonly skippedBlocks: { kind: MatchKind; key: string; size: number }[];
  /** The m, u and prior the pairs were scored with, and where they come from. */
  readonly estimate: KindEstimate;
}

/** The order-free name of a pair. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

export const DEFAULT_MAX_BLOCK = 500;

/** A growable Float64Array (pair codes i * n + j: exact for n below 2^26). */
class Codes {
  buf = new Float64Array(1024);
  length = 0;
  push(x: number) {
    if (this.length === this.buf.length) {
      const b = new Float64Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.length++] = x;
  }
}

/** Identifiers of one kind are numbered below 2^22 in a block entry (a 31-bit hash above them). */
const ID_LIMIT = 2 ** 22;

/** FNV-1a over the key's UTF-16 code units, folded to 31 bits. */
function hash31(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x7fffffff;
}

/**
 * Every pair of identifiers that would be compared, once each, as sorted codes i * n + j
 * (i < j): identifiers sharing a blocking key, or photos within the Hamming radius.
 * Typed arrays throughout: a pair costs 8 bytes, not a string or a Set entry.
 */
function comparedPairs(
  kind: MatchKind,
  forms: readonly unknown[],
  max: number,
  skippedBlocks: CandidateResult['skippedBlocks'],
): Float64Array {
  const n = forms.length;
  const codes = new Codes();
  if (kind === 'photo') {
    hammingPairs(
      forms.map((f) => (f as { hash: string }).hash),
      PHOTO_RADIUS,
      (i, j) => codes.push(Math.min(i, j) * n + Math.max(i, j)),
    );
  } else {
    const spec = KIND_SPECS[kind];
    // Blocks without a Map of strings: each (key, identifier) is one number, a 31-bit hash
    // of the key times 2^22 plus the identifier, sorted so a block is a run of equal hashes.
    // A hash collision only merges two blocks (a few extra pairs compared, none lost).
    if (n >= ID_LIMIT) throw new Error(`more than ${ID_LIMIT} identifiers of one kind`);
    const entries = new Codes();
    forms.forEach((f, i) => {
      for (const k of spec.blockingKeys(f)) if (k !== '') entries.push(hash31(k) * ID_LIMIT + i);
    });
    const sorted = entries.buf.subarray(0, entries.length).sort();
    const members: number[] = [];
    for (let start = 0; start < sorted.length;) {
      const h = Math.floor(sorted[start]! / ID_LIMIT);
      let end = start;
      members.length = 0;
      while (end < sorted.length && Math.floor(sorted[end]! / ID_LIMIT) === h) {
        const i = sorted[end]! - h * ID_LIMIT;
        if (members[members.length - 1] !== i) members.push(i);
        end++;
      }
      start = end;
      if (members.length < 2) continue;
      if (members.length > max) {
        const key = spec.blockingKeys(forms[members[0]!]).find((k) => hash31(k) === h) ?? '';
        skippedBlocks.push({ kind, key, size: members.length });
        continue;
      }
      // Members are in ascending identifier order, so members[x] < members[y].
      for (let x = 0; x < members.length; x++)
        for (let y = x + 1; y < members.length; y++) codes.push(members[x]! * n + members[y]!);
    }
  }
  // A pair sharing several keys is compared once: sort the codes and drop repeats.
  const sorted = codes.buf.subarray(0, codes.length).sort();
  let w = 0;
  for (let r = 0; r < sorted.length; r++)
    if (r === 0 || sorted[r] !== sorted[r - 1]) sorted[w++] = sorted[r]!;
  return sorted.slice(0, w);
}

export function findCandidates(
  kind: MatchKind,
  identifiers: readonly Identifier[],
  options: CandidateOptions,
): CandidateResult {
  const spec = KIND_SPECS[kind];
  const forms = identifiers.map((id) => spec.prepare(id));
  const tf = termFrequencies(spec, forms);
  const skippedBlocks: CandidateResult['skippedBlocks'] = [];
  const n = identifiers.length;
  const codes = comparedPairs(
    kind,
    forms,
    options.maxBlockSize ?? DEFAULT_MAX_BLOCK,
    skippedBlocks,
  );
  skippedBlocks.sort((p, q) => q.size - p.size || (p.key < q.key ? -1 : 1));

  // Every compared pair's level on every comparison: the comparison vectors EM learns from.
  const C = spec.comparisons.length;
  const levelNames = spec.comparisons.map((c) => Object.keys(c.levels));
  const levelIndex = levelNames.map((ns) => new Map(ns.map((x, i) => [x, i])));
  const levels = new Uint8Array(codes.length * C);
  for (let p = 0; p < codes.length; p++) {
    const i = Math.floor(codes[p]! / n);
    const j = codes[p]! - i * n;
    for (let c = 0; c < C; c++) {
      const name = spec.comparisons[c]!.level(forms[i], forms[j]);
      const l = levelIndex[c]!.get(name);
      if (l === undefined)
        throw new Error(`comparison ${spec.comparisons[c]!.name} gave unknown level ${name}`);
      levels[p * C + c] = l;
    }
  }
  const estimate =
    options.parameters === 'default'
      ? defaultEstimate(kind, 'per-kind values asked for', codes.length)
      : estimateMU(spec.comparisons, spec.prior, levels, codes.length);
  const comparisons = withEstimate(spec.comparisons, estimate);

  // Scored from the level indices; only pairs near the threshold get their full explanation.
  const weights = comparisons.map((c, k) => levelNames[k]!.map((x) => weightOf(c.levels[x]!)));
  const base = priorWeight(estimate.prior);
  const tfAt = tf && {
    c: spec.comparisons.findIndex((c) => c.name === tf.spec.comparison),
    l: levelIndex[spec.comparisons.findIndex((c) => c.name === tf.spec.comparison)]!.get(
      tf.spec.level,
    )!,
  };
  // p >= min exactly when bits >= log2(min / (1 - min)); the margin covers rounding to 4 places.
  const pMin = Math.min(Math.max(options.minProbability - 5e-5, 1e-12), 1 - 1e-12);
  const minBits = options.minProbability > 0 ? Math.log2(pMin / (1 - pMin)) : -Infinity;
  const pairs: ScoredPair[] = [];
  for (let p = 0; p < codes.length; p++) {
    let bits = base;
    let tfLevel = false;
    for (let c = 0; c < C; c++) {
      const l = levels[p * C + c]!;
      bits += weights[c]![l]!;
      if (tfAt && c === tfAt.c && l === tfAt.l) tfLevel = true;
    }
    // A term-frequency adjustment only ever lowers the weight, so `bits` is an upper bound.
    if (bits < minBits) continue;
    const i = Math.floor(codes[p]! / n);
    const j = codes[p]! - i * n;
    const a = identifiers[i]!;
    const b = identifiers[j]!;
    if (a.key === b.key || options.exclude?.has(pairKey(a.key, b.key))) continue;
    const s = score(comparisons, estimate.prior, forms[i], forms[j], tfLevel ? tf : undefined);
    if (s.probability >= options.minProbability) pairs.push({ kind, a, b, ...s });
  }
  return { pairs, skippedBlocks, estimate };
}

/** The per-kind m, u and prior as an estimate record (source 'default'). */
export function defaultEstimate(kind: MatchKind, reason: string, pairs = 0): KindEstimate {
  const spec = KIND_SPECS[kind];
  return {
    source: 'default',
    reason,
    prior: spec.prior,
    pairs,
    iterations: 0,
    converged: false,
    levels: Object.fromEntries(
      spec.comparisons.map((c) => [
        c.name,
        Object.fromEntries(
          Object.entries(c.levels).map(([x, l]) => [
            x,
            { m: l.m, u: l.u, source: 'default' as const, pairs: 0 },
          ]),
        ),
      ]),
    ),
  };
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

/** One pair scored with the given estimate (the case's, as `listMatches` scores it) or the per-kind values. */
export function scorePair(
  kind: MatchKind,
  a: Identifier,
  b: Identifier,
  estimate?: KindEstimate,
): Score {
  const spec = KIND_SPECS[kind];
  return estimate
    ? score(
        withEstimate(spec.comparisons, estimate),
        estimate.prior,
        spec.prepare(a),
        spec.prepare(b),
      )
    : score(spec.comparisons, spec.prior, spec.prepare(a), spec.prepare(b));
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
