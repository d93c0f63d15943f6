/**
 * Hotspots from a real encrypted case: warehouse addresses written in Chinese, in Latin
 * forms and abroad end up as one region per place, with their country, Chinese names and
 * centre for the map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { EntityRow, LinkRow } from '../../../../shared/bundle/schema';
import { closeCase, createCase, type CaseStore } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { analyseHotspots } from '../../../../electron/core/graph/hotspots';
import { smallBundle, tempDir } from '../../../support/bundles';

let store: CaseStore;

const ORIGINS: Record<
  string,
  { country?: string; province?: string; city?: string; line: string }
> = {
  w1: { country: 'CN', province: '广东省', city: '深圳市', line: '1 工业路' },
  w2: { province: 'Guangdong Province', city: 'Shenzhen City', line: '2 Industrial Rd' },
  w3: { province: '福建', city: 'Putian', line: '3 Harbour St' },
  w4: { country: 'US', province: 'California', city: 'Los Angeles', line: '4 Alameda St' },
  w5: { line: 'somewhere' },
};

beforeAll(async () => {
  const dir = tempDir('ringlens-hotspot-origins-');
  const entities: EntityRow[] = [];
  const links: LinkRow[] = [];
  for (const [w, address] of Object.entries(ORIGINS)) {
    const n = w.slice(1);
    entities.push(
      { id: `warehouse:${w}`, type: 'warehouse', props: { address } },
      { id: `shop:s${n}`, type: 'shop', props: { name: `Shop ${n}` } },
      {
        id: `listing:l${n}`,
        type: 'listing',
        props: { title: `Listing ${n}`, category: 'watches' },
      },
      {
        id: `order:o${n}`,
        type: 'order',
        props: { orderNumber: `TB${n}`, testBuy: true, verdict: 'counterfeit' },
      },
    );
    links.push(
      { type: 'ships_from', from: `shop:s${n}`, to: `warehouse:${w}`, props: {} },
      { type: 'lists', from: `shop:s${n}`, to: `listing:l${n}`, props: {} },
      { type: 'bought', from: `order:o${n}`, to: `listing:l${n}`, props: {} },
    );
  }
  // A genuine test buy from Shenzhen is no counterfeit evidence.
  entities.push({
    id: 'order:g1',
    type: 'order',
    props: { orderNumber: 'TBG1', testBuy: true, verdict: 'genuine' },
  });
  links.push({ type: 'bought', from: 'order:g1', to: 'listing:l1', props: {} });
  const bundle = await smallBundle(dir, 'origins', { entities, links });
  store = createCase(join(dir, 'case.ringlens'), 'test passphrase');
  await importBundle(store, bundle.file, { allowUnsigned: true, actor: 'tester' });
});
afterAll(() => closeCase(store));

describe('hotspots by place of origin', () => {
  it('merges one place written in two scripts, and places each region on the map', () => {
    const h = analyseHotspots(store.db, 10);
    expect(h.total).toBe(5);
    const sz = h.byRegion[0]!;
    expect(sz).toMatchObject({
      country: 'CN',
      province: 'Guangdong',
      provinceZh: '广东',
      city: 'Shenzhen',
      cityZh: '深圳',
      precision: 'city',
      counterfeitTestBuys: 2,
      total: 2,
      share: 0.4,
    });
    expect(sz.lon).toBeCloseTo(114.3, 0);
    expect(h.byRegion.find((r) => r.city === 'Putian')).toMatchObject({
      country: 'CN',
      province: 'Fujian',
      provinceZh: '福建',
      cityZh: '莆田',
      precision: 'city',
    });
    expect(h.byRegion.find((r) => r.country === 'US')).toMatchObject({
      province: 'California',
      city: 'Los Angeles',
      precision: 'country',
    });
    expect(h.byRegion.find((r) => r.country === 'unknown')).toMatchObject({
      province: 'unknown',
      city: 'unknown',
      lon: null,
      lat: null,
    });
  });

  it('counts origins by country, with CN for Chinese addresses that do not say it', () => {
    const h = analyseHotspots(store.db, 10);
    expect(h.byCountry.map((c) => [c.country, c.total])).toEqual([
      ['CN', 3],
      ['unknown', 1],
      ['US', 1],
    ]);
    expect(h.byProvince.map((p) => [p.province, p.provinceZh, p.total])).toEqual([
      ['Guangdong', '广东', 2],
      ['California', null, 1],
      ['Fujian', '福建', 1],
      ['unknown', null, 1],
    ]);
  });
});
