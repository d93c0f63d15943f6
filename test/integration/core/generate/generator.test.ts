import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { generateBundle } from '../../../../electron/core/generate/generator';
import { writeGeneratedBundle } from '../../../../electron/core/generate/write-generated';
import {
  demoIssuerKey,
  DEMO_BUNDLE_ID,
  DEMO_SEED_NUMBER,
  DEMO_SELLERS,
} from '../../../../electron/core/demo/demo-key';
import { demoBundlePath } from '../../../../electron/core/demo/paths';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase } from '../../../../electron/core/store/open';
import { tempDir } from '../../../support/bundles';

describe('synthetic bundle generator', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other bytes', async () => {
    const dir = tempDir();
    const a = await writeGeneratedBundle({ out: join(dir, 'a.zip'), seed: 7, sellers: 300 });
    const b = await writeGeneratedBundle({ out: join(dir, 'b.zip'), seed: 7, sellers: 300 });
    const c = await writeGeneratedBundle({ out: join(dir, 'c.zip'), seed: 8, sellers: 300 });
    expect(a.sha256).toBe(b.sha256);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('plants rings whose members share identifiers, and hubs shared by hundreds of honest shops', () => {
    const g = generateBundle({ seed: 3, sellers: 2000 });
    const entities = [...g.entities()];
    const links = [...g.links()];
    const ids = new Set(entities.map((e) => e.id));
    expect(g.groundTruth.rings.length).toBeGreaterThanOrEqual(5);
    const ringSellers = new Set(g.groundTruth.rings.flatMap((r) => r.sellerIds));
    for (const r of g.groundTruth.rings) {
      expect(r.sellerIds.length).toBeGreaterThanOrEqual(3);
      for (const s of r.sellerIds) expect(ids.has(s)).toBe(true);
    }
    const usersOf = (hub: string) => new Set(links.filter((l) => l.to === hub).map((l) => l.from));
    const honestOn = (hub: string) =>
      [...usersOf(hub)].filter(
        (x) => !ringSellers.has(x) && !ringSellers.has(x.replace('shop:', 'seller:')),
      ).length;
    expect(honestOn(g.groundTruth.honestHubs.courierWarehouse)).toBeGreaterThanOrEqual(100);
    expect(honestOn(g.groundTruth.honestHubs.escrowAccount)).toBeGreaterThanOrEqual(100);
    const complaints = links.filter(
      (l) => l.type === 'filed' && l.from === g.groundTruth.fraudulentAgent,
    );
    expect(complaints.length).toBeGreaterThanOrEqual(12);
  });

  it('the committed demo bundle is exactly what the generator produces', async () => {
    const out = join(tempDir(), 'demo.zip');
    const r = await writeGeneratedBundle({
      out,
      seed: DEMO_SEED_NUMBER,
      sellers: DEMO_SELLERS,
      signingKey: demoIssuerKey().privateKey,
      bundleId: DEMO_BUNDLE_ID,
    });
    expect(createHash('sha256').update(readFileSync(demoBundlePath())).digest('hex')).toBe(
      r.sha256,
    );
  });

  it('builds the demo case from the signed demo bundle as a trusted import', async () => {
    const store = await buildDemoCase(join(tempDir(), 'demo.ringlens'));
    const bundles = store.db.prepare('SELECT bundle_id, signature FROM bundles').all();
    expect(bundles).toEqual([{ bundle_id: DEMO_BUNDLE_ID, signature: 'trusted' }]);
    expect(
      (
        store.db.prepare(`SELECT count(*) AS n FROM entities WHERE type = 'seller'`).get() as {
          n: number;
        }
      ).n,
    ).toBe(DEMO_SELLERS);
    closeCase(store);
  });
});
