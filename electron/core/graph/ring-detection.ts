/**
 * Ring detection: pure functions over the link graph.
 *
 * Traversal rules (the one place they are defined):
 * - Member accounts are the analysis profile's member types (profiles.ts): sellers and shops
 *   for marketplace data, companies and people for corporate data. Listings and orders are
 *   connectors: they belong to one shop (`lists`, and `bought` for orders) and carry that
 *   shop's shipping origins, payment accounts and product photos.
 * - A link between two members other than `operates` (ownership, directorship, payment,
 *   `related`) is a direct tie.
 * - Linking identifiers (ENTITY_INFO[type].linking: payment and bank accounts, warehouses,
 *   devices, phones, e-mails, IP addresses, people, companies) and listing image
 *   fingerprints (virtual nodes, one per distinct perceptual hash) tie members together.
 * - Every other entity (leads, complaints, complainants, brands, IP rights, evidence) is
 *   outside the ring graph: a complaint or a lead never makes two shops one ring.
 * - Hubs are suppressed before components are formed: an identifier touching more member
 *   accounts than its type's threshold (hub-rules.ts), a member directly linked to more
 *   members than its type's threshold, anything on a warning list and anything the
 *   investigator marked as a hub carries no edges.
 * - A ring is a connected component with at least two shops or two actors; a component
 *   larger than `maxRingSize` is split into Louvain communities (seeded), every community
 *   into its connected parts, and any part still too large again, until every part fits
 *   or no split is possible (then it is reported oversized, with the reason).
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { ENTITY_INFO, ENTITY_TYPES, type EntityType } from '../../../shared/domain/entity-types';
import type {
  AnalysisProfile,
  HubThresholdOfType,
  RingSettings,
} from '../../../shared/analysis/schemas';
import { rngFor } from '../util/random';
import { fingerprintIndex, LINK_INDEX, typeOf, type LinkGraph } from './link-graph';
import { PROFILE_TYPES } from './profiles';
import { explainThresholdHub, hubThresholdOfType } from './hub-rules';

export const ROLE_NONE = 0;
export const ROLE_MEMBER = 1;
export const ROLE_CONNECTOR = 2;
export const ROLE_IDENTIFIER = 3;

function rolesOf(profile: AnalysisProfile): Uint8Array {
  const { members, connectors } = PROFILE_TYPES[profile];
  return new Uint8Array(
    ENTITY_TYPES.map((t) =>
      members.includes(t)
        ? ROLE_MEMBER
        : connectors.includes(t)
          ? ROLE_CONNECTOR
          : ENTITY_INFO[t].linking
            ? ROLE_IDENTIFIER
            : ROLE_NONE,
    ),
  );
}

const OPERATES = LINK_INDEX.get('operates')!;
const OWNS = LINK_INDEX.get('owns')!;
const LISTS = LINK_INDEX.get('lists')!;
const BOUGHT = LINK_INDEX.get('bought')!;
const SHOP = ENTITY_TYPES.indexOf('shop');
const SELLER = ENTITY_TYPES.indexOf('seller');

export interface RingGraphView {
  readonly graph: LinkGraph;
  readonly profile: AnalysisProfile;
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

export function ringGraphView(
  graph: LinkGraph,
  profile: AnalysisProfile = 'marketplace',
): RingGraphView {
  const { size } = graph;
  const ROLE_BY_TYPE = rolesOf(profile);
  const { distinct: values, valueIndex } =
    graph.fingerprints.distinct && graph.fingerprints.valueIndex
      ? { distinct: graph.fingerprints.distinct, valueIndex: graph.fingerprints.valueIndex }
      : fingerprintIndex(graph.fingerprints.value);
  const total = size + values.length;
  const role = new Uint8Array(total);
  for (let v = 1; v < size; v++)
    role[v] = graph.nodeType[v] === 255 ? ROLE_NONE : ROLE_BY_TYPE[graph.nodeType[v]!]!;
  for (let k = size; k < total; k++) role[k] = ROLE_IDENTIFIER;
  const fingerprintNode = new Int32Array(valueIndex.length);
  for (let i = 0; i < valueIndex.length; i++) fingerprintNode[i] = size + valueIndex[i]!;

  const owner = new Int32Array(size);
  const actor = new Int32Array(size);
  for (let v = 1; v < size; v++) if (role[v] === ROLE_MEMBER) actor[v] = v;
  // Listings and shop actors first, then orders through their listing (type indices
  // compared, not names: this runs once per link).
  const { edgeSrc, edgeDst, edgeType, nodeType } = graph;
  for (let e = 0; e < graph.edgeCount; e++) {
    const t = edgeType[e]!;
    const s = edgeSrc[e]!;
    const d = edgeDst[e]!;
    if (t === LISTS && nodeType[s] === SHOP && owner[d] === 0) owner[d] = s;
    if (t === OPERATES && nodeType[s] === SELLER && nodeType[d] === SHOP)
      actor[d] = Math.min(actor[d] === d ? s : actor[d]!, s);
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    if (edgeType[e] === BOUGHT && owner[edgeSrc[e]!] === 0)
      owner[edgeSrc[e]!] = owner[edgeDst[e]!]!;
  }
  return { graph, profile, total, role, fingerprintValues: values, fingerprintNode, owner, actor };
}

/**
 * Calls `visit(u, v, e)` for every edge of the ring graph (both ends participate); `e` is the
 * edge index, or -1 for a listing's product-photo fingerprint.
 */
