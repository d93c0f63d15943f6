/**
 * Why these sellers are one ring, in words and in sourced facts: each shared identifier
 * with the accounts on each side and the bundle rows (bundle, hash, signer, file, line)
 * that assert every link. Plus who leads it: degree and betweenness inside the ring, and
 * the accounts whose removal would split it (articulation points).
 */
import Graph from 'graphology';
import betweenness from 'graphology-metrics/centrality/betweenness';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type {
  EntityRef,
  LinkEvidence,
  RingExplanation,
  SharedIdentifier,
  SourceRow,
} from '../../../shared/analysis/schemas';
import { ENTITY_INFO, type EntityType } from '../../../shared/domain/entity-types';
import { linkTypeOf } from './link-graph';
import { entityRefs, findRing, type AnalysisContext } from './analyse';
import { rngFor } from '../util/random';

/** The source rows (bundle, hash, signer, file, line) behind links or entities, by id. */
function statementSources(
  db: Database,
  column: 'link' | 'entity',
  ids: readonly number[],
): Map<number, SourceRow[]> {
  const out = new Map<number, SourceRow[]>();
  const stmt =
    db.prepare(`SELECT s.${column} AS subject, b.bundle_id, b.sha256, b.signer_fingerprint, b.signature, f.path, s.line
    FROM statements s JOIN bundles b ON b.id = s.bundle JOIN bundle_files f ON f.id = s.file
    WHERE s.${column} IN (SELECT value FROM json_each(?)) ORDER BY s.${column}, b.id, s.file, s.line`);
  for (let i = 0; i < ids.length; i += 5000) {
    for (const r of stmt.all(JSON.stringify(ids.slice(i, i + 5000))) as Record<
      string,
      string | number | null
    >[]) {
      const list = out.get(r.subject as number) ?? [];
      list.push({
        bundleId: r.bundle_id as string,
        bundleSha256: r.sha256 as string,
        signer: r.signer_fingerprint as string | null,
        signature: r.signature as string,
        file: r.path as string,
        line: r.line as number,
      });
      out.set(r.subject as number, list);
    }
  }
  return out;
}

export const linkSources = (db: Database, linkIds: readonly number[]) =>
  statementSources(db, 'link', linkIds);
/** Sources of an entity's statements (a listing's photo fingerprint is asserted by its row). */
export const entitySources = (db: Database, entityIds: readonly number[]) =>
  statementSources(db, 'entity', entityIds);

interface RingEdge {
  readonly edge: number;
  readonly from: number;
  readonly to: number;
}

