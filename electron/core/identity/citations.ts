/**
 * The confirmed identity matches relevant to a ring, as its explanation and an evidence
 * packet cite them: who decided, when, why, and the evidence terms. A match is relevant to
 * a ring when either identifier is a ring member or is tied (directly, or through a member's
 * own listing or order) to one. Only confirmed decisions are read: an unconfirmed candidate,
 * however probable, is never cited.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MatchCitation, MatchDecision, MatchEnd } from '../../../shared/identity/schemas';
import type { EntityRef } from '../../../shared/analysis/schemas';
import { entityRefs, findRing, type AnalysisContext } from '../graph/analyse';
import {
  forEachRingEdge,
  ROLE_CONNECTOR,
  ROLE_MEMBER,
  type RingGraphView,
} from '../graph/ring-detection';
import { listDecisions } from './decisions';
import { termInWords } from './model';

/** Node ids of identifier keys in the ring graph (entities by key; photos by `image|<hash>`). */
function nodesOfKeys(
  db: Database,
  view: RingGraphView,
  keys: readonly string[],
): Map<string, number> {
  const out = new Map<string, number>();
  const stmt = db.prepare(
    `SELECT key, id FROM entities WHERE key IN (SELECT value FROM json_each(?))`,
  );
  for (let i = 0; i < keys.length; i += 5000)
    for (const r of stmt.all(JSON.stringify(keys.slice(i, i + 5000))) as {
      key: string;
      id: number;
    }[])
      out.set(r.key, r.id);
  view.fingerprintValues.forEach((v, k) => {
    const key = `image|${v}`;
    if (!out.has(key) && keys.includes(key)) out.set(key, view.graph.size + k);
  });
  return out;
}

/** Pure: the member accounts each of `nodes` is tied to (itself when it is a member). */
export function membersTiedTo(
  view: RingGraphView,
  nodes: ReadonlySet<number>,
): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  const accountOf = (v: number) =>
    view.role[v] === ROLE_MEMBER ? v : view.role[v] === ROLE_CONNECTOR ? view.owner[v]! : 0;
  const add = (node: number, acct: number) => {
    if (acct === 0) return;
    let s = out.get(node);
    if (!s) out.set(node, (s = new Set()));
    s.add(acct);
  };
  // A member (a shop by its name) stands for itself, not for the seller operating it.
  const isMember = (v: number) => v < view.graph.size && view.role[v] === ROLE_MEMBER;
  for (const v of nodes) if (isMember(v)) add(v, v);
  forEachRingEdge(view, (u, v) => {
    if (nodes.has(u) && !isMember(u)) add(u, accountOf(v));
    if (nodes.has(v) && !isMember(v)) add(v, accountOf(u));
  });
  return out;
}

const end = (r: EntityRef | undefined, key: string): MatchEnd =>
  r ? { key: r.key, type: r.type, label: r.label } : { key, type: '', label: key };

/**
 * Every ring's confirmed matches at once (one pass over the graph), by ring id, each list
 * in decision order (date, then keys). Rings without any are absent.
 */
export function confirmedMatchesByRing(
  db: Database,
  ctx: AnalysisContext,
): Map<string, MatchCitation[]> {
  const confirmed = listDecisions(db, 'confirmed');
  const out = new Map<string, MatchCitation[]>();
  if (!confirmed.length) return out;
  const view = ctx.view;
  const nodeOf = nodesOfKeys(db, view, [...new Set(confirmed.flatMap((d) => [d.a, d.b]))]);
  const tied = membersTiedTo(view, new Set(nodeOf.values()));
  const ringOfMember = new Map<number, string>();
  for (const [ringId, n] of ctx.nodes) for (const m of n.members) ringOfMember.set(m, ringId);
  const refNodes = new Set<number>(nodeOf.values());
  for (const s of tied.values()) for (const m of s) refNodes.add(m);
  const refs = entityRefs(db, ctx.graph, view, refNodes);
  const membersOf = (key: string) =>
    [...(tied.get(nodeOf.get(key) ?? -1) ?? [])]
      .filter((m) => ringOfMember.has(m))
      .sort((x, y) => x - y);
  const sorted = [...confirmed].sort(
    (x, y) =>
      x.decidedAt.localeCompare(y.decidedAt) || x.a.localeCompare(y.a) || x.b.localeCompare(y.b),
  );
  for (const d of sorted) {
    const am = membersOf(d.a);
    const bm = membersOf(d.b);
    const rings = new Set([...am, ...bm].map((m) => ringOfMember.get(m)!));
    for (const ringId of rings) {
      const inRing = (ms: number[]) =>
        ms.filter((m) => ringOfMember.get(m) === ringId).map((m) => end(refs.get(m), String(m)));
      const list = out.get(ringId) ?? [];
      list.push(citation(d, refs, nodeOf, inRing(am), inRing(bm)));
      out.set(ringId, list);
    }
  }
  return out;
}

function citation(
  d: MatchDecision,
  refs: ReadonlyMap<number, EntityRef>,
  nodeOf: ReadonlyMap<string, number>,
  aMembers: MatchEnd[],
  bMembers: MatchEnd[],
): MatchCitation {
  return {
    kind: d.kind,
    a: end(refs.get(nodeOf.get(d.a) ?? -1), d.a),
    b: end(refs.get(nodeOf.get(d.b) ?? -1), d.b),
    aMembers,
    bMembers,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt,
    reason: d.reason,
    probability: d.probability,
    terms: d.terms,
    termsInWords: d.terms.map(termInWords),
  };
}

/**
 * The confirmed matches a packet cites for one ring (for engineer 15b's packet writer):
 * `ctx` is the case's ring analysis (`analyseCase(db)`), `ringId` one of its rings.
 */
export function confirmedMatchesOfRing(
  db: Database,
  ctx: AnalysisContext,
  ringId: string,
): MatchCitation[] {
  findRing(ctx, ringId);
  return confirmedMatchesByRing(db, ctx).get(ringId) ?? [];
}

/** "“a” and “b” confirmed as one identity by X on 2025-11-02: reason" (explanations, packets). */
export function citationInWords(c: MatchCitation): string {
  return `“${c.a.label}” and “${c.b.label}” confirmed as one identity by ${c.decidedBy} on ${c.decidedAt.slice(0, 10)}: ${c.reason}`;
}

/** A ring explanation's resolved identities: the citations and one sentence naming each decision. */
export function resolvedIdentitiesOfRing(
  db: Database,
  ctx: AnalysisContext,
  ringId: string,
): { citations: MatchCitation[]; text: string } {
  const citations = confirmedMatchesByRing(db, ctx).get(ringId) ?? [];
  if (!citations.length) return { citations, text: '' };
  const n = citations.length;
  return {
    citations,
    text: `${n === 1 ? 'One resolved identity joins' : `${n} resolved identities join`} it, each confirmed by the investigator as one identity despite a different spelling: ${citations
      .map((c) => `${citationInWords(c).replace(' confirmed as one identity', '')}`)
      .join('; ')}.`,
  };
}
