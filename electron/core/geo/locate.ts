/**
 * Place resolution: a province, city or country written in Chinese or Latin forms (广东省,
 * 广东, Guangdong, Guangdong Province; 深圳市, 深圳, Shenzhen, Shenzhen City; CN, China, 中国)
 * to its canonical names and a centre to draw it at.
 */
import {
  fold,
  gazetteer,
  cityKeys,
  provinceKey,
  type CityEntry,
  type CountryEntry,
  type ProvinceEntry,
} from './gazetteer';
import { PREFERRED_CITIES } from './cities';

export interface LocatedPlace {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** The country's name as on the world map (world-atlas), e.g. `China`. */
  readonly countryName: string;
  /** Canonical English province name (as `canonicalProvince` gives), e.g. `Guangdong`. */
  readonly province?: string;
  /** Short Chinese province name, e.g. `广东`. */
  readonly provinceZh?: string;
  /** Canonical Latin city name, e.g. `Shenzhen`. */
  readonly city?: string;
  /** Short Chinese city name, e.g. `深圳`. */
  readonly cityZh?: string;
  /** How precisely the centre places it. */
  readonly precision: 'city' | 'province' | 'country';
  readonly lon: number;
  readonly lat: number;
}

export interface PlaceInput {
  readonly country?: string | undefined;
  readonly province?: string | undefined;
  readonly city?: string | undefined;
}

/** A country written as an ISO alpha-2 code, its world-atlas name or a common alias. */
export function resolveCountry(name: string | undefined): CountryEntry | undefined {
  if (!name?.trim()) return undefined;
  const g = gazetteer();
  const code = g.countryByKey.get(fold(name));
  return code ? g.countries.get(code) : undefined;
}

/** A Chinese province (or municipality, autonomous region, SAR) written in either script, full or short. */
export function resolveProvince(name: string | undefined): ProvinceEntry | undefined {
  if (!name?.trim()) return undefined;
  const g = gazetteer();
  return g.provinceByKey.get(provinceKey(name)) ?? g.provinceByKey.get(fold(name));
}

/**
 * A Chinese city written in either script, with or without its suffix. A name shared by
 * cities in two provinces (Suzhou 苏州/宿州) is settled by the province when one is given,
 * else by the better-known city, else left unresolved.
 */
export function resolveCity(
  name: string | undefined,
  province?: ProvinceEntry,
): CityEntry | undefined {
  if (!name?.trim()) return undefined;
  const g = gazetteer();
  let candidates: readonly CityEntry[] = [];
  for (const k of cityKeys(name)) {
    candidates = g.citiesByKey.get(k) ?? [];
    if (candidates.length) break;
  }
  if (province) return candidates.find((c) => c.province === province.en);
  if (candidates.length === 1) return candidates[0];
  return candidates.find((c) => PREFERRED_CITIES.includes(c.zhFull));
}

function countryPlace(c: CountryEntry): LocatedPlace {
  return {
    country: c.code,
    countryName: c.name,
    precision: 'country',
    lon: c.centre[0],
    lat: c.centre[1],
  };
}

function provincePlace(p: ProvinceEntry): LocatedPlace {
  const country = gazetteer().countries.get(p.country)!;
  return {
    country: p.country,
    countryName: country.name,
    province: p.en,
    provinceZh: p.zh,
    // A municipality or SAR is its own city.
    ...(p.cityLevel && { city: p.en, cityZh: p.zh }),
    precision: p.cityLevel ? 'city' : 'province',
    lon: p.centre[0],
    lat: p.centre[1],
  };
}

/**
 * Where a place is: the city's centre when the city resolves (within the province, if one
 * is given), else the province's, else the country's; undefined when nothing resolves.
 * Chinese places need no country (a Chinese province or city implies CN, or HK, MO or TW
 * for those three); an explicit country is kept as given. Outside China only countries are
 * known, so a foreign address is placed at its country's centre.
 */
export function locatePlace(input: PlaceInput): LocatedPlace | undefined {
  const g = gazetteer();
  const country = resolveCountry(input.country);
  if (input.country?.trim() && !country) return undefined;
  if (country && !CHINESE.includes(country.code)) return countryPlace(country);

  const province = resolveProvince(input.province);
  const city = resolveCity(input.city, province);
  let place: LocatedPlace | undefined;
  if (city) {
    const p = g.provinces.find((x) => x.en === city.province)!;
    place = {
      ...provincePlace(p),
      city: city.en,
      cityZh: city.zh,
      precision: 'city',
      lon: city.centre[0],
      lat: city.centre[1],
    };
  } else {
    // A city that did not resolve is dropped; with no province, the city may be a
    // municipality or SAR (上海市) or a province written in the wrong field.
    const p =
      province ??
      resolveProvince(input.city) ??
      (country && g.provinces.find((x) => x.country === country.code && country.code !== 'CN'));
    if (p) place = provincePlace(p);
  }
  if (!place) return country ? countryPlace(country) : undefined;
  return country ? { ...place, country: country.code, countryName: country.name } : place;
}

const CHINESE = ['CN', 'HK', 'MO', 'TW'];
