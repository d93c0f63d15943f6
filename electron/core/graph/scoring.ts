import type { ScoreTerm } from '../../../shared/analysis/schemas';
import { IDENTIFIER_STRENGTH, SCORE_WEIGHTS, type ScoreTermName } from './score-weights';

export interface RingFacts {
  readonly shops: number;
  readonly sellers: number;
  /** Every member account (sellers, shops, companies, people). */
  readonly members?: number;
  readonly counterfeitTestBuys: number;
  /** Counterfeit test buys that cite a lab or brand report (reportEvidenceId). */
  readonly labReports?: number;
  readonly upheldComplaints: number;
  readonly orderValue: number;
  readonly sharedIdentifierKinds: number;
  readonly sharedIdentifiers: number;
  /** Shared identifiers by kind (entity type, or image_fingerprint). */
  readonly sharedByKind?: Readonly<Record<string, number>>;
  readonly directTies?: number;
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

const diminishing = (n: number) => Math.log2(1 + Math.max(0, n));

/** Sum over kinds of strength x log2(1 + count): each kind saturates, strong kinds weigh more. */
export function identifierEvidence(sharedByKind: Readonly<Record<string, number>>): number {
  return Object.entries(sharedByKind).reduce(
    (s, [kind, n]) => s + (IDENTIFIER_STRENGTH[kind] ?? 1) * diminishing(n),
    0,
  );
}

export function scoreRing(
  facts: RingFacts,
  reference: string | null,
): { score: number; terms: ScoreTerm[] } {
  const values: Record<ScoreTermName, number> = {
    counterfeitTestBuys: diminishing(facts.counterfeitTestBuys),
    labReports: diminishing(facts.labReports ?? 0),
    upheldComplaints: diminishing(facts.upheldComplaints),
    sharedIdentifiers: identifierEvidence(facts.sharedByKind ?? { other: facts.sharedIdentifiers }),
    sharedIdentifierKinds: facts.sharedIdentifierKinds,
    directTies: diminishing(facts.directTies ?? 0),
    members: diminishing(facts.members ?? facts.shops + facts.sellers),
    orderValue: Math.log10(1 + facts.orderValue),
    recency: recencyFactor(facts.lastActivity, reference),
  };
  const terms = (Object.keys(SCORE_WEIGHTS) as ScoreTermName[]).map((term) => {
    const { label, weight } = SCORE_WEIGHTS[term];
    const value = Math.round(values[term] * 1000) / 1000;
    return { term, label, value, weight, contribution: Math.round(value * weight * 100) / 100 };
  });
  return { score: Math.round(terms.reduce((s, t) => s + t.contribution, 0) * 100) / 100, terms };
}
