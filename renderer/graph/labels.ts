/**
 * Labels that can be read at every zoom: shown at a constant size on screen (11 px or more,
 * whatever the zoom), and decluttered by priority where they would collide: ring members
 * first, then shared identifiers, then the rest, larger degree first. A label is shown only
 * where its box does not overlap one already placed, like map labels.
 */
import type cytoscape from 'cytoscape';
import { setClassWhere } from './classes';
import { BoxGrid } from './box-grid';

export interface LabelSettings {
  /** Label height on screen, in CSS pixels. */
  readonly px: number;
  /** Entity types whose labels are never shown. */
  readonly hiddenTypes: ReadonlySet<string>;
  /** Show link labels (where few enough links are in view to read them). */
  readonly edgeLabels: boolean;
}

export const MIN_LABEL_PX = 11;
/** The viewport counts as at rest after this long without a pan or zoom. */
export const REST_MS = 250;
const ROLE_RANK: Record<string, number> = { member: 0, identifier: 1, hub: 2, other: 3 };
const CJK = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/g;

/** The rendered width of a label, estimated: CJK characters are a full em, Latin about 0.58. */
export function labelWidth(text: string, px: number): number {
  const cjk = (text.match(CJK) ?? []).length;
  return (cjk + (text.length - cjk) * 0.58) * px + 4;
}

/** A node as the label placement sees it: on screen (CSS pixels), with its priority. */
export interface LabelCandidate<T> {
  readonly item: T;
  /** Centre on screen. */
  readonly x: number;
  readonly y: number;
  /** Half the node's height on screen. */
  readonly h: number;
  readonly display: string;
  readonly type: string;
  /** Lower first: -1 selected or a path end, then members, identifiers, hubs, the rest. */
  readonly rank: number;
  readonly degree: number;
}

/**
 * The labels to show, like map labels: by priority (rank, then larger degree first), each
 * where its box below the node overlaps no node and no label already placed.
 */
export function placeLabels<T>(
  candidates: readonly LabelCandidate<T>[],
  px: number,
  hiddenTypes: ReadonlySet<string>,
): T[] {
  const ranked = [...candidates].sort((a, b) => a.rank - b.rank || b.degree - a.degree);
  // Screen-space occupancy of placed label boxes (and node boxes, so labels avoid nodes).
  const occupied = new BoxGrid(40);
  for (const { x, y, h } of ranked) occupied.add({ x1: x - h, y1: y - h, x2: x + h, y2: y + h });
  const show: T[] = [];
  for (const c of ranked) {
    if (hiddenTypes.has(c.type)) continue;
    const w = labelWidth(c.display, px);
    const top = c.y + c.h + 2;
    const box = { x1: c.x - w / 2, y1: top, x2: c.x + w / 2, y2: top + px * 1.25 };
    if (occupied.hits(box)) continue;
    occupied.add(box);
    show.push(c.item);
  }
  return show;
}

/** What a chart about to be drawn shows first: its viewport and which labels, at what size. */
export interface FirstView {
  readonly zoom: number;
  readonly pan: { x: number; y: number };
  /** Node and edge ids to label, and their font sizes in model units. */
  readonly labelled: ReadonlySet<string>;
  readonly nodeFs: number;
  readonly edgeFs: number;
}

/**
 * The first view of a chart computed before Cytoscape draws it, from the positions alone:
 * the fit (node boxes plus `padding`, as `cy.fit` does for a chart with no labels yet) and
 * the label pass `labelDeclutter` would run on it. Given at creation (element classes and
 * data, the core's zoom and pan), nothing has to be restyled or measured twice before the
 * first frame; on a 9,000-element ring that pass and its restyle cost more than a second.
 */
export function firstView(
  nodes: readonly {
    id: string;
    type: string;
    role: string;
    display: string;
    /** Drawn size (width = height) in model units. */
    size: number;
  }[],
  edges: readonly { id: string; source: string; target: string }[],
  pos: Readonly<Record<string, { x: number; y: number }>>,
  size: { width: number; height: number },
  settings: LabelSettings & { hiddenNodeTypes: ReadonlySet<string> },
  limits: { minZoom: number; maxZoom: number; padding: number },
): FirstView | null {
  const shown = nodes.filter((n) => pos[n.id] && !settings.hiddenNodeTypes.has(n.type));
  if (!shown.length || size.width <= 0 || size.height <= 0) return null;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of shown) {
    const p = pos[n.id]!;
    const r = n.size / 2;
    x1 = Math.min(x1, p.x - r);
    y1 = Math.min(y1, p.y - r);
    x2 = Math.max(x2, p.x + r);
    y2 = Math.max(y2, p.y + r);
  }
  const pad = limits.padding;
  const zoom = Math.min(
    limits.maxZoom,
    Math.max(
      limits.minZoom,
      Math.min((size.width - 2 * pad) / (x2 - x1), (size.height - 2 * pad) / (y2 - y1)),
    ),
  );
  const pan = { x: (size.width - zoom * (x1 + x2)) / 2, y: (size.height - zoom * (y1 + y2)) / 2 };
  const degree = new Map<string, number>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const labelled = new Set(
    placeLabels(
      shown.map((n) => ({
        item: n.id,
        x: pos[n.id]!.x * zoom + pan.x,
        y: pos[n.id]!.y * zoom + pan.y,
        h: (n.size * zoom) / 2,
        display: n.display,
        type: n.type,
        rank: ROLE_RANK[n.role] ?? 3,
        degree: degree.get(n.id) ?? 0,
      })),
      settings.px,
      settings.hiddenTypes,
    ),
  );
  // Link labels when few enough links are in view (at fit: all links between shown nodes).
  if (settings.edgeLabels) {
    const ids = new Set(shown.map((n) => n.id));
    const inView = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    if (inView.length <= 40) for (const e of inView) labelled.add(e.id);
  }
  return { zoom, pan, labelled, nodeFs: settings.px / zoom, edgeFs: (settings.px - 1) / zoom };
}

