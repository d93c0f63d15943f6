/**
 * The case overview drawn by Cytoscape: one node per account or identifier, in the shapes
 * and colours of the one visual language, rings as discs (overview-layout.ts), a title per
 * ring. Built for 50,000 elements: positions are computed, not simulated; links are haystack
 * lines; the viewport moves a cached texture (`textureOnViewport`) and everything is redrawn
 * sharp when it rests; a label is drawn only where it reads and has room (overview-labels.ts).
 * Canvas is the default renderer: measured in Debian Chromium (bench/ui-graph.bench.ts) WebGL was slower there, where it runs on SwiftShader;
 * on a laptop with a GPU the WebGL renderer can be chosen in the view.
 */
import cytoscape from 'cytoscape';
import type { CaseOverview } from '../../shared/graph/case-overview';
import { ROLE_VISUAL, visualOf } from '../../shared/graph/visual-language';
import { overviewLayout, titleRoom } from '../../shared/graph/overview-layout';
import { visibleControls } from '../../shared/visible-controls';
import { drawnFont, keepLabelsLegible } from './overview-labels';

export const OVERVIEW_FONT =
  "'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Label font sizes in model units, by role (titles are sized by ringTitle). */
const NODE_FONT: Readonly<Record<string, number>> = { member: 7, identifier: 7, hub: 12, tie: 11 };
const TITLE_LINE_HEIGHT = 1.15;
/** Bold Latin glyphs average about 0.62 em. */
const TITLE_EM = 0.62;
const TITLE_MAX_FONT = 40;

/**
 * A ring's title and its font size: as large as its room above the disc allows (a big
 * ring's title reads first, and a small ring's still reads at fit), on one line or, where
 * that gives a larger font, two ("#2 R-0001" over "14 members").
 */
export function ringTitle(
  r: { rank: number; id: string; members: number },
  radius: number,
): { label: string; fs: number; width: number; height: number } {
  const room = titleRoom(radius);
  const name = `#${r.rank} ${r.id}`;
  const size = `${r.members} members`;
  const fit = (lines: string[]) =>
    Math.min(
      TITLE_MAX_FONT,
      room.height / (lines.length * TITLE_LINE_HEIGHT),
      room.width / (Math.max(...lines.map((l) => l.length)) * TITLE_EM),
    );
  const lines =
    fit([`${name} · ${size}`]) >= fit([name, size]) ? [`${name} · ${size}`] : [name, size];
  const fs = fit(lines);
  return {
    label: lines.join('\n'),
    fs,
    width: Math.max(...lines.map((l) => l.length)) * TITLE_EM * fs,
    height: lines.length * TITLE_LINE_HEIGHT * fs,
  };
}

export function overviewStylesheet(): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        shape: 'data(shape)',
        'background-color': 'data(color)',
        width: 14,
        height: 14,
        'border-width': 0,
        label: 'data(label)',
        'font-family': OVERVIEW_FONT,
        'font-size': 'data(fs)',
        'text-valign': 'data(valign)',
        'text-halign': 'data(halign)',
        color: '#1b2631',
        // Not drawn unless `legible` (overview-labels.ts decides which labels have room).
        'min-zoomed-font-size': 1e9,
      },
    },
    { selector: 'node.legible', style: { 'min-zoomed-font-size': 0 } },
    {
      selector: 'node[role = "member"]',
      style: {
        width: 18,
        height: 18,
        'border-width': 2,
        'border-color': ROLE_VISUAL.member.borderColor,
      },
    },
    {
      selector: 'node[role = "hub"]',
      style: {
        'background-color': ROLE_VISUAL.hub.fill,
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': ROLE_VISUAL.hub.borderColor,
        width: 30,
        height: 30,
      },
    },
    {
      selector: 'node[role = "tie"]',
      style: {
        'border-width': 3,
        'border-color': '#d35400',
        width: 24,
        height: 24,
      },
    },
    {
      selector: 'node.ring-title',
      style: {
        shape: 'round-rectangle',
        'background-opacity': 0,
        width: 1,
        height: 1,
        'font-weight': 'bold',
        color: '#17202a',
        'text-valign': 'center',
        'text-wrap': 'wrap',
        'text-max-width': '100000px',
        'line-height': TITLE_LINE_HEIGHT,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        events: 'yes',
      },
    },
    {
      selector: 'edge',
      style: {
        'curve-style': 'haystack',
        'haystack-radius': 0,
        width: 1,
        'line-color': '#99a3a4',
        opacity: 0.7,
      },
    },
    { selector: 'edge[hub = 1]', style: { 'line-style': 'dashed', 'line-color': '#c5c9ca' } },
    { selector: 'edge[tie = 1]', style: { 'line-color': '#d35400', width: 2, opacity: 1 } },
    {
      selector: 'node:selected',
      style: { 'overlay-color': '#f4d03f', 'overlay-opacity': 0.5, 'overlay-padding': 6 },
    },
    { selector: '.faded', style: { opacity: 0.12 } },
  ] as unknown as cytoscape.StylesheetJson;
}

