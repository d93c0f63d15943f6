/**
 * Which overview labels are drawn, decided each time the viewport rests, like map labels: a
 * label is drawn where it reads (11 px or more on screen, MIN_LABEL_PX), is in view, and
 * covers neither a node nor a label of higher priority. Cytoscape's own threshold
 * (`min-zoomed-font-size`) cannot say "11 px": it compares the font size times the zoom
 * rounded up to a power of two (3.34, eleTextBiggerThanMin), so a threshold of 10 drew
 * labels of 5 to 10 px. The chart's style sheet draws a label only on nodes with `legible`.
 */
import type cytoscape from 'cytoscape';
import { MIN_LABEL_PX, REST_MS, labelWidth } from './labels';
import { setClassWhere } from './classes';
import { BoxGrid } from './box-grid';

/** Node sizes in model units, by role, as overviewStylesheet draws them (borders included). */
const NODE_SIZE: Readonly<Record<string, number>> = {
  member: 20,
  identifier: 14,
  hub: 32,
  tie: 27,
};
/** Which labels win where two would overlap: titles, then hubs, ties, members, identifiers. */
const LABEL_PRIORITY: Readonly<Record<string, number>> = {
  title: 0,
  hub: 1,
  tie: 2,
  member: 3,
  identifier: 4,
};
/** Whether a label of font size `fs` (model units) reads at `zoom`. */
const legible = (fs: number, zoom: number) => fs * zoom >= MIN_LABEL_PX;
/**
 * Zoomed in, node labels stop growing at this height on screen, so the space between nodes
 * grows faster than their labels and every label finds room at some zoom. Titles keep
 * scaling with their discs.
 */
const LABEL_MAX_PX = 14;
export const drawnFont = (role: string, base: number, zoom: number) =>
  role === 'title' ? base : Math.min(base, LABEL_MAX_PX / zoom);

/**
 * Gives `legible` to the nodes whose label is drawn, each time the viewport has rested for
 * REST_MS (restyling during a zoom would make Cytoscape redraw instead of moving its cached
 * texture): a label is drawn where it reads at this zoom, is in view, and covers neither a
 * node nor a label of higher priority (LABEL_PRIORITY, then the better ring), like map
 * labels. Only nodes whose state changes are restyled. The zoom the last pass ran for is
 * kept in `data-label-zoom` on the container, for tests.
 */
export function keepLabelsLegible(
  cy: cytoscape.Core,
  container: HTMLElement,
): { update: () => void; dispose: () => void } {
  const update = () => {
    if (cy.destroyed()) return;
    const zoom = cy.zoom();
    const ext = cy.extent();
    const nodes = cy.nodes().toArray();
    const within = (n: cytoscape.NodeSingular, pad: number) => {
      const { x, y } = n.position();
      return x >= ext.x1 - pad && x <= ext.x2 + pad && y >= ext.y1 - pad && y <= ext.y2 + pad;
    };
    // Nodes just out of view count as obstacles too: a label in view may reach them.
    const near = nodes.filter((n) => within(n, 300 / zoom));
    const inView = near.filter((n) => within(n, 0));
    const resized: cytoscape.NodeSingular[] = [];
    cy.batch(() => {
      for (const n of near) {
        const fs = drawnFont(String(n.data('role')), Number(n.data('base')), zoom);
        if (n.data('fs') !== fs) {
          n.data('fs', fs);
          resized.push(n);
        }
      }
    });
    // Cytoscape 3.34 keeps a node's cached bounding box from before a font size set through
    // data (seen in Chromium: a label box of the old size after the new size was drawn); a
    // box too small would crop the label's cached texture.
    // An array of elements makes a collection (the typings only list definitions).
    const dirty = cy.collection(resized as unknown as cytoscape.CollectionArgument) as unknown as {
      dirtyBoundingBoxCache?: () => void;
    };
    dirty.dirtyBoundingBoxCache?.();
    const occupied = new BoxGrid(40 / zoom);
    for (const n of near) {
      const role = String(n.data('role'));
      if (role === 'title') continue;
      const { x, y } = n.position();
      const r = (NODE_SIZE[role] ?? NODE_SIZE.member!) / 2;
      occupied.add({ x1: x - r, y1: y - r, x2: x + r, y2: y + r, owner: n.id() });
    }
    const rank = (n: cytoscape.NodeSingular) => LABEL_PRIORITY[String(n.data('role'))] ?? 9;
    const candidates = inView
      .filter((n) => legible(Number(n.data('base')), zoom))
      .sort((a, b) => rank(a) - rank(b) || Number(a.data('ring')) - Number(b.data('ring')));
    const shown = new Set<cytoscape.NodeSingular>();
    for (const n of candidates) {
      const box = { ...labelBox(n.data() as LabelGeometry, n.position()), owner: n.id() };
      if (occupied.hits(box)) continue;
      occupied.add(box);
      shown.add(n);
    }
    cy.batch(() => setClassWhere(cy, nodes, 'legible', (n) => shown.has(n)));
    container.dataset.labelZoom = zoom.toFixed(6);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onViewport = () => {
    clearTimeout(timer);
    timer = setTimeout(update, REST_MS);
  };
  cy.on('viewport', onViewport);
  return {
    update,
    dispose: () => {
      clearTimeout(timer);
      delete container.dataset.labelZoom;
    },
  };
}

/** What places a node's label: its text, size, alignment and role (or a title's box). */
export interface LabelGeometry {
  readonly label: string;
  readonly role: string;
  readonly fs: number;
  readonly halign: string;
  readonly valign: string;
  /** A title's estimated box (ringTitle). */
  readonly w?: number;
  readonly h?: number;
}

/**
 * A label's box in model units, estimated from its text (labels.ts's labelWidth) rather than
 * read from Cytoscape, whose cached boxes can lag a font-size change.
 */
export function labelBox(
  g: LabelGeometry,
  at: { x: number; y: number },
): { x1: number; y1: number; x2: number; y2: number } {
  if (g.role === 'title') {
    const w = (g.w ?? 0) / 2;
    const h = (g.h ?? 0) / 2;
    return { x1: at.x - w, y1: at.y - h, x2: at.x + w, y2: at.y + h };
  }
  const w = labelWidth(g.label, g.fs);
  const h = g.fs * 1.25;
  const r = (NODE_SIZE[g.role] ?? NODE_SIZE.member!) / 2;
  if (g.valign === 'center') {
    const x1 = g.halign === 'right' ? at.x + r : g.halign === 'left' ? at.x - r - w : at.x - w / 2;
    return { x1, y1: at.y - h / 2, x2: x1 + w, y2: at.y + h / 2 };
  }
  const y1 = g.valign === 'top' ? at.y - r - h : at.y + r;
  return { x1: at.x - w / 2, y1, x2: at.x + w / 2, y2: y1 + h };
}
