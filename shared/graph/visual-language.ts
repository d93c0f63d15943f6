/**
 * Ringlens' one visual language for entity types: a distinct shape and a distinct colour
 * per type, used by the app's graph, the PDF ring figure and the offline review pack, so the
 * same ring looks the same on screen and in court. Shapes are Cytoscape node shapes; the
 * same shapes are drawn as SVG paths here (for the PDF figure and the legend swatches).
 * Every colour has at least 3:1 contrast against white (WCAG 2.x non-text contrast).
 */

export type NodeShape =
  | 'ellipse'
  | 'rectangle'
  | 'round-rectangle'
  | 'bottom-round-rectangle'
  | 'cut-rectangle'
  | 'barrel'
  | 'triangle'
  | 'round-triangle'
  | 'diamond'
  | 'rhomboid'
  | 'right-rhomboid'
  | 'pentagon'
  | 'round-pentagon'
  | 'hexagon'
  | 'concave-hexagon'
  | 'heptagon'
  | 'octagon'
  | 'star'
  | 'tag'
  | 'vee';

export interface TypeVisual {
  readonly shape: NodeShape;
  readonly color: string;
  readonly label: string;
}

export const TYPE_VISUAL: Readonly<Record<string, TypeVisual>> = {
  seller: { shape: 'ellipse', color: '#c0392b', label: 'Seller account' },
  shop: { shape: 'round-rectangle', color: '#b9560f', label: 'Shop' },
  listing: { shape: 'rectangle', color: '#8d6e00', label: 'Listing' },
  order: { shape: 'tag', color: '#0e7c66', label: 'Order / test buy' },
  warehouse: { shape: 'barrel', color: '#7d3c98', label: 'Warehouse' },
  payment_account: { shape: 'diamond', color: '#1e8449', label: 'Payment account' },
  bank_account: { shape: 'cut-rectangle', color: '#0b5345', label: 'Bank account' },
  device: { shape: 'hexagon', color: '#2c3e50', label: 'Device' },
  phone: { shape: 'triangle', color: '#1f6fb2', label: 'Phone' },
  email: { shape: 'rhomboid', color: '#5b4bb7', label: 'E-mail' },
  ip_address: { shape: 'octagon', color: '#5f6a6a', label: 'IP address' },
  person: { shape: 'heptagon', color: '#a93f8a', label: 'Person' },
  company: { shape: 'concave-hexagon', color: '#4a235a', label: 'Company' },
  image_fingerprint: { shape: 'vee', color: '#c2185b', label: 'Product photo' },
  complaint: { shape: 'right-rhomboid', color: '#922b21', label: 'IP complaint' },
  complainant: { shape: 'pentagon', color: '#6e2c00', label: 'Complainant' },
  evidence: { shape: 'bottom-round-rectangle', color: '#566573', label: 'Evidence' },
  brand: { shape: 'star', color: '#9c640c', label: 'Brand' },
  ip_right: { shape: 'round-pentagon', color: '#1a5276', label: 'IP right' },
  lead: { shape: 'round-triangle', color: '#b03a2e', label: 'Lead' },
};
export const FALLBACK_VISUAL: TypeVisual = { shape: 'ellipse', color: '#707b7c', label: 'Other' };
export const visualOf = (type: string): TypeVisual => TYPE_VISUAL[type] ?? FALLBACK_VISUAL;

/** Ring members, suppressed hubs and shared identifiers, drawn the same way everywhere. */
export const ROLE_VISUAL = {
  member: { borderColor: '#641e16', borderWidth: 3, label: 'ring member (thick dark outline)' },
  identifier: { borderColor: '#1a5276', borderWidth: 2, label: 'shared identifier' },
  hub: { fill: '#d5d8dc', borderColor: '#5f6a6a', label: 'suppressed hub (grey, dashed)' },
} as const;

/** Edges drawn apart from evidence links: a probable (unconfirmed) identity match is dashed. */
export const EDGE_KIND_VISUAL = {
  probable_match: {
    color: '#ca6f1e',
    lineStyle: 'dashed',
    label: 'probable identity match (orange, dashed): unconfirmed, not evidence',
  },
} as const;

type Pt = readonly [number, number];
const ngon = (n: number, rotation = -Math.PI / 2): Pt[] =>
  Array.from({ length: n }, (_, i) => {
    const a = rotation + (2 * Math.PI * i) / n;
    return [Math.cos(a), Math.sin(a)] as const;
  });
