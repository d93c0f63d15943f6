/**
 * Plane geometry on longitude/latitude degrees, enough to put a label or a bubble inside a
 * region: the area-weighted centroid of a feature's largest polygon (holes subtracted),
 * moved inside the polygon when the centroid of a crescent-shaped region falls outside it.
 */
export type Ring = readonly (readonly [number, number])[];
export type Polygon = readonly Ring[];
export interface Geometry {
  readonly type: string;
  readonly coordinates: unknown;
}

/** The polygons of a Polygon or MultiPolygon geometry; anything else has none. */
export function polygonsOf(g: Geometry | null | undefined): Polygon[] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates as Polygon];
  if (g.type === 'MultiPolygon') return g.coordinates as Polygon[];
  return [];
}

/** Signed area (shoelace) and the first moments of a ring. */
function ringMoments(ring: Ring): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[(i + 1) % n]!;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  return { a: a / 2, cx, cy };
}

/** The area of a polygon (outer ring minus holes), in square degrees. */
export function polygonArea(p: Polygon): number {
  return p.reduce((s, ring, i) => s + (i === 0 ? 1 : -1) * Math.abs(ringMoments(ring).a), 0);
}

/** Even-odd point in polygon, holes included. */
export function insidePolygon(p: Polygon, x: number, y: number): boolean {
  let inside = false;
  for (const ring of p) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** The centroid of a polygon with holes. */
function polygonCentroid(p: Polygon): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  p.forEach((ring, i) => {
    const m = ringMoments(ring);
    // Orient the outer ring positive and the holes negative, whatever the file's winding.
    const sign = (i === 0 ? 1 : -1) * Math.sign(m.a || 1);
    a += sign * m.a;
    cx += sign * m.cx;
    cy += sign * m.cy;
  });
  return a === 0 ? [p[0]![0]![0], p[0]![0]![1]] : [cx / (6 * a), cy / (6 * a)];
}

/**
 * Where to put a region's label: the centroid of its largest polygon, or, when that falls
 * outside (a crescent), the middle of the widest horizontal run of the polygon through
 * the centroid's latitude.
 */
export function labelPoint(g: Geometry | null | undefined): [number, number] | undefined {
  const polys = polygonsOf(g);
  if (!polys.length) return undefined;
  const largest = polys.reduce((best, p) => (polygonArea(p) > polygonArea(best) ? p : best));
  const [x, y] = polygonCentroid(largest);
  if (insidePolygon(largest, x, y)) return [round(x), round(y)];
  // Crossings of the outer ring and the holes with the horizontal line through y.
  const xs: number[] = [];
  for (const ring of largest) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | undefined;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const w = xs[i + 1]! - xs[i]!;
    if (!best || w > best[1]) best = [(xs[i]! + xs[i + 1]!) / 2, w];
  }
  if (best) return [round(best[0]), round(y)];
  const first = largest[0]![0]!;
  return [round(first[0]), round(first[1])];
}

function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
