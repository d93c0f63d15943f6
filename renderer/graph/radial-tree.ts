/**
 * The radial tree every fresh force layout starts from (layout-engine.ts), apart so the chart
 * can draw it at once on the UI thread (no graph library needed) while the worker refines it:
 * a big ring is on screen in the time it takes to mount, and the refined layout follows.
 */

export type Point = { x: number; y: number };

/** Ring spacing of the tree in force-layout units, and force-layout units to pixels. */
export const RADIAL_STEP = 4;
export const FORCE_SCALE = 12;

/**
 * A deterministic radial tree: breadth-first from the best-connected node of each component
 * (hubs and shared identifiers at the centre of their spokes), each subtree given an angular
 * wedge in proportion to its size and a ring per depth; components side by side. Linear time.
 */
export function radialTree(
  nodes: readonly { readonly id: string }[],
  edges: readonly (readonly [string, string])[],
  step: number,
): Map<string, Point> {
  const adj = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const [a, b] of edges)
    if (a !== b && adj.has(a) && adj.has(b)) {
      adj.get(a)!.push(b);
      adj.get(b)!.push(a);
    }
  const byDegree = [...nodes]
    .map((n) => n.id)
    .sort((a, b) => adj.get(b)!.length - adj.get(a)!.length || (a < b ? -1 : a > b ? 1 : 0));
  const out = new Map<string, Point>();
  const seen = new Set<string>();
  let offsetX = 0;
  for (const root of byDegree) {
    if (seen.has(root)) continue;
    // Breadth-first tree of this component.
    const order = [root];
    const parent = new Map<string, string>();
    const depth = new Map<string, number>([[root, 0]]);
    seen.add(root);
    for (let i = 0; i < order.length; i++) {
      const v = order[i]!;
      for (const u of adj.get(v)!)
        if (!seen.has(u)) {
          seen.add(u);
          parent.set(u, v);
          depth.set(u, depth.get(v)! + 1);
          order.push(u);
        }
    }
    const children = new Map<string, string[]>();
    for (const v of order.slice(1))
      (children.get(parent.get(v)!) ?? children.set(parent.get(v)!, []).get(parent.get(v)!)!).push(
        v,
      );
    const size = new Map<string, number>();
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i]!;
      size.set(v, 1 + (children.get(v) ?? []).reduce((s, c) => s + size.get(c)!, 0));
    }
    // Ring spacing grows with the component so outer rings are not crowded.
    const maxDepth = Math.max(...depth.values());
    const ringStep = Math.max(step, (Math.sqrt(order.length) * step) / Math.max(1, maxDepth));
    const wedge = new Map<string, [number, number]>([[root, [0, 2 * Math.PI]]]);
    const local: Point[] = [];
    for (const v of order) {
      const [from, to] = wedge.get(v)!;
      const r = depth.get(v)! * ringStep;
      const a = (from + to) / 2;
      const p = { x: Math.cos(a) * r, y: Math.sin(a) * r };
      out.set(v, p);
      local.push(p);
      let start = from;
      const total = size.get(v)! - 1;
      for (const c of children.get(v) ?? []) {
        const span = ((to - from) * size.get(c)!) / Math.max(1, total);
        wedge.set(c, [start, start + span]);
        start += span;
      }
    }
    const extent = maxDepth * ringStep + step;
    for (const p of local) p.x += offsetX + extent;
    offsetX += 2 * extent + step;
  }
  return out;
}

/** The tree in pixels, as the force layout starts from it: the chart's quick first placement. */
export function quickPlacement(
  nodes: readonly { readonly id: string }[],
  edges: readonly (readonly [string, string])[],
): Record<string, Point> {
  const out: Record<string, Point> = {};
  for (const [id, p] of radialTree(nodes, edges, RADIAL_STEP))
    out[id] = { x: p.x * FORCE_SCALE, y: p.y * FORCE_SCALE };
  return out;
}