/** The Cytoscape elements of an overview, positioned. */
export function overviewElements(o: CaseOverview): cytoscape.ElementDefinition[] {
  const { positions, rings } = overviewLayout(o);
  const role = new Map(o.nodes.map((n) => [n.id, n.role]));
  const els: cytoscape.ElementDefinition[] = [];
  o.rings.forEach((r, i) => {
    const d = rings[i]!;
    const t = ringTitle(r, d.radius);
    els.push({
      group: 'nodes',
      data: {
        id: `ring:${r.id}`,
        ring: i,
        ringId: r.id,
        role: 'title',
        label: t.label,
        base: t.fs,
        fs: t.fs,
        // Its box as estimated, so the fit can hold the whole title.
        w: t.width,
        h: t.height,
        shape: 'round-rectangle',
        color: '#ffffff',
        halign: 'center',
        valign: 'center',
      },
      classes: 'ring-title',
      // Above the rim and the top members' labels.
      position: {
        x: d.center.x,
        y: d.center.y - d.radius - titleRoom(d.radius).clearance - t.height / 2,
      },
      selectable: false,
    });
  });
  const centre = new Map(o.rings.map((r, i) => [i, rings[i]!.center]));
  for (const n of o.nodes) {
    const v = visualOf(n.type);
    // Members' labels point away from their disc, so neighbours on the rim do not collide.
    const p = positions.get(n.id)!;
    const c = n.role === 'member' ? centre.get(n.ring) : undefined;
    const dx = c ? p.x - c.x : 0;
    const dy = c ? p.y - c.y : 1;
    const side = Math.abs(dx) > Math.abs(dy) * 0.6;
    els.push({
      group: 'nodes',
      data: {
        id: n.id,
        entityId: n.entityId,
        type: n.type,
        role: n.role,
        ring: n.ring,
        ringId: n.ring >= 0 ? o.rings[n.ring]!.id : '',
        label: shortLabel(visibleControls(n.label)),
        base: NODE_FONT[n.role] ?? NODE_FONT.member,
        fs: NODE_FONT[n.role] ?? NODE_FONT.member,
        shape: v.shape,
        color: v.color,
        halign: side ? (dx > 0 ? 'right' : 'left') : 'center',
        valign: side ? 'center' : dy > 0 ? 'bottom' : 'top',
      },
      position: p,
    });
  }
  for (const e of o.edges)
    els.push({
      group: 'edges',
      data: {
        ...e,
        hub: role.get(e.target) === 'hub' || role.get(e.source) === 'hub' ? 1 : 0,
        tie: role.get(e.target) === 'tie' || role.get(e.source) === 'tie' ? 1 : 0,
      },
    });
  return els;
}

export interface OverviewOptions {
  /** Cytoscape's WebGL renderer (>= 3.31) instead of its canvas one. */
  readonly webgl?: boolean;
  /**
   * Elements added per task (nodes first), each in its own task, so a click (on a ring of
   * the list beside it) is handled between two of them instead of after the whole overview;
   * 0 or none: all at once.
   */
  readonly chunk?: number;
}

