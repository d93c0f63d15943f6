import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { CaseStore } from '../../../../electron/core/store/open';
import { closeCase } from '../../../../electron/core/store/open';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { explainRing } from '../../../../electron/core/graph/explain';
import { analyseComplainants } from '../../../../electron/core/graph/complainants';
import { analyseHotspots } from '../../../../electron/core/graph/hotspots';
import { ringTimeline } from '../../../../electron/core/graph/timeline';
import { setCaseWarningEntries } from '../../../../electron/core/graph/warning-lists';
import { importBundle } from '../../../../electron/core/bundle/import';
import type { GroundTruth } from '../../../../electron/core/generate/generator';
import { generatedCase } from '../../../support/generated-case';
import { smallBundle } from '../../../support/bundles';

let store: CaseStore;
let truth: GroundTruth;
let dir: string;
beforeAll(async () => {
  ({ store, truth, dir } = await generatedCase(11, 2500));
});
afterAll(() => closeCase(store));

describe('ring detection on generated data with planted rings', () => {
  it('recovers every planted ring with membership precision and recall of at least 0.95', () => {
    const { rings } = analyseCase(store.db).analysis;
    expect(truth.rings.length).toBeGreaterThanOrEqual(10);
    for (const planted of truth.rings) {
      const members = new Set([...planted.sellerIds, ...planted.shopIds]);
      const best = rings
        .map((r) => {
          const found = new Set([...r.sellers, ...r.shops].map((m) => m.key));
          const hit = [...members].filter((m) => found.has(m)).length;
          return { precision: hit / found.size, recall: hit / members.size };
        })
        .sort((a, b) => b.recall - a.recall || b.precision - a.precision)[0]!;
      expect(best.recall, `recall of planted ring ${planted.index}`).toBeGreaterThanOrEqual(0.95);
      expect(best.precision, `precision of planted ring ${planted.index}`).toBeGreaterThanOrEqual(
        0.95,
      );
    }
  });

  it('suppresses the honest hubs, shows why, and never lets them weld rings together', () => {
    const a = analyseCase(store.db).analysis;
    const hubKeys = a.suppressedHubs.map((h) => h.type);
    expect(hubKeys).toEqual(expect.arrayContaining(['warehouse', 'payment_account', 'ip_address']));
    for (const h of a.suppressedHubs) {
      expect(h.degree).toBeGreaterThanOrEqual(100);
      expect(h.detail.length).toBeGreaterThan(10);
    }
    const plantedOf = new Map(
      truth.rings.flatMap((r) => r.sellerIds.map((s) => [s, r.index] as const)),
    );
    for (const ring of a.rings) {
      const planted = new Set(
        ring.sellers.map((s) => plantedOf.get(s.key)).filter((x) => x !== undefined),
      );
      expect(planted.size, `${ring.id} mixes planted rings`).toBeLessThanOrEqual(1);
      for (const i of ring.identifiers)
        expect(a.suppressedHubs.map((h) => h.key)).not.toContain(i.key);
    }
  });

  it('without hub suppression the hubs would merge honest shops and rings into one giant component', () => {
    const merged = analyseCase(store.db, {
      hubThreshold: 1_000_000,
      maxRingSize: 1_000_000,
    }).analysis;
    expect(merged.rings.some((r) => r.shops.length > 300)).toBe(true);
  });

  it('is deterministic and keeps ring ids across re-runs and after a new import', async () => {
    const first = analyseCase(store.db).analysis;
    const again = analyseCase(store.db, { seed: 1, minHubThreshold: 30 }).analysis;
    expect(again.rings.map((r) => [r.id, r.score])).toEqual(
      first.rings.map((r) => [r.id, r.score]),
    );
    const top = first.rings[0]!;
    // A second bundle adds one more seller to the top ring, through its shared phone or e-mail.
    const sharedPhone = top.identifiers.find(
      (i) => i.type === 'phone' || i.type === 'email' || i.type === 'payment_account',
    )!;
    const alias =
      (
        store.db
          .prepare('SELECT alias FROM entity_aliases WHERE entity = ? LIMIT 1')
          .get(sharedPhone.id) as { alias: string } | undefined
      )?.alias ?? sharedPhone.key;
    const extra = await smallBundle(dir, 'extra', {
      entities: [
        { id: 'seller:late-joiner', type: 'seller', props: { name: 'Late Joiner' } },
        { id: 'shop:late-joiner', type: 'shop', props: { name: 'Late Joiner Shop' } },
      ],
      links: [
        { type: 'operates', from: 'seller:late-joiner', to: 'shop:late-joiner', props: {} },
        {
          type: sharedPhone.type === 'payment_account' ? 'paid_to' : 'uses',
          from: 'seller:late-joiner',
          to: alias,
          props: {},
        },
      ],
    });
    await importBundle(store, extra.file, { allowUnsigned: true, actor: 'tester' });
    const after = analyseCase(store.db).analysis;
    const grown = after.rings.find((r) => r.sellers.some((s) => s.key === 'seller:late-joiner'))!;
    expect(grown.id).toBe(top.id);
    for (const r of first.rings) expect(after.rings.map((x) => x.id)).toContain(r.id);
    expect(after.record.inputHash).not.toBe(first.record.inputHash);
  });

  it('records how the result was produced', () => {
    const { record } = analyseCase(store.db).analysis;
    expect(record).toMatchObject({
      codeVersion: expect.any(String),
      seed: 1,
      warningListVersion: expect.stringMatching(/^2025\.10\.1\+case:/),
    });
    expect(record.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('explains a ring with every shared identifier sourced to a bundle file and line', () => {
    const ctx = analyseCase(store.db);
    const ring = ctx.analysis.rings[0]!;
    const ex = explainRing(store.db, ctx, ring.id);
    expect(ex.summary).toContain(ring.id);
    expect(ex.sharedIdentifiers.length).toBe(ring.identifiers.length);
    for (const s of ex.sharedIdentifiers) {
      expect(s.members.length).toBeGreaterThanOrEqual(1);
      for (const l of s.links) {
        expect(l.sources.length).toBeGreaterThanOrEqual(1);
        expect(l.sources[0]).toMatchObject({
          file: expect.stringMatching(/\.jsonl$/),
          line: expect.any(Number),
          bundleSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
      }
    }
    expect(ex.leaders.length).toBeGreaterThan(0);
    expect(ringTimeline(store.db, ctx, ring.id).length).toBeGreaterThan(ring.shops.length);
  });

  it('a per-case warning list entry suppresses an identifier, and the edit is audited', () => {
    const ctx = analyseCase(store.db);
    const ring = ctx.analysis.rings.find((r) => r.identifiers.some((i) => i.type === 'email'))!;
    const email = ring.identifiers.find((i) => i.type === 'email')!;
    setCaseWarningEntries(
      store.db,
      [{ type: 'email', match: 'exact', value: email.label, reason: 'shared support mailbox' }],
      'tester',
    );
    const after = analyseCase(store.db).analysis;
    expect(after.suppressedHubs.find((h) => h.key === email.key)).toMatchObject({
      reason: 'warning-list',
    });
    expect(
      store.db
        .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'warning-list.edit'`)
        .get(),
    ).toEqual({ n: 1 });
    setCaseWarningEntries(store.db, [], 'tester');
  });
});

describe('complainants and hotspots', () => {
  it('flags the agent whose complaints are mostly refuted first, with reasons', () => {
    const list = analyseComplainants(store.db);
    expect(list[0]!.complainant.key).toBe(truth.fraudulentAgent);
    expect(list[0]!.flagged).toBe(true);
    expect(list[0]!.unfoundedShare).toBeGreaterThan(0.7);
    expect(list[0]!.reasons.join(' ')).toMatch(/unfounded/);
    expect(list[0]!.linkedCompetitors.length).toBeGreaterThanOrEqual(1);
    expect(list.filter((d) => d.flagged).map((d) => d.complainant.key)).toEqual([
      truth.fraudulentAgent,
    ]);
  });

  it('concentrates counterfeit evidence in the few origin regions the rings ship from', () => {
    const h = analyseHotspots(store.db, 10);
    expect(h.total).toBeGreaterThan(50);
    expect(h.topNShare).toBeGreaterThan(0.9);
    expect(['Guangdong', 'Fujian', 'Zhejiang']).toContain(h.byProvince[0]!.province);
    expect(h.byRegion.every((r) => !/[省市]$/.test(r.province))).toBe(true);
  });
});

export { join };
