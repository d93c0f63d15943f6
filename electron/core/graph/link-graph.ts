/**
 * The case's link graph in memory: typed arrays in compressed sparse row form, built from
 * the store in one pass over `links`. Node indices are entity ids (SQLite's rowids are
 * dense), so no hash map is needed even at millions of nodes.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ENTITY_TYPES, type EntityType } from '../../../shared/domain/entity-types';
import { LINK_TYPES, type LinkType } from '../../../shared/domain/link-types';
import { graphGeneration, readGraphSnapshot, writeGraphSnapshot } from './graph-snapshot';
import { loadEntityFacts, type EntityFacts } from './entity-facts';
import { phaseClock, type PhaseTimes } from './phase-clock';

export const TYPE_INDEX: ReadonlyMap<string, number> = new Map(ENTITY_TYPES.map((t, i) => [t, i]));
export const LINK_INDEX: ReadonlyMap<string, number> = new Map(LINK_TYPES.map((t, i) => [t, i]));
const NO_TYPE = 255;

/** SQL turning `links.type` into its LINK_TYPES index (an unknown type counts as `related`). */
const LINK_TYPE_INDEX_SQL = `CASE type ${LINK_TYPES.map((t, i) => `WHEN '${t}' THEN ${i}`).join(' ')} ELSE ${LINK_TYPES.indexOf('related')} END`;

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
  readonly fingerprints: {
    readonly listing: Int32Array;
    readonly value: readonly string[];
    /**
     * The distinct values, sorted, and each pair's index into them: computed once per load
     * (and kept in the snapshot) so analysis does not sort a few hundred thousand strings.
     */
    readonly distinct?: readonly string[];
    readonly valueIndex?: Int32Array;
  };
  /** What scoring reads from entity properties (entity-facts.ts); absent only in hand-built graphs. */
  readonly facts?: EntityFacts;
  readonly maxEntityId: number;
  readonly maxLinkId: number;
}

export const typeOf = (g: LinkGraph, v: number): EntityType | undefined =>
  ENTITY_TYPES[g.nodeType[v]!];
export const linkTypeOf = (g: LinkGraph, e: number): LinkType => LINK_TYPES[g.edgeType[e]!]!;
export const other = (g: LinkGraph, e: number, v: number): number =>
  g.edgeSrc[e] === v ? g.edgeDst[e]! : g.edgeSrc[e]!;

function buildAdjacency(
  size: number,
  src: Int32Array,
  dst: Int32Array,
  m: number,
): { adjStart: Int32Array; adjEdge: Int32Array } {
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

/** The distinct fingerprint values, sorted, and the index of each pair's value among them. */
export function fingerprintIndex(values: readonly string[]): {
  distinct: string[];
  valueIndex: Int32Array;
} {
  const distinct = [...new Set(values)].sort();
  const at = new Map(distinct.map((v, i) => [v, i]));
  const valueIndex = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) valueIndex[i] = at.get(values[i]!)!;
  return { distinct, valueIndex };
}

/** The arrays a graph is made of; adjacency is derived from them. */
export type LinkGraphArrays = Omit<LinkGraph, 'adjStart' | 'adjEdge'>;

/**
 * Loads the whole graph, or only what is newer than `previous` (a snapshot, or the graph
 * before an import) on top of it. Both give the same arrays: edges in link-id order,
 * fingerprints in listing-id order.
 */