/** Returns the function that recomputes which labels show (call it after zoom, pan, edits). */
export function labelDeclutter(
  cy: cytoscape.Core,
  settings: () => LabelSettings,
): { update: () => void; dispose: () => void } {
  let frame = 0;
  const update = () => {
    // Counted for the benchmark: passes during a continuous zoom cost frames.
    cy.scratch('labelPasses', Number(cy.scratch('labelPasses') ?? 0) + 1);
    const { px, hiddenTypes, edgeLabels } = settings();
    const zoom = cy.zoom();
    const ext = cy.extent();
    const pad = 60 / zoom;
    // Nodes in (or near) the view: positions first, the style lookup of visibility after.
    const near: cytoscape.NodeSingular[] = [];
    cy.nodes().forEach((n) => {
      if (n.isParent()) return;
      const { x, y } = n.position();
      if (x > ext.x1 - pad && x < ext.x2 + pad && y > ext.y1 - pad && y < ext.y2 + pad)
        if (n.visible()) near.push(n);
    });
    const show = new Set(
      placeLabels(
        near.map((n) => ({
          item: n,
          ...n.renderedPosition(),
          h: n.renderedHeight() / 2,
          display: String(n.data('display') ?? ''),
          type: String(n.data('type')),
          rank:
            n.hasClass('path-end') || n.selected() ? -1 : (ROLE_RANK[String(n.data('role'))] ?? 3),
          degree: n.degree(false),
        })),
        px,
        hiddenTypes,
      ),
    );
    // Link labels only where few links are in view: hundreds of labels read as noise. The
    // midpoint of the two ends (exact for the straight and haystack links drawn here) saves
    // Cytoscape computing every link's control points.
    const inView = new Set<cytoscape.EdgeSingular>();
    if (edgeLabels)
      for (const e of cy.edges().toArray()) {
        const a = e.source().position();
        const b = e.target().position();
        const x = (a.x + b.x) / 2;
        const y = (a.y + b.y) / 2;
        if (x > ext.x1 && x < ext.x2 && y > ext.y1 && y < ext.y2 && e.visible()) {
          inView.add(e);
          if (inView.size > 40) break;
        }
      }
    const edgeOn = inView.size <= 40;
    // The font size in model units that renders at `px` on screen, set on the labelled only.
    // Only elements whose label changes are touched: each touched element is restyled.
    const fs = px / zoom;
    const efs = (px - 1) / zoom;
    cy.batch(() => {
      setClassWhere(cy, cy.nodes().toArray(), 'labelled', (n) => show.has(n));
      for (const n of show) if (n.data('fs') !== fs) n.data('fs', fs);
      const wanted = edgeOn ? inView : new Set<cytoscape.EdgeSingular>();
      setClassWhere(cy, [...cy.edges('.labelled').toArray(), ...wanted], 'labelled', (e) =>
        wanted.has(e),
      );
      for (const e of wanted) if (e.data('fs') !== efs) e.data('fs', efs);
    });
  };
  const schedule = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      update();
    });
  };
  // While the viewport moves, wait for it to rest: the pass restyles every labelled node
  // (a new font size per zoom), which makes Cytoscape re-measure and redraw them all instead
  // of moving its cached texture. With a 90 ms wait it ran between the frames of a slow zoom
  // (frames over 90 ms on a big ring), making zoom frames ~5x bare Cytoscape's; it now waits
  // until no viewport event came for REST_MS.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastMove = 0;
  const settle = () => {
    timer = undefined;
    const idle = performance.now() - lastMove;
    if (idle >= REST_MS) schedule();
    else timer = setTimeout(settle, REST_MS - idle);
  };
  const onViewport = () => {
    lastMove = performance.now();
    if (timer === undefined) timer = setTimeout(settle, REST_MS);
  };
  cy.on('viewport', onViewport);
  cy.on('add remove position', onViewport);
  return {
    update,
    dispose: () => {
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      cy.off('viewport', onViewport);
      cy.off('add remove position', onViewport);
    },
  };
}