const star = (): Pt[] =>
  Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (Math.PI * i) / 5;
    const r = i % 2 ? 0.42 : 1;
    return [r * Math.cos(a), r * Math.sin(a)] as const;
  });

/** Unit outlines (in [-1, 1]²) of the polygon shapes, close to Cytoscape's own. */
const POLYGONS: Partial<Record<NodeShape, readonly Pt[]>> = {
  rectangle: [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ],
  'cut-rectangle': [
    [-0.6, -1],
    [0.6, -1],
    [1, -0.6],
    [1, 0.6],
    [0.6, 1],
    [-0.6, 1],
    [-1, 0.6],
    [-1, -0.6],
  ],
  triangle: [
    [0, -1],
    [1, 1],
    [-1, 1],
  ],
  'round-triangle': [
    [0, -1],
    [1, 1],
    [-1, 1],
  ],
  diamond: [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
  ],
  rhomboid: [
    [-1, -1],
    [0.333, -1],
    [1, 1],
    [-0.333, 1],
  ],
  'right-rhomboid': [
    [-0.333, -1],
    [1, -1],
    [0.333, 1],
    [-1, 1],
  ],
  pentagon: ngon(5),
  'round-pentagon': ngon(5),
  hexagon: ngon(6, 0),
  heptagon: ngon(7),
  octagon: ngon(8, Math.PI / 8),
  'concave-hexagon': [
    [-1, -0.95],
    [1, -0.95],
    [0.75, 0],
    [1, 0.95],
    [-1, 0.95],
    [-0.75, 0],
  ],
  star: star(),
  tag: [
    [-1, -1],
    [0.5, -1],
    [1, 0],
    [0.5, 1],
    [-1, 1],
  ],
  vee: [
    [-1, -1],
    [0, -0.333],
    [1, -1],
    [0, 1],
  ],
};

const f = (v: number) => (Math.round(v * 100) / 100).toString();

/**
 * An SVG path (`d` attribute) of a shape centred on (cx, cy) with half-size r: the PDF figure
 * and the legend swatches draw nodes with it, so a swatch has the node's real shape.
 */
export function shapePath(shape: NodeShape, cx: number, cy: number, r: number): string {
  const poly = POLYGONS[shape];
  if (poly)
    return `${poly.map(([x, y], i) => `${i ? 'L' : 'M'}${f(cx + x * r)} ${f(cy + y * r)}`).join(' ')} Z`;
  const [x0, y0, x1, y1] = [cx - r, cy - r, cx + r, cy + r];
  const k = r * 0.45;
  switch (shape) {
    case 'round-rectangle':
      return `M${f(x0 + k)} ${f(y0)} L${f(x1 - k)} ${f(y0)} Q${f(x1)} ${f(y0)} ${f(x1)} ${f(y0 + k)} L${f(x1)} ${f(y1 - k)} Q${f(x1)} ${f(y1)} ${f(x1 - k)} ${f(y1)} L${f(x0 + k)} ${f(y1)} Q${f(x0)} ${f(y1)} ${f(x0)} ${f(y1 - k)} L${f(x0)} ${f(y0 + k)} Q${f(x0)} ${f(y0)} ${f(x0 + k)} ${f(y0)} Z`;
    case 'bottom-round-rectangle':
      return `M${f(x0)} ${f(y0)} L${f(x1)} ${f(y0)} L${f(x1)} ${f(y1 - k)} Q${f(x1)} ${f(y1)} ${f(x1 - k)} ${f(y1)} L${f(x0 + k)} ${f(y1)} Q${f(x0)} ${f(y1)} ${f(x0)} ${f(y1 - k)} Z`;
    case 'barrel':
      return `M${f(x0 + k * 0.5)} ${f(y0)} L${f(x1 - k * 0.5)} ${f(y0)} Q${f(x1 + k * 0.4)} ${f(cy)} ${f(x1 - k * 0.5)} ${f(y1)} L${f(x0 + k * 0.5)} ${f(y1)} Q${f(x0 - k * 0.4)} ${f(cy)} ${f(x0 + k * 0.5)} ${f(y0)} Z`;
    default:
      // ellipse: two arcs
      return `M${f(x0)} ${f(cy)} A${f(r)} ${f(r)} 0 1 0 ${f(x1)} ${f(cy)} A${f(r)} ${f(r)} 0 1 0 ${f(x0)} ${f(cy)} Z`;
  }
}

/** WCAG relative luminance contrast between two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const [r, g, bl] = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}
