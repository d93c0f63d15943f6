/**
 * The case overview graph: all rings at once. Each ring's member accounts and the identifiers
 * that tie them; listings and orders are folded into their shop (a shop "shares photo" with
 * another when its listings carry the same product photo), so the overview stays at one node
 * per account or identifier. Suppressed hubs are drawn with the members they touch, and an
 * identifier found in two or more rings is a "tie". Rings are added in rank order until
 * `maxElements` would be passed.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseOverview, OverviewNode } from '../../../shared/graph/case-overview';
import { analyseCase, entityRefs } from './analyse';
import { linkTypeOf } from './link-graph';
import { forEachRingEdge, isDirectTie, ROLE_CONNECTOR, ROLE_MEMBER } from './ring-detection';

export function caseOverview(db: Database, maxElements = 200_000): CaseOverview {
  const ctx = analyseCase(db);
  const { graph: g, view } = ctx;
  const rings: CaseOverview['rings'] = [];
  const ringOf = new Map<number, number>();
  const identRings = new Map<number, number[]>();
  let estimate = 0;
  let truncated = false;
  for (const r of ctx.analysis.rings) {
    const n = ctx.nodes.get(r.id);
    if (!n) continue;
    // Members and identifiers, and about as many edges again: stop before passing the limit.
    const cost = 2 * (n.members.length + n.identifiers.length);
    if (estimate + cost > maxElements && rings.length) {
      truncated = true;
      break;
    }
    estimate += cost;
    const idx = rings.length;
    rings.push({
      id: r.id,
      rank: r.rank,
      score: r.score,
      members: n.members.length,
      identifiers: n.identifiers.length,
    });
    for (const m of n.members) ringOf.set(m, idx);
    for (const i of n.identifiers) (identRings.get(i) ?? identRings.set(i, []).get(i)!).push(idx);
  }
  // Suppressed hubs by ring-graph node (a photo hub's entity id is -(k+1) for fingerprint k).
  const hubNode = new Map<number, number>();
  for (const h of ctx.analysis.suppressedHubs)
    hubNode.set(h.entityId < 0 ? g.size - h.entityId - 1 : h.entityId, h.entityId);

  const accountOf = (v: number) =>
    v < g.size && view.role[v] === ROLE_MEMBER
      ? v
      : v < g.size && view.role[v] === ROLE_CONNECTOR
        ? view.owner[v]!
        : 0;
  const edges = new Map<string, CaseOverview['edges'][number]>();
  const usedHubs = new Set<number>();
  const tie = (acc: number, other: number, type: string) => {
    const key = `o${acc}_${other}`;
    if (!edges.has(key)) edges.set(key, { id: key, source: `v${acc}`, target: `v${other}`, type });
  };
  forEachRingEdge(view, (u, v, e) => {
    if (isDirectTie(view, u, v, e) && ringOf.has(u) && ringOf.has(v)) {
      tie(Math.min(u, v), Math.max(u, v), linkTypeOf(g, e));
      return;
    }
    // An identifier behind another (a bank account behind payment accounts) keeps its chain.
    if (identRings.has(u) && identRings.has(v) && e >= 0) {
      tie(u, v, linkTypeOf(g, e));
      return;
    }
    for (const [a, b] of [
      [u, v],
      [v, u],
    ] as const) {
      const acc = accountOf(a);
      if (!acc || !ringOf.has(acc)) continue;
      const hub = hubNode.has(b);
      if (!hub && !identRings.has(b)) continue;
      if (hub) usedHubs.add(b);
      // Through a listing or order the tie is the shop's: name it by what is shared.
      tie(
        acc,
        b,
        e < 0 ? 'shares_photo' : acc === a ? linkTypeOf(g, e) : `via_${linkTypeOf(g, e)}`,
      );
    }
  });

  const ids = [...ringOf.keys(), ...identRings.keys(), ...usedHubs];
  const refs = entityRefs(db, g, view, ids);
  const nodes: OverviewNode[] = [];
  const add = (v: number, role: OverviewNode['role'], ring: number) => {
    const r = refs.get(v);
    if (r) nodes.push({ id: `v${v}`, entityId: r.id, type: r.type, label: r.label, role, ring });
  };
  for (const [v, ring] of ringOf) add(v, 'member', ring);
  for (const [v, rs] of identRings)
    if (!ringOf.has(v)) add(v, rs.length > 1 ? 'tie' : 'identifier', rs.length > 1 ? -1 : rs[0]!);
  for (const v of usedHubs) if (!ringOf.has(v) && !identRings.has(v)) add(v, 'hub', -1);
  const drawn = new Set(nodes.map((n) => n.id));
  return {
    rings,
    nodes,
    edges: [...edges.values()].filter((e) => drawn.has(e.source) && drawn.has(e.target)),
    truncated,
  };
}
