/** Scores that rank evidence, and hub thresholds that survive the hubs themselves. */
import { describe, expect, it } from 'vitest';
import { scoreRing, type RingFacts } from '../../../../electron/core/graph/scoring';
import { hubThresholdOfType } from '../../../../electron/core/graph/hub-rules';
import { RingSettings } from '../../../../shared/analysis/schemas';

const ring = (over: Partial<RingFacts>): RingFacts => ({
  shops: 10,
  sellers: 10,
  members: 20,
  counterfeitTestBuys: 0,
  labReports: 0,
  upheldComplaints: 0,
  orderValue: 5000,
  sharedIdentifierKinds: 1,
  sharedIdentifiers: 1,
  sharedByKind: {},
  directTies: 0,
  lastActivity: '2025-10-01',
  ...over,
});

describe('ring score', () => {
  it('ranks a ring with confirmed counterfeit test buys above one with 1,200 reused stock photos', () => {
    const photos = scoreRing(
      ring({
        sharedIdentifiers: 1200,
        sharedIdentifierKinds: 1,
        sharedByKind: { image_fingerprint: 1200 },
      }),
      '2025-10-20',
    );
    const testBuys = scoreRing(
      ring({
        counterfeitTestBuys: 3,
        labReports: 1,
        sharedIdentifiers: 2,
        sharedIdentifierKinds: 2,
        sharedByKind: { phone: 1, bank_account: 1 },
      }),
      '2025-10-20',
    );
    expect(testBuys.score).toBeGreaterThan(photos.score);
    // A thousand photos is not a thousand times one.
    const one = scoreRing(ring({ sharedByKind: { image_fingerprint: 1 } }), '2025-10-20');
    const term = (s: typeof one) =>
      s.terms.find((t) => t.term === 'sharedIdentifiers')!.contribution;
    expect(term(photos) / term(one)).toBeLessThan(12);
  });

  it('weighs a shared bank account above a shared IP address, and direct evidence above both', () => {
    const at = '2025-10-20';
    const bank = scoreRing(ring({ sharedByKind: { bank_account: 1 } }), at).score;
    const ip = scoreRing(ring({ sharedByKind: { ip_address: 1 } }), at).score;
    const upheld = scoreRing(ring({ sharedByKind: { ip_address: 1 }, upheldComplaints: 1 }), at);
    expect(bank).toBeGreaterThan(ip);
    expect(upheld.score - ip).toBeGreaterThan(bank - ip);
    // Every term is listed and they add up.
    expect(upheld.score).toBeCloseTo(
      upheld.terms.reduce((s, t) => s + t.contribution, 0),
      5,
    );
  });

  it('is not ranked by size alone: doubling the members adds a constant, not double', () => {
    const at = '2025-10-20';
    const small = scoreRing(ring({ members: 50 }), at).score;
    const big = scoreRing(ring({ members: 100 }), at).score;
    expect(big - small).toBeCloseTo(3, 1);
  });
});

describe('hub threshold per type', () => {
  const settings = RingSettings.parse({});

  it('is not defeated when hubs are more than 1% of the identifiers (the old 99th-percentile rule was)', () => {
    // ICIJ-like addresses: two registered-agent addresses among five that tie accounts.
    const t = hubThresholdOfType(
      'warehouse',
      'addresses',
      [744, 722, 5, 3, 2, 1, 1],
      788,
      settings,
    );
    expect(t.threshold).toBe(30);
    expect(744).toBeGreaterThan(t.threshold);
    expect(5).toBeLessThanOrEqual(t.threshold);
    expect(t.histogram).toEqual([
      [1, 2],
      [2, 1],
      [3, 1],
      [5, 1],
      [722, 1],
      [744, 1],
    ]);
  });

  it('uses the outlier limit on a large case, which a few hubs do not move', () => {
    const degrees = [...Array.from({ length: 2000 }, (_, i) => 2 + (i % 20)), 5000, 4000];
    const t = hubThresholdOfType('phone', 'phones', degrees, 1_000_000, settings);
    expect(t.rule).toBe('outlier');
    // Above every ordinary phone (2..21), far below the two hubs.
    expect(t.threshold).toBeGreaterThan(21);
    expect(t.threshold).toBeLessThan(400);
  });

  it('treats a whole kind as hubs when even its median identifier exceeds the floor', () => {
    const reps = [140, 133, 82, 81, 74, 66, 59, 55, 53, 51, 42, 42, 41, 34, 25, 25, 13, 8, 6, 3];
    const t = hubThresholdOfType('person', 'people', reps, 842, settings);
    expect(t.rule).toBe('kind');
    expect(t.threshold).toBe(1);
  });

  it('never goes below the floor, and a fixed threshold wins', () => {
    expect(hubThresholdOfType('phone', 'phones', [2, 3, 40], 100, settings).threshold).toBe(30);
    const fixed = RingSettings.parse({ hubThreshold: 7 });
    expect(hubThresholdOfType('phone', 'phones', [2, 3, 40], 100, fixed)).toMatchObject({
      threshold: 7,
      rule: 'fixed',
    });
  });
});
