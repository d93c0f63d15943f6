/**
 * The case's link graph in memory: typed arrays in compressed sparse row form, built from
 * the store in one pass over `links`. Node indices are entity ids (SQLite's rowids are
 * dense), so no hash map is needed even at millions of nodes.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ENTITY_TYPES, type EntityType } from '../../../shared/domain/entity-types';
import { LINK_TYPES, type LinkType } from '../../../shared/domain/link-types';

export const TYPE_INDEX: ReadonlyMap<string, number> = new Map(ENTITY_TYPES.map((t, i) => [t, i]));
export const LINK_INDEX: ReadonlyMap<string, number> = new Map(LINK_TYPES.map((t, i) => [t, i]));
const NO_TYPE = 255;

export interface LinkGraph {
  /** Node count: entity ids run 1..size-1 (slot 0 unused). */
  readonly size: number;
  /** Entity type index per node (255: no entity with that id). */
  readonly nodeType: Uint8Array;
  readonly edgeCount: number;
  readonly edgeSrc: Int32Array;
  readonly edgeDst: Int32Array;
  readonly edgeType: Uint8Array;
  readonly edgeLinkId: Int32Array;
  /** CSR: the edges touching node v are adjEdge[adjStart[v] .. adjStart[v+1]). */
  readonly adjStart: Int32Array;
  readonly adjEdge: Int32Array;
  /** Listing image fingerprints (perceptual hashes), as (listing, fingerprint) pairs. */
  readonly fingerprints: { readonly listing: Int32Array; readonly value: readonly string[] };
  readonly maxEntityId: number;
  readonly maxLinkId: number;
}

export const typeOf = (g: LinkGraph, v: number): EntityType | undefined => ENTITY_TYPES[g.nodeType[v]!];
export const linkTypeOf = (g: LinkGraph, e: number): LinkType => LINK_TYPES[g.edgeType[e]!]!;
export const other = (g: LinkGraph, e: number, v: number): number => (g.edgeSrc[e] === v ? g.edgeDst[e]! : g.edgeSrc[e]!);

function buildAdjacency(size: number, src: Int32Array, dst: Int32Array, m: number): { adjStart: Int32Array; adjEdge: Int32Array } {
  const adjStart = new Int32Array(size + 1);
  for (let e = 0; e < m; e++) {
    adjStart[src[e]! + 1]!++;
    adjStart[dst[e]! + 1]!++;
  }
  for (let v = 0; v < size; v++) adjStart[v + 1]! += adjStart[v]!;
  const fill = adjStart.slice(0, size);
  const adjEdge = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    adjEdge[fill[src[e]!]!++] = e;
    adjEdge[fill[dst[e]!]!++] = e;
  }
  return { adjStart, adjEdge };
}

function grow<T extends Int32Array | Uint8Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/** Loads the whole graph, or only what is newer than `previous` (after an import). */
export function loadLinkGraph(db: Database, previous?: LinkGraph): LinkGraph {
  const afterEntity = previous?.maxEntityId ?? 0;
  const afterLink = previous?.maxLinkId ?? 0;
  const maxEntityId = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM entities').get() as { n: number }).n;
  const size = maxEntityId + 1;
  const nodeType = new Uint8Array(size).fill(NO_TYPE);
  if (previous) nodeType.set(previous.nodeType.subarray(0, Math.min(previous.size, size)));
  for (const [id, type] of db.prepare('SELECT id, type FROM entities WHERE id > ?').raw().iterate(afterEntity) as IterableIterator<[number, string]>) {
    nodeType[id] = TYPE_INDEX.get(type) ?? NO_TYPE;
  }

  const expected = (db.prepare('SELECT count(*) AS n FROM links WHERE id > ?').get(afterLink) as { n: number }).n;
  const base = previous?.edgeCount ?? 0;
  let edgeSrc = new Int32Array(base + expected);
  let edgeDst = new Int32Array(base + expected);
  let edgeType = new Uint8Array(base + expected);
  let edgeLinkId = new Int32Array(base + expected);
  if (previous) {
    edgeSrc.set(previous.edgeSrc.subarray(0, base));
    edgeDst.set(previous.edgeDst.subarray(0, base));
    edgeType.set(previous.edgeType.subarray(0, base));
    edgeLinkId.set(previous.edgeLinkId.subarray(0, base));
  }
  let m = base;
  let maxLinkId = afterLink;
  for (const [id, type, src, dst] of db.prepare('SELECT id, type, src, dst FROM links WHERE id > ? ORDER BY id').raw().iterate(afterLink) as IterableIterator<[number, string, number, number]>) {
    if (m >= edgeSrc.length) {
      edgeSrc = grow(edgeSrc, m + 1);
      edgeDst = grow(edgeDst, m + 1);
      edgeType = grow(edgeType, m + 1);
      edgeLinkId = grow(edgeLinkId, m + 1);
    }
    edgeSrc[m] = src;
    edgeDst[m] = dst;
    edgeType[m] = LINK_INDEX.get(type) ?? LINK_INDEX.get('related')!;
    edgeLinkId[m] = id;
    maxLinkId = id;
    m++;
  }

  const fpListing: number[] = previous ? Array.from(previous.fingerprints.listing) : [];
  const fpValue: string[] = previous ? [...previous.fingerprints.value] : [];
  for (const [id, value] of db
    .prepare(`SELECT e.id, j.value FROM entities e, json_each(e.props, '$.imageFingerprints') j WHERE e.type = 'listing' AND e.id > ? ORDER BY e.id, j.value`)
    .raw()
    .iterate(afterEntity) as IterableIterator<[number, string]>) {
    fpListing.push(id);
    fpValue.push(value);
  }

  const { adjStart, adjEdge } = buildAdjacency(size, edgeSrc, edgeDst, m);
  return {
    size,
    nodeType,
    edgeCount: m,
    edgeSrc: edgeSrc.subarray(0, m),
    edgeDst: edgeDst.subarray(0, m),
    edgeType: edgeType.subarray(0, m),
    edgeLinkId: edgeLinkId.subarray(0, m),
    adjStart,
    adjEdge,
    fingerprints: { listing: Int32Array.from(fpListing), value: fpValue },
    maxEntityId,
    maxLinkId,
  };
}

/** One graph per open store, refreshed incrementally when links or entities were added. */
const cache = new WeakMap<Database, LinkGraph>();
export function getLinkGraph(db: Database): LinkGraph {
  const cached = cache.get(db);
  const { e, l } = db.prepare('SELECT (SELECT coalesce(max(id), 0) FROM entities) AS e, (SELECT coalesce(max(id), 0) FROM links) AS l').get() as { e: number; l: number };
  if (cached && cached.maxEntityId === e && cached.maxLinkId === l) return cached;
  const graph = loadLinkGraph(db, cached && cached.maxEntityId <= e && cached.maxLinkId <= l ? cached : undefined);
  cache.set(db, graph);
  return graph;
}
