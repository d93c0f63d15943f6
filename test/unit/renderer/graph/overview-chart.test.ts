/**
 * The overview's ring titles: as large as the room above their disc allows (two lines where
 * that reads larger). What a person sees is checked in Chromium
 * (test/e2e/graph-overview.web.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ringTitle } from '../../../../renderer/graph/overview-chart';
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
