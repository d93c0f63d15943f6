/**
 * Natural Earth's shapes are spherical: Russia and Fiji run across the 180th meridian, so a
 * ring steps from 179.9° to -180°. Drawn on a flat map that step is a line across the whole
 * world. Here such a polygon is unwrapped (made continuous past ±180°) and split into its
 * east and west parts, each clipped at the map's edge.
 */
type Position = readonly number[];
type Ring = readonly Position[];
type Polygon = readonly Ring[];

/** The ring made continuous: each longitude within 180° of the previous one. */
function unwrap(ring: Ring): number[][] {
  const out: number[][] = [];
  let shift = 0;
  ring.forEach((p, i) => {
    if (i > 0) {
      const d = p[0]! + shift - out[i - 1]![0]!;
      if (d > 180) shift -= 360;
      else if (d < -180) shift += 360;
    }
    out.push([p[0]! + shift, p[1]!]);
  });
  return out;
}

/**
 * Sutherland–Hodgman: the ring, shifted by `offset` degrees, clipped to -180° ≤ x ≤ 180°.
 * Where the ring leaves the map, the cut runs along the edge meridian.
 */
function clip(ring: readonly number[][], offset: number): number[][] {
  let pts = ring.map(([x, y]) => [x! + offset, y!]);
  for (const [edge, inside] of [
    [180, (x: number) => x <= 180],
    [-180, (x: number) => x >= -180],
  ] as const) {
    const out: number[][] = [];
    pts.forEach((cur, i) => {
      const prev = pts[(i + pts.length - 1) % pts.length]!;
      const cross = () => [
        edge,
        prev[1]! + ((cur[1]! - prev[1]!) * (edge - prev[0]!)) / (cur[0]! - prev[0]!),
      ];
      if (inside(cur[0]!)) {
        if (!inside(prev[0]!)) out.push(cross());
        out.push(cur);
      } else if (inside(prev[0]!)) out.push(cross());
    });
    pts = out;
  }
  return pts;
}

function area(ring: readonly number[][]): number {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[(i + 1) % ring.length]!;
    a += x0! * y1! - x1! * y0!;
  }
  return Math.abs(a / 2);
}

/** A polygon as one or more polygons that stay within -180°…180°. */
export function splitPolygon(polygon: Polygon): number[][][][] {
  const rings = polygon.map(unwrap);
  const xs = rings.flat().map((p) => p[0]!);
  const [min, max] = [Math.min(...xs), Math.max(...xs)];
  if (min >= -180 && max <= 180) return [polygon.map((r) => r.map((p) => [...p]))];
  // The ring wanders past one edge: its parts are what lies on the map seen from each side.
  const offsets = max > 180 ? [0, -360] : [0, 360];
  return offsets
    .map((o) => rings.map((r) => clip(r, o)).filter((r) => r.length >= 3 && area(r) > 1e-9))
    .filter((p) => p.length > 0 && area(p[0]!) > 1e-6)
    .map((p) => p.map((r) => [...r, r[0]!]));
}

interface Geometry {
  type: string;
  coordinates?: unknown;
}

/** A Polygon or MultiPolygon geometry with the polygons that cross the antimeridian split. */
export function splitAtAntimeridian<G extends Geometry>(g: G): G {
  if (g.type === 'Polygon') {
    const parts = splitPolygon(g.coordinates as Polygon);
    return parts.length === 1
      ? { ...g, coordinates: parts[0] }
      : { ...g, type: 'MultiPolygon', coordinates: parts };
  }
  if (g.type === 'MultiPolygon')
    return { ...g, coordinates: (g.coordinates as Polygon[]).flatMap(splitPolygon) };
  return g;
}
