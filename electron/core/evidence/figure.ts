/**
 * The ring figure as the court sees it: fixed positions (the investigator's saved
 * arrangement, or a seeded ForceAtlas2 layout), short node codes with a legend, and
 * numbered edges that match the edge table. Rendered as SVG so the PDF keeps it as vectors.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EntityRef, Ring, RingExplanation } from '../../../shared/analysis/schemas';
import { ROLE_VISUAL, shapePath, visualOf } from '../../../shared/graph/visual-language';

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

export function layoutFigure(
  ex: RingExplanation,
  ring: Ring,
  saved: Record<string, { x: number; y: number }> | null,
  extra: readonly { from: EntityRef; to: EntityRef; type: string }[] = [],
): Figure {
  const nodes = new Map<string, FigureNode>();
  const counters = new Map<string, number>();
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
      member: [...ring.sellers, ...ring.shops].some((m) => m.id === ref.id),
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
      settings: { ...forceAtlas2.inferSettings(g), gravity: 1, scalingRatio: 10 },
    });
    g.forEachNode((id, a) => Object.assign(nodes.get(id)!, { x: a.x as number, y: a.y as number }));
  }
  return { nodes: list, edges };
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** SVG of the figure scaled into width x height, with node codes and edge numbers (ASCII only, so any font renders them). */
export function figureSvg(f: Figure, width = 515, height = 420): string {
  const xs = f.nodes.map((n) => n.x);
  const ys = f.nodes.map((n) => n.y);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const pad = 24;
  const sx = (width - 2 * pad) / Math.max(1, maxX - minX);
  const sy = (height - 2 * pad) / Math.max(1, maxY - minY);
  const s = Math.min(sx, sy);
  const px = (x: number) => (pad + (x - minX) * s).toFixed(1);
  const py = (y: number) => (pad + (y - minY) * s).toFixed(1);
  const at = new Map(f.nodes.map((n) => [n.id, n]));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff" stroke="#aab7b8"/>`,
  ];
  for (const e of f.edges) {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    parts.push(
      `<line x1="${px(a.x)}" y1="${py(a.y)}" x2="${px(b.x)}" y2="${py(b.y)}" stroke="#7f8c8d" stroke-width="0.8"/>`,
    );
    const mx = (Number(px(a.x)) + Number(px(b.x))) / 2;
    const my = (Number(py(a.y)) + Number(py(b.y))) / 2;
    parts.push(
      `<text x="${mx.toFixed(1)}" y="${my.toFixed(1)}" font-family="Figure" font-size="5" fill="#922b21">${e.n}</text>`,
    );
  }
  for (const n of f.nodes) {
    const v = visualOf(n.type);
    const r = n.member ? 6 : 5;
    parts.push(
      `<path d="${shapePath(v.shape, Number(px(n.x)), Number(py(n.y)), r)}" fill="${v.color}" ` +
        (n.member
          ? `stroke="${ROLE_VISUAL.member.borderColor}" stroke-width="1.5"/>`
          : `stroke="#1b2631" stroke-width="0.6"/>`),
    );
    parts.push(
      `<text x="${(Number(px(n.x)) + 7).toFixed(1)}" y="${(Number(py(n.y)) + 3).toFixed(1)}" font-family="Figure" font-size="6" fill="#1b2631">${esc(n.code)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
