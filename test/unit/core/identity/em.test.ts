import { describe, expect, it } from 'vitest';
import { estimateMU, MIN_LEVEL_PAIRS } from '../../../../electron/core/identity/em';
import type { Comparison } from '../../../../electron/core/identity/model';
import { rngFor } from '../../../../electron/core/util/random';

// Three comparisons with known m and u; the defaults the model starts from are deliberately off.
const TRUE = {
  prior: 0.12,
  name: { m: [0.6, 0.3, 0.1], u: [0.01, 0.04, 0.95] },
  city: { m: [0.9, 0.1], u: [0.1, 0.9] },
  number: { m: [0.7, 0.2, 0.1], u: [0.02, 0.08, 0.9] },
};
const comparison = (
  name: string,
  levels: string[],
  m: number[],
  u: number[],
): Comparison<number> => ({
  name,
  note: '',
  levels: Object.fromEntries(levels.map((l, i) => [l, { m: m[i]!, u: u[i]!, text: l }])),
  level: () => levels[0]!,
});
const START = [
  comparison('name', ['exact', 'close', 'different'], [0.4, 0.4, 0.2], [0.05, 0.05, 0.9]),
  comparison('city', ['same', 'different'], [0.7, 0.3], [0.3, 0.7]),
  comparison('number', ['same', 'near', 'different'], [0.5, 0.3, 0.2], [0.05, 0.05, 0.9]),
];

function draw(rng: () => number, p: number[]): number {
  let x = rng();
  for (let i = 0; i < p.length; i++) if ((x -= p[i]!) < 0) return i;
  return p.length - 1;
}

function simulate(pairs: number, seed: number, missingCity = 0): Uint8Array {
  const rng = rngFor(seed, 'em-test');
  const levels = new Uint8Array(pairs * 3);
  for (let p = 0; p < pairs; p++) {
    const match = rng() < TRUE.prior;
    const pick = (x: { m: number[]; u: number[] }) => draw(rng, match ? x.m : x.u);
    levels[p * 3] = pick(TRUE.name);
    levels[p * 3 + 1] = pick(TRUE.city);
    levels[p * 3 + 2] = pick(TRUE.number);
    if (missingCity && rng() < missingCity) levels[p * 3 + 1] = 2;
  }
  return levels;
}

describe('EM estimation of m and u', () => {
  it('recovers known m, u and the share of matches from synthetic comparison vectors', () => {
    const e = estimateMU(START, 0.02, simulate(40_000, 1), 40_000);
    expect(e.source).toBe('em');
    expect(e.converged).toBe(true);
    expect(e.prior).toBeCloseTo(TRUE.prior, 2);
    for (const [c, names] of [
      ['name', ['exact', 'close', 'different']],
      ['city', ['same', 'different']],
      ['number', ['same', 'near', 'different']],
    ] as const) {
      const truth = TRUE[c];
      names.forEach((n, i) => {
        const got = e.levels[c]![n]!;
        expect(got.source).toBe('em');
        expect(Math.abs(got.m - truth.m[i]!), `${c}.${n} m`).toBeLessThan(0.02);
        expect(Math.abs(got.u - truth.u[i]!), `${c}.${n} u`).toBeLessThan(0.01);
      });
    }
    // The starting values are far enough off that keeping them would fail the check above.
    expect(Math.abs(START[0]!.levels.close!.m - TRUE.name.m[1]!)).toBeGreaterThan(0.05);
  });

  it('leaves a "not known" level out and still recovers the rest', () => {
    const withUnknown = [
      START[0]!,
      comparison('city', ['same', 'different', 'unknown'], [0.7, 0.3, 1], [0.3, 0.7, 1]),
      START[2]!,
    ];
    const e = estimateMU(withUnknown, 0.02, simulate(40_000, 2, 0.3), 40_000);
    expect(e.levels.city!.unknown).toMatchObject({ m: 1, u: 1, source: 'default' });
    expect(Math.abs(e.levels.city!.same!.m - 0.9)).toBeLessThan(0.03);
    expect(e.prior).toBeCloseTo(TRUE.prior, 2);
  });

  it('keeps the defaults, saying why, where the data cannot tell m from u', () => {
    const one = [START[0]!];
    const levels = simulate(5_000, 3).filter((_, i) => i % 3 === 0);
    const e = estimateMU(one, 0.02, levels, 5_000);
    expect(e.source).toBe('default');
    expect(e.reason).toContain('one comparison only');
    expect(e.levels.name!.close).toMatchObject({ m: 0.4, u: 0.05, source: 'default' });
    const few = estimateMU(START, 0.02, simulate(20, 4), 20);
    expect(few.source).toBe('default');
    expect(few.reason).toContain('only 20 compared pairs');
  });

  it('keeps the default m and u of a level too few pairs reach', () => {
    const levels = simulate(20_000, 5);
    // No pair ever reaches number = "near" (recoded to "same").
    for (let p = 0; p < 20_000; p++) if (levels[p * 3 + 2] === 1) levels[p * 3 + 2] = 0;
    const e = estimateMU(START, 0.02, levels, 20_000);
    expect(e.levels.number!.near).toMatchObject({ m: 0.3, u: 0.05, source: 'default', pairs: 0 });
    expect(e.levels.number!.same!.source).toBe('em');
    expect(MIN_LEVEL_PAIRS).toBeGreaterThan(0);
  });
});

describe('EM estimates that are not used', () => {
  it('falls back when EM puts every pair in one class or flips an agreement into evidence against', () => {
    // Honest look-alikes only: pairs that share a blocking key but are not matches.
    const rng = rngFor(7, 'em-degenerate');
    const pairs = 10_000;
    const levels = new Uint8Array(pairs * 3);
    for (let p = 0; p < pairs; p++) {
      levels[p * 3] = rng() < 0.7 ? 0 : 2;
      levels[p * 3 + 1] = 0;
      levels[p * 3 + 2] = rng() < 0.01 ? 0 : 2;
    }
    const e = estimateMU(START, 0.02, levels, pairs);
    expect(e.source).toBe('default');
    expect(e.reason).toMatch(/EM (did not converge|put|turned)/);
    expect(e.levels.name!.exact).toMatchObject({ m: 0.4, u: 0.05, source: 'default' });
  });
});
