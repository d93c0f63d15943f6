/**
 * Identity resolution across the API: the kinds of identifier compared, a candidate match
 * with its Fellegi-Sunter terms, clusters of candidates and the investigator's decisions.
 */
import { z } from 'zod';

export const MATCH_KINDS = [
  'name',
  'email',
  'phone',
  'account',
  'address',
  'shop',
  'photo',
  'device',
] as const;
export const MatchKind = z.enum(MATCH_KINDS);
export type MatchKind = z.infer<typeof MatchKind>;

/** What each kind covers, in the user's words (CLI help, the Matches view, errors). */
export const MATCH_KIND_LABELS: Readonly<Record<MatchKind, string>> = {
  name: 'people and company names',
  email: 'e-mail addresses',
  phone: 'phone numbers',
  account: 'bank and payment accounts',
  address: 'warehouse addresses',
  shop: 'shop names',
  photo: 'product photo fingerprints',
  device: 'devices',
};

/** One comparison's contribution: the level the pair reached, its m and u, and the weight log2(m/u). */
export const MatchTerm = z.object({
  comparison: z.string(),
  level: z.string(),
  text: z.string(),
  m: z.number(),
  u: z.number(),
  weight: z.number(),
});
export type MatchTerm = z.infer<typeof MatchTerm>;

export const MatchEnd = z.object({
  key: z.string(),
  type: z.string(),
  label: z.string(),
});
export type MatchEnd = z.infer<typeof MatchEnd>;

export const MatchDecisionKind = z.enum(['confirmed', 'rejected']);
export type MatchDecisionKind = z.infer<typeof MatchDecisionKind>;

export const MatchDecision = z.object({
  a: z.string(),
  b: z.string(),
  kind: MatchKind,
  decision: MatchDecisionKind,
  reason: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  probability: z.number(),
  terms: z.array(MatchTerm),
});
export type MatchDecision = z.infer<typeof MatchDecision>;

export const MatchCandidate = z.object({
  kind: MatchKind,
  a: MatchEnd,
  b: MatchEnd,
  /** Prior weight plus every term's weight, in bits. */
  totalWeight: z.number(),
  priorWeight: z.number(),
  probability: z.number(),
  terms: z.array(MatchTerm),
  /** Set when the investigator has confirmed the pair (rejected pairs are never listed). */
  decision: MatchDecision.nullable(),
});
export type MatchCandidate = z.infer<typeof MatchCandidate>;

export const MatchCluster = z.object({
  id: z.string(),
  kind: MatchKind,
  members: z.array(MatchEnd),
  /** Indexes into `MatchList.candidates`. */
  pairs: z.array(z.number()),
  maxProbability: z.number(),
});
export type MatchCluster = z.infer<typeof MatchCluster>;

/** The m and u probabilities in force, per kind and comparison level, so a reader can check every weight. */
export const MatchParameter = z.object({
  kind: MatchKind,
  comparison: z.string(),
  level: z.string(),
  m: z.number(),
  u: z.number(),
  /** 'em': estimated from this case's compared pairs; 'default': the per-kind value kept. */
  source: z.enum(['em', 'default']),
  /** Compared pairs that reached this level. */
  pairs: z.number(),
  defaultM: z.number(),
  defaultU: z.number(),
  note: z.string(),
});

/** How a kind's parameters were obtained: EM over its compared pairs, or the defaults and why. */
export const MatchEstimate = z.object({
  kind: MatchKind,
  source: z.enum(['em', 'default']),
  reason: z.string().optional(),
  /** Share of compared pairs that match (the prior), estimated or default. */
  prior: z.number(),
  defaultPrior: z.number(),
  pairs: z.number(),
  iterations: z.number(),
  converged: z.boolean(),
});
export type MatchEstimate = z.infer<typeof MatchEstimate>;

const percent = (x: number) => `${Number((x * 100).toPrecision(3))}%`;

/** "e-mail addresses: per-kind m and u (one comparison only: …)" / "names: m and u estimated by EM from 1,234 compared pairs …" */
export function estimateInWords(e: MatchEstimate): string {
  const what = MATCH_KIND_LABELS[e.kind];
  return e.source === 'em'
    ? `${what}: m and u estimated from this case by EM over ${e.pairs.toLocaleString('en')} compared pairs (${e.iterations} iterations${e.converged ? '' : ', not converged'}); ${percent(e.prior)} of them match (default ${percent(e.defaultPrior)})`
    : `${what}: per-kind m and u kept (${e.reason ?? 'defaults'}); ${e.pairs.toLocaleString('en')} compared pairs`;
}

export const MatchList = z.object({
  minProbability: z.number(),
  candidates: z.array(MatchCandidate),
  clusters: z.array(MatchCluster),
  parameters: z.array(MatchParameter),
  estimates: z.array(MatchEstimate),
  /** Blocking keys shared by too many identifiers to compare pairwise, set aside as hubs are. */
  skippedBlocks: z.array(z.object({ kind: MatchKind, key: z.string(), size: z.number() })),
  identifiers: z.record(z.string(), z.number()),
});
export type MatchList = z.infer<typeof MatchList>;

export const MatchQuery = z.object({
  kind: MatchKind.optional(),
  min: z.number().min(0).max(1).optional(),
});

export const MatchDecisionInput = z.object({
  a: z.string().min(1).max(2000),
  b: z.string().min(1).max(2000),
  decision: MatchDecisionKind,
  reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(2000),
});

/**
 * A confirmed match as a ring's explanation and a packet cite it: the two identifiers, the
 * ring members tied to each, the decision (who, when, why) and the evidence terms in words.
 * Only confirmed decisions are ever cited; unconfirmed candidates never are.
 */
export const MatchCitation = z.object({
  kind: MatchKind,
  a: MatchEnd,
  b: MatchEnd,
  /** Ring members (sellers, shops) tied to each end. */
  aMembers: z.array(MatchEnd),
  bMembers: z.array(MatchEnd),
  decidedBy: z.string(),
  decidedAt: z.string(),
  reason: z.string(),
  /** The probability and terms recorded when the investigator decided. */
  probability: z.number(),
  terms: z.array(MatchTerm),
  /** Each term as a sentence, e.g. "same e-mail local part at two providers: +4.1". */
  termsInWords: z.array(z.string()),
});
export type MatchCitation = z.infer<typeof MatchCitation>;
