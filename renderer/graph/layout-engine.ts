/**
 * Graph layouts as pure functions (run in the layout worker, testable in Node): a
 * force-directed layout that runs until it settles (ForceAtlas2 over graphology, seeded),
 * a layout grouped by entity type, a layered one for ownership chains, incremental placement
 * that keeps pinned and existing nodes where they are, and a final overlap-removal pass so
 * no two node boxes touch.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { FORCE_SCALE, RADIAL_STEP, radialTree, type Point } from './radial-tree';

export type LayoutName = 'force' | 'grouped' | 'hierarchical';
export type { Point };

export interface LayoutRequest {
  readonly name: LayoutName;
  readonly nodes: readonly { id: string; type: string; role: string }[];
  readonly edges: readonly (readonly [string, string])[];
  /** Nodes that must not move (pinned, or already placed when expanding). */
  readonly fixed?: Readonly<Record<string, Point>>;
}

/** Node boxes are at most this wide (members 32 px + border); centres stay this far apart. */
export const NODE_BOX = 36;
// Centres this far apart keep square boxes apart at any angle (the diagonal, plus a margin).
const SPACING = Math.ceil(NODE_BOX * Math.SQRT2) + 2;

export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Progress = (fraction: number, phase: string) => void;

function forceLayout(req: LayoutRequest, progress: Progress): Record<string, Point> {
  const { nodes, edges, fixed } = req;
  const g = new Graph({ type: 'undirected', multi: false });
  const rng = seeded(nodes.length * 7919 + edges.length);
  const radius = Math.sqrt(nodes.length) * 10;
  // Unplaced nodes start beside a placed neighbour when there is one (incremental placement).
  const neighbourOf = new Map<string, string>();
  if (fixed)
    for (const [a, b] of edges) {
      if (fixed[b] && !fixed[a]) neighbourOf.set(a, b);
      if (fixed[a] && !fixed[b]) neighbourOf.set(b, a);
    }
  const scale = FORCE_SCALE;
  // A fresh chart starts from a radial tree (structure already visible), so the force pass
  // only has to refine it: far fewer iterations than from a random disc.
  const seed =
    fixed && Object.keys(fixed).length ? undefined : radialTree(nodes, edges, RADIAL_STEP);
  nodes.forEach((n) => {
    const f = fixed?.[n.id];
    const anchor = fixed?.[neighbourOf.get(n.id) ?? ''];
    const angle = rng() * 2 * Math.PI;
    const start = f
      ? { x: f.x / scale, y: f.y / scale }
      : anchor
        ? { x: anchor.x / scale + Math.cos(angle) * 4, y: anchor.y / scale + Math.sin(angle) * 4 }
        : (seed?.get(n.id) ?? {
            x: Math.cos(angle) * radius * rng(),
            y: Math.sin(angle) * radius * rng(),
          });
    g.addNode(n.id, { ...start, fixed: f !== undefined });
  });
  for (const [a, b] of edges) if (a !== b && g.hasNode(a) && g.hasNode(b)) g.mergeEdge(a, b);
  const settings = {
    ...forceAtlas2.inferSettings(g),
    barnesHutOptimize: nodes.length > 300,
    gravity: 1,
    scalingRatio: 8,
    adjustSizes: false,
  };
  // Iterate in rounds of ten until the layout settles (mean move under a tenth of a unit), up
  // to a count by size (not by time, so the same graph always lays out the same way).
  const n = nodes.length;
  const maxRounds = seed
    ? n <= 500
      ? 40
      : n <= 2000
        ? 10
        : 4
    : n <= 500
      ? 60
      : n <= 2000
        ? 30
        : n <= 6000
          ? 18
          : 8;
  let prev = new Map<string, Point>();
  for (let round = 0; round < maxRounds; round++) {
    forceAtlas2.assign(g, { iterations: 10, settings });
    let moved = 0;
    g.forEachNode((id, a) => {
      const p = prev.get(id);
      if (p) moved += Math.hypot((a.x as number) - p.x, (a.y as number) - p.y);
    });
    const mean = moved / Math.max(1, g.order);
    prev = new Map();
    g.forEachNode((id, a) => prev.set(id, { x: a.x as number, y: a.y as number }));
    progress((round / maxRounds) * 0.9, 'force');
    if (round > 3 && mean < 0.1) break;
  }
  const out: Record<string, Point> = {};
  g.forEachNode((id, a) => {
    out[id] = fixed?.[id] ?? { x: (a.x as number) * scale, y: (a.y as number) * scale };
  });
  return out;
}

/** One cluster per entity type (ring members first), each a compact spiral, clusters in a row of rows. */
function groupedLayout(req: LayoutRequest): Record<string, Point> {
  const groups = new Map<string, string[]>();
  const order = (n: { type: string; role: string }) =>
    n.role === 'member' ? `0${n.type}` : n.role === 'hub' ? `2${n.type}` : `1${n.type}`;
  for (const n of [...req.nodes].sort((a, b) => order(a).localeCompare(order(b))))
    groups.set(order(n), [...(groups.get(order(n)) ?? []), n.id]);
  const out: Record<string, Point> = {};
  const sizes = [...groups.values()].map((ids) => Math.ceil(Math.sqrt(ids.length)) * SPACING);
  const perRow = Math.ceil(Math.sqrt(groups.size));
  let gx = 0;
  let gy = 0;
  let rowHeight = 0;
  [...groups.values()].forEach((ids, gi) => {
    const side = Math.ceil(Math.sqrt(ids.length));
    ids.forEach((id, i) => {
      out[id] = { x: gx + (i % side) * SPACING, y: gy + Math.floor(i / side) * SPACING };
    });
    rowHeight = Math.max(rowHeight, sizes[gi]!);
    gx += sizes[gi]! + SPACING * 3;
    if ((gi + 1) % perRow === 0) {
      gx = 0;
      gy += rowHeight + SPACING * 3;
      rowHeight = 0;
    }
  });
  return out;
}

