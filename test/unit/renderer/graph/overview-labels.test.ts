/**
 * The overview's label boxes, on the side each label is drawn, and the grid that tests them
 * for overlap. What a person sees is checked in Chromium (test/e2e/graph-overview.web.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { labelBox } from '../../../../renderer/graph/overview-labels';
import { BoxGrid } from '../../../../renderer/graph/box-grid';

describe('label boxes', () => {
  const at = { x: 100, y: 50 };
  const base = { label: 'Anna Li', role: 'member', fs: 10 };

  it('sit beside a node for side labels and below or above it otherwise', () => {
    const right = labelBox({ ...base, halign: 'right', valign: 'center' }, at);
    expect(right.x1).toBeGreaterThanOrEqual(at.x);
    expect(right.y1).toBeLessThan(at.y);
    expect(right.y2).toBeGreaterThan(at.y);
    const left = labelBox({ ...base, halign: 'left', valign: 'center' }, at);
    expect(left.x2).toBeLessThanOrEqual(at.x);
    const below = labelBox({ ...base, halign: 'center', valign: 'bottom' }, at);
    expect(below.y1).toBeGreaterThan(at.y);
    expect((below.x1 + below.x2) / 2).toBeCloseTo(at.x);
    const above = labelBox({ ...base, halign: 'center', valign: 'top' }, at);
    expect(above.y2).toBeLessThan(at.y);
  });

  it('are wider for CJK text than for Latin text of the same length', () => {
    const latin = labelBox({ ...base, label: 'abcd', halign: 'center', valign: 'bottom' }, at);
    const cjk = labelBox({ ...base, label: '张伟贸易', halign: 'center', valign: 'bottom' }, at);
    expect(cjk.x2 - cjk.x1).toBeGreaterThan(latin.x2 - latin.x1);
  });

  it('give a title its estimated box, centred on its position', () => {
    const box = labelBox(
      { label: 'x', role: 'title', fs: 20, halign: 'center', valign: 'center', w: 200, h: 46 },
      at,
    );
    expect(box).toEqual({ x1: 0, y1: 27, x2: 200, y2: 73 });
  });
});

describe('the box grid', () => {
  it('finds an overlap across cells, and lets a label touch its own node only', () => {
    const grid = new BoxGrid(10);
    grid.add({ x1: 0, y1: 0, x2: 25, y2: 5, owner: 'a' });
    expect(grid.hits({ x1: 24, y1: 4, x2: 40, y2: 9 })).toBe(true);
    expect(grid.hits({ x1: 24, y1: 4, x2: 40, y2: 9, owner: 'a' })).toBe(false);
    expect(grid.hits({ x1: 24, y1: 4, x2: 40, y2: 9, owner: 'b' })).toBe(true);
    // Touching edges do not overlap.
    expect(grid.hits({ x1: 25, y1: 0, x2: 30, y2: 5 })).toBe(false);
  });
});
