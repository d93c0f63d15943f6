/**
 * The legend reads what is drawn from the hiding classes, not from Cytoscape's `:visible`
 * (which styles every node first). Both must agree on the ring graph's own style sheet.
 */
import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import { drawn } from '../../../../renderer/graph/classes';
import { stylesheet } from '../../../../renderer/graph/visual-language';

describe('drawn', () => {
  it("agrees with Cytoscape's :visible for hidden, folded, grouped and edge ends", () => {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: stylesheet(),
      elements: [
        { data: { id: 'g1' } },
        { data: { id: 'g2' }, classes: 'hidden' },
        { data: { id: 'a', parent: 'g1', type: 'seller' } },
        { data: { id: 'b', parent: 'g2', type: 'seller' } },
        { data: { id: 'c', type: 'phone' }, classes: 'hidden-type' },
        { data: { id: 'd', type: 'image_fingerprint' }, classes: 'photo-folded' },
        { data: { id: 'e', type: 'listing' } },
        { data: { id: 'f', type: 'listing' }, classes: 'labelled' },
        { data: { id: 'ae', source: 'a', target: 'e' } },
        { data: { id: 'be', source: 'b', target: 'e' } },
        { data: { id: 'ce', source: 'c', target: 'e' } },
        { data: { id: 'ef', source: 'e', target: 'f' }, classes: 'hidden' },
        { data: { id: 'fe', source: 'f', target: 'e' } },
      ],
    });
    const ours = cy
      .elements()
      .toArray()
      .filter(drawn)
      .map((x) => x.id());
    expect(ours).toEqual(['g1', 'a', 'e', 'f', 'ae', 'fe']);
    expect(ours).toEqual(cy.elements(':visible').map((x) => x.id()));
  });
});