export function loadLinkGraph(db: Database, previous?: LinkGraphArrays): LinkGraph {
  const afterEntity = previous?.maxEntityId ?? 0;
  const afterLink = previous?.maxLinkId ?? 0;
  const maxEntityId = (
    db.prepare('SELECT coalesce(max(id), 0) AS n FROM entities').get() as { n: number }
  ).n;
  const size = maxEntityId + 1;
  const maxLinkNow = (
    db.prepare('SELECT coalesce(max(id), 0) AS n FROM links').get() as { n: number }
  ).n;
  // Nothing added since `previous` (a current snapshot): only the adjacency is derived.
  if (previous?.facts && maxEntityId === afterEntity && maxLinkNow === afterLink)
    return {
      ...previous,
      ...buildAdjacency(size, previous.edgeSrc, previous.edgeDst, previous.edgeCount),
    };
  const nodeType = new Uint8Array(size).fill(NO_TYPE);
  if (previous) nodeType.set(previous.nodeType.subarray(0, Math.min(previous.size, size)));
  // Aggregating ids into one JSON array per type in SQLite and parsing that is several
  // times faster than stepping a million rows through the driver one by one.
  for (const [type, ids] of db
    .prepare('SELECT type, json_group_array(id) FROM entities WHERE id > ? GROUP BY type')
    .raw()
    .iterate(afterEntity) as IterableIterator<[string, string]>) {
    const t = TYPE_INDEX.get(type) ?? NO_TYPE;
    for (const id of JSON.parse(ids) as number[]) nodeType[id] = t;
  }

  // New links, placed by link id so the edge order (and the input hash) never depends on
  // the order SQLite scans them in. One pass with no GROUP BY: grouping by type made SQLite
  // sort every link into a temporary b-tree first, most of the load time at 1M links. The
  // type is turned into its index inside SQLite, so only numbers cross into JavaScript.
  const maxLinkRow = (
    db.prepare('SELECT coalesce(max(id), 0) AS n FROM links').get() as { n: number }
  ).n;
  const span = Math.max(0, maxLinkRow - afterLink);
  const bySlotSrc = new Int32Array(span);
  const bySlotDst = new Int32Array(span);
  const bySlotType = new Uint8Array(span).fill(NO_TYPE);
  const row = db
    .prepare(
      `SELECT json_group_array(id), json_group_array(src), json_group_array(dst), json_group_array(${LINK_TYPE_INDEX_SQL}) FROM links WHERE id > ?`,
    )
    .raw()
    .get(afterLink) as [string, string, string, string];
  const idList = JSON.parse(row[0]) as number[];
  const srcList = JSON.parse(row[1]) as number[];
  const dstList = JSON.parse(row[2]) as number[];
  const typeList = JSON.parse(row[3]) as number[];
  for (let i = 0; i < idList.length; i++) {
    const slot = idList[i]! - afterLink - 1;
    bySlotSrc[slot] = srcList[i]!;
    bySlotDst[slot] = dstList[i]!;
    bySlotType[slot] = typeList[i]!;
  }
  let added = 0;
  for (let i = 0; i < span; i++) if (bySlotType[i] !== NO_TYPE) added++;
  const base = previous?.edgeCount ?? 0;
  const edgeSrc = new Int32Array(base + added);
  const edgeDst = new Int32Array(base + added);
  const edgeType = new Uint8Array(base + added);
  const edgeLinkId = new Int32Array(base + added);
  if (previous) {
    edgeSrc.set(previous.edgeSrc.subarray(0, base));
    edgeDst.set(previous.edgeDst.subarray(0, base));
    edgeType.set(previous.edgeType.subarray(0, base));
    edgeLinkId.set(previous.edgeLinkId.subarray(0, base));
  }
  let m = base;
  for (let i = 0; i < span; i++) {
    if (bySlotType[i] === NO_TYPE) continue;
    edgeSrc[m] = bySlotSrc[i]!;
    edgeDst[m] = bySlotDst[i]!;
    edgeType[m] = bySlotType[i]!;
    edgeLinkId[m] = afterLink + i + 1;
    m++;
  }
  const maxLinkId = Math.max(afterLink, maxLinkRow);

  const fpListing: number[] = previous ? Array.from(previous.fingerprints.listing) : [];
  const fpValue: string[] = previous ? [...previous.fingerprints.value] : [];
  const fpRow = db
    .prepare(
      `SELECT json_group_array(json_array(id, json_extract(props, '$.imageFingerprints'))) FROM (SELECT id, props FROM entities WHERE type = 'listing' AND id > ? ORDER BY id)`,
    )
    .pluck()
    .get(afterEntity) as string;
  for (const [id, fps] of JSON.parse(fpRow) as [number, string[] | null][]) {
    for (const fp of [...(fps ?? [])].sort()) {
      fpListing.push(id);
      fpValue.push(fp);
    }
  }

  const { adjStart, adjEdge } = buildAdjacency(size, edgeSrc, edgeDst, m);
  const reuse =
    previous?.fingerprints.distinct !== undefined &&
    previous.fingerprints.valueIndex !== undefined &&
    previous.fingerprints.value.length === fpValue.length;
  const { distinct, valueIndex } = reuse
    ? { distinct: previous.fingerprints.distinct, valueIndex: previous.fingerprints.valueIndex }
    : fingerprintIndex(fpValue);
  const facts = previous?.facts
    ? loadEntityFacts(db, size, afterEntity, previous.facts)
    : loadEntityFacts(db, size, 0);
  return {
    size,
    nodeType,
    facts,
    edgeCount: m,
    edgeSrc,
    edgeDst,
    edgeType,
    edgeLinkId,
    adjStart,
    adjEdge,
    fingerprints: { listing: Int32Array.from(fpListing), value: fpValue, distinct, valueIndex },
    maxEntityId,
    maxLinkId,
  };
}

/**
 * One graph per open store, refreshed incrementally when links or entities were added, and
 * persisted (graph-snapshot.ts) so the next session starts from the stored arrays. Either
 * copy is used only while the case's graph generation is unchanged: an edit that is not an
 * append (a type changed, a listing's photos, a link removed) means a full load.
 */
const cache = new WeakMap<Database, { graph: LinkGraph; generation: number | null }>();
export function getLinkGraph(db: Database, times?: PhaseTimes): LinkGraph {
  const mark = phaseClock(times);
  const generation = graphGeneration(db);
  const { e, l } = db
    .prepare(
      'SELECT (SELECT coalesce(max(id), 0) FROM entities) AS e, (SELECT coalesce(max(id), 0) FROM links) AS l',
    )
    .get() as { e: number; l: number };
  const usable = (g: LinkGraphArrays | undefined) =>
    g !== undefined && g.maxEntityId <= e && g.maxLinkId <= l ? g : undefined;
  const cached = cache.get(db);
  const current = cached?.generation === generation ? cached.graph : undefined;
  if (current && current.maxEntityId === e && current.maxLinkId === l) return current;
  let base: LinkGraphArrays | undefined = usable(current);
  let stored: LinkGraphArrays | undefined;
  if (!base && generation !== null) {
    stored = usable(readGraphSnapshot(db, generation)?.graph);
    base = stored;
    mark('graph: snapshot read');
  }
  const graph = loadLinkGraph(db, base);
  mark('graph: rows on top, adjacency');
  const upToDate =
    stored !== undefined &&
    stored.maxEntityId === graph.maxEntityId &&
    stored.maxLinkId === graph.maxLinkId;
  if (generation !== null && !upToDate) {
    writeGraphSnapshot(db, graph, generation);
    mark('graph: snapshot write');
  }
  cache.set(db, { graph, generation });
  return graph;
}

/**
 * After an import has committed: brings the in-memory graph and its stored snapshot up to
 * date while the new rows are still in the page cache, so the first analysis reads blobs.
 * The rows are already safe; a failure here only means the next analysis reads the rows.
 */
export function refreshLinkGraphAfterImport(db: Database): void {
  try {
    getLinkGraph(db);
  } catch {
    // The snapshot is a cache: analysis falls back to loading the rows.
  }
}
