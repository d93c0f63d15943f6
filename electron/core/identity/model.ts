/**
 * The Fellegi-Sunter model: a comparison between two identifiers reaches one level per
 * comparison; each level has m = P(level | same identity) and u = P(level | different
 * identities), and contributes log2(m/u) bits. The prior is the share of compared pairs
 * expected to match; the total (prior + terms) is a log-odds in bits, turned into a
 * probability. m and u are set per kind (documented in `kinds.ts` and shown with every
 * list) rather than estimated, so the same pair scores the same in every case.
 */
import type { MatchTerm } from '../../../shared/identity/schemas';

export interface Level {
  readonly m: number;
  readonly u: number;
  /** The explanation in words, e.g. "same e-mail local part at two providers". */
  readonly text: string;
}

export interface Comparison<F> {
  readonly name: string;
  readonly levels: Readonly<Record<string, Level>>;
  /** Why these m and u (shown with the parameters). */
  readonly note: string;
  readonly level: (a: F, b: F) => string;
}

export const weightOf = (l: Level): number => Math.log2(l.m / l.u);

export const priorWeight = (prior: number): number => Math.log2(prior / (1 - prior));

export const probabilityOf = (bits: number): number => 1 / (1 + 2 ** -bits);

export interface Score {
  readonly priorWeight: number;
  readonly totalWeight: number;
  readonly probability: number;
  readonly terms: MatchTerm[];
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Term-frequency adjustment (as Splink does): for an exact agreement on a value, u is the
 * share of the kind's identifiers holding that value, when that is more than the level's u.
 */
export interface TermFrequency<F> {
  readonly comparison: string;
  readonly level: string;
  readonly value: (f: F) => string;
}

export function score<F>(
  comparisons: readonly Comparison<F>[],
  prior: number,
  a: F,
  b: F,
  tf?: { spec: TermFrequency<F>; share: (value: string) => number },
): Score {
  const p = priorWeight(prior);
  let total = p;
  const terms: MatchTerm[] = [];
  for (const c of comparisons) {
    const name = c.level(a, b);
    let level = c.levels[name];
    if (!level) throw new Error(`comparison ${c.name} gave unknown level ${name}`);
    if (tf && tf.spec.comparison === c.name && tf.spec.level === name) {
      const share = tf.share(tf.spec.value(a));
      if (share > level.u)
        level = {
          ...level,
          u: share,
          text: `${level.text} (a name ${Math.round(share * 1e4) / 1e2}% of them share)`,
        };
    }
    const w = weightOf(level);
    total += w;
    // A comparison with nothing to compare (m = u) says nothing: kept out of the explanation.
    if (level.m === level.u) continue;
    terms.push({
      comparison: c.name,
      level: name,
      text: level.text,
      m: level.m,
      u: level.u,
      weight: round(w),
    });
  }
  return {
    priorWeight: round(p),
    totalWeight: round(total),
    probability: round(probabilityOf(total), 4),
    terms,
  };
}

/** "same e-mail local part at two providers: +4.1" */
export function termInWords(t: MatchTerm): string {
  return `${t.text}: ${t.weight >= 0 ? '+' : '−'}${Math.abs(t.weight).toFixed(1)}`;
}
