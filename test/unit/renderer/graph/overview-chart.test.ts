/**
 * The overview's ring titles and label boxes: titles as large as the room above their disc
 * allows (two lines where that reads larger), label boxes on the side the label is drawn.
 * What a person sees is checked in Chromium (test/e2e/graph-overview.web.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { labelBox, ringTitle } from '../../../../renderer/graph/overview-chart';
import { titleRoom } from '../../../../shared/graph/overview-layout';

describe('ring titles', () => {
  it('put a small ring on two lines, at a larger font than one line allows', () => {
    const radius = 76;
    const t = ringTitle({ rank: 2, id: 'R-0001', members: 14 }, radius);
    expect(t.label).toBe('#2 R-0001\n14 members');
    const room = titleRoom(radius);
    // One line of 22 characters at 0.62 em would have to fit the room's width.
    expect(t.fs).toBeGreaterThan(room.width / (22 * 0.62));
    expect(t.width).toBeLessThanOrEqual(room.width);
    expect(t.height).toBeLessThanOrEqual(room.height);
  });

  it('keep a big ring on one line, within its room', () => {
    const radius = 400;
    const t = ringTitle({ rank: 1, id: 'R-0003', members: 90 }, radius);
    expect(t.label).toBe('#1 R-0003 · 90 members');
    expect(t.width).toBeLessThanOrEqual(titleRoom(radius).width);
    expect(t.height).toBeLessThanOrEqual(titleRoom(radius).height);
  });
});

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
