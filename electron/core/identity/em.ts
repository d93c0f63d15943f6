/**
 * Fellegi-Sunter m and u estimated from the case by expectation-maximisation (Winkler's EM
 * over comparison vectors): the compared (blocked) pairs are a mixture of matches and
 * non-matches; comparisons are assumed independent given the class. Pure: it sees only
 * how many pairs reached each pattern of levels.
 *
 * Fallbacks, each stated in the result: a kind with fewer than two informative comparisons
 * (one comparison cannot tell m from u: any split of its level counts fits equally well),
 * or too few compared pairs, keeps its per-kind defaults; a level reached by fewer than
 * MIN_LEVEL_PAIRS pairs keeps its default m and u (there is nothing to estimate it from),
 * and so does its m (or u) when fewer than that many of the pairs estimated to be matches
 * (or non-matches) reach it, the other levels sharing what is left. A "not known on both sides" level (m = u = 1)
 * carries no information and is left out of the estimate. An estimate that did not converge,
 * that puts nearly every pair in one class, or that turns a level into evidence the other way
 * from its default (a sign the split found is not match / non-match) is not used either.
 */
import type { Comparison, Level } from './model';

export const MIN_LEVEL_PAIRS = 5;
export const MIN_PAIRS = 30;
const MAX_ITERATIONS = 200;
/** Above this share of matches among the compared pairs, EM has not separated two classes. */
const MAX_PRIOR = 0.95;
const TOLERANCE = 1e-7;

export interface LevelEstimate {
  readonly m: number;
  readonly u: number;
  /** 'em': estimated from the case; 'default': kept at the per-kind value. */
  readonly source: 'em' | 'default';
  /** Compared pairs that reached the level. */
  readonly pairs: number;
}

export interface KindEstimate {
  readonly source: 'em' | 'default';
  /** Why the defaults were kept (when source is 'default'). */
  readonly reason?: string;
  /** Share of compared pairs that match: estimated, or the default. */
  readonly prior: number;
  readonly pairs: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Per comparison name, per level name. */
  readonly levels: Readonly<Record<string, Readonly<Record<string, LevelEstimate>>>>;
}

/** Four significant digits: what is shown is what is scored. */
const sig = (x: number) => Number(x.toPrecision(4));

const informative = (l: Level) => !(l.m === 1 && l.u === 1);

/**
 * `levels[p * C + c]` is the level index (into `Object.keys(comparisons[c].levels)`) pair p
 * reached on comparison c; `pairs` is the number of pairs.
 */
