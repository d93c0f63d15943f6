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
  DirectTie,
  EntityRef,
  LinkEvidence,
  RingExplanation,
  SharedIdentifier,
  SourceRow,
} from '../../../shared/analysis/schemas';
import { ENTITY_INFO, type EntityType } from '../../../shared/domain/entity-types';
import { linkTypeOf } from './link-graph';
import { entityRefs, findRing, type AnalysisContext } from './analyse';
import { isDirectTie, ROLE_CONNECTOR, ROLE_MEMBER } from './ring-detection';
import { rngFor } from '../util/random';
import { resolvedIdentitiesOfRing } from '../identity/citations';

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
  /** Edge index, or -1 - listing for a listing's product photo. */
  readonly edge: number;
  readonly from: number;
  readonly to: number;
}

/** The facts an explanation is made of, all read from the graph around the ring's own members. */
export interface RingFactsOfGraph {
  readonly members: readonly number[];
  /** Per shared identifier: the ring members tied to it, the edges that tie them, and for a chain the identifiers in between. */
  readonly shared: ReadonlyMap<
    number,
    { members: readonly number[]; edges: readonly RingEdge[]; via: readonly number[] }
  >;
  /** Direct ties: edges between two ring members (not `operates`). */
  readonly ties: readonly RingEdge[];
}

