/**
 * Hotspots from warehouses whose address is one line of free text: the line is read for
 * its province and city, and evidence from no known place is counted as unknown, never
 * as part of the top regions.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, createCase } from '../../../../electron/core/store/open';
import { importConvertedRows } from '../../../../electron/core/interop/import-rows';
import { analyseHotspots, tallyHotspots } from '../../../../electron/core/graph/hotspots';
import type { EntityRow, LinkRow } from '../../../../shared/bundle/schema';
import { tempDir } from '../../../support/bundles';

const dir = tempDir('ringlens-hotspots-text-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hotspots from free-text addresses', () => {
  it('places 广东省深圳市宝安区西乡街道 and "Xicheng District, Beijing", and counts an unreadable line as unknown', async () => {
    const store = createCase(join(dir, 'h.ringlens'), 'pass');
    try {
      const lines = [
        '广东省深圳市宝安区西乡街道宝源路1065号',
        'Xicheng District, Beijing',
        'Unit 5, Harbour Road',
      ];
      const entities: EntityRow[] = [];
      const links: LinkRow[] = [];
      lines.forEach((line, i) => {
        entities.push(
          { id: `shop-${i}`, type: 'shop', props: { name: `Shop ${i}` } },
          { id: `listing-${i}`, type: 'listing', props: { title: `Bag ${i}`, category: 'bags' } },
          { id: `order-${i}`, type: 'order', props: { testBuy: true, verdict: 'counterfeit' } },
          { id: `wh-${i}`, type: 'warehouse', props: { address: { line } } },
        );
        links.push(
          { type: 'lists', from: `shop-${i}`, to: `listing-${i}`, props: {} },
          { type: 'bought', from: `order-${i}`, to: `listing-${i}`, props: {} },
          { type: 'ships_from', from: `shop-${i}`, to: `wh-${i}`, props: {} },
        );
      });
      await importConvertedRows(
        store,
        { bundleId: 'free-text', issuer: 't', source: 't', description: 't', entities, links },
        { actor: 't', allowUnsigned: true },
      );
      const h = analyseHotspots(store.db, 10);
      expect(h.total).toBe(3);
      expect(h.byRegion.map((r) => [r.country, r.province, r.city, r.total]).sort()).toEqual([
        ['CN', 'Beijing', 'Beijing', 1],
        ['CN', 'Guangdong', 'Shenzhen', 1],
        ['unknown', 'unknown', 'unknown', 1],
      ]);
      expect(h.topNShare).toBeCloseTo(2 / 3, 3);
      expect(h.unlocated).toBe(1);
    } finally {
      closeCase(store);
    }
  });

  it('never says the top regions hold evidence that sits in no region', () => {
    const h = tallyHotspots(
      Array.from({ length: 4 }, () => ({
        kind: 'testbuy' as const,
        province: 'unknown',
        city: 'unknown',
        category: 'shoes',
      })),
      10,
    );
    expect(h.topNShare).toBe(0);
    expect(h.unlocated).toBe(4);
    expect(h.unlocatedShare).toBe(1);
  });
});
