/**
 * The elements of a ring's graph as the app draws it: the ring's members, its shared
 * identifiers and the whole chain that ties them (shop -> listing -> photo <- listing <- shop,
 * order -> listing <- shop), who operates which shop, and the suppressed hubs its accounts
 * touch. Every edge id names its source: `e<linkId>` is a link row, `p<listing>_<photo>` is a
 * listing row's photo fingerprint; `ringEdgeSources` gives the bundle rows behind each.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { GraphElements } from '../../../shared/api/contract';
import type { RingExplanation, SourceRow } from '../../../shared/analysis/schemas';
import { analyseCase, entityRefs, findRing } from './analyse';
import { entitySources, linkSources } from './explain';
import { linkTypeOf, typeOf } from './link-graph';
import { PROBABLE_EDGE_TYPE, probableMatchEdges } from '../identity/probable-edges';
import { naturalCompare } from '../../../shared/natural-order';

type GraphNode = GraphElements['nodes'][number];
type GraphEdge = GraphElements['edges'][number];

export function ringGraph(
  db: Database,
  ringId: string,
  ex: RingExplanation,
  /** probable: add unconfirmed candidate matches as dashed edges (the app's view only, never a packet). */
  options: { probable?: boolean } = {},
): GraphElements {
  const ctx = analyseCase(db);
  const ring = findRing(ctx, ringId);
  const g = ctx.graph;
  const memberIds = new Set([...ring.sellers, ...ring.shops].map((m) => m.id));
  const identifierIds = new Set(ring.identifiers.map((i) => i.id));
  const hubIds = new Set(ctx.analysis.suppressedHubs.map((h) => h.entityId));
  const nodes = new Map<string, GraphNode>();
  const addNode = (ref: { id: number; type: string; label: string }) => {
    const id = `n${ref.id}`;
    if (!nodes.has(id))
      nodes.set(id, {
        id,
        entityId: ref.id,
        type: ref.type,
        label: ref.label,
        role: memberIds.has(ref.id)
          ? 'member'
          : identifierIds.has(ref.id)
            ? 'identifier'
            : hubIds.has(ref.id)
              ? 'hub'
              : 'other',
      });
    return id;
  };
  const edges = new Map<string, GraphEdge>();
  const addEdge = (source: string, target: string, type: string, key: string) => {
    if (!edges.has(key)) edges.set(key, { id: key, source, target, type, number: 0 });
  };
  const addLinkEdge = (e: number) =>
    addEdge(`n${g.edgeSrc[e]}`, `n${g.edgeDst[e]}`, linkTypeOf(g, e), `e${g.edgeLinkId[e]}`);

  for (const m of [...ring.sellers, ...ring.shops]) addNode(m);
  for (const s of ex.sharedIdentifiers) {
    addNode(s.identifier);
    for (const l of s.links)
      addEdge(
        addNode(l.from),
        addNode(l.to),
        l.type,
        l.linkId ? `e${l.linkId}` : `p${l.from.id}_${l.to.id}`,
      );
  }

  // Close the chain: a listing or order drawn for its photo or account must show which shop
  // it belongs to (the `lists` row, and an order's `bought` row to its listing).
  const connectors = [...nodes.values()]
    .map((n) => n.entityId)
    .filter((id) => id > 0 && id < g.size && !memberIds.has(id) && ctx.view.owner[id]);
  const missing: number[] = [];
  for (const v of connectors) {
    const shop = ctx.view.owner[v]!;
    if (!memberIds.has(shop)) continue;
    for (let i = g.adjStart[v]!; i < g.adjStart[v + 1]!; i++) {
      const e = g.adjEdge[i]!;
      const t = linkTypeOf(g, e);
      const other = g.edgeSrc[e] === v ? g.edgeDst[e]! : g.edgeSrc[e]!;
      if (t === 'lists' && other === shop) addLinkEdge(e);
      else if (t === 'bought' && g.edgeSrc[e] === v && typeOf(g, other) === 'listing') {
        if (!nodes.has(`n${other}`)) missing.push(other);
        addLinkEdge(e);
        for (let j = g.adjStart[other]!; j < g.adjStart[other + 1]!; j++) {
          const f = g.adjEdge[j]!;
          if (linkTypeOf(g, f) === 'lists' && g.edgeSrc[f] === ctx.view.owner[other])
            addLinkEdge(f);
        }
      }
    }
  }
  if (missing.length) for (const r of entityRefs(db, g, ctx.view, missing).values()) addNode(r);

  // Who operates what inside the ring, and the suppressed hubs its accounts touch (marked).
  const hubRefs = new Map(
    ctx.analysis.suppressedHubs.map((h) => [
      h.entityId,
      { id: h.entityId, type: h.type, label: h.label },
    ]),
  );
  for (const m of memberIds) {
    for (let i = g.adjStart[m]!; i < g.adjStart[m + 1]!; i++) {
      const e = g.adjEdge[i]!;
      const other = g.edgeSrc[e] === m ? g.edgeDst[e]! : g.edgeSrc[e]!;
      const t = linkTypeOf(g, e);
      if ((t === 'operates' && memberIds.has(other)) || hubRefs.has(other)) {
        if (hubRefs.has(other)) addNode(hubRefs.get(other)!);
        addLinkEdge(e);
      }
    }
  }
  const sortedEdges = [...edges.values()].sort((a, b) => naturalCompare(a.id, b.id));
  sortedEdges.forEach((e, i) => (e.number = i + 1));
  // Unnumbered, after the evidence: probable matches are leads, not links (identity/probable-edges.ts).
  if (options.probable) {
    const extra = probableElements(db, ctx, [...nodes.values()]);
    for (const n of extra.nodes) addNode({ id: n.entityId, type: n.type, label: n.label });
    sortedEdges.push(...extra.edges);
  }
  return { nodes: [...nodes.values()].sort((a, b) => a.entityId - b.entityId), edges: sortedEdges };
}