/** The viewport that fits every node (at its largest drawn size) with `padding`, as cy.fit does. */
function fitOf(
  els: readonly cytoscape.ElementDefinition[],
  size: { width: number; height: number },
  padding: number,
  limits: { min: number; max: number },
): { zoom: number; pan: { x: number; y: number } } | null {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const e of els)
    if (e.position) {
      // A node's largest drawn size, or a title's estimated box.
      const w = Number(e.data.w ?? 30) / 2;
      const h = Number(e.data.h ?? 30) / 2;
      x1 = Math.min(x1, e.position.x - w);
      y1 = Math.min(y1, e.position.y - h);
      x2 = Math.max(x2, e.position.x + w);
      y2 = Math.max(y2, e.position.y + h);
    }
  if (!(x2 > x1) || size.width <= 2 * padding || size.height <= 2 * padding) return null;
  const zoom = Math.min(
    limits.max,
    Math.max(
      limits.min,
      Math.min((size.width - 2 * padding) / (x2 - x1), (size.height - 2 * padding) / (y2 - y1)),
    ),
  );
  return {
    zoom,
    pan: { x: (size.width - zoom * (x1 + x2)) / 2, y: (size.height - zoom * (y1 + y2)) / 2 },
  };
}

/**
 * Mounts the overview into `container`, fitted; `done` resolves once every element is in
 * (at once, or chunk by chunk with `options.chunk`; also if the chart is destroyed first).
 */
export function mountOverview(
  container: HTMLElement,
  o: CaseOverview,
  options: OverviewOptions = {},
): { cy: cytoscape.Core; done: Promise<void> } {
  const all = overviewElements(o);
  // Nodes before edges, so every chunk's edges have their ends drawn.
  const els = [
    ...all.filter((e) => e.group === 'nodes'),
    ...all.filter((e) => e.group !== 'nodes'),
  ];
  const chunk = options.chunk && options.chunk > 0 ? options.chunk : els.length;
  const limits = { min: 0.005, max: 8 };
  // The fit of the whole overview, computed from the positions: the first chunk is drawn
  // where it will stay, and Cytoscape measures no bounding box before the first frame.
  const view = fitOf(
    els,
    { width: container.clientWidth, height: container.clientHeight },
    20,
    limits,
  );
  // Elements go in with their font sizes at that fit: no node is restyled before it is drawn.
  if (view)
    for (const e of els)
      if (e.group === 'nodes')
        e.data.fs = drawnFont(String(e.data.role), Number(e.data.base), view.zoom);
  const cy = cytoscape({
    container,
    elements: els.slice(0, chunk),
    style: overviewStylesheet(),
    ...(view
      ? { zoom: view.zoom, pan: view.pan, layout: { name: 'preset', fit: false } }
      : { layout: { name: 'preset' } }),
    minZoom: limits.min,
    maxZoom: limits.max,
    textureOnViewport: true,
    boxSelectionEnabled: false,
    autoungrabify: true,
    // Cytoscape reads renderer hints from the top-level options too (`webgl`, >= 3.31).
    ...(options.webgl && { webgl: true }),
  });
  if (!view) cy.fit(undefined, 20);
  const labels = keepLabelsLegible(cy, container);
  cy.on('destroy', labels.dispose);
  // In the task that created the chart, so its first frame already shows the right labels.
  labels.update();
  const done = new Promise<void>((resolve) => {
    let at = chunk;
    const step = () => {
      if (cy.destroyed() || at >= els.length) {
        if (!view && !cy.destroyed()) cy.fit(undefined, 20);
        labels.update();
        resolve();
        return;
      }
      cy.add(els.slice(at, at + chunk));
      at += chunk;
      setTimeout(step, 0);
    };
    // All in at once: the pass above, at creation, already saw every element.
    if (at >= els.length) resolve();
    else setTimeout(step, 0);
  });
  return { cy, done };
}

/** Overview labels stay short: the ring's name and members matter there, not the full text. */
function shortLabel(label: string): string {
  return label.length > 24 ? `${label.slice(0, 23)}…` : label;
}
