/** The hotspot tallies the map draws: countries of origin, Chinese names and centres of regions and provinces. */
import { describe, expect, it } from 'vitest';
import { tallyHotspots, type EvidenceItem } from '../../../../electron/core/graph/hotspots';

const item = (over: Partial<EvidenceItem>): EvidenceItem => ({
  kind: 'testbuy',
  province: 'unknown',
  city: 'unknown',
  category: 'shoes',
  ...over,
});

describe('tallyHotspots for the map', () => {
  const h = tallyHotspots(
    [
      item({ province: 'Guangdong', city: 'Shenzhen' }),
      item({ province: 'Guangdong', city: 'Shenzhen', kind: 'complaint' }),
      item({ province: 'Guangdong', city: 'Shenzhen', country: 'CN' }),
      item({ province: 'Fujian', city: 'Putian' }),
      item({ province: 'Guangdong', city: 'unknown' }),
      item({ province: 'Hong Kong', city: 'Hong Kong' }),
      item({ country: 'US', province: 'California', city: 'Los Angeles' }),
      item({ country: 'US', province: 'New York', city: 'New York' }),
      item({}),
      item({ country: 'VN', city: 'Hanoi' }),
    ],
    3,
  );

  it('counts evidence by country of origin, CN by default for Chinese provinces and unknown without any place', () => {
    expect(h.byCountry.map((c) => [c.country, c.name, c.total, c.share])).toEqual([
      ['CN', 'China', 5, 0.5],
      ['US', 'United States of America', 2, 0.2],
      ['HK', 'Hong Kong', 1, 0.1],
      ['unknown', 'unknown', 1, 0.1],
      ['VN', 'Vietnam', 1, 0.1],
    ]);
    expect(h.byCountry.reduce((s, c) => s + c.total, 0)).toBe(h.total);
    const us = h.byCountry.find((c) => c.country === 'US')!;
    expect(us.lon).toBeLessThan(-66);
    expect(us.lat).toBeGreaterThan(25);
    expect(h.byCountry.find((c) => c.country === 'unknown')).toMatchObject({
      lon: null,
      lat: null,
    });
  });

  it('gives every region its Chinese names and the centre of its city, else its province, else its country', () => {
    const sz = h.byRegion[0]!;
    expect(sz).toMatchObject({
      country: 'CN',
      province: 'Guangdong',
      provinceZh: '广东',
      city: 'Shenzhen',
      cityZh: '深圳',
      precision: 'city',
      counterfeitTestBuys: 2,
      upheldComplaints: 1,
      total: 3,
      share: 0.3,
    });
    expect(sz.lon).toBeCloseTo(114.3, 0);
    expect(sz.lat).toBeCloseTo(22.6, 0);
    const gdOnly = h.byRegion.find((r) => r.province === 'Guangdong' && r.city === 'unknown')!;
    expect(gdOnly).toMatchObject({ provinceZh: '广东', cityZh: null, precision: 'province' });
    expect([gdOnly.lon, gdOnly.lat]).not.toEqual([sz.lon, sz.lat]);
    expect(h.byRegion.find((r) => r.city === 'Putian')).toMatchObject({
      provinceZh: '福建',
      cityZh: '莆田',
      precision: 'city',
    });
    expect(h.byRegion.find((r) => r.city === 'Los Angeles')).toMatchObject({
      country: 'US',
      provinceZh: null,
      cityZh: null,
      precision: 'country',
    });
    expect(h.byRegion.find((r) => r.city === 'Hong Kong')).toMatchObject({
      country: 'HK',
      provinceZh: '香港',
      precision: 'city',
    });
    expect(h.byRegion.find((r) => r.country === 'unknown')).toMatchObject({
      province: 'unknown',
      city: 'unknown',
      lon: null,
      lat: null,
      precision: null,
    });
  });

  it('gives provinces their Chinese names and centres, and keeps the existing figures', () => {
    expect(h.byProvince[0]).toMatchObject({
      province: 'Guangdong',
      provinceZh: '广东',
      total: 4,
      share: 0.4,
    });
    expect(h.byProvince[0]!.lon).toBeCloseTo(113.4, 0);
    expect(h.byProvince.find((p) => p.province === 'California')).toMatchObject({
      provinceZh: null,
      lon: null,
      lat: null,
    });
    expect(h.total).toBe(10);
    expect(h.topN).toBe(3);
    // Shenzhen 3, then Fujian·Putian 1 and Guangdong·unknown 1 (by name): 5 of 10.
    expect(h.topNShare).toBe(0.5);
    expect(h.byCategory).toEqual([{ category: 'shoes', total: 10, share: 1 }]);
  });

  it('keeps regions of the same name in different countries apart', () => {
    const t = tallyHotspots([
      item({ country: 'CN', province: 'Guangdong', city: 'Shenzhen' }),
      item({ country: 'TW', province: 'Guangdong', city: 'Shenzhen' }),
    ]);
    expect(t.byRegion.map((r) => r.country).sort()).toEqual(['CN', 'TW']);
  });
});
