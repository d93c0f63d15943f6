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
import { ringGraph } from '../../../../electron/core/graph/ring-graph';
import { PROBABLE_EDGE_MIN } from '../../../../electron/core/identity/matches';
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

describe('unconfirmed candidates as dashed probable edges in the ring graph', () => {
  it('draws each open candidate touching the ring, unnumbered, only in the app view', () => {
    const ctx = analyseCase(store.db);
    const open = listMatches(store.db).candidates.filter(
      (c) => c.decision === null && c.probability >= PROBABLE_EDGE_MIN,
    );
    // The ring with the most probable edges.
    let best = { ringId: '', edges: [] as ReturnType<typeof ringGraph>['edges'] };
    for (const r of ctx.analysis.rings.slice(0, 40)) {
      const ex = explainRing(store.db, ctx, r.id);
      const edges = ringGraph(store.db, r.id, ex, { probable: true }).edges.filter(
        (e) => e.type === 'probable_match',
      );
      if (edges.length > best.edges.length) best = { ringId: r.id, edges };
    }
    expect(best.edges.length, 'a ring with a probable edge').toBeGreaterThan(0);
    const ex = explainRing(store.db, ctx, best.ringId);
    const app = ringGraph(store.db, best.ringId, ex, { probable: true });
    const plain = ringGraph(store.db, best.ringId, ex);
    expect(plain.edges.some((e) => e.type === 'probable_match')).toBe(false);
    // Evidence edges keep their numbers 1..n; probable ones have none and come after.
    const numbered = app.edges.filter((e) => e.type !== 'probable_match');
    expect(numbered.map((e) => e.number)).toEqual(plain.edges.map((e) => e.number));
    for (const e of best.edges) {
      expect(e.number).toBe(0);
      expect(e.probability).toBeGreaterThanOrEqual(PROBABLE_EDGE_MIN);
      const ids = new Set(app.nodes.map((n) => n.id));
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      // Each is an open candidate of the Matches list.
      expect(open.some((c) => e.id === `m:${c.a.key}|${c.b.key}`)).toBe(true);
    }
    // Never evidence: the explanation, which packets print, knows nothing of them.
    expect(JSON.stringify(ex)).not.toContain('probable_match');
  });
});

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
    // Decided pairs are no longer probable edges: the confirmed one is a tie, the rejected one gone.
    const drawn = ringGraph(store.db, ringId, explainRing(store.db, ctx, ringId), {
      probable: true,
    }).edges.map((e) => e.id);
    for (const d of [confirmed, rejected]) expect(drawn).not.toContain(`m:${d.a.key}|${d.b.key}`);
  });

  it('cites an identifier that is not a member with the ring members it is tied to', () => {
    const owner = new Map(identities.flatMap((g, i) => g.map((k) => [k, i] as const)));
    const email = listMatches(store.db, { kind: 'email' }).candidates.find(
      (c) => c.decision === null && owner.get(c.a.key) === owner.get(c.b.key),
    );
    expect(email, 'a true e-mail candidate').toBeDefined();
    decideMatch(
      store.db,
      { a: email!.a.key, b: email!.b.key, decision: 'confirmed', reason: 'same mailbox owner' },
      { actor: 'Investigator Chen Jing', at: '2025-11-03T09:30:00.000Z' },
    );
    const all = [...confirmedMatchesByRing(store.db, analyseCase(store.db)).values()].flat();
    const c = all.find((x) => x.reason === 'same mailbox owner');
    expect(c, 'the e-mail match is cited for a ring').toBeDefined();
    expect(c!.kind).toBe('email');
    const members = [...c!.aMembers, ...c!.bMembers];
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) expect(m.type).toMatch(/^(seller|shop)$/);
    expect(members.map((m) => m.key)).not.toContain(c!.a.key);
  });

  it('the ring explanation marks the confirmed match as a resolved identity with the decision', () => {
    const ctx = analyseCase(store.db);
    const ringId = ringOfShop().get(confirmed.a.key)!;
    const ex = explainRing(store.db, ctx, ringId);
    expect(ex.resolvedIdentities!.length).toBeGreaterThanOrEqual(1);
    expect(
      ex.resolvedIdentities!.some((r) => r.reason === 'same payout holder in the test buy'),
    ).toBe(true);
    expect(ex.summary).toMatch(/resolved identit(y joins|ies join) it/);
    expect(ex.summary).toContain(
      'Investigator Chen Jing on 2025-11-02: same payout holder in the test buy',
    );
  });
});