export function estimateMU<F>(
  comparisons: readonly Comparison<F>[],
  defaultPrior: number,
  levels: Uint8Array,
  pairs: number,
): KindEstimate {
  const C = comparisons.length;
  const names = comparisons.map((c) => Object.keys(c.levels));
  const defaults = comparisons.map((c, k) => names[k]!.map((n) => c.levels[n]!));
  // Pairs reaching each level, and the distinct patterns with their counts.
  const reached = names.map((n) => new Float64Array(n.length));
  const patterns = new Map<string, { levels: number[]; count: number }>();
  for (let p = 0; p < pairs; p++) {
    const v: number[] = [];
    for (let c = 0; c < C; c++) {
      const l = levels[p * C + c]!;
      reached[c]![l]!++;
      v.push(l);
    }
    const key = v.join(',');
    const hit = patterns.get(key);
    if (hit) hit.count++;
    else patterns.set(key, { levels: v, count: 1 });
  }
  const fallback = (reason: string): KindEstimate => ({
    source: 'default',
    reason,
    prior: defaultPrior,
    pairs,
    iterations: 0,
    converged: false,
    levels: Object.fromEntries(
      comparisons.map((c, k) => [
        c.name,
        Object.fromEntries(
          names[k]!.map((n, l) => [
            n,
            {
              m: c.levels[n]!.m,
              u: c.levels[n]!.u,
              source: 'default' as const,
              pairs: reached[k]![l]!,
            },
          ]),
        ),
      ]),
    ),
  });
  if (pairs < MIN_PAIRS) return fallback(`only ${pairs} compared pairs (EM needs ${MIN_PAIRS})`);
  // A comparison informs the estimate when at least two of its informative levels are reached.
  const informing = comparisons.filter(
    (c, k) =>
      names[k]!.filter((n, l) => informative(c.levels[n]!) && reached[k]![l]! >= MIN_LEVEL_PAIRS)
        .length >= 2,
  ).length;
  if (informing < 2)
    return fallback(
      informing === C
        ? 'one comparison only: its m and u cannot be told apart from the data'
        : 'fewer than two comparisons vary among the compared pairs',
    );

  // Which levels are estimated, and the mass the estimated ones share.
  const estimated = defaults.map((ls, k) =>
    ls.map((l, i) => informative(l) && reached[k]![i]! >= MIN_LEVEL_PAIRS),
  );
  let m = defaults.map((ls) => ls.map((l) => l.m));
  let u = defaults.map((ls) => ls.map((l) => l.u));
  let prior = defaultPrior;
  const list = [...patterns.values()];
  let iterations = 0;
  let converged = false;
  const usedM: boolean[][] = [];
  const usedU: boolean[][] = [];
  while (iterations < MAX_ITERATIONS) {
    iterations++;
    // E-step: the chance each pattern is a match.
    const mCount = names.map((n) => new Float64Array(n.length));
    const uCount = names.map((n) => new Float64Array(n.length));
    let matches = 0;
    for (const pt of list) {
      let lm = Math.log(prior);
      let lu = Math.log(1 - prior);
      for (let c = 0; c < C; c++) {
        const l = pt.levels[c]!;
        if (!informative(defaults[c]![l]!)) continue;
        lm += Math.log(m[c]![l]!);
        lu += Math.log(u[c]![l]!);
      }
      const g = 1 / (1 + Math.exp(lu - lm));
      matches += g * pt.count;
      for (let c = 0; c < C; c++) {
        mCount[c]![pt.levels[c]!]! += g * pt.count;
        uCount[c]![pt.levels[c]!]! += (1 - g) * pt.count;
      }
    }
    // M-step: new m and u per estimated level, the fixed ones kept.
    let change = Math.abs(matches / pairs - prior);
    // Per class: a level that class's pairs reach fewer than MIN_LEVEL_PAIRS times (in
    // expectation) keeps its default, the estimated levels sharing the rest of the mass.
    const next = (counts: Float64Array[], old: number[][], which: 'm' | 'u', used: boolean[][]) =>
      old.map((ls, c) => {
        const fit = ls.map((_, i) => estimated[c]![i]! && counts[c]![i]! >= MIN_LEVEL_PAIRS);
        used[c] = fit;
        let total = 0;
        let fixed = 0;
        ls.forEach((_, i) => {
          if (fit[i]) total += counts[c]![i]!;
          else if (informative(defaults[c]![i]!)) fixed += defaults[c]![i]![which];
        });
        const share = Math.max(1 - fixed, 0.05);
        return ls.map((v, i) => {
          const x = fit[i] ? (counts[c]![i]! / total) * share : defaults[c]![i]![which];
          change = Math.max(change, Math.abs(x - v));
          return x;
        });
      });
    m = next(mCount, m, 'm', usedM);
    u = next(uCount, u, 'u', usedU);
    prior = Math.min(Math.max(matches / pairs, 1e-6), 0.999);
    if (change < TOLERANCE) {
      converged = true;
      break;
    }
  }
  // Blocked pairs all look alike (they share a key), so EM can settle on a split that is not
  // match / non-match: every pair one class, or an agreement turned into evidence against.
  // Such an estimate is not used.
  if (!converged)
    return fallback(
      `EM did not converge in ${MAX_ITERATIONS} iterations (share of matches ${sig(prior)})`,
    );
  if (prior > MAX_PRIOR)
    return fallback(
      `EM put ${sig(prior * 100)}% of the compared pairs in one class: no separation`,
    );
  for (let c = 0; c < C; c++)
    for (let l = 0; l < names[c]!.length; l++) {
      const d = defaults[c]![l]!;
      if (!informative(d) || d.m === d.u) continue;
      if (Math.sign(Math.log(m[c]![l]! / u[c]![l]!)) !== Math.sign(Math.log(d.m / d.u)))
        return fallback(
          `EM turned “${d.text}” into evidence ${d.m > d.u ? 'against' : 'for'} a match: estimate not used`,
        );
    }
  return {
    source: 'em',
    prior: sig(prior),
    pairs,
    iterations,
    converged,
    levels: Object.fromEntries(
      comparisons.map((c, k) => [
        c.name,
        Object.fromEntries(
          names[k]!.map((n, l) => [
            n,
            {
              m: sig(m[k]![l]!),
              u: sig(u[k]![l]!),
              source: usedM[k]![l] || usedU[k]![l] ? ('em' as const) : ('default' as const),
              pairs: reached[k]![l]!,
            },
          ]),
        ),
      ]),
    ),
  };
}

/** The comparisons with the estimated m and u in place of the defaults (texts kept). */
export function withEstimate<F>(
  comparisons: readonly Comparison<F>[],
  estimate: KindEstimate,
): Comparison<F>[] {
  return comparisons.map((c) => ({
    ...c,
    levels: Object.fromEntries(
      Object.entries(c.levels).map(([n, l]) => {
        const e = estimate.levels[c.name]?.[n];
        return [n, e ? { ...l, m: e.m, u: e.u } : l];
      }),
    ),
  }));
}
