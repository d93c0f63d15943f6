/** The overview layout puts every node of every ring, hub and tie where no two boxes touch. */
import { describe, expect, it } from 'vitest';
import { overviewLayout } from '../../../../shared/graph/overview-layout';
import type { CaseOverview } from '../../../../shared/graph/case-overview';

/** Rings of 2 to 300 members with 0 to 400 identifiers, and hubs each touching 1-5 rings. */
function overview(): CaseOverview {
  const o: CaseOverview = { rings: [], nodes: [], edges: [], truncated: false };
  const sizes = [
    [2, 1],
    [3, 0],
    [300, 400],
    [24, 9],
    [7, 60],
    [120, 3],
  ];
  for (let r = 0; r < 60; r++) {
    const [m, i] = sizes[r % sizes.length]!;
    o.rings.push({ id: `R-${r}`, rank: r + 1, score: 1, members: m!, identifiers: i! });
    for (let k = 0; k < m!; k++)
      o.nodes.push({
        id: `m${r}_${k}`,
        entityId: 1,
        type: 'shop',
        label: '',
        role: 'member',
        ring: r,
      });
    for (let k = 0; k < i!; k++)
      o.nodes.push({
        id: `i${r}_${k}`,
        entityId: 1,
        type: 'phone',
        label: '',
        role: 'identifier',
        ring: r,
      });
  }
  for (let h = 0; h < 40; h++) {
    o.nodes.push({ id: `h${h}`, entityId: 1, type: 'phone', label: '', role: 'hub', ring: -1 });
    for (let k = 0; k <= h % 5; k++)
      o.edges.push({
        id: `e${h}_${k}`,
        source: `m${(h * 7 + k) % 60}_0`,
        target: `h${h}`,
        type: 'x',
      });
  }
  return o;
}

const box = (role: string) => (role === 'hub' ? 30 : role === 'member' ? 22 : 14);

describe('overview layout', () => {
  it('leaves no two node boxes overlapping, and is the same every time', () => {
    const o = overview();
    const { positions } = overviewLayout(o);
    expect(positions.size).toBe(o.nodes.length);
    const pts = o.nodes.map((n) => ({ ...positions.get(n.id)!, s: box(n.role) / 2 }));
    pts.sort((a, b) => a.x - b.x);
    let overlaps = 0;
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length && pts[j]!.x - pts[i]!.x < 30; j++) {
        const a = pts[i]!;
        const b = pts[j]!;
        if (Math.abs(a.x - b.x) < a.s + b.s && Math.abs(a.y - b.y) < a.s + b.s) overlaps++;
      }
    expect(overlaps).toBe(0);
    expect([...overviewLayout(o).positions]).toEqual([...positions]);
  });

  it('places the best-ranked ring first (top left) and no disc over another', () => {
    const { rings } = overviewLayout(overview());
    expect(rings[0]!.center.x).toBeLessThan(rings[1]!.center.x);
    for (let i = 0; i < rings.length; i++)
      for (let j = i + 1; j < rings.length; j++) {
        const a = rings[i]!;
        const b = rings[j]!;
        expect(Math.hypot(a.center.x - b.center.x, a.center.y - b.center.y)).toBeGreaterThan(
          a.radius + b.radius,
        );
      }
  });
});
