import { describe, expect, it } from 'vitest';
import { computeLayout, NODE_BOX, type LayoutName } from '../../../../renderer/graph/layout-engine';

/** A star of stars: the shape that piles nodes on each other (hubs with many leaves). */
function graph(hubs: number, leaves: number) {
  const nodes: { id: string; type: string; role: string }[] = [];
  const edges: [string, string][] = [];
  for (let h = 0; h < hubs; h++) {
    nodes.push({ id: `h${h}`, type: 'shop', role: 'member' });
    if (h) edges.push([`h0`, `h${h}`]);
    for (let l = 0; l < leaves; l++) {
      nodes.push({ id: `l${h}_${l}`, type: 'listing', role: 'other' });
      edges.push([`h${h}`, `l${h}_${l}`]);
    }
  }
  return { nodes, edges };
}

function overlappingBoxes(pos: Record<string, { x: number; y: number }>): number {
  const ps = Object.values(pos);
  let n = 0;
  for (let i = 0; i < ps.length; i++)
    for (let j = i + 1; j < ps.length; j++)
      if (Math.abs(ps[i]!.x - ps[j]!.x) < NODE_BOX && Math.abs(ps[i]!.y - ps[j]!.y) < NODE_BOX) n++;
  return n;
}

describe('layouts', () => {
  it.each(['force', 'grouped', 'hierarchical'] as LayoutName[])(
    '%s leaves no two node boxes overlapping',
    (name) => {
      const g = graph(12, 60);
      const pos = computeLayout({ name, ...g });
      expect(Object.keys(pos)).toHaveLength(g.nodes.length);
      expect(overlappingBoxes(pos)).toBe(0);
    },
  );

  it('is deterministic for the same graph', () => {
    const g = graph(5, 20);
    expect(computeLayout({ name: 'force', ...g })).toEqual(computeLayout({ name: 'force', ...g }));
  });

  it('places new nodes near their placed neighbour and keeps placed ones still', () => {
    const g = graph(4, 10);
    const first = computeLayout({ name: 'force', ...g });
    const more = {
      ...g,
      nodes: [
        ...g.nodes,
        ...Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, type: 'phone', role: 'other' })),
      ],
    };
    more.edges = [
      ...g.edges,
      ...more.nodes.slice(g.nodes.length).map((n) => ['h2', n.id] as [string, string]),
    ];
    const next = computeLayout({ name: 'force', ...more, fixed: first });
    for (const id of Object.keys(first)) expect(next[id]).toEqual(first[id]);
    const hub = first.h2!;
    const spread = Math.max(
      ...Object.values(first).map((p) => Math.hypot(p.x - hub.x, p.y - hub.y)),
    );
    for (let i = 0; i < 30; i++) {
      const p = next[`n${i}`]!;
      expect(Math.hypot(p.x - hub.x, p.y - hub.y)).toBeLessThan(spread);
    }
    expect(overlappingBoxes(next)).toBe(0);
  });

  it('shows a big hub-and-spoke ring as spokes: leaves lie nearest their own hub', () => {
    // 3,630 nodes, the size where the force pass runs a short budget from the radial seed.
    const g = graph(30, 120);
    const pos = computeLayout({ name: 'force', ...g });
    let nearestOwn = 0;
    for (let h = 0; h < 30; h++)
      for (let l = 0; l < 120; l++) {
        const p = pos[`l${h}_${l}`]!;
        const d = (k: number) => Math.hypot(p.x - pos[`h${k}`]!.x, p.y - pos[`h${k}`]!.y);
        let best = 0;
        for (let k = 1; k < 30; k++) if (d(k) < d(best)) best = k;
        if (best === h) nearestOwn++;
      }
    expect(nearestOwn / (30 * 120)).toBeGreaterThan(0.9);
    expect(overlappingBoxes(pos)).toBe(0);
  });
});