/**
 * Layers by distance from the roots (people and companies that own, then ring members), as
 * in an ownership chart; within a layer nodes are ordered by the mean position of their
 * parents (one barycentre sweep) to cut crossings.
 */
function hierarchicalLayout(req: LayoutRequest): Record<string, Point> {
  const adj = new Map<string, string[]>();
  for (const [a, b] of req.edges) {
    adj.set(a, [...(adj.get(a) ?? []), b]);
    adj.set(b, [...(adj.get(b) ?? []), a]);
  }
  const rootsOf = (pred: (n: LayoutRequest['nodes'][number]) => boolean) =>
    req.nodes.filter(pred).map((n) => n.id);
  let roots = rootsOf((n) => n.type === 'person' || n.type === 'company');
  if (!roots.length) roots = rootsOf((n) => n.type === 'seller');
  if (!roots.length) roots = rootsOf((n) => n.role === 'member');
  if (!roots.length && req.nodes.length) roots = [req.nodes[0]!.id];
  const depth = new Map<string, number>(roots.map((r) => [r, 0]));
  const queue = [...roots];
  for (let i = 0; i < queue.length; i++)
    for (const u of adj.get(queue[i]!) ?? [])
      if (!depth.has(u)) {
        depth.set(u, depth.get(queue[i]!)! + 1);
        queue.push(u);
      }
  const maxDepth = Math.max(0, ...depth.values());
  for (const n of req.nodes) if (!depth.has(n.id)) depth.set(n.id, maxDepth + 1);
  const layers: string[][] = [];
  for (const n of req.nodes) (layers[depth.get(n.id)!] ??= []).push(n.id);
  const x = new Map<string, number>();
  const out: Record<string, Point> = {};
  layers.forEach((layer, d) => {
    if (d > 0)
      layer.sort((a, b) => {
        const bc = (v: string) => {
          const ps = (adj.get(v) ?? []).filter((u) => depth.get(u) === d - 1);
          return ps.length ? ps.reduce((s, u) => s + (x.get(u) ?? 0), 0) / ps.length : 0;
        };
        return bc(a) - bc(b);
      });
    layer.forEach((id, i) => {
      x.set(id, i);
      out[id] = { x: (i - layer.length / 2) * SPACING, y: d * SPACING * 3 };
    });
  });
  return out;
}

/**
 * Pushes nodes apart until no two centres are closer than `SPACING` (so no node boxes
 * overlap), on a uniform grid so each pass is linear. Fixed nodes do not move.
 */
export function removeOverlaps(
  positions: Record<string, Point>,
  fixed: ReadonlySet<string> = new Set(),
  maxPasses = 300,
): number {
  const ids = Object.keys(positions);
  const cell = SPACING;
  let overlaps = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const grid = new Map<string, string[]>();
    for (const id of ids) {
      const p = positions[id]!;
      const key = `${Math.floor(p.x / cell)},${Math.floor(p.y / cell)}`;
      (grid.get(key) ?? grid.set(key, []).get(key)!).push(id);
    }
    overlaps = 0;
    for (const id of ids) {
      const p = positions[id]!;
      const cx = Math.floor(p.x / cell);
      const cy = Math.floor(p.y / cell);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (const other of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (other <= id) continue;
            const q = positions[other]!;
            let vx = q.x - p.x;
            let vy = q.y - p.y;
            let d = Math.hypot(vx, vy);
            if (d >= SPACING) continue;
            overlaps++;
            if (d < 1e-6) {
              // Same spot: separate along a direction derived from the ids (deterministic).
              const a = ((id.length * 31 + other.length * 17 + pass) % 360) * (Math.PI / 180);
              vx = Math.cos(a);
              vy = Math.sin(a);
              d = 1;
            }
            const push = (SPACING - d) / 2 + 0.5;
            const ux = vx / d;
            const uy = vy / d;
            const fp = fixed.has(id);
            const fo = fixed.has(other);
            if (fp && fo) continue;
            const [sp, so] = fp ? [0, 2] : fo ? [2, 0] : [1, 1];
            p.x -= ux * push * sp;
            p.y -= uy * push * sp;
            q.x += ux * push * so;
            q.y += uy * push * so;
          }
    }
    if (!overlaps) break;
  }
  return overlaps;
}

export function computeLayout(
  req: LayoutRequest,
  progress: Progress = () => undefined,
): Record<string, Point> {
  const fixedIds = new Set(Object.keys(req.fixed ?? {}));
  let out: Record<string, Point>;
  if (req.name === 'grouped') out = groupedLayout(req);
  else if (req.name === 'hierarchical') out = hierarchicalLayout(req);
  else out = forceLayout(req, progress);
  for (const id of fixedIds) if (out[id] && req.fixed?.[id]) out[id] = { ...req.fixed[id] };
  progress(0.92, 'removing overlaps');
  removeOverlaps(out, fixedIds);
  progress(1, 'done');
  return out;
}
