/**
 * Ring detection: pure functions over the link graph.
 *
 * Traversal rules (the one place they are defined):
 * - Member accounts are sellers and shops. Listings and orders are connectors: they belong
 *   to one shop (`lists`, and `bought` for orders) and carry that shop's shipping origins,
 *   payment accounts and product photos.
 * - Linking identifiers (ENTITY_INFO[type].linking: payment and bank accounts, warehouses,
 *   devices, phones, e-mails, IP addresses, people, companies) and listing image
 *   fingerprints (virtual nodes, one per distinct perceptual hash) tie members together.
 * - Every other entity (leads, complaints, complainants, brands, IP rights, evidence) is
 *   outside the ring graph: a complaint or a lead never makes two shops one ring.
 * - Hubs are suppressed before components are formed: an identifier touching more member
 *   accounts than the threshold (data-driven: max(floor, factor x the 99th percentile of
 *   identifier degrees)) or matching a warning list carries no edges.
 * - A ring is a connected component with at least two shops or two sellers; a component
 *   larger than `maxRingSize` is split into Louvain communities (seeded), each a ring.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { ENTITY_INFO, ENTITY_TYPES } from '../../../shared/domain/entity-types';
import type { RingSettings } from '../../../shared/analysis/schemas';
import { rngFor } from '../util/random';
import { linkTypeOf, typeOf, type LinkGraph } from './link-graph';

const ROLE_NONE = 0;
const ROLE_MEMBER = 1;
const ROLE_CONNECTOR = 2;
const ROLE_IDENTIFIER = 3;

const ROLE_BY_TYPE = new Uint8Array(
  ENTITY_TYPES.map((t) =>
    t === 'seller' || t === 'shop'
      ? ROLE_MEMBER
      : t === 'listing' || t === 'order'
        ? ROLE_CONNECTOR
        : ENTITY_INFO[t].linking
          ? ROLE_IDENTIFIER
          : ROLE_NONE,
  ),
);

export interface RingGraphView {
  readonly graph: LinkGraph;
  /** Nodes: 0..size-1 are entities, size.. are fingerprint nodes. */
  readonly total: number;
  readonly role: Uint8Array;
  /** Distinct fingerprint values, sorted; node size+k is value k. */
  readonly fingerprintValues: readonly string[];
  /** Fingerprint node of each (listing, fingerprint) pair. */
  readonly fingerprintNode: Int32Array;
  /** The shop a connector belongs to (0: none). */
  readonly owner: Int32Array;
  /** The actor behind a member: a shop's operating seller, or the member itself. */
  readonly actor: Int32Array;
}

export function ringGraphView(graph: LinkGraph): RingGraphView {
  const { size } = graph;
  const values = [...new Set(graph.fingerprints.value)].sort();
  const fpIndex = new Map(values.map((v, i) => [v, i]));
  const total = size + values.length;
  const role = new Uint8Array(total);
  for (let v = 1; v < size; v++)
    role[v] = graph.nodeType[v] === 255 ? ROLE_NONE : ROLE_BY_TYPE[graph.nodeType[v]!]!;
  for (let k = size; k < total; k++) role[k] = ROLE_IDENTIFIER;
  const fingerprintNode = Int32Array.from(graph.fingerprints.value, (v) => size + fpIndex.get(v)!);

  const owner = new Int32Array(size);
  const actor = new Int32Array(size);
  for (let v = 1; v < size; v++) if (role[v] === ROLE_MEMBER) actor[v] = v;
  // Listings and shop actors first, then orders through their listing.
  for (let e = 0; e < graph.edgeCount; e++) {
    const t = linkTypeOf(graph, e);
    const s = graph.edgeSrc[e]!;
    const d = graph.edgeDst[e]!;
    if (t === 'lists' && typeOf(graph, s) === 'shop' && owner[d] === 0) owner[d] = s;
    if (t === 'operates' && typeOf(graph, s) === 'seller' && typeOf(graph, d) === 'shop')
      actor[d] = Math.min(actor[d] === d ? s : actor[d]!, s);
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    if (linkTypeOf(graph, e) === 'bought' && owner[graph.edgeSrc[e]!] === 0)
      owner[graph.edgeSrc[e]!] = owner[graph.edgeDst[e]!]!;
  }
  return { graph, total, role, fingerprintValues: values, fingerprintNode, owner, actor };
}

/** Calls `visit(u, v)` for every edge of the ring graph (both ends participate). */
export function forEachRingEdge(view: RingGraphView, visit: (u: number, v: number) => void): void {
  const { graph, role } = view;
  for (let e = 0; e < graph.edgeCount; e++) {
    const u = graph.edgeSrc[e]!;
    const v = graph.edgeDst[e]!;
    if (role[u] !== ROLE_NONE && role[v] !== ROLE_NONE) visit(u, v);
  }
  const listings = graph.fingerprints.listing;
  for (let i = 0; i < listings.length; i++) visit(listings[i]!, view.fingerprintNode[i]!);
}