/** What ties the ring together, queried from the graph for exactly this ring's members. */
export function ringGraphFacts(
  ctx: AnalysisContext,
  members: readonly number[],
  identifiers: readonly number[],
): RingFactsOfGraph {
  const g = ctx.graph;
  const { view } = ctx;
  const memberSet = new Set(members);
  const suppressed = new Set(ctx.detection.hubs.map((h) => h.node));
  const accountOf = (v: number) =>
    view.role[v] === ROLE_MEMBER ? v : view.role[v] === ROLE_CONNECTOR ? view.owner[v]! : 0;
  // Edges of each node (fingerprint nodes have none in the CSR: their listings are listed here).
  const photoEdges = new Map<number, RingEdge[]>();
  const fl = g.fingerprints.listing;
  for (let i = 0; i < fl.length; i++) {
    const fp = view.fingerprintNode[i]!;
    const list = photoEdges.get(fp) ?? [];
    list.push({ edge: -1 - fl[i]!, from: fl[i]!, to: fp });
    photoEdges.set(fp, list);
  }
  const edgesOf = (v: number): RingEdge[] => {
    if (v >= g.size) return photoEdges.get(v) ?? [];
    const out: RingEdge[] = [];
    for (let i = g.adjStart[v]!; i < g.adjStart[v + 1]!; i++) {
      const e = g.adjEdge[i]!;
      out.push({ edge: e, from: g.edgeSrc[e]!, to: g.edgeDst[e]! });
    }
    // A listing's own photos.
    if (view.role[v] === ROLE_CONNECTOR)
      for (let i = 0; i < fl.length; i++)
        if (fl[i] === v) out.push({ edge: -1 - v, from: v, to: view.fingerprintNode[i]! });
    return out;
  };
  const otherEnd = (r: RingEdge, v: number) => (r.from === v ? r.to : r.from);
  /** Ring members an identifier touches directly or through their own listings and orders. */
  const direct = (id: number) => {
    const found = new Map<number, RingEdge[]>();
    for (const r of edgesOf(id)) {
      const nb = otherEnd(r, id);
      const acct = accountOf(nb);
      if (!memberSet.has(acct)) continue;
      const path = [r];
      // A connector's tie to its own member account is part of the chain of evidence.
      if (nb !== acct) for (const r2 of edgesOf(nb)) if (otherEnd(r2, nb) === acct) path.push(r2);
      found.set(acct, [...(found.get(acct) ?? []), ...path]);
    }
    return found;
  };
  const shared = new Map<
    number,
    { members: readonly number[]; edges: readonly RingEdge[]; via: readonly number[] }
  >();
  for (const id of identifiers) {
    const d = direct(id);
    if (d.size > 0) {
      shared.set(id, {
        members: [...d.keys()].sort((a, b) => a - b),
        edges: [...d.values()].flat(),
        via: [],
      });
      continue;
    }
    // An identifier behind others (a bank account behind payment accounts): a chain.
    const via: number[] = [];
    const viaMembers = new Set<number>();
    const edges: RingEdge[] = [];
    for (const r of edgesOf(id)) {
      const up = otherEnd(r, id);
      if (view.role[up] !== 3 || suppressed.has(up)) continue;
      const du = direct(up);
      if (du.size === 0) continue;
      via.push(up);
      edges.push(r, ...[...du.values()].flat());
      for (const m of du.keys()) viaMembers.add(m);
    }
    shared.set(id, {
      members: [...viaMembers].sort((a, b) => a - b),
      edges,
      via: [...new Set(via)].sort((a, b) => a - b),
    });
  }
  const ties: RingEdge[] = [];
  for (const m of members)
    for (const r of edgesOf(m)) {
      const o = otherEnd(r, m);
      if (m < o && memberSet.has(o) && isDirectTie(view, r.from, r.to, r.edge)) ties.push(r);
    }
  return { members, shared, ties };
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

const MEMBER_WORDS: Readonly<Record<string, [string, string]>> = {
  seller: ['seller account', 'seller accounts'],
  shop: ['shop', 'shops'],
  company: ['company', 'companies'],
  person: ['person', 'people'],
};

const IDENTIFIER_WORDS: Readonly<Record<string, [string, string]>> = {
  image_fingerprint: ['product photo', 'product photos'],
  warehouse: ['address', 'addresses'],
  person: ['person', 'people'],
  company: ['company', 'companies'],
  email: ['e-mail address', 'e-mail addresses'],
  ip_address: ['IP address', 'IP addresses'],
  payment_account: ['payment account', 'payment accounts'],
  bank_account: ['bank account', 'bank accounts'],
  phone: ['phone', 'phones'],
  device: ['device', 'devices'],
};

const countsText = (counts: Map<string, number>, words: Record<string, [string, string]>) =>
  [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([t, n]) => {
      const [one, many] = words[t] ?? [
        (ENTITY_INFO[t as EntityType]?.label ?? t).toLowerCase(),
        `${(ENTITY_INFO[t as EntityType]?.label ?? t).toLowerCase()}s`,
      ];
      return plural(n, one, many);
    })
    .join(', ');

const tally = (types: readonly string[]) => {
  const m = new Map<string, number>();
  for (const t of types) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

export function explainRing(db: Database, ctx: AnalysisContext, ringId: string): RingExplanation {
  const ring = findRing(ctx, ringId);
  const nodes = ctx.nodes.get(ringId)!;
  const g = ctx.graph;
  const facts = ringGraphFacts(ctx, nodes.members, nodes.identifiers);
  const allNodes = new Set<number>([...nodes.members, ...nodes.identifiers]);
  const edgeIds: number[] = [];
  const listingIds: number[] = [];
  const note = (p: RingEdge) => {
    allNodes.add(p.from);
    allNodes.add(p.to);
    if (p.edge >= 0) edgeIds.push(g.edgeLinkId[p.edge]!);
    else listingIds.push(-1 - p.edge);
  };
  for (const f of facts.shared.values()) {
    f.edges.forEach(note);
    f.via.forEach((v) => allNodes.add(v));
  }
  facts.ties.forEach(note);
  const refs = entityRefs(db, g, ctx.view, allNodes);
  const sources = linkSources(db, edgeIds);
  const listingSources = entitySources(db, listingIds);
  const evidence = (p: RingEdge): LinkEvidence =>
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
        };

  const shared: SharedIdentifier[] = nodes.identifiers.map((id) => {
    const f = facts.shared.get(id)!;
    return {
      identifier: refs.get(id)!,
      members: f.members.map((m) => refs.get(m)!),
      links: f.edges.map(evidence),
      ...(f.via.length ? { via: f.via.map((v) => refs.get(v)!) } : {}),
    };
  });
  const tiePairs = new Map<string, { from: number; to: number; edges: RingEdge[] }>();
  for (const t of facts.ties) {
    const [a, b] = t.from < t.to ? [t.from, t.to] : [t.to, t.from];
    const k = `${a}:${b}`;
    const entry = tiePairs.get(k) ?? { from: a, to: b, edges: [] };
    entry.edges.push(t);
    tiePairs.set(k, entry);
  }
  const directTies: DirectTie[] = [...tiePairs.values()].map((t) => ({
    from: refs.get(t.from)!,
    to: refs.get(t.to)!,
    links: t.edges.map(evidence),
  }));

  // Every sentence below is built from `facts` (this ring's members and their own links).
  const n = nodes.members.length;
  const memberText = countsText(tally(nodes.members.map((m) => refs.get(m)!.type)), MEMBER_WORDS);
  const sharedText = countsText(tally(shared.map((x) => x.identifier.type)), IDENTIFIER_WORDS);
  const tieTypes = countsText(
    tally(facts.ties.map((t) => (t.edge >= 0 ? linkTypeOf(g, t.edge) : 'shows_photo'))),
    { owns: ['ownership link', 'ownership links'], related: ['related link', 'related links'] },
  );
  const reasons = [
    shared.length ? `they share ${sharedText}` : '',
    facts.ties.length
      ? `${plural(facts.ties.length, 'direct link')} ${facts.ties.length === 1 ? 'joins' : 'join'} members to each other (${tieTypes})`
      : '',
  ].filter(Boolean);
  const strongest = [...shared].sort(
    (a, b) =>
      b.members.length - a.members.length || a.identifier.key.localeCompare(b.identifier.key),
  )[0];
  const chain = shared.find((x) => x.via?.length);
  const hubs = ctx.analysis.suppressedHubs;
  const resolved = resolvedIdentitiesOfRing(db, ctx, ringId);
  const summary = [
    `${ring.id} joins ${plural(n, 'member account')} (${memberText}) because ${reasons.join(', and ') || 'of links between them'}.`,
    strongest
      ? `The most widely shared is ${IDENTIFIER_WORDS[strongest.identifier.type]?.[0] ?? strongest.identifier.type.replace('_', ' ')} “${strongest.identifier.label}”, linked to ${strongest.members.length} of the ring’s ${n} members.`
      : '',
    chain
      ? `${chain.identifier.label} is reached through a chain: ${chain.members.length} members link to ${chain.via!.map((v) => `“${v.label}”`).join(' and ')}, which link to it.`
      : '',
    ring.oversized ? `This ring is ${ring.oversized}` : '',
    resolved.text,
    'Every link below is footnoted to the bundle row that asserts it.',
    hubs.length
      ? `${plural(hubs.length, 'hub')} shared by many unrelated accounts (such as “${hubs[0]!.label}”, which touches ${hubs[0]!.degree}) ${hubs.length === 1 ? 'was' : 'were'} set aside and do not count as links.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');

  const pairs: [number, number][] = [];
  for (const [id, f] of facts.shared)
    for (const m of f.members) pairs.push([m, f.via.length ? f.via[0]! : id]);
  for (const t of facts.ties) pairs.push([t.from, t.to]);
  return {
    ringId,
    summary,
    sharedIdentifiers: shared,
    directTies,
    ...(resolved.citations.length && { resolvedIdentities: resolved.citations }),
    leaders: ringLeaders(ctx, nodes.members, nodes.identifiers, refs, pairs),
  };
}

/** Degree, betweenness and articulation points in the ring's member-identifier graph. */
export function ringLeaders(
  ctx: AnalysisContext,
  members: readonly number[],
  identifiers: readonly number[],
  refs: Map<number, EntityRef>,
  pairs: readonly (readonly [number, number])[] = (() => {
    const f = ringGraphFacts(ctx, members, identifiers);
    const out: [number, number][] = [];
    for (const [id, x] of f.shared) for (const m of x.members) out.push([m, id]);
    for (const t of f.ties) out.push([t.from, t.to]);
    return out;
  })(),
): RingExplanation['leaders'] {
  const graph = new Graph({ type: 'undirected', multi: false });
  for (const m of members) graph.addNode(String(m));
  for (const id of identifiers) graph.mergeNode(String(id));
  for (const [a, b] of pairs) if (a !== b) graph.mergeEdge(String(a), String(b));
  // Sellers and their shops are one actor: keep them joined. Only the ring's own nodes'
  // links are looked at (the whole case's links were scanned before: 40 ms on a big case).
  const g = ctx.graph;
  for (const v of [...members, ...identifiers])
    for (let i = g.adjStart[v]!; i < g.adjStart[v + 1]!; i++) {
      const e = g.adjEdge[i]!;
      if (g.edgeSrc[e] !== v || linkTypeOf(g, e) !== 'operates') continue;
      const s = String(v);
      const d = String(g.edgeDst[e]);
      if (graph.hasNode(d) && s !== d) graph.mergeEdge(s, d);
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
        if (dist[w] === dist[v]! + 1) sigma[w]! += sigma[v]!;
      }
    }
    // A node's predecessors are its neighbours one step nearer the source (the graph is
    // undirected): found again from the adjacency instead of kept in a list per node, which
    // made 700,000 arrays per big ring and most of this function's time.
    while (stack.length) {
      const w = stack.pop()!;
      const before = dist[w]! - 1;
      for (const v of adj[w]!)
        if (dist[v] === before) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
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
