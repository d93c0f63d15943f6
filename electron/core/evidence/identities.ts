/**
 * Identities resolved by the examiner: the confirmed identity matches (two identifiers the
 * investigator decided are one person's or firm's) that touch a ring, with who decided,
 * when, why and the evidence terms the comparison weighed. Only confirmed decisions are
 * cited; a candidate nobody confirmed, or one that was rejected, never appears in a packet.
 * The matches come from identity/citations.ts (engineer 19's `confirmedMatchesOfRing`);
 * this shapes them for the packet's section and data file.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { MATCH_KIND_LABELS } from '../../../shared/identity/schemas';
import type { AnalysisContext } from '../graph/analyse';
import { confirmedMatchesOfRing } from '../identity/citations';

export interface ResolvedIdentity {
  readonly kind: string;
  readonly a: { readonly key: string; readonly label: string };
  readonly b: { readonly key: string; readonly label: string };
  readonly decidedBy: string;
  readonly decidedAt: string;
  readonly reason: string;
  readonly probability: number;
  /** The comparison's evidence terms, in words with their weights. */
  readonly terms: readonly string[];
  /** The ring members each end is tied to, for the reader. */
  readonly tiedTo: string;
}

export function confirmedIdentitiesForRing(
  db: Database,
  ctx: AnalysisContext,
  ringId: string,
): ResolvedIdentity[] {
  return confirmedMatchesOfRing(db, ctx, ringId).map((c) => ({
    kind: MATCH_KIND_LABELS[c.kind],
    a: { key: c.a.key, label: c.a.label },
    b: { key: c.b.key, label: c.b.label },
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt,
    reason: c.reason,
    probability: c.probability,
    terms: c.termsInWords,
    tiedTo: [...new Set([...c.aMembers, ...c.bMembers].map((m) => m.label))].join(', '),
  }));
}
