import type { ScoreTerm } from '../../../shared/analysis/schemas';
import { SCORE_WEIGHTS, type ScoreTermName } from './score-weights';

export interface RingFacts {
  readonly shops: number;
  readonly sellers: number;
  readonly counterfeitTestBuys: number;
  readonly upheldComplaints: number;
  readonly orderValue: number;
  readonly sharedIdentifierKinds: number;
  readonly sharedIdentifiers: number;
  /** Latest dated activity of the ring (ISO), if any. */
  readonly lastActivity: string | null;
}

/** Recency against a reference date (the case's latest activity, so results do not drift with the clock). */
export function recencyFactor(lastActivity: string | null, reference: string | null): number {
  if (!lastActivity || !reference) return 0;
  const days = (Date.parse(reference) - Date.parse(lastActivity)) / 86_400_000;
  if (days <= 30) return 1;
  return Math.max(0, 1 - (days - 30) / 335);
}

export function scoreRing(
  facts: RingFacts,
  reference: string | null,
): { score: number; terms: ScoreTerm[] } {
  const values: Record<ScoreTermName, number> = {
    shops: facts.shops,
    sellers: facts.sellers,
    counterfeitTestBuys: facts.counterfeitTestBuys,
    upheldComplaints: facts.upheldComplaints,
    orderValue: Math.log10(1 + facts.orderValue),
    sharedIdentifierKinds: facts.sharedIdentifierKinds,
    sharedIdentifiers: facts.sharedIdentifiers,
    recency: recencyFactor(facts.lastActivity, reference),
  };
  const terms = (Object.keys(SCORE_WEIGHTS) as ScoreTermName[]).map((term) => {
    const { label, weight } = SCORE_WEIGHTS[term];
    const value = Math.round(values[term] * 1000) / 1000;
    return { term, label, value, weight, contribution: Math.round(value * weight * 100) / 100 };
  });
  return { score: Math.round(terms.reduce((s, t) => s + t.contribution, 0) * 100) / 100, terms };
}
