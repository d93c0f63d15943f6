import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../../../shared/domain/entity-types';
import {
  TYPE_VISUAL,
  contrastRatio,
  shapePath,
  visualOf,
} from '../../../../shared/graph/visual-language';

describe('the visual language', () => {
  const drawn = [...ENTITY_TYPES.filter((t) => t !== 'thing'), 'image_fingerprint'];

  it('gives every entity type its own shape and its own colour', () => {
    for (const t of drawn) expect(TYPE_VISUAL[t], t).toBeDefined();
    const shapes = drawn.map((t) => visualOf(t).shape);
    const colours = drawn.map((t) => visualOf(t).color.toLowerCase());
    expect(new Set(shapes).size).toBe(drawn.length);
    expect(new Set(colours).size).toBe(drawn.length);
  });

  it('keeps the pairs people confused apart', () => {
    for (const [a, b] of [
      ['phone', 'email'],
      ['bank_account', 'payment_account'],
      ['seller', 'person'],
    ] as const) {
      expect(visualOf(a).shape).not.toBe(visualOf(b).shape);
      expect(visualOf(a).color).not.toBe(visualOf(b).color);
    }
  });

  it('has at least 3:1 contrast against white for every colour', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 0);
    for (const t of drawn)
      expect(contrastRatio(visualOf(t).color, '#ffffff'), t).toBeGreaterThanOrEqual(3);
  });

  it('draws every shape as a closed SVG path inside its box', () => {
    for (const t of drawn) {
      const d = shapePath(visualOf(t).shape, 10, 10, 5);
      expect(d).toMatch(/^M.* Z$/);
      expect(d).not.toMatch(/NaN|Infinity/);
      // Coordinates stay within the node's box (arcs and curves overshoot a little at most).
      for (const v of d.match(/-?\d+(\.\d+)?/g)!.map(Number)) expect(v).toBeLessThanOrEqual(16);
    }
  });
});
