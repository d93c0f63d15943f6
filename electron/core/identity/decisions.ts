/**
 * The investigator's confirm/reject decisions on candidate matches: stored by entity key
 * (so they survive re-import and re-analysis) and audited in the same transaction.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  MATCH_KIND_LABELS,
  type MatchDecision,
  type MatchDecisionKind,
  type MatchTerm,
} from '../../../shared/identity/schemas';
import { RinglensError } from '../../../shared/errors';
import { appendAudit } from '../audit/log';
import { KIND_OF_TYPE } from './kinds';
import { findIdentifier } from './load';
import { scorePair, wouldCompare } from './candidates';
import { caseEstimate } from './estimates';

interface DecisionRow {
  a_key: string;
  b_key: string;
  kind: string;
  decision: string;
  reason: string;
  decided_by: string;
  decided_at: string;
  probability: number;
  terms: string;
}

const fromRow = (r: DecisionRow): MatchDecision => ({
  a: r.a_key,
  b: r.b_key,
  kind: r.kind as MatchDecision['kind'],
  decision: r.decision as MatchDecisionKind,
  reason: r.reason,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  probability: r.probability,
  terms: JSON.parse(r.terms) as MatchTerm[],
});

export function listDecisions(db: Database, decision?: MatchDecisionKind): MatchDecision[] {
  const rows = (
    decision
      ? db
          .prepare(`SELECT * FROM identity_decisions WHERE decision = ? ORDER BY a_key, b_key`)
          .all(decision)
      : db.prepare(`SELECT * FROM identity_decisions ORDER BY a_key, b_key`).all()
  ) as DecisionRow[];
  return rows.map(fromRow);
}

export interface DecideInput {
  readonly a: string;
  readonly b: string;
  readonly decision: MatchDecisionKind;
  readonly reason: string;
}

/**
 * Confirms or rejects the pair (a, b), named by entity key or bundle row id. Refused, with
 * nothing changed, when either identifier is not in the case, when they are of different
 * kinds, or when no comparison would ever propose them.
 */
export function decideMatch(
  db: Database,
  input: DecideInput,
  who: { actor: string; at?: string },
): MatchDecision {
  const reason = input.reason.trim();
  if (reason.length < 3)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      'a decision needs a reason of at least 3 characters',
      {
        field: '--reason',
        hint: 'say why, e.g. --reason "same payout holder and warehouse"',
      },
    );
  const [a, b] = [input.a, input.b].map((ref) => {
    const id = findIdentifier(db, ref);
    if (!id)
      throw new RinglensError('NOT_FOUND', `no identifier “${ref}” in this case`, {
        hint: 'use a key as `ringlens matches CASE --json` prints it (e.g. email|zhangwei@gmail.com) or a bundle row id (e.g. email:s12)',
      });
    return id;
  }) as [
    NonNullable<ReturnType<typeof findIdentifier>>,
    NonNullable<ReturnType<typeof findIdentifier>>,
  ];
  if (a.key === b.key)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `“${input.a}” and “${input.b}” are the same identifier`,
    );
  const kind = KIND_OF_TYPE[a.type];
  const kindB = KIND_OF_TYPE[b.type];
  if (!kind || kind !== kindB)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `“${input.a}” (${a.type}) and “${input.b}” (${b.type}) are not identifiers of one kind: only ${
        kind ? MATCH_KIND_LABELS[kind] : 'identifiers'
      } can match each other`,
    );
  if (!wouldCompare(kind, a, b))
    throw new RinglensError(
      'NOT_FOUND',
      `“${a.label}” and “${b.label}” are not a candidate match: no comparison of ${MATCH_KIND_LABELS[kind]} proposes them`,
      { hint: 'list the candidates with `ringlens matches CASE`' },
    );
  // Scored as the list scores it: with the case's estimated m and u.
  const s = scorePair(kind, a, b, caseEstimate(db, kind));
  const [ka, kb] = a.key < b.key ? [a.key, b.key] : [b.key, a.key];
  const at = who.at ?? new Date().toISOString();
  const decision: MatchDecision = {
    a: ka,
    b: kb,
    kind,
    decision: input.decision,
    reason,
    decidedBy: who.actor,
    decidedAt: at,
    probability: s.probability,
    terms: s.terms,
  };
  db.transaction(() => {
    const previous = db
      .prepare(`SELECT decision, reason FROM identity_decisions WHERE a_key = ? AND b_key = ?`)
      .get(ka, kb) as { decision: string; reason: string } | undefined;
    db.prepare(
      `INSERT INTO identity_decisions (a_key, b_key, kind, decision, reason, decided_by, decided_at, probability, terms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (a_key, b_key) DO UPDATE SET decision = excluded.decision, reason = excluded.reason,
         decided_by = excluded.decided_by, decided_at = excluded.decided_at,
         probability = excluded.probability, terms = excluded.terms`,
    ).run(
      ka,
      kb,
      kind,
      input.decision,
      reason,
      who.actor,
      at,
      s.probability,
      JSON.stringify(s.terms),
    );
    appendAudit(db, {
      actor: who.actor,
      action: input.decision === 'confirmed' ? 'identity.confirm' : 'identity.reject',
      object: `match:${ka}|${kb}`,
      details: {
        kind,
        a: ka,
        b: kb,
        reason,
        probability: s.probability,
        terms: s.terms.map((t) => `${t.text} (${t.weight})`),
        ...(previous && { replaces: previous }),
      },
      at,
    });
  })();
  return decision;
}
