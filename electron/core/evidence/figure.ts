/**
 * The ring figure as the court sees it: fixed positions (the investigator's saved
 * arrangement, or a seeded ForceAtlas2 layout), short node codes with a legend, and
 * numbered edges that match the edge table. Rendered as SVG so the PDF keeps it as vectors.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EntityRef, Ring, RingExplanation } from '../../../shared/analysis/schemas';
import {
  ROLE_VISUAL,
  shapePath,
  visualOf,
  type NodeShape,
} from '../../../shared/graph/visual-language';

export interface FigureNode {
  readonly id: string;
  readonly code: string;
  readonly type: string;
  readonly label: string;
  readonly member: boolean;
  x: number;
  y: number;
}
export interface FigureEdge {
  readonly n: number;
  readonly from: string;
  readonly to: string;
  readonly type: string;
}
export interface Figure {
  readonly nodes: readonly FigureNode[];
  readonly edges: readonly FigureEdge[];
}

const PREFIX: Record<string, string> = {
  seller: 'S',
  shop: 'H',
  listing: 'L',
  order: 'O',
  person: 'P',
  company: 'C',
};

/**
 * Links the explanation leaves out but a reader needs to see the ring as one picture: who
 * operates which shop, and which shop lists the listings whose photos are shared.
 */
export function memberLinks(
  db: Database,
  ring: Ring,
  ex: RingExplanation,
): { from: EntityRef; to: EntityRef; type: string }[] {
  const members = [...ring.sellers, ...ring.shops];
  const refs = new Map<number, EntityRef>(members.map((m) => [m.id, m]));
  for (const s of ex.sharedIdentifiers)
    for (const l of s.links)
      for (const r of [l.from, l.to])
        if (r.type === 'listing' || r.type === 'order') refs.set(r.id, r);
  const memberIds = JSON.stringify(members.map((m) => m.id));
  const otherIds = JSON.stringify([...refs.keys()]);
  return (
    db
      .prepare(
        `SELECT src, dst, type FROM links WHERE type IN ('operates', 'lists', 'bought') AND src IN (SELECT value FROM json_each(@all)) AND dst IN (SELECT value FROM json_each(@all))
                AND (src IN (SELECT value FROM json_each(@members)) OR dst IN (SELECT value FROM json_each(@members)) OR type = 'bought') ORDER BY id`,
      )
      .all({ all: otherIds, members: memberIds }) as { src: number; dst: number; type: string }[]
  ).map((l) => ({ from: refs.get(l.src)!, to: refs.get(l.dst)!, type: l.type }));
}

/** Nodes above which the figure's layout approximates repulsion (Barnes-Hut). */
const BARNES_HUT_FROM = 250;