/** The member account a ring-graph node stands for (members themselves, connectors their shop). */
const accountOf = (view: RingGraphView, v: number): number =>
  view.role[v] === ROLE_MEMBER ? v : view.role[v] === ROLE_CONNECTOR ? view.owner[v]! : 0;

/** How many distinct member accounts each identifier touches (directly or through a listing or order). */
export function identifierDegrees(view: RingGraphView): Int32Array {
  // (identifier, account) pairs in two typed arrays, grouped by identifier with a counting
  // sort, then distinct accounts counted with a stamp array: linear, no per-node objects.
  const pairId: number[] = [];
  const pairAcct: number[] = [];
  forEachRingEdge(view, (u, v) => {
    if (view.role[u] === ROLE_IDENTIFIER) {
      const a = accountOf(view, v);
      if (a !== 0) {
        pairId.push(u);
        pairAcct.push(a);
      }
    }
    if (view.role[v] === ROLE_IDENTIFIER) {
      const a = accountOf(view, u);
      if (a !== 0) {
        pairId.push(v);
        pairAcct.push(a);
      }
    }
  });
  const start = new Int32Array(view.total + 1);
  for (const id of pairId) start[id + 1]!++;
  for (let i = 0; i < view.total; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, view.total);
  const accts = new Int32Array(pairId.length);
  for (let k = 0; k < pairId.length; k++) accts[fill[pairId[k]!]!++] = pairAcct[k]!;
  const degree = new Int32Array(view.total);
  const stamp = new Int32Array(view.graph.size).fill(-1);
  for (let id = 0; id < view.total; id++) {
    let n = 0;
    for (let k = start[id]!; k < start[id + 1]!; k++) {
      const a = accts[k]!;
      if (stamp[a] !== id) {
        stamp[a] = id;
        n++;
      }
    }
    degree[id] = n;
  }
  return degree;
}

export function dataDrivenThreshold(
  degree: Int32Array,
  role: Uint8Array,
  settings: RingSettings,
): number {
  if (settings.hubThreshold !== undefined) return settings.hubThreshold;
  const values: number[] = [];
  for (let v = 0; v < degree.length; v++)
    if (role[v] === ROLE_IDENTIFIER && degree[v]! > 0) values.push(degree[v]!);
  values.sort((a, b) => a - b);
  const p99 = values.length
    ? values[Math.min(values.length - 1, Math.floor(values.length * 0.99))]!
    : 1;
  return Math.max(settings.minHubThreshold, Math.ceil(settings.hubPercentileFactor * p99));
}

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller index becomes the root: components are named deterministically.
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

export interface DetectedHub {
  readonly node: number;
  readonly degree: number;
  readonly reason: 'threshold' | 'warning-list';
  readonly detail: string;
}

export interface DetectedRing {
  /** Member accounts (sellers and shops), sorted node ids. */
  readonly members: readonly number[];
  /** Identifiers that tie two or more of the ring's actors together, sorted. */
  readonly identifiers: readonly number[];
  readonly community: { componentSize: number; modularity: number } | null;
}

export interface Detection {
  readonly view: RingGraphView;
  readonly threshold: number;
  readonly hubs: readonly DetectedHub[];
  readonly rings: readonly DetectedRing[];
}

export function detectRings(
  view: RingGraphView,
  settings: RingSettings,
  warned: ReadonlyMap<number, string>,
): Detection {
  const degree = identifierDegrees(view);
  const threshold = dataDrivenThreshold(degree, view.role, settings);
  const suppressed = new Uint8Array(view.total);
  const hubs: DetectedHub[] = [];
  for (let v = 0; v < view.total; v++) {
    if (view.role[v] !== ROLE_IDENTIFIER) continue;
    const warning = warned.get(v);
    if (warning !== undefined) {
      suppressed[v] = 1;
      hubs.push({ node: v, degree: degree[v]!, reason: 'warning-list', detail: warning });
    } else if (degree[v]! > threshold) {
      suppressed[v] = 1;
      hubs.push({
        node: v,
        degree: degree[v]!,
        reason: 'threshold',
        detail: `touches ${degree[v]} accounts; the hub threshold is ${threshold}`,
      });
    }
  }

  const uf = new UnionFind(view.total);
  forEachRingEdge(view, (u, v) => {
    if (!suppressed[u] && !suppressed[v]) uf.union(u, v);
  });
  const components = new Map<number, number[]>();
  for (let v = 1; v < view.graph.size; v++) {
    if (view.role[v] !== ROLE_MEMBER) continue;
    const r = uf.find(v);
    let list = components.get(r);
    if (!list) components.set(r, (list = []));
    list.push(v);
  }

  const found: { members: number[]; community: DetectedRing['community'] }[] = [];
  const roots = [...components.keys()].sort((a, b) => a - b);
  for (const root of roots) {
    const members = components.get(root)!;
    if (!isRing(view, members)) continue;
    if (members.length <= settings.maxRingSize) {
      found.push({ members, community: null });
      continue;
    }
    for (const community of splitComponent(view, uf, root, suppressed, settings)) {
      if (isRing(view, community.members)) found.push(community);
    }
  }
  const identifiers = sharedIdentifiersOfRings(
    view,
    found.map((r) => r.members),
    suppressed,
  );
  const rings: DetectedRing[] = found.map((r, i) => ({
    members: r.members,
    identifiers: identifiers[i]!,
    community: r.community,
  }));
  return { view, threshold, hubs, rings };
}

