/**
 * Measures resolution against ground truth (the generator's evasion mode): pairwise
 * precision and recall of the candidate pairs themselves, and of the clusters they form
 * (every pair inside a predicted cluster counts as predicted), the usual pairwise measure
 * for entity resolution.
 */
import { clusterPairs, pairKey } from './candidates';

export interface PairwiseFigures {
  readonly precision: number;
  readonly recall: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly correct: number;
}

function allPairs(groups: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const g of groups)
    for (let i = 0; i < g.length; i++)
      for (let j = i + 1; j < g.length; j++) out.add(pairKey(g[i]!, g[j]!));
  return out;
}

function figures(truth: Set<string>, predicted: Set<string>): PairwiseFigures {
  let correct = 0;
  for (const p of predicted) if (truth.has(p)) correct++;
  return {
    precision: predicted.size ? correct / predicted.size : 1,
    recall: truth.size ? correct / truth.size : 1,
    truePairs: truth.size,
    predictedPairs: predicted.size,
    correct,
  };
}

/** Truth: the identity clusters as identifier keys. Predicted: candidate pairs at the threshold. */
export function pairwiseAgainstTruth(
  truth: readonly (readonly string[])[],
  predicted: readonly { a: { key: string }; b: { key: string }; probability: number }[],
): { pairs: PairwiseFigures; clusters: PairwiseFigures } {
  const t = allPairs(truth);
  const direct = new Set(predicted.map((p) => pairKey(p.a.key, p.b.key)));
  const clustered = allPairs(clusterPairs(predicted).map((c) => c.members));
  return { pairs: figures(t, direct), clusters: figures(t, clustered) };
}

/** For each planted ring, the found ring that recovers most of it: mean and worst precision and recall. */
export function ringRecovery(
  planted: readonly (readonly string[])[],
  found: readonly (readonly string[])[],
): { meanPrecision: number; meanRecall: number; minRecall: number; recovered: number } {
  const sets = found.map((f) => new Set(f));
  let p = 0;
  let r = 0;
  let minRecall = 1;
  let recovered = 0;
  for (const members of planted) {
    let best = { precision: 0, recall: 0 };
    for (const s of sets) {
      const hit = members.filter((m) => s.has(m)).length;
      const cand = { precision: hit / s.size, recall: hit / members.length };
      if (
        cand.recall > best.recall ||
        (cand.recall === best.recall && cand.precision > best.precision)
      )
        best = cand;
    }
    p += best.precision;
    r += best.recall;
    minRecall = Math.min(minRecall, best.recall);
    if (best.recall >= 0.95 && best.precision >= 0.95) recovered++;
  }
  const n = planted.length || 1;
  return { meanPrecision: p / n, meanRecall: r / n, minRecall, recovered };
}
