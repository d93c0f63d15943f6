/**
 * Labels that can be read at every zoom: shown at a constant size on screen (11 px or more,
 * whatever the zoom), and decluttered by priority where they would collide: ring members
 * first, then shared identifiers, then the rest, larger degree first. A label is shown only
 * where its box does not overlap one already placed, like map labels.
 */
import type cytoscape from 'cytoscape';

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
    const visible = cy
      .nodes(':visible')
      .filter(
        (n) =>
          !n.isParent() &&
          n.position('x') > ext.x1 - pad &&
          n.position('x') < ext.x2 + pad &&
          n.position('y') > ext.y1 - pad &&
          n.position('y') < ext.y2 + pad,
      );
    const ranked = (visible.toArray() as cytoscape.NodeSingular[])
      .map((n) => ({
        n,
        rank:
          n.hasClass('path-end') || n.selected() ? -1 : (ROLE_RANK[String(n.data('role'))] ?? 3),
        degree: n.degree(false),
      }))
      .sort((a, b) => a.rank - b.rank || b.degree - a.degree);
    // Screen-space occupancy grid of placed label boxes (and node boxes, so labels avoid nodes).
    const cell = 40;
    const grid = new Map<number, { x1: number; y1: number; x2: number; y2: number }[]>();
    const keys = (b: { x1: number; y1: number; x2: number; y2: number }) => {
      const out: number[] = [];
      for (let gx = Math.floor(b.x1 / cell); gx <= Math.floor(b.x2 / cell); gx++)
        for (let gy = Math.floor(b.y1 / cell); gy <= Math.floor(b.y2 / cell); gy++)
          out.push(gx * 100_003 + gy);
      return out;
    };
    const collides = (b: { x1: number; y1: number; x2: number; y2: number }) =>
      keys(b).some((k) =>
        (grid.get(k) ?? []).some((o) => b.x1 < o.x2 && b.x2 > o.x1 && b.y1 < o.y2 && b.y2 > o.y1),
      );
    const place = (b: { x1: number; y1: number; x2: number; y2: number }) =>
      keys(b).forEach((k) => (grid.get(k) ?? grid.set(k, []).get(k)!).push(b));
    for (const { n } of ranked) {
      const p = n.renderedPosition();
      const h = n.renderedHeight() / 2;
      place({ x1: p.x - h, y1: p.y - h, x2: p.x + h, y2: p.y + h });
    }
    const show = new Set<string>();
    for (const { n } of ranked) {
      if (hiddenTypes.has(n.data('type') as string)) continue;
      const p = n.renderedPosition();
      const w = labelWidth(String(n.data('display') ?? ''), px);
      const top = p.y + n.renderedHeight() / 2 + 2;
      const box = { x1: p.x - w / 2, y1: top, x2: p.x + w / 2, y2: top + px * 1.25 };
      if (collides(box)) continue;
      place(box);
      show.add(n.id());
    }
    // The font size in model units that renders at `px` on screen, set on the labelled only.
    const fs = px / zoom;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const on = show.has(n.id());
        n.toggleClass('labelled', on);
        if (on && n.data('fs') !== fs) n.data('fs', fs);
      });
      // Link labels only where few links are in view: hundreds of labels read as noise.
      const inView = cy.edges(':visible').filter((e) => {
        const m = e.midpoint();
        return m.x > ext.x1 && m.x < ext.x2 && m.y > ext.y1 && m.y < ext.y2;
      });
      const edgeOn = edgeLabels && inView.length <= 40;
      cy.edges().forEach((e) => {
        const on = edgeOn && inView.has(e);
        e.toggleClass('labelled', on);
        if (on) e.data('fs', (px - 1) / zoom);
      });
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