function isRing(view: RingGraphView, members: readonly number[]): boolean {
  let shops = 0;
  const actors = new Set<number>();
  for (const m of members) {
    if (typeOf(view.graph, m) === 'shop') shops++;
    actors.add(view.actor[m]!);
  }
  return shops >= 2 || actors.size >= 2;
}

/**
 * For every ring at once (one pass over the edges): the identifiers, not suppressed, that
 * tie at least two distinct actors of that ring together.
 */
function sharedIdentifiersOfRings(
  view: RingGraphView,
  rings: readonly (readonly number[])[],
  suppressed: Uint8Array,
): number[][] {
  const ringOf = new Int32Array(view.graph.size).fill(-1);
  rings.forEach((members, i) => {
    for (const m of members) ringOf[m] = i;
  });
  // (ring, identifier) -> actors; keyed by a number so no string keys are built per edge.
  const actorsOf = new Map<number, Set<number>>();
  const pairKey = (ring: number, id: number) => ring * view.total + id;
  const note = (id: number, acct: number) => {
    if (acct === 0 || ringOf[acct]! < 0) return;
    const k = pairKey(ringOf[acct]!, id);
    let set = actorsOf.get(k);
    if (!set) actorsOf.set(k, (set = new Set()));
    set.add(view.actor[acct]!);
  };
  const chains: [number, number][] = [];
  forEachRingEdge(view, (u, v) => {
    const iu = view.role[u] === ROLE_IDENTIFIER && !suppressed[u];
    const iv = view.role[v] === ROLE_IDENTIFIER && !suppressed[v];
    if (iu && iv) chains.push([u, v]);
    else if (iu) note(u, accountOf(view, v));
    else if (iv) note(v, accountOf(view, u));
  });
  // One hop along identifier chains: an identifier no account touches directly (a bank
  // account behind payment accounts) is shared by the actors of the identifiers it hangs
  // off, and counts only where two or more such identifiers meet in it.
  const direct = new Map(actorsOf);
  const ringsOfIdentifier = new Map<number, number[]>();
  for (const k of direct.keys()) {
    const id = k % view.total;
    const list = ringsOfIdentifier.get(id) ?? [];
    list.push(Math.floor(k / view.total));
    ringsOfIdentifier.set(id, list);
  }
  const upstream = new Map<number, Set<number>>();
  for (const [u, v] of chains) {
    for (const [a, b] of [
      [u, v],
      [v, u],
    ] as const) {
      for (const ring of ringsOfIdentifier.get(a) ?? []) {
        const kb = pairKey(ring, b);
        if (direct.has(kb)) continue;
        let up = upstream.get(kb);
        if (!up) upstream.set(kb, (up = new Set()));
        up.add(a);
        let set = actorsOf.get(kb);
        if (!set) actorsOf.set(kb, (set = new Set()));
        for (const x of direct.get(pairKey(ring, a))!) set.add(x);
      }
    }
  }
  const out: number[][] = rings.map(() => []);
  for (const [k, set] of actorsOf) {
    if (set.size < 2 || (!direct.has(k) && (upstream.get(k)?.size ?? 0) < 2)) continue;
    out[Math.floor(k / view.total)]!.push(k % view.total);
  }
  for (const list of out) list.sort((a, b) => a - b);
  return out;
}

function splitComponent(
  view: RingGraphView,
  uf: UnionFind,
  root: number,
  suppressed: Uint8Array,
  settings: RingSettings,
): { members: number[]; community: { componentSize: number; modularity: number } }[] {
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const inComponent = (v: number) => !suppressed[v] && uf.find(v) === root;
  const nodes: number[] = [];
  for (let v = 0; v < view.total; v++)
    if (view.role[v] !== ROLE_NONE && inComponent(v)) nodes.push(v);
  for (const v of nodes) g.addNode(String(v));
  forEachRingEdge(view, (u, v) => {
    if (u !== v && inComponent(u) && inComponent(v)) g.mergeEdge(String(u), String(v));
  });
  const result = louvain.detailed(g, {
    rng: rngFor(settings.seed, 'louvain', root),
    resolution: settings.louvainResolution,
  });
  const byCommunity = new Map<number, number[]>();
  for (const v of nodes) {
    if (view.role[v] !== ROLE_MEMBER) continue;
    const c = result.communities[String(v)]!;
    let list = byCommunity.get(c);
    if (!list) byCommunity.set(c, (list = []));
    list.push(v);
  }
  const componentSize = nodes.filter((v) => view.role[v] === ROLE_MEMBER).length;
  return [...byCommunity.values()]
    .map((members) => members.sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!)
    .map((members) => ({ members, community: { componentSize, modularity: result.modularity } }));
}