export function forEachRingEdge(
  view: RingGraphView,
  visit: (u: number, v: number, e: number) => void,
): void {
  const { graph, role } = view;
  for (let e = 0; e < graph.edgeCount; e++) {
    const u = graph.edgeSrc[e]!;
    const v = graph.edgeDst[e]!;
    if (role[u] !== ROLE_NONE && role[v] !== ROLE_NONE) visit(u, v, e);
  }
  const listings = graph.fingerprints.listing;
  for (let i = 0; i < listings.length; i++) visit(listings[i]!, view.fingerprintNode[i]!, -1);
}

/** A direct tie: an edge between two member accounts that are not one actor (`operates`). */
export const isDirectTie = (view: RingGraphView, u: number, v: number, e: number): boolean =>
  e >= 0 &&
  u !== v &&
  view.role[u] === ROLE_MEMBER &&
  view.role[v] === ROLE_MEMBER &&
  view.graph.edgeType[e] !== OPERATES;

/**
 * How many distinct member accounts each identifier touches (directly or through a listing
 * or order), and for a member, how many other members it is tied to directly.
 */
export function identifierDegrees(view: RingGraphView): Int32Array {
  // (identifier, account) pairs in two typed arrays, grouped by identifier with a counting
  // sort, then distinct accounts counted with a stamp array: linear, no per-node objects.
  // At most two pairs per edge or fingerprint pair: preallocated, no growing arrays.
  const capacity = 2 * (view.graph.edgeCount + view.fingerprintNode.length);
  const pairId = new Int32Array(capacity);
  const pairAcct = new Int32Array(capacity);
  let pairs = 0;
  // The ring-graph edges walked inline (no callback per edge): this runs once per link.
  const { role, owner } = view;
  const { edgeSrc, edgeDst, edgeType, edgeCount } = view.graph;
  const accountOf = (x: number) =>
    role[x] === ROLE_MEMBER ? x : role[x] === ROLE_CONNECTOR ? owner[x]! : 0;
  const visit = (u: number, v: number, e: number) => {
    if (e >= 0 && u !== v && role[u] === ROLE_MEMBER && role[v] === ROLE_MEMBER) {
      const t = edgeType[e]!;
      if (t !== OPERATES) {
        // Ownership is control, not circumstance: a person owning 141 companies is one
        // operation, so ownership never makes its owner a hub (an investigator can still
        // mark a nominee shareholder as one). Every other direct tie counts.
        if (t !== OWNS) {
          pairId[pairs] = u;
          pairAcct[pairs++] = v;
          pairId[pairs] = v;
          pairAcct[pairs++] = u;
        }
        return;
      }
    }
    if (role[u] === ROLE_IDENTIFIER) {
      const a = accountOf(v);
      if (a !== 0) {
        pairId[pairs] = u;
        pairAcct[pairs++] = a;
      }
    }
    if (role[v] === ROLE_IDENTIFIER) {
      const a = accountOf(u);
      if (a !== 0) {
        pairId[pairs] = v;
        pairAcct[pairs++] = a;
      }
    }
  };
  for (let e = 0; e < edgeCount; e++) {
    const u = edgeSrc[e]!;
    const v = edgeDst[e]!;
    if (role[u] !== ROLE_NONE && role[v] !== ROLE_NONE) visit(u, v, e);
  }
  const listings = view.graph.fingerprints.listing;
  for (let i = 0; i < listings.length; i++) visit(listings[i]!, view.fingerprintNode[i]!, -1);
  const start = new Int32Array(view.total + 1);
  for (let k = 0; k < pairs; k++) start[pairId[k]! + 1]!++;
  for (let i = 0; i < view.total; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, view.total);
  const accts = new Int32Array(pairs);
  for (let k = 0; k < pairs; k++) accts[fill[pairId[k]!]!++] = pairAcct[k]!;
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

/** The type a node's hub statistic is grouped by (product photos are one type). */
export const hubTypeOf = (view: RingGraphView, v: number): string =>
  v >= view.graph.size ? 'image_fingerprint' : (typeOf(view.graph, v) ?? 'thing');

const PLURAL_LABELS: Readonly<Record<string, string>> = {
  image_fingerprint: 'product photos',
  warehouse: 'addresses (warehouses, shipping origins)',
  person: 'people',
  company: 'companies',
  device: 'devices',
  phone: 'phones',
  email: 'e-mail addresses',
  ip_address: 'IP addresses',
  payment_account: 'payment accounts',
  bank_account: 'bank accounts',
  seller: 'seller accounts',
  shop: 'shops',
};
export const hubTypeLabel = (type: string): string =>
  PLURAL_LABELS[type] ?? `${(ENTITY_INFO[type as EntityType]?.label ?? type).toLowerCase()}s`;

/** Nodes that can tie members together: identifiers, and members with direct ties. */
const canTie = (view: RingGraphView, degree: Int32Array, v: number) =>
  view.role[v] === ROLE_IDENTIFIER || (view.role[v] === ROLE_MEMBER && degree[v]! > 0);

export function memberAccountCount(view: RingGraphView): number {
  let n = 0;
  for (let v = 1; v < view.graph.size; v++) if (view.role[v] === ROLE_MEMBER) n++;
  return n;
}

/**
 * The hub-statistic type of every node as a small group number, and the groups' names: one
 * string per type, not one per node (node types are 0..254, 255 unknown, 256 a product photo).
 */
function hubTypeGroups(view: RingGraphView): { groupOf: (v: number) => number; names: string[] } {
  const names: string[] = [];
  const groupOfName = new Map<string, number>();
  const groupOfIndex = new Int32Array(257);
  for (let i = 0; i < 257; i++) {
    const name = i === 256 ? 'image_fingerprint' : (ENTITY_TYPES[i] ?? 'thing');
    let g = groupOfName.get(name);
    if (g === undefined) {
      groupOfName.set(name, (g = names.length));
      names.push(name);
    }
    groupOfIndex[i] = g;
  }
  const { size, nodeType } = view.graph;
  return { groupOf: (v) => groupOfIndex[v >= size ? 256 : nodeType[v]!]!, names };
}

/** The hub threshold of every type that has identifiers touching an account, sorted by type. */
export function hubThresholds(
  view: RingGraphView,
  degree: Int32Array,
  settings: RingSettings,
  memberAccounts = memberAccountCount(view),
): Map<string, HubThresholdOfType> {
  const { groupOf, names } = hubTypeGroups(view);
  const byGroup: (number[] | undefined)[] = names.map(() => undefined);
  for (let v = 1; v < view.total; v++) {
    if (degree[v]! === 0 || !canTie(view, degree, v)) continue;
    const g = groupOf(v);
    (byGroup[g] ??= []).push(degree[v]!);
  }
  const present = names.map((t, g) => [t, byGroup[g]] as const).filter(([, list]) => list);
  return new Map(
    present
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([t, list]) => [
        t,
        hubThresholdOfType(t, hubTypeLabel(t), list!, memberAccounts, settings),
      ]),
  );
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
  readonly reason: 'threshold' | 'warning-list' | 'override';
  readonly detail: string;
  readonly threshold?: number;
}