/** Edges between the ring's members, their listings/orders and its shared identifiers. */
function ringEdges(
  ctx: AnalysisContext,
  members: readonly number[],
  identifiers: readonly number[],
): { byIdentifier: Map<number, { member: number; path: RingEdge[] }[]> } {
  const g = ctx.graph;
  const { view } = ctx;
  const memberSet = new Set(members);
  const idSet = new Set(identifiers);
  const byIdentifier = new Map<number, { member: number; path: RingEdge[] }[]>();
  const add = (id: number, member: number, path: RingEdge[]) => {
    const list = byIdentifier.get(id) ?? [];
    list.push({ member, path });
    byIdentifier.set(id, list);
  };
  for (let e = 0; e < g.edgeCount; e++) {
    const s = g.edgeSrc[e]!;
    const d = g.edgeDst[e]!;
    for (const [id, nb] of [
      [s, d],
      [d, s],
    ] as const) {
      if (!idSet.has(id)) continue;
      if (memberSet.has(nb)) add(id, nb, [{ edge: e, from: s, to: d }]);
      else if (view.owner[nb] && memberSet.has(view.owner[nb]))
        add(id, view.owner[nb], [{ edge: e, from: s, to: d }]);
      else if (idSet.has(nb) || view.role[nb] === 3) {
        // identifier chains: record the hop; the upstream identifier's own edges show the members
        add(id, nb, [{ edge: e, from: s, to: d }]);
      }
    }
  }
  // Fingerprint nodes: listing -> photo, asserted by the listing's own row.
  const fl = g.fingerprints.listing;
  for (let i = 0; i < fl.length; i++) {
    const fp = view.fingerprintNode[i]!;
    if (!idSet.has(fp)) continue;
    const owner = view.owner[fl[i]!]!;
    if (memberSet.has(owner)) add(fp, owner, [{ edge: -1 - fl[i]!, from: fl[i]!, to: fp }]);
  }
  return { byIdentifier };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function explainRing(db: Database, ctx: AnalysisContext, ringId: string): RingExplanation {
  const ring = findRing(ctx, ringId);
  const nodes = ctx.nodes.get(ringId)!;
  const g = ctx.graph;
  const { byIdentifier } = ringEdges(ctx, nodes.members, nodes.identifiers);
  const allNodes = new Set<number>([...nodes.members, ...nodes.identifiers]);
  const edgeIds: number[] = [];
  const listingIds: number[] = [];
  for (const list of byIdentifier.values())
    for (const { member, path } of list) {
      allNodes.add(member);
      for (const x of byIdentifier.get(member) ?? []) allNodes.add(x.member);
      for (const p of path) {
        allNodes.add(p.from);
        allNodes.add(p.to);
        if (p.edge >= 0) edgeIds.push(g.edgeLinkId[p.edge]!);
        else listingIds.push(-1 - p.edge);
      }
    }
  const refs = entityRefs(db, g, ctx.view, allNodes);
  const sources = linkSources(db, edgeIds);
  const listingSources = entitySources(db, listingIds);

  const memberSet = new Set(nodes.members);
  const around = (v: number): number[] => {
    const out: number[] = [];
    if (v >= g.size) return out;
    for (let i = g.adjStart[v]!; i < g.adjStart[v + 1]!; i++) {
      const e = g.adjEdge[i]!;
      const u = g.edgeSrc[e] === v ? g.edgeDst[e]! : g.edgeSrc[e]!;
      if (memberSet.has(u)) out.push(u);
      else if (ctx.view.owner[u] && memberSet.has(ctx.view.owner[u])) out.push(ctx.view.owner[u]);
    }
    return out;
  };
  const directMembers = (id: number) => [
    ...(byIdentifier.get(id) ?? []).map((x) => x.member).filter((m) => memberSet.has(m)),
    ...(byIdentifier.has(id) ? [] : around(id)),
  ];
  const shared: SharedIdentifier[] = nodes.identifiers.map((id) => {
    const list = byIdentifier.get(id) ?? [];
    let memberIds = directMembers(id);
    // An identifier behind others (a bank account behind payment accounts) is shared by their accounts.
    if (memberIds.length === 0) memberIds = list.flatMap((x) => directMembers(x.member));
    const members = [...new Set(memberIds)].sort((a, b) => a - b);
    const links: LinkEvidence[] = list.flatMap(({ path }) =>
      path.map((p) =>
        p.edge >= 0
          ? {
              linkId: g.edgeLinkId[p.edge]!,
              type: linkTypeOf(g, p.edge),
              from: refs.get(p.from)!,
              to: refs.get(p.to)!,
              sources: sources.get(g.edgeLinkId[p.edge]!) ?? [],
            }
          : {
              linkId: 0,
              type: 'shows_photo',
              from: refs.get(p.from)!,
              to: refs.get(p.to)!,
              sources: listingSources.get(p.from) ?? [],
            },
      ),
    );
    return { identifier: refs.get(id)!, members: members.map((m) => refs.get(m)!), links };
  });

  const kinds = new Map<string, number>();
  for (const s of shared) kinds.set(s.identifier.type, (kinds.get(s.identifier.type) ?? 0) + 1);
  const kindText = [...kinds.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([t, n]) =>
      plural(n, (ENTITY_INFO[t as EntityType]?.label ?? 'product photo').toLowerCase()),
    )
    .join(', ');
  const strongest = [...shared].sort(
    (a, b) =>
      b.members.length - a.members.length || a.identifier.key.localeCompare(b.identifier.key),
  )[0];
  const summary =
    `${ring.id} joins ${plural(ring.sellers.length, 'seller account')} and ${plural(ring.shops.length, 'shop')} because they share ${kindText}. ` +
    (strongest
      ? `The most widely shared is ${strongest.identifier.type.replace('_', ' ')} “${strongest.identifier.label}”, used by ${plural(strongest.members.length, 'account')}. `
      : '') +
    `Every link below is footnoted to the bundle row that asserts it. ` +
    (ctx.analysis.suppressedHubs.length
      ? `${plural(ctx.analysis.suppressedHubs.length, 'hub')} shared by many unrelated shops (such as “${ctx.analysis.suppressedHubs[0]!.label}”) were set aside and do not count as links.`
      : '');

  return {
    ringId,
    summary,
    sharedIdentifiers: shared,
    leaders: ringLeaders(ctx, nodes.members, nodes.identifiers, refs, byIdentifier),
  };
}

/** Degree, betweenness and articulation points in the ring's member-identifier graph. */
export function ringLeaders(
  ctx: AnalysisContext,
  members: readonly number[],
  identifiers: readonly number[],
  refs: Map<number, EntityRef>,
  byIdentifier = ringEdges(ctx, members, identifiers).byIdentifier,
): RingExplanation['leaders'] {
  const memberSet = new Set(members);
  const graph = new Graph({ type: 'undirected', multi: false });
  for (const m of members) graph.addNode(String(m));
  for (const id of identifiers) graph.mergeNode(String(id));
  for (const [id, list] of byIdentifier) {
    for (const { member } of list)
      if (memberSet.has(member) && member !== id) graph.mergeEdge(String(member), String(id));
  }
  // Sellers and their shops are one actor: keep them joined.
  for (let e = 0; e < ctx.graph.edgeCount; e++) {
    if (linkTypeOf(ctx.graph, e) !== 'operates') continue;
    const s = String(ctx.graph.edgeSrc[e]);
    const d = String(ctx.graph.edgeDst[e]);
    if (graph.hasNode(s) && graph.hasNode(d) && s !== d) graph.mergeEdge(s, d);
  }
  const bc =
    graph.order <= EXACT_BETWEENNESS_MAX
      ? betweenness(graph, { normalized: true })
      : sampledBetweenness(graph, BETWEENNESS_SAMPLES);
  const articulation = articulationPoints(graph);
  return members
    .map((m) => ({
      entity: refs.get(m)!,
      degree: graph.degree(String(m)),
      betweenness: Math.round((bc[String(m)] ?? 0) * 1e4) / 1e4,
      articulation: articulation.has(String(m)),
    }))
    .sort(
      (a, b) =>
        b.betweenness - a.betweenness ||
        b.degree - a.degree ||
        a.entity.key.localeCompare(b.entity.key),
    )
    .slice(0, 10);
}

/** Up to this many nodes, betweenness is exact (Brandes over every source). */
const EXACT_BETWEENNESS_MAX = 600;
const BETWEENNESS_SAMPLES = 200;

/**
 * Brandes' betweenness from a seeded sample of sources, scaled to the whole graph and
 * normalised like graphology's: the standard estimate for large rings, reproducible run to run.
 */
export function sampledBetweenness(graph: Graph, samples: number): Record<string, number> {
  const nodes = graph.nodes();
  const n = nodes.length;
  const index = new Map(nodes.map((v, i) => [v, i]));
  const adj = nodes.map((v) => graph.neighbors(v).map((u) => index.get(u)!));
  const rng = rngFor(n, 'betweenness');
  const sources = [...nodes.keys()];
  for (let i = sources.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [sources[i], sources[j]] = [sources[j]!, sources[i]!];
  }
  const picked = sources.slice(0, Math.min(samples, n));
  const cb = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  for (const s of picked) {
    sigma.fill(0);
    dist.fill(-1);
    delta.fill(0);
    const stack: number[] = [];
    const preds: number[][] = nodes.map(() => []);
    sigma[s] = 1;
    dist[s] = 0;
    const queue = [s];
    for (let q = 0; q < queue.length; q++) {
      const v = queue[q]!;
      stack.push(v);
      for (const w of adj[v]!) {
        if (dist[w]! < 0) {
          dist[w] = dist[v]! + 1;
          queue.push(w);
        }
        if (dist[w] === dist[v]! + 1) {
          sigma[w]! += sigma[v]!;
          preds[w]!.push(v);
        }
      }
    }
    while (stack.length) {
      const w = stack.pop()!;
      for (const v of preds[w]!) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      if (w !== s) cb[w]! += delta[w]!;
    }
  }
  // Undirected: each pair counted twice; scale the sample to all sources; normalise by (n-1)(n-2).
  const scale = n / picked.length / 2 / Math.max(1, ((n - 1) * (n - 2)) / 2);
  return Object.fromEntries(nodes.map((v, i) => [v, cb[i]! * scale]));
}

/** Tarjan's articulation points, iterative (rings can be deep chains). */
export function articulationPoints(graph: Graph): Set<string> {
  const disc = new Map<string, number>();
  const low = new Map<string, number>();
  const result = new Set<string>();
  let time = 0;
  for (const root of graph.nodes()) {
    if (disc.has(root)) continue;
    let rootChildren = 0;
    const stack: { node: string; parent: string | null; neighbours: string[]; i: number }[] = [
      { node: root, parent: null, neighbours: graph.neighbors(root), i: 0 },
    ];
    disc.set(root, time);
    low.set(root, time++);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.i < top.neighbours.length) {
        const nb = top.neighbours[top.i++]!;
        if (!disc.has(nb)) {
          disc.set(nb, time);
          low.set(nb, time++);
          if (top.node === root) rootChildren++;
          stack.push({ node: nb, parent: top.node, neighbours: graph.neighbors(nb), i: 0 });
        } else if (nb !== top.parent)
          low.set(top.node, Math.min(low.get(top.node)!, disc.get(nb)!));
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
          if (parent.node !== root && low.get(top.node)! >= disc.get(parent.node)!)
            result.add(parent.node);
        }
      }
    }
    if (rootChildren > 1) result.add(root);
  }
  return result;
}