/**
 * The dashed probable-match edges touching `drawn` (a ring graph's nodes) and the ends not
 * drawn yet (role 'other'). Apart from `ringGraph` so the app can draw a ring first and add
 * them after: finding the case's open candidates the first time can take seconds.
 */
export function probableElements(
  db: Database,
  ctx: ReturnType<typeof analyseCase>,
  drawn: readonly GraphNode[],
): GraphElements {
  const drawnIds = new Set(drawn.map((n) => n.id));
  const hubIds = new Set(ctx.analysis.suppressedHubs.map((h) => h.entityId));
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for (const p of probableMatchEdges(
    db,
    ctx,
    drawn.map((n) => n.entityId),
  )) {
    if (p.missing && !drawnIds.has(`n${p.missing.id}`))
      nodes.set(`n${p.missing.id}`, {
        id: `n${p.missing.id}`,
        entityId: p.missing.id,
        type: p.missing.type,
        label: p.missing.label,
        role: hubIds.has(p.missing.id) ? 'hub' : 'other',
      });
    edges.push({
      id: p.id,
      source: p.source,
      target: p.target,
      type: PROBABLE_EDGE_TYPE,
      number: 0,
      probability: p.probability,
    });
  }
  return { nodes: [...nodes.values()], edges };
}

/**
 * The bundle rows behind graph edges, by edge id: a link's own rows (`e<linkId>`), or for a
 * photo edge (`p<listing>_<photo>`) the listing rows that state the fingerprint.
 */
export function edgeSources(
  db: Database,
  edgeIds: readonly string[],
): { edgeId: string; sources: SourceRow[] }[] {
  const links = new Map<string, number>();
  const listings = new Map<string, number>();
  for (const id of edgeIds) {
    const link = /^e(\d+)$/.exec(id);
    const photo = /^p(\d+)_-\d+$/.exec(id);
    if (link) links.set(id, Number(link[1]));
    else if (photo) listings.set(id, Number(photo[1]));
  }
  const bl = linkSources(db, [...links.values()]);
  const be = entitySources(db, [...listings.values()]);
  return edgeIds.map((edgeId) => ({
    edgeId,
    sources: links.has(edgeId)
      ? (bl.get(links.get(edgeId)!) ?? [])
      : listings.has(edgeId)
        ? (be.get(listings.get(edgeId)!) ?? [])
        : [],
  }));
}