/** The investigator's decision on one identifier: always a hub, or never a hub by the numbers. */
export interface HubOverride {
  readonly decision: 'hub' | 'not-hub';
  readonly reason: string;
}

export interface DetectedRing {
  /** Member accounts (sellers and shops), sorted node ids. */
  readonly members: readonly number[];
  /** Identifiers that tie two or more of the ring's actors together, sorted. */
  readonly identifiers: readonly number[];
  readonly community: { componentSize: number; modularity: number } | null;
  /** Set when the ring is larger than maxRingSize and could not be split: why. */
  readonly oversized: string | null;
}

export interface Detection {
  readonly view: RingGraphView;
  /** The lowest per-type threshold in force (or the fixed one). */
  readonly threshold: number;
  readonly thresholds: ReadonlyMap<string, HubThresholdOfType>;
  readonly memberAccounts: number;
  readonly hubs: readonly DetectedHub[];
  readonly rings: readonly DetectedRing[];
}

export function detectRings(
  view: RingGraphView,
  settings: RingSettings,
  warned: ReadonlyMap<number, string>,
  overrides: ReadonlyMap<number, HubOverride> = new Map(),
  /** Issue 19 hook: confirmed identity matches (identity/ring-ties.ts), joined like shared identifiers. */
  identityTies: readonly (readonly [number, number])[] = [],
  /** identifierDegrees(view), when the caller has it already. */
  degree: Int32Array = identifierDegrees(view),
): Detection {
  const memberAccounts = memberAccountCount(view);
  const thresholds = hubThresholds(view, degree, settings, memberAccounts);
  const threshold = thresholds.size
    ? Math.min(...[...thresholds.values()].map((t) => t.threshold))
    : (settings.hubThreshold ?? settings.minHubThreshold);
  const { groupOf, names } = hubTypeGroups(view);
  const thresholdOfGroup = names.map((t) => thresholds.get(t));
  const suppressed = new Uint8Array(view.total);
  const hubs: DetectedHub[] = [];
  for (let v = 1; v < view.total; v++) {
    if (!canTie(view, degree, v)) continue;
    // Most nodes have neither: skip the lookups when the maps are empty.
    const override = overrides.size ? overrides.get(v) : undefined;
    const warning = warned.size ? warned.get(v) : undefined;
    const t = thresholdOfGroup[groupOf(v)];
    if (override?.decision === 'hub') {
      suppressed[v] = 1;
      hubs.push({
        node: v,
        degree: degree[v]!,
        reason: 'override',
        detail: `Marked as a hub by the investigator: ${override.reason}`,
      });
    } else if (override?.decision === 'not-hub') {
      continue;
    } else if (warning !== undefined) {
      suppressed[v] = 1;
      hubs.push({ node: v, degree: degree[v]!, reason: 'warning-list', detail: warning });
    } else if (t && degree[v]! > t.threshold) {
      suppressed[v] = 1;
      hubs.push({
        node: v,
        degree: degree[v]!,
        reason: 'threshold',
        threshold: t.threshold,
        detail: explainThresholdHub(
          degree[v]!,
          memberAccounts,
          t,
          settings,
          view.role[v] === ROLE_MEMBER,
        ),
      });
    }
  }

  const uf = new UnionFind(view.total);
  forEachRingEdge(view, (u, v) => {
    if (!suppressed[u] && !suppressed[v]) uf.union(u, v);
  });
  // Issue 19 hook: a confirmed match ties its two identifiers (never through a suppressed hub).
  for (const [u, v] of identityTies) if (!suppressed[u] && !suppressed[v]) uf.union(u, v);
  // Member accounts grouped by component root with a counting pass. A lone account is never
  // a ring (it has one shop and one actor), so only components of two or more get a list.
  const size = view.graph.size;
  const rootOf = new Int32Array(size);
  const count = new Int32Array(view.total);
  for (let v = 1; v < size; v++) {
    if (view.role[v] !== ROLE_MEMBER) continue;
    const r = uf.find(v);
    rootOf[v] = r;
    count[r]!++;
  }
  const components = new Map<number, number[]>();
  for (let r = 0; r < view.total; r++) if (count[r]! >= 2) components.set(r, []);
  for (let v = 1; v < size; v++)
    if (view.role[v] === ROLE_MEMBER && count[rootOf[v]!]! >= 2)
      components.get(rootOf[v]!)!.push(v);

  const found: Omit<DetectedRing, 'identifiers'>[] = [];
  const roots = [...components.keys()].sort((a, b) => a - b);
  // The nodes of every too-large component, gathered in one pass (not one pass per component).
  const nodesOfRoot = new Map<number, number[]>();
  for (const root of roots)
    if (components.get(root)!.length > settings.maxRingSize) nodesOfRoot.set(root, []);
  if (nodesOfRoot.size > 0)
    for (let v = 1; v < view.total; v++)
      if (view.role[v] !== ROLE_NONE && !suppressed[v]) nodesOfRoot.get(uf.find(v))?.push(v);
  for (const root of roots) {
    const members = components.get(root)!;
    if (!isRing(view, members)) continue;
    if (members.length <= settings.maxRingSize) {
      found.push({ members, community: null, oversized: null });
      continue;
    }
    const nodes = nodesOfRoot.get(root)!;
    for (const part of splitUntilFits(view, nodes, suppressed, settings, [root], members.length))
      if (isRing(view, part.members)) found.push(part);
  }
  const identifiers = sharedIdentifiersOfRings(
    view,
    found.map((r) => r.members),
    suppressed,
  );
  const rings: DetectedRing[] = found.map((r, i) => ({ ...r, identifiers: identifiers[i]! }));
  return { view, threshold, thresholds, memberAccounts, hubs, rings };
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
 *
 * Typed arrays throughout: every (identifier, ring, actor) sighting is kept in three flat
 * arrays, grouped by identifier and, within it, by ring with two stable counting sorts, and
 * distinct actors are counted with a stamp array. No per-pair Set is built except for the
 * few identifier chains (identifiers linked to identifiers).
 */
function sharedIdentifiersOfRings(
  view: RingGraphView,
  rings: readonly (readonly number[])[],
  suppressed: Uint8Array,
): number[][] {
  const { graph, role, total, actor } = view;
  const ringOf = new Int32Array(graph.size).fill(-1);
  rings.forEach((members, i) => {
    for (const m of members) ringOf[m] = i;
  });
  const capacity = graph.edgeCount + view.fingerprintNode.length;
  const seenId = new Int32Array(capacity);
  const seenRing = new Int32Array(capacity);
  const seenActor = new Int32Array(capacity);
  let seen = 0;
  const chainA: number[] = [];
  const chainB: number[] = [];
  const note = (id: number, other: number) => {
    const acct =
      role[other] === ROLE_MEMBER ? other : role[other] === ROLE_CONNECTOR ? view.owner[other]! : 0;
    if (acct === 0 || ringOf[acct]! < 0) return;
    seenId[seen] = id;
    seenRing[seen] = ringOf[acct]!;
    seenActor[seen++] = actor[acct]!;
  };
  const visit = (u: number, v: number) => {
    const iu = role[u] === ROLE_IDENTIFIER && !suppressed[u];
    const iv = role[v] === ROLE_IDENTIFIER && !suppressed[v];
    if (iu && iv) {
      chainA.push(u);
      chainB.push(v);
    } else if (iu) note(u, v);
    else if (iv) note(v, u);
  };
  const { edgeSrc, edgeDst, edgeCount } = graph;
  for (let e = 0; e < edgeCount; e++) {
    const u = edgeSrc[e]!;
    const v = edgeDst[e]!;
    if (role[u] !== ROLE_NONE && role[v] !== ROLE_NONE) visit(u, v);
  }
  const listings = graph.fingerprints.listing;
  for (let i = 0; i < listings.length; i++) visit(listings[i]!, view.fingerprintNode[i]!);

  // Stable counting sort by ring, then by identifier: sightings grouped by identifier,
  // ordered by ring within it.
  const byRing = countingOrder(seenRing, seen, rings.length);
  const ids = new Int32Array(seen);
  for (let k = 0; k < seen; k++) ids[k] = seenId[byRing[k]!]!;
  const byIdOfByRing = countingOrder(ids, seen, total);
  const order = new Int32Array(seen);
  for (let k = 0; k < seen; k++) order[k] = byRing[byIdOfByRing[k]!]!;

  // Runs of one (identifier, ring): where they start, and their distinct actors.
  const runStart: number[] = [];
  const runDistinct: number[] = [];
  const firstRunOf = new Int32Array(total + 1).fill(-1);
  const stamp = new Int32Array(graph.size).fill(-1);
  for (let k = 0; k < seen; k++) {
    const s = order[k]!;
    const prev = k > 0 ? order[k - 1]! : -1;
    if (prev < 0 || seenId[prev] !== seenId[s] || seenRing[prev] !== seenRing[s]) {
      if (firstRunOf[seenId[s]!] === -1) firstRunOf[seenId[s]!] = runStart.length;
      runStart.push(k);
      runDistinct.push(0);
    }
    const r = runStart.length - 1;
    if (stamp[seenActor[s]!] !== r) {
      stamp[seenActor[s]!] = r;
      runDistinct[r]!++;
    }
  }
  const runs = runStart.length;
  runStart.push(seen);
  const runId = (r: number) => seenId[order[runStart[r]!]!]!;
  const runRing = (r: number) => seenRing[order[runStart[r]!]!]!;
  // The runs of identifier `id` are firstRunOf[id] .. runEndOf[id] - 1, ordered by ring.
  const runEndOf = new Int32Array(total);
  for (let r = 0; r < runs; r++) runEndOf[runId(r)] = r + 1;
  const isDirect = (ring: number, id: number) => {
    let lo = firstRunOf[id]!;
    if (lo < 0) return false;
    let hi = runEndOf[id]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = runRing(mid);
      if (x === ring) return true;
      if (x < ring) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };

  // One hop along identifier chains: an identifier no account touches directly (a bank
  // account behind payment accounts) is shared by the actors of the identifiers it hangs
  // off, and counts only where two or more such identifiers meet in it.
  const upstream = new Map<
    number,
    { ring: number; id: number; ups: Set<number>; actors: Set<number> }
  >();
  const hop = (a: number, b: number) => {
    const first = firstRunOf[a]!;
    if (first < 0) return;
    for (let r = first; r < runEndOf[a]!; r++) {
      const ring = runRing(r);
      if (isDirect(ring, b)) continue;
      const kb = ring * total + b;
      let entry = upstream.get(kb);
      if (!entry) upstream.set(kb, (entry = { ring, id: b, ups: new Set(), actors: new Set() }));
      entry.ups.add(a);
      for (let k = runStart[r]!; k < runStart[r + 1]!; k++) entry.actors.add(seenActor[order[k]!]!);
    }
  };
  for (let c = 0; c < chainA.length; c++) {
    hop(chainA[c]!, chainB[c]!);
    hop(chainB[c]!, chainA[c]!);
  }
  const out: number[][] = rings.map(() => []);
  for (let r = 0; r < runs; r++) if (runDistinct[r]! >= 2) out[runRing(r)]!.push(runId(r));
  for (const { ring, id, ups, actors } of upstream.values())
    if (actors.size >= 2 && ups.size >= 2) out[ring]!.push(id);
  for (const list of out) list.sort((a, b) => a - b);
  return out;
}

/** Positions 0..n-1 stably ordered by `keys[i]` (each in 0..range-1): a counting sort. */
function countingOrder(keys: Int32Array, n: number, range: number): Int32Array {
  const start = new Int32Array(range + 1);
  for (let k = 0; k < n; k++) start[keys[k]! + 1]!++;
  for (let i = 0; i < range; i++) start[i + 1]! += start[i]!;
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[start[keys[k]!]!++] = k;
  return order;
}

/** Deeper than this, a part that still does not fit is reported oversized. */
const MAX_SPLIT_DEPTH = 8;

/** Adjacency of the ring graph restricted to `nodes` (suppressed nodes excluded), deduplicated. */
function inducedAdjacency(
  view: RingGraphView,
  nodes: readonly number[],
  suppressed: Uint8Array,
): Map<number, number[]> {
  const inSet = new Set(nodes);
  const adj = new Map<number, Set<number>>(nodes.map((v) => [v, new Set()]));
  forEachRingEdge(view, (u, v) => {
    if (u === v || suppressed[u] || suppressed[v] || !inSet.has(u) || !inSet.has(v)) return;
    adj.get(u)!.add(v);
    adj.get(v)!.add(u);
  });
  return new Map([...adj].map(([v, s]) => [v, [...s].sort((a, b) => a - b)]));
}

/** Connected parts of the subgraph on `nodes`, each as its sorted node list. */
function connectedParts(adj: ReadonlyMap<number, readonly number[]>, nodes: readonly number[]) {
  const inSet = new Set(nodes);
  const seen = new Set<number>();
  const parts: number[][] = [];
  for (const start of [...nodes].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const part = [start];
    seen.add(start);
    for (let i = 0; i < part.length; i++)
      for (const w of adj.get(part[i]!) ?? [])
        if (inSet.has(w) && !seen.has(w)) {
          seen.add(w);
          part.push(w);
        }
    parts.push(part.sort((a, b) => a - b));
  }
  return parts;
}

/**
 * Splits one too-large connected component: Louvain communities (seeded by the path of
 * splits so far), each community into its connected parts (Louvain can return internally
 * disconnected communities), and any part still over maxRingSize again, recursively.
 */
function splitUntilFits(
  view: RingGraphView,
  nodes: readonly number[],
  suppressed: Uint8Array,
  settings: RingSettings,
  path: readonly number[],
  componentSize: number,
  resolution = settings.louvainResolution,
): Omit<DetectedRing, 'identifiers'>[] {
  const membersOf = (part: readonly number[]) =>
    part.filter((v) => view.role[v] === ROLE_MEMBER).sort((a, b) => a - b);
  const adj = inducedAdjacency(view, nodes, suppressed);
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const v of nodes) g.addNode(String(v));
  for (const [v, list] of adj) for (const w of list) if (v < w) g.addEdge(String(v), String(w));
  const result = louvain.detailed(g, {
    rng: rngFor(settings.seed, 'louvain', ...path),
    resolution,
  });
  const byCommunity = new Map<number, number[]>();
  for (const v of nodes) {
    const c = result.communities[String(v)]!;
    let list = byCommunity.get(c);
    if (!list) byCommunity.set(c, (list = []));
    list.push(v);
  }
  const parts = [...byCommunity.values()]
    .flatMap((community) => connectedParts(adj, community))
    .filter((part) => part.some((v) => view.role[v] === ROLE_MEMBER))
    .sort((a, b) => membersOf(a)[0]! - membersOf(b)[0]!);
  const community = { componentSize, modularity: result.modularity };
  const total = membersOf(nodes).length;
  const out: Omit<DetectedRing, 'identifiers'>[] = [];
  // One community: look for finer structure at a higher resolution before giving up, but
  // only take it where most members stay in rings (a star falls apart into lone accounts).
  let finer: Omit<DetectedRing, 'identifiers'>[] | null | undefined;
  const finerSplit = (part: readonly number[]) => {
    if (resolution >= settings.louvainResolution * 8) return null;
    const parts = splitUntilFits(
      view,
      part,
      suppressed,
      settings,
      path,
      componentSize,
      resolution * 2,
    );
    const kept = parts
      .filter((p) => isRing(view, p.members))
      .reduce((n, p) => n + p.members.length, 0);
    return kept * 2 >= membersOf(part).length ? parts.filter((p) => isRing(view, p.members)) : null;
  };
  parts.forEach((part, i) => {
    const members = membersOf(part);
    if (members.length <= settings.maxRingSize) {
      out.push({ members, community, oversized: null });
    } else if (members.length === total && (finer ??= finerSplit(part)) !== null) {
      out.push(...finer);
    } else if (members.length === total) {
      out.push({
        members,
        community,
        oversized: `oversized: could not be split. Its ${members.length} member accounts (limit ${settings.maxRingSize}) form one Louvain community (modularity ${result.modularity.toFixed(3)}), and at higher resolutions most of them fall away as lone accounts: the links give no finer structure to split on. Review its shared identifiers for a hub to suppress.`,
      });
    } else if (path.length >= MAX_SPLIT_DEPTH) {
      out.push({
        members,
        community,
        oversized: `oversized: could not be split. After ${MAX_SPLIT_DEPTH} rounds of community detection ${members.length} member accounts (limit ${settings.maxRingSize}) still hang together.`,
      });
    } else {
      out.push(...splitUntilFits(view, part, suppressed, settings, [...path, i], componentSize));
    }
  });
  return out;
}
