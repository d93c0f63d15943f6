/**
 * The ring figure's labels and caption: no two labels overlap (edge numbers that cannot be
 * placed are left off and named in the caption), and the caption names the shapes the
 * figure is drawn with, taken from the shared visual language.
 */
import { describe, expect, it } from 'vitest';
import {
  figureCaption,
  figureSvg,
  placeFigure,
  type Figure,
} from '../../../../electron/core/evidence/figure';
import { TYPE_VISUAL } from '../../../../shared/graph/visual-language';

/** A hub ring: 30 members around two shared identifiers, every member linked to both. */
function hubFigure(members = 30): Figure {
  const nodes: Figure['nodes'][number][] = [
    { id: 'p', code: 'I1', type: 'payment_account', label: 'pay', member: false, x: 0, y: 0 },
    { id: 'w', code: 'I2', type: 'warehouse', label: 'wh', member: false, x: 10, y: 5 },
  ];
  const edges: Figure['edges'][number][] = [];
  for (let i = 0; i < members; i++) {
    const a = (2 * Math.PI * i) / members;
    nodes.push({
      id: `m${i}`,
      code: i % 2 ? `H${i}` : `S${i}`,
      type: i % 2 ? 'shop' : 'seller',
      label: `m${i}`,
      member: true,
      x: Math.cos(a) * 100,
      y: Math.sin(a) * 100,
    });
    edges.push({ n: edges.length + 1, from: `m${i}`, to: 'p', type: 'paid_to' });
    edges.push({ n: edges.length + 1, from: `m${i}`, to: 'w', type: 'ships_from' });
  }
  return { nodes, edges };
}

describe('ring figure', () => {
  it('places labels so that no two overlap, and names the edge numbers it left off', () => {
    const f = hubFigure();
    const layout = placeFigure(f);
    const boxes = layout.labelBoxes;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${a.label} / ${b.label}`).toBe(false);
      }
    expect(layout.edgeLabels.size + layout.unlabelledEdges.length).toBe(f.edges.length);
    expect(layout.edgeLabels.size).toBeGreaterThan(f.edges.length / 2);
    const svg = figureSvg(f, layout);
    for (const n of layout.edgeLabels.keys()) expect(svg).toContain(`>${n}</text>`);
    if (layout.unlabelledEdges.length)
      expect(figureCaption(f, layout)).toContain(layout.unlabelledEdges.join(', '));
  });

  it('counts, not lists, the edge numbers left off a big ring, so the caption stays readable', () => {
    const f = hubFigure(300);
    const layout = placeFigure(f);
    const left = layout.unlabelledEdges.length;
    expect(left).toBeGreaterThan(20);
    const caption = figureCaption(f, layout);
    expect(caption).toContain(
      `(${left} of the ${f.edges.length} edge numbers are not printed, where they would overlap; every edge is in the table)`,
    );
    expect(caption).not.toContain(layout.unlabelledEdges.slice(0, 3).join(', '));
    expect(caption.length).toBeLessThan(600);
  });

  it('captions the shapes from the visual language: never the old "squares/circles"', () => {
    const f = hubFigure();
    const caption = figureCaption(f, placeFigure(f));
    expect(caption).not.toMatch(/member accounts as squares|identifiers as circles/);
    expect(caption).toContain(`${TYPE_VISUAL.seller!.label.toLowerCase()}: circle`);
    expect(caption).toContain(`${TYPE_VISUAL.shop!.label.toLowerCase()}: rounded square`);
    expect(caption).toContain(`${TYPE_VISUAL.payment_account!.label.toLowerCase()}: diamond`);
    expect(caption).toContain(`${TYPE_VISUAL.warehouse!.label.toLowerCase()}: barrel`);
    // Only types that are drawn are named.
    expect(caption).not.toContain(TYPE_VISUAL.device!.label.toLowerCase());
  });
});