export function layoutFigure(
  ex: RingExplanation,
  ring: Ring,
  saved: Record<string, { x: number; y: number }> | null,
  extra: readonly { from: EntityRef; to: EntityRef; type: string }[] = [],
): Figure {
  const nodes = new Map<string, FigureNode>();
  const counters = new Map<string, number>();
  const members = new Set([...ring.sellers, ...ring.shops].map((m) => m.id));
  const add = (ref: { id: number; type: string; label: string }) => {
    const id = `n${ref.id}`;
    if (nodes.has(id)) return id;
    const prefix = PREFIX[ref.type] ?? 'I';
    const k = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, k);
    nodes.set(id, {
      id,
      code: `${prefix}${k}`,
      type: ref.type,
      label: ref.label,
      member: members.has(ref.id),
      x: 0,
      y: 0,
    });
    return id;
  };
  for (const m of [...ring.sellers, ...ring.shops].sort((a, b) => a.id - b.id)) add(m);
  const edges: FigureEdge[] = [];
  const seen = new Set<string>();
  for (const s of ex.sharedIdentifiers) {
    add(s.identifier);
    for (const l of s.links) {
      const from = add(l.from);
      const to = add(l.to);
      const key = `${from}>${to}>${l.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ n: edges.length + 1, from, to, type: l.type });
    }
  }
  for (const l of extra) {
    const from = add(l.from);
    const to = add(l.to);
    const key = `${from}>${to}>${l.type}`;
    if (!seen.has(key)) {
      seen.add(key);
      edges.push({ n: edges.length + 1, from, to, type: l.type });
    }
  }
  const list = [...nodes.values()];
  if (saved && list.every((n) => saved[n.id])) {
    for (const n of list) Object.assign(n, saved[n.id]);
  } else {
    const g = new Graph({ type: 'undirected' });
    list.forEach((n, i) =>
      g.addNode(n.id, {
        x: Math.cos((2 * Math.PI * i) / list.length) * 100,
        y: Math.sin((2 * Math.PI * i) / list.length) * 100,
      }),
    );
    for (const e of edges) if (e.from !== e.to) g.mergeEdge(e.from, e.to);
    forceAtlas2.assign(g, {
      iterations: 300,
      // inferSettings turns Barnes-Hut on above 2,000 nodes; from a few hundred the exact
      // repulsion (n^2 per iteration) is most of a big ring's export (0.7 s at 606 nodes).
      settings: {
        ...forceAtlas2.inferSettings(g),
        gravity: 1,
        scalingRatio: 10,
        barnesHutOptimize: list.length > BARNES_HUT_FROM,
      },
    });
    g.forEachNode((id, a) => Object.assign(nodes.get(id)!, { x: a.x as number, y: a.y as number }));
  }
  return { nodes: list, edges };
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain words for each node shape, for the caption (typed by NodeShape: a new shape must get words). */
const SHAPE_WORDS: Record<NodeShape, string> = {
  ellipse: 'circle',
  rectangle: 'square',
  'round-rectangle': 'rounded square',
  'bottom-round-rectangle': 'square rounded below',
  'cut-rectangle': 'octagon with long sides (cut square)',
  barrel: 'barrel',
  triangle: 'triangle',
  'round-triangle': 'rounded triangle',
  diamond: 'diamond',
  rhomboid: 'parallelogram',
  'right-rhomboid': 'parallelogram leaning left',
  pentagon: 'pentagon',
  'round-pentagon': 'rounded pentagon',
  hexagon: 'hexagon',
  'concave-hexagon': 'notched hexagon',
  heptagon: 'heptagon',
  octagon: 'octagon',
  star: 'star',
  tag: 'tag',
  vee: 'chevron (V)',
};

/** The node types drawn in a figure, in the order they first appear. */
function typesDrawn(f: Figure): string[] {
  return [...new Set(f.nodes.map((n) => n.type))];
}

/** Edge numbers listed by name in the caption at most; beyond, a count says it. */
const LIST_DROPPED_UP_TO = 20;

/** Which edge numbers the figure leaves off (where they would overlap), in words. */
function droppedNote(dropped: readonly number[], edges: number): string {
  const n = dropped.length;
  if (n === 0) return '';
  if (n > LIST_DROPPED_UP_TO)
    return ` (${n} of the ${edges} edge numbers are not printed, where they would overlap; every edge is in the table)`;
  return ` (${n} edge number${n > 1 ? 's' : ''} not printed where ${n > 1 ? 'they' : 'it'} would overlap: ${dropped.join(', ')}; every edge is in the table)`;
}

/**
 * The figure's caption, written from the same visual language the figure is drawn with, so
 * it names exactly the shapes and colours on the page.
 */
export function figureCaption(f: Figure, layout: FigureLayout): string {
  const kinds = typesDrawn(f).map((t) => {
    const v = visualOf(t);
    return `${v.label.toLowerCase()}: ${SHAPE_WORDS[v.shape]}`;
  });
  return [
    `Frozen court view: positions as arranged by the investigator (or a seeded layout). Shapes, each type in its own colour (key below the figure): ${kinds.join('; ')}.`,
    f.nodes.some((n) => n.member)
      ? ` Ring members have a ${ROLE_VISUAL.member.label.replace(/^ring member \((.*)\)$/, '$1')}.`
      : '',
    ` Node codes match the legend; numbers on the lines match the edge table${droppedNote(
      layout.unlabelledEdges,
      f.edges.length,
    )}.`,
  ].join('');
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Where each label goes: edge numbers and node codes placed so that none overlaps another. */
export interface FigureLayout {
  readonly width: number;
  readonly height: number;
  readonly point: ReadonlyMap<string, { x: number; y: number }>;
  readonly nodeLabels: ReadonlyMap<
    string,
    { x: number; y: number; anchor: 'start' | 'end' | 'middle' }
  >;
  readonly edgeLabels: ReadonlyMap<number, { x: number; y: number }>;
  /** Edge numbers left off because every place along the edge was taken. */
  readonly unlabelledEdges: readonly number[];
  /** Every placed label's box (for tests: no two overlap). */
  readonly labelBoxes: readonly (Box & { label: string })[];
}

const NODE_FONT = 6;
const EDGE_FONT = 5;
/** Liberation Sans' average advance is about 0.56 em for digits and capitals used in codes. */
const textWidth = (s: string, size: number) => s.length * size * 0.6;

export function placeFigure(f: Figure, width = 515, height = 420): FigureLayout {
  const xs = f.nodes.map((n) => n.x);
  const ys = f.nodes.map((n) => n.y);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const pad = 26;
  const sx = (width - 2 * pad) / Math.max(1, maxX - minX);
  const sy = (height - 2 * pad) / Math.max(1, maxY - minY);
  const s = Math.min(sx, sy);
  const point = new Map(
    f.nodes.map((n) => [n.id, { x: pad + (n.x - minX) * s, y: pad + (n.y - minY) * s }]),
  );
  const taken: (Box & { label: string })[] = [];
  // Nodes are obstacles for every label.
  const nodeBoxes: Box[] = f.nodes.map((n) => {
    const p = point.get(n.id)!;
    const r = (n.member ? 6 : 5) + 1;
    return { x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r };
  });
  const inside = (b: Box) => b.x0 >= 1 && b.y0 >= 1 && b.x1 <= width - 1 && b.y1 <= height - 1;
  const free = (b: Box) =>
    inside(b) && !taken.some((t) => overlaps(t, b)) && !nodeBoxes.some((t) => overlaps(t, b));

  const nodeLabels = new Map<
    string,
    { x: number; y: number; anchor: 'start' | 'end' | 'middle' }
  >();
  for (const n of f.nodes) {
    const p = point.get(n.id)!;
    const w = textWidth(n.code, NODE_FONT);
    const h = NODE_FONT;
    const r = n.member ? 7 : 6;
    const candidates: { x: number; y: number; anchor: 'start' | 'end' | 'middle'; box: Box }[] = [
      {
        x: p.x + r,
        y: p.y + h / 2 - 1,
        anchor: 'start',
        box: { x0: p.x + r, y0: p.y - h / 2, x1: p.x + r + w, y1: p.y + h / 2 },
      },
      {
        x: p.x - r,
        y: p.y + h / 2 - 1,
        anchor: 'end',
        box: { x0: p.x - r - w, y0: p.y - h / 2, x1: p.x - r, y1: p.y + h / 2 },
      },
      {
        x: p.x,
        y: p.y - r - 1,
        anchor: 'middle',
        box: { x0: p.x - w / 2, y0: p.y - r - h, x1: p.x + w / 2, y1: p.y - r },
      },
      {
        x: p.x,
        y: p.y + r + h - 1,
        anchor: 'middle',
        box: { x0: p.x - w / 2, y0: p.y + r, x1: p.x + w / 2, y1: p.y + r + h },
      },
    ];
    // A node code is never dropped: the first free place, or the right-hand one.
    const c = candidates.find((k) => free(k.box)) ?? candidates[0]!;
    nodeLabels.set(n.id, { x: c.x, y: c.y, anchor: c.anchor });
    taken.push({ ...c.box, label: n.code });
  }

  const edgeLabels = new Map<number, { x: number; y: number }>();
  const unlabelledEdges: number[] = [];
  const along = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
  for (const e of f.edges) {
    const a = point.get(e.from)!;
    const b = point.get(e.to)!;
    const text = String(e.n);
    const w = textWidth(text, EDGE_FONT) + 1;
    const h = EDGE_FONT + 1;
    let placed = false;
    for (const t of along) {
      const cx = a.x + (b.x - a.x) * t;
      const cy = a.y + (b.y - a.y) * t;
      const box = { x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2 };
      if (!free(box)) continue;
      edgeLabels.set(e.n, { x: cx, y: cy });
      taken.push({ ...box, label: `edge ${text}` });
      placed = true;
      break;
    }
    if (!placed) unlabelledEdges.push(e.n);
  }
  return { width, height, point, nodeLabels, edgeLabels, unlabelledEdges, labelBoxes: taken };
}

/**
 * SVG of the figure: nodes in the shared visual language, node codes beside them, and edge
 * numbers on a white ground placed where they overlap nothing (ASCII only, so any font renders them).
 */
export function figureSvg(f: Figure, layout: FigureLayout = placeFigure(f)): string {
  const { width, height, point: at } = layout;
  const n1 = (v: number) => v.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff" stroke="#aab7b8"/>`,
  ];
  for (const e of f.edges) {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    parts.push(
      `<line x1="${n1(a.x)}" y1="${n1(a.y)}" x2="${n1(b.x)}" y2="${n1(b.y)}" stroke="#7f8c8d" stroke-width="0.8"/>`,
    );
  }
  for (const e of f.edges) {
    const l = layout.edgeLabels.get(e.n);
    if (!l) continue;
    const text = String(e.n);
    const w = textWidth(text, EDGE_FONT) + 1;
    parts.push(
      `<rect x="${n1(l.x - w / 2)}" y="${n1(l.y - (EDGE_FONT + 1) / 2)}" width="${n1(w)}" height="${EDGE_FONT + 1}" fill="#ffffff"/>`,
      `<text x="${n1(l.x)}" y="${n1(l.y + EDGE_FONT * 0.36)}" text-anchor="middle" font-family="Figure" font-size="${EDGE_FONT}" fill="#922b21">${text}</text>`,
    );
  }
  for (const n of f.nodes) {
    const v = visualOf(n.type);
    const p = at.get(n.id)!;
    const r = n.member ? 6 : 5;
    parts.push(
      `<path d="${shapePath(v.shape, p.x, p.y, r)}" fill="${v.color}" ` +
        (n.member
          ? `stroke="${ROLE_VISUAL.member.borderColor}" stroke-width="1.5"/>`
          : `stroke="#1b2631" stroke-width="0.6"/>`),
    );
    const l = layout.nodeLabels.get(n.id)!;
    parts.push(
      `<text x="${n1(l.x)}" y="${n1(l.y)}" text-anchor="${l.anchor}" font-family="Figure" font-size="${NODE_FONT}" fill="#1b2631">${esc(n.code)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The key under the figure: one swatch per type drawn, with the type's name (ASCII labels). */
export function figureKeySvg(f: Figure, width = 515): string {
  const items = typesDrawn(f).map((t) => visualOf(t));
  const member = f.nodes.some((n) => n.member);
  const cell = 128;
  const perRow = Math.max(1, Math.floor(width / cell));
  const rows = Math.ceil((items.length + (member ? 1 : 0)) / perRow);
  const height = rows * 14 + 4;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
  ];
  const at = (i: number) => ({ x: (i % perRow) * cell + 8, y: Math.floor(i / perRow) * 14 + 9 });
  items.forEach((v, i) => {
    const { x, y } = at(i);
    parts.push(
      `<path d="${shapePath(v.shape, x, y, 4.5)}" fill="${v.color}" stroke="#1b2631" stroke-width="0.6"/>`,
      `<text x="${x + 8}" y="${y + 2.5}" font-family="Figure" font-size="7" fill="#1b2631">${esc(v.label)}</text>`,
    );
  });
  if (member) {
    const { x, y } = at(items.length);
    parts.push(
      `<path d="${shapePath('ellipse', x, y, 4.5)}" fill="#ffffff" stroke="${ROLE_VISUAL.member.borderColor}" stroke-width="1.5"/>`,
      `<text x="${x + 8}" y="${y + 2.5}" font-family="Figure" font-size="7" fill="#1b2631">Ring member (thick dark outline)</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
