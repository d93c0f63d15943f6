/**
 * The graph's visual language, close to what i2 and Maltego users read at a glance: one
 * shape and colour per entity type, a short glyph inside, edge labels by link type, ring
 * members outlined, suppressed hubs greyed and dashed.
 */
import type cytoscape from 'cytoscape';

export const TYPE_STYLE: Record<
  string,
  { shape: cytoscape.Css.NodeShape; color: string; glyph: string; label: string }
> = {
  seller: { shape: 'ellipse', color: '#c0392b', glyph: '👤', label: 'Seller account' },
  shop: { shape: 'round-rectangle', color: '#e67e22', glyph: '🏪', label: 'Shop' },
  listing: { shape: 'rectangle', color: '#f1c40f', glyph: '🏷', label: 'Listing' },
  order: { shape: 'tag', color: '#16a085', glyph: '🧾', label: 'Order / test buy' },
  warehouse: { shape: 'barrel', color: '#8e44ad', glyph: '📦', label: 'Warehouse' },
  payment_account: { shape: 'diamond', color: '#27ae60', glyph: '¥', label: 'Payment account' },
  bank_account: { shape: 'diamond', color: '#1e8449', glyph: '🏦', label: 'Bank account' },
  device: { shape: 'hexagon', color: '#2c3e50', glyph: '📱', label: 'Device' },
  phone: { shape: 'round-triangle', color: '#2980b9', glyph: '☎', label: 'Phone' },
  email: { shape: 'round-triangle', color: '#5dade2', glyph: '@', label: 'E-mail' },
  ip_address: { shape: 'octagon', color: '#7f8c8d', glyph: 'IP', label: 'IP address' },
  person: { shape: 'ellipse', color: '#d35400', glyph: '☺', label: 'Person' },
  company: { shape: 'round-rectangle', color: '#6c3483', glyph: '🏢', label: 'Company' },
  image_fingerprint: {
    shape: 'round-diamond',
    color: '#a04000',
    glyph: '🖼',
    label: 'Product photo',
  },
  complaint: { shape: 'vee', color: '#b03a2e', glyph: '!', label: 'IP complaint' },
  complainant: { shape: 'star', color: '#943126', glyph: '⚖', label: 'Complainant' },
  evidence: { shape: 'rectangle', color: '#5d6d7e', glyph: '📎', label: 'Evidence' },
  brand: { shape: 'star', color: '#b7950b', glyph: '®', label: 'Brand' },
  ip_right: { shape: 'pentagon', color: '#9a7d0a', glyph: '§', label: 'IP right' },
  lead: { shape: 'star', color: '#cb4335', glyph: '⚑', label: 'Lead' },
};
const FALLBACK = { shape: 'ellipse' as const, color: '#95a5a6', glyph: '?', label: 'Other' };
export const styleOf = (type: string) => TYPE_STYLE[type] ?? FALLBACK;

/** The per-element data the stylesheet maps (computed once when elements are added). */
export function nodeVisual(
  type: string,
  label: string,
): { shape: string; color: string; display: string } {
  const s = styleOf(type);
  // Shape and colour carry the type; no emoji glyphs in labels (an offline laptop may have no emoji font).
  return { shape: s.shape, color: s.color, display: label.slice(0, 28) };
}
export function edgeVisual(type: string, number: number): { display: string } {
  return { display: `${number ? `${number}. ` : ''}${type.replace('_', ' ')}` };
}

/**
 * Detail that only pays at a readable zoom, as classes switched when the zoom crosses a
 * threshold: labels (9 and 7 px type at 6 px or more on screen) and curved, arrowed edges.
 * Undrawn labels and bezier edges still cost Cytoscape work on every frame, most of the
 * frame for thousands of elements, and show nothing legible at an overview zoom.
 */
export const DETAIL_ZOOM = [
  { group: 'nodes', className: 'labelled', zoom: 0.65 },
  { group: 'edges', className: 'labelled', zoom: 0.85 },
  { group: 'edges', className: 'detailed', zoom: 0.4 },
] as const;

/** Graphs smaller than this always show every detail: for them it costs little, and it is what makes them readable. */
export const DETAIL_ALWAYS_BELOW = 1500;

export function detailForZoom(cy: cytoscape.Core): void {
  const always = cy.elements().length < DETAIL_ALWAYS_BELOW;
  const shown = DETAIL_ZOOM.map(() => false);
  let first = true;
  const update = () => {
    const z = cy.zoom();
    const want = DETAIL_ZOOM.map((d) => always || z >= d.zoom);
    if (!first && want.every((w, i) => w === shown[i])) return;
    cy.batch(() => {
      DETAIL_ZOOM.forEach((d, i) => {
        // Elements start without the classes, so the first pass only has to add them.
        if (first ? want[i] : want[i] !== shown[i])
          (d.group === 'nodes' ? cy.nodes() : cy.edges()).toggleClass(d.className, want[i]);
        shown[i] = want[i]!;
      });
    });
    first = false;
  };
  update();
  cy.on('zoom', update);
  // Elements added later (expanding a node) take the current state.
  cy.on('add', (e) => {
    const el = e.target as cytoscape.SingularElementReturnValue;
    DETAIL_ZOOM.forEach((d, i) => {
      if ((d.group === 'nodes') === el.isNode()) el.toggleClass(d.className, shown[i]);
    });
  });
}

export function stylesheet(): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        // Data mappers, not functions: Cytoscape evaluates functions per element per render.
        shape: 'data(shape)',
        'background-color': 'data(color)',
        'font-size': 9,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        color: '#1b2631',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        width: 26,
        height: 26,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    // Labels, curves and arrows only where they can be seen (see DETAIL_ZOOM).
    { selector: 'node.labelled', style: { label: 'data(display)' } },
    { selector: 'edge.labelled', style: { label: 'data(display)' } },
    {
      selector: 'edge.detailed',
      style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle' },
    },
    {
      selector: 'node[role = "member"]',
      style: { 'border-width': 3, 'border-color': '#922b21', width: 32, height: 32 },
    },
    {
      selector: 'node[role = "identifier"]',
      style: { 'border-width': 2, 'border-color': '#1a5276' },
    },
    {
      selector: 'node[role = "hub"]',
      style: {
        'background-color': '#d5d8dc',
        'border-style': 'dashed',
        'border-width': 2,
        'border-color': '#7b7d7d',
        color: '#7b7d7d',
      },
    },
    {
      selector: 'node:selected',
      style: { 'overlay-color': '#f4d03f', 'overlay-opacity': 0.45, 'overlay-padding': 6 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'line-color': '#aab7b8',
        'target-arrow-color': '#aab7b8',
        'arrow-scale': 0.7,
        'curve-style': 'haystack',
        'haystack-radius': 0,
        'font-size': 7,
        color: '#566573',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
      },
    },
    { selector: 'edge[hub = 1]', style: { 'line-style': 'dashed', 'line-color': '#d5d8dc' } },
    {
      selector: 'edge.on-path',
      style: { 'line-color': '#e74c3c', 'target-arrow-color': '#e74c3c', width: 4, 'z-index': 10 },
    },
    { selector: 'node.on-path', style: { 'border-color': '#e74c3c', 'border-width': 5 } },
    { selector: '.faded', style: { opacity: 0.18 } },
    { selector: '.hidden-type', style: { display: 'none' } },
  ] as unknown as cytoscape.StylesheetJson;
}
