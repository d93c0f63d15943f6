/**
 * The link graph persisted in the encrypted case (migration 009): its typed arrays as blobs,
 * so opening a case and analysing it reads a few megabytes of blobs instead of decrypting
 * every link and listing row. At 1M links a full load decrypts ~100 MB of pages and parses
 * every listing's properties for its photo fingerprints; the snapshot is ~15 MB.
 *
 * It is a cache of derived data, never the record: it is used only while the case's graph
 * generation (bumped by triggers on any change that is not an append) equals the one it was
 * built at, and rows added after it (ids above its maxima) are read on top of it, which
 * gives exactly the arrays a full load would (edges in link-id order, listings in id order).
 * Anything unexpected (no table, wrong format, wrong sizes) means a full load.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { LinkGraph, LinkGraphArrays } from './link-graph';

/** Bumped when the blob layout changes; an older snapshot is then ignored and rewritten. */
const FORMAT = 1;

export interface GraphSnapshot {
  /** The arrays, without adjacency (rebuilt on load in one linear pass). */
  readonly graph: LinkGraphArrays;
  readonly generation: number;
}

/** The case's graph generation, or null for a store without the snapshot tables. */
export function graphGeneration(db: Database): number | null {
  try {
    return db.prepare('SELECT n FROM graph_generation WHERE id = 1').pluck().get() as number;
  } catch {
    return null;
  }
}

const bytesOf = (a: Int32Array | Uint8Array | Float64Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function float64s(blob: Buffer): Float64Array {
  const out = new Float64Array(blob.byteLength >> 3);
  new Uint8Array(out.buffer).set(blob.subarray(0, out.byteLength));
  return out;
}

const lines = (text: string) => (text === '' ? [] : text.split('\n'));

/** Copies a blob into a fresh, aligned typed array (a Buffer's offset need not be aligned). */
function int32s(blob: Buffer): Int32Array {
  const out = new Int32Array(blob.byteLength >> 2);
  new Uint8Array(out.buffer).set(blob.subarray(0, out.byteLength));
  return out;
}

interface Row {
  format: number;
  generation: number;
  max_entity_id: number;
  max_link_id: number;
  node_type: Buffer;
  edge_src: Buffer;
  edge_dst: Buffer;
  edge_type: Buffer;
  edge_link_id: Buffer;
  fp_listing: Buffer;
  fp_distinct: string;
  fp_index: Buffer;
  fact_date_index: Buffer;
  fact_dates: string;
  fact_flags: Buffer;
  fact_amount: Buffer;
}

/** The stored snapshot if it is current for `generation`, else null. */
export function readGraphSnapshot(db: Database, generation: number): GraphSnapshot | null {
  let row: Row | undefined;
  try {
    row = db.prepare('SELECT * FROM graph_snapshot WHERE id = 1').get() as Row | undefined;
  } catch {
    return null;
  }
  if (!row || row.format !== FORMAT || row.generation !== generation) return null;
  try {
    return decode(row, generation);
  } catch {
    // Columns missing or of the wrong kind: not a snapshot this build wrote.
    return null;
  }
}

/** Whether every value is in lo..hi-1 (a plain loop: no callback per element). */
function inRange(values: Int32Array, lo: number, hi: number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]! < lo || values[i]! >= hi) return false;
  return true;
}

function decode(row: Row, generation: number): GraphSnapshot | null {
  const edgeCount = row.edge_type.byteLength;
  const fpListing = int32s(row.fp_listing);
  const fpDistinct = lines(row.fp_distinct);
  const fpIndex = int32s(row.fp_index);
  const size = row.max_entity_id + 1;
  const dates = lines(row.fact_dates);
  const dateIndex = int32s(row.fact_date_index);
  const consistent =
    row.node_type.byteLength === row.max_entity_id + 1 &&
    row.edge_src.byteLength === edgeCount * 4 &&
    row.edge_dst.byteLength === edgeCount * 4 &&
    row.edge_link_id.byteLength === edgeCount * 4 &&
    fpIndex.length === fpListing.length &&
    inRange(fpIndex, 0, fpDistinct.length) &&
    dateIndex.length === size &&
    inRange(dateIndex, -1, dates.length) &&
    row.fact_flags.byteLength === size &&
    row.fact_amount.byteLength === size * 8;
  if (!consistent) return null;
  // Each pair's value is its distinct value: no second copy of the strings is stored.
  const fpValues = Array.from(fpIndex, (i) => fpDistinct[i]!);
  return {
    generation,
    graph: {
      size: row.max_entity_id + 1,
      nodeType: new Uint8Array(row.node_type),
      facts: {
        dateIndex,
        dates,
        flags: new Uint8Array(row.fact_flags),
        amount: float64s(row.fact_amount),
      },
      edgeCount,
      edgeSrc: int32s(row.edge_src),
      edgeDst: int32s(row.edge_dst),
      edgeType: new Uint8Array(row.edge_type),
      edgeLinkId: int32s(row.edge_link_id),
      fingerprints: {
        listing: fpListing,
        value: fpValues,
        distinct: fpDistinct,
        valueIndex: fpIndex,
      },
      maxEntityId: row.max_entity_id,
      maxLinkId: row.max_link_id,
    },
  };
}

/**
 * Stores `graph` as the snapshot for `generation`. Best effort: a read-only case, or a
 * store without the tables, keeps no snapshot and every analysis loads the rows instead.
 */
export function writeGraphSnapshot(db: Database, graph: LinkGraph, generation: number): boolean {
  if (db.readonly) return false;
  const { distinct, valueIndex } = graph.fingerprints;
  const { facts } = graph;
  // Values are stored one a line; a value with a line break (never seen) means no snapshot.
  const joinable = (list: readonly string[]) => list.every((v) => v !== '' && !v.includes('\n'));
  if (!distinct || !valueIndex || !facts || !joinable(distinct) || !joinable(facts.dates))
    return false;
  try {
    db.prepare(
      `INSERT INTO graph_snapshot (id, format, generation, max_entity_id, max_link_id, node_type, edge_src, edge_dst, edge_type, edge_link_id, fp_listing, fp_distinct, fp_index, fact_date_index, fact_dates, fact_flags, fact_amount)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET format = excluded.format, generation = excluded.generation,
         max_entity_id = excluded.max_entity_id, max_link_id = excluded.max_link_id,
         node_type = excluded.node_type, edge_src = excluded.edge_src, edge_dst = excluded.edge_dst,
         edge_type = excluded.edge_type, edge_link_id = excluded.edge_link_id,
         fp_listing = excluded.fp_listing,
         fp_distinct = excluded.fp_distinct, fp_index = excluded.fp_index,
         fact_date_index = excluded.fact_date_index, fact_dates = excluded.fact_dates,
         fact_flags = excluded.fact_flags, fact_amount = excluded.fact_amount`,
    ).run(
      FORMAT,
      generation,
      graph.maxEntityId,
      graph.maxLinkId,
      bytesOf(graph.nodeType),
      bytesOf(graph.edgeSrc.subarray(0, graph.edgeCount)),
      bytesOf(graph.edgeDst.subarray(0, graph.edgeCount)),
      bytesOf(graph.edgeType.subarray(0, graph.edgeCount)),
      bytesOf(graph.edgeLinkId.subarray(0, graph.edgeCount)),
      bytesOf(graph.fingerprints.listing),
      distinct.join('\n'),
      bytesOf(valueIndex),
      bytesOf(facts.dateIndex),
      facts.dates.join('\n'),
      bytesOf(facts.flags),
      bytesOf(facts.amount),
    );
    return true;
  } catch {
    return false;
  }
}
