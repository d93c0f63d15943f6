/**
 * Positions for the case overview without a force layout (50,000 elements would take a
 * force layout minutes): each ring is a disc, members on its rim and identifiers inside,
 * discs packed in rows by rank (the best ring top left); hubs and ties sit at the centre of
 * the rings they touch, nudged apart so none lands on another. Pure and deterministic: the
 * same overview always draws the same picture.
 */
import type { CaseOverview } from './case-overview';

export interface Point {
  x: number;
  y: number;
}
/** Node spacing in model units: node boxes are at most 22 units (members, with border). */
const GAP = 22;
/** Room above each disc for the ring's title: see titleRoom. */
const TITLE = 60;
/**
 * Extra room below each disc for the hubs only that ring touches (30-unit boxes placed GAP
 * below the rim) and their labels, so they stay clear of the title of the disc below.
 */
const BELOW = 48;
/**
 * Arc between members on the rim. Square 22-unit boxes never touch when centres are 22·√2
 * (31.1) apart; with the 30-unit minimum radius every chord is then over 31.1.
 */
const RIM = 34;
/** Identifiers (14-unit boxes) on a sunflower: about R·sqrt(π/N)·0.9 apart, kept over 14·√2. */
const innerRadius = (n: number) => (24 / 0.9) * Math.sqrt(n / Math.PI);

/** The radius of a ring's disc: its rim holds its members RIM apart, its inside the rest. */
const radiusOf = (members: number, identifiers: number) =>
  Math.max((members * RIM) / (2 * Math.PI), innerRadius(identifiers) + 28, 30);

/**
 * The box a ring's title may fill, centred above its disc and `clearance` above the rim
 * (clear of the top members' labels): as wide as the disc's cell less a gap, so titles of
 * neighbouring discs never meet, and as high as the room the rows leave above each disc.
 */
export function titleRoom(radius: number): { width: number; height: number; clearance: number } {
  return { width: 2 * radius + 2 * GAP + TITLE, height: TITLE, clearance: GAP };
}

export function overviewLayout(o: CaseOverview): {
  positions: Map<string, Point>;
  rings: { center: Point; radius: number }[];
} {
  const positions = new Map<string, Point>();
  const discs = o.rings.map((r) => ({
    radius: radiusOf(r.members, r.identifiers),
    center: { x: 0, y: 0 },
  }));
  // Row packing: the row width is what a square of all the discs would measure.
  const cell = (d: { radius: number }) => {
    const w = 2 * d.radius + 3 * GAP + TITLE;
    return { w, h: w + BELOW };
  };
  const area = discs.reduce((s, d) => s + cell(d).w * cell(d).h, 0);
  const width = Math.max(Math.sqrt(area) * 1.15, ...discs.map((d) => 2 * d.radius));
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const d of discs) {
    const { w, h } = cell(d);
    if (x > 0 && x + w > width) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    // Title room, then the disc, then the room for its own hubs.
    d.center = { x: x + w / 2, y: y + TITLE + 1.5 * GAP + d.radius };
    x += w;
    rowHeight = Math.max(rowHeight, h);
  }
  const byRing = new Map<number, CaseOverview['nodes']>();
  for (const n of o.nodes)
    if (n.ring >= 0) (byRing.get(n.ring) ?? byRing.set(n.ring, []).get(n.ring)!).push(n);
  for (const [ring, nodes] of byRing) {
    const d = discs[ring]!;
    const members = nodes.filter((n) => n.role === 'member');
    const inner = nodes.filter((n) => n.role !== 'member');
    members.forEach((n, i) => {
      const a = (2 * Math.PI * i) / members.length;
      positions.set(n.id, {
        x: d.center.x + d.radius * Math.cos(a),
        y: d.center.y + d.radius * Math.sin(a),
      });
    });
    // Identifiers on a sunflower spiral inside the rim: even spacing, no two on one spot.
    const golden = Math.PI * (3 - Math.sqrt(5));
    const inside = Math.max(d.radius - 28, 0);
    inner.forEach((n, i) => {
      const r = inside * Math.sqrt((i + 0.5) / inner.length);
      positions.set(n.id, {
        x: d.center.x + r * Math.cos(i * golden),
        y: d.center.y + r * Math.sin(i * golden),
      });
    });
  }
  // Hubs and ties: the mean centre of the rings they touch, then moved off any taken cell.
  const ringOfNode = new Map(o.nodes.map((n) => [n.id, n.ring]));
  const touched = new Map<string, Set<number>>();
  for (const e of o.edges)
    for (const [a, b] of [
      [e.source, e.target],
      [e.target, e.source],
    ] as const) {
      const r = ringOfNode.get(b);
      if (ringOfNode.get(a) === -1 && r !== undefined && r >= 0)
        (touched.get(a) ?? touched.set(a, new Set()).get(a)!).add(r);
    }
  // Every placed centre on a grid of HUB-sized cells: a hub goes where no centre is nearer
  // than HUB (its 30-unit box and a neighbour's never touch).
  const HUB = 36;
  const grid = new Map<string, Point[]>();
  const key = (cx: number, cy: number) => `${cx},${cy}`;
  const put = (p: Point) => {
    const k = key(Math.floor(p.x / HUB), Math.floor(p.y / HUB));
    (grid.get(k) ?? grid.set(k, []).get(k)!).push(p);
  };
  const free = (p: Point) => {
    const cx = Math.floor(p.x / HUB);
    const cy = Math.floor(p.y / HUB);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const q of grid.get(key(cx + dx, cy + dy)) ?? [])
          if (Math.hypot(q.x - p.x, q.y - p.y) < HUB) return false;
    return true;
  };
  for (const p of positions.values()) put(p);
  for (const n of o.nodes) {
    if (n.ring >= 0) continue;
    const rs = [...(touched.get(n.id) ?? [])];
    const c = rs.length
      ? {
          x: rs.reduce((s, r) => s + discs[r]!.center.x, 0) / rs.length,
          y:
            rs.reduce((s, r) => s + discs[r]!.center.y, 0) / rs.length +
            // A hub of one ring sits just below its disc (the title is above).
            (rs.length === 1 ? discs[rs[0]!]!.radius + GAP : 0),
        }
      : { x: -3 * GAP, y: 0 };
    let p = c;
    for (let k = 1; !free(p); k++) {
      const a = k * 2.4;
      const r = HUB * Math.sqrt(k);
      p = { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) };
    }
    put(p);
    positions.set(n.id, p);
  }
  return { positions, rings: discs };
}
