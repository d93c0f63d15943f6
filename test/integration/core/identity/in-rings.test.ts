import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { listMatches } from '../../../../electron/core/identity/matches';
import { decideMatch } from '../../../../electron/core/identity/decisions';
import {
  citationInWords,
  confirmedMatchesByRing,
  confirmedMatchesOfRing,
} from '../../../../electron/core/identity/citations';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { explainRing } from '../../../../electron/core/graph/explain';
import type { MatchCandidate } from '../../../../shared/identity/schemas';
import { evasionCase } from '../../../support/evasion-case';

let store: CaseStore;
let dir: string;
let identities: string[][];
beforeAll(async () => {
  ({ store, dir, identities } = await evasionCase(9, 1000));
}, 120_000);
afterAll(() => {
  closeCase(store);
  rmSync(dir, { recursive: true, force: true });
});

const ringOfShop = () => {
  const m = new Map<string, string>();
  for (const r of analyseCase(store.db).analysis.rings) for (const x of r.shops) m.set(x.key, r.id);
  return m;
};

describe('confirmed matches cited for a ring', () => {
  let confirmed: MatchCandidate;
  it('cites a confirmed match with who, when, why and the terms, and no unconfirmed candidate', () => {
    const owner = new Map(identities.flatMap((g, i) => g.map((k) => [k, i] as const)));
    const before = ringOfShop();
    const shops = listMatches(store.db, { kind: 'shop' }).candidates;
    const split = shops.filter(
      (c) =>
        owner.get(c.a.key) === owner.get(c.b.key) && before.get(c.a.key) !== before.get(c.b.key),
    );
    expect(split.length, 'a true shop candidate in rings kept apart today').toBeGreaterThan(0);
    confirmed = split[0]!;
    const ctx0 = analyseCase(store.db);
    expect(confirmedMatchesByRing(store.db, ctx0).size, 'nothing cited before a decision').toBe(0);
    decideMatch(
      store.db,
      {
        a: confirmed.a.key,
        b: confirmed.b.key,
        decision: 'confirmed',
        reason: 'same payout holder in the test buy',
      },
      { actor: 'Investigator Chen Jing', at: '2025-11-02T10:00:00.000Z' },
    );
    // Another candidate rejected: never cited either.
    const rejected = shops.find((x) => x !== confirmed)!;
    decideMatch(
      store.db,
      { a: rejected.a.key, b: rejected.b.key, decision: 'rejected', reason: 'not checked yet' },
      { actor: 'tester' },
    );
    const ctx = analyseCase(store.db);
    const ringId = ringOfShop().get(confirmed.a.key)!;
    expect(ringId).toBe(ringOfShop().get(confirmed.b.key));
    const cited = confirmedMatchesOfRing(store.db, ctx, ringId);
    expect(cited).toHaveLength(1);
    const c = cited[0]!;
    expect([c.a.key, c.b.key].sort()).toEqual([confirmed.a.key, confirmed.b.key].sort());
    expect(c).toMatchObject({
      kind: 'shop',
      decidedBy: 'Investigator Chen Jing',
      decidedAt: '2025-11-02T10:00:00.000Z',
      reason: 'same payout holder in the test buy',
    });
    // A shop is a ring member: each end names itself as the member it stands for.
    expect(c.aMembers.map((m) => m.key)).toEqual([c.a.key]);
    expect(c.bMembers.map((m) => m.key)).toEqual([c.b.key]);
    expect(c.terms.length).toBeGreaterThan(0);
    expect(c.termsInWords[0]).toMatch(/^shop names .*: [+−]\d+\.\d$/);
    expect(citationInWords(c)).toContain(
      'confirmed as one identity by Investigator Chen Jing on 2025-11-02',
    );
    // Every other ring: only confirmed decisions, never the probable candidates still open.
    const all = [...confirmedMatchesByRing(store.db, ctx).values()].flat();
    expect(all.every((x) => x.reason === 'same payout holder in the test buy')).toBe(true);
    const open = listMatches(store.db).candidates.filter((x) => x.decision === null);
    expect(open.length).toBeGreaterThan(0);
    const citedKeys = new Set(all.flatMap((x) => [x.a.key + '\n' + x.b.key]));
    expect(open.some((x) => citedKeys.has(x.a.key + '\n' + x.b.key))).toBe(false);
  });

  it('the ring explanation marks the confirmed match as a resolved identity with the decision', () => {
    const ctx = analyseCase(store.db);
    const ringId = ringOfShop().get(confirmed.a.key)!;
    const ex = explainRing(store.db, ctx, ringId);
    expect(ex.resolvedIdentities).toHaveLength(1);
    expect(ex.resolvedIdentities![0]!.decidedBy).toBe('Investigator Chen Jing');
    expect(ex.summary).toContain('resolved identity');
    expect(ex.summary).toContain(
      'Investigator Chen Jing on 2025-11-02: same payout holder in the test buy',
    );
  });
});
