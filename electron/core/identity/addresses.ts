/**
 * Addresses compared by component, so one warehouse written in Chinese and in Latin letters
 * ("深圳市宝安区西乡街道固戍二路12号3楼" and "Gushu 2nd Rd No.12, 3F, Xixiang, Bao'an,
 * Shenzhen") agrees on city, district, road, number and floor.
 *
 * `parseAddressComponents` splits the line into road and premises; `parseAddressWithGazetteer`
 * (the default) settles province, city and district with the gazetteer-backed `parseAddress`
 * of electron/core/geo/, so both scripts of one place reach the same GB/T 2260 division.
 */
import { resolveCity, resolveProvince } from '../geo/locate';
import { parseAddress } from '../geo/parse-address';
import { foldScript, latinTokens, pinyinTokens } from './text-forms';

export interface AddressInput {
  readonly line?: string | undefined;
  readonly city?: string | undefined;
  readonly province?: string | undefined;
  readonly country?: string | undefined;
  readonly postcode?: string | undefined;
}

export interface AddressComponents {
  /** Canonical English city (gazetteer), or undefined when it does not resolve. */
  readonly city?: string;
  readonly province?: string;
  /** The district (区/县/county-level city) in pinyin, when the gazetteer settles it ("baoan"). */
  readonly district?: string;
  /** District and sub-district names in pinyin, no spaces ("baoan", "xixiang"). */
  readonly areas: readonly string[];
  /** The road's name in pinyin with its number as digits ("gushu2"). */
  readonly road?: string;
  readonly number?: string;
  readonly building?: string;
  readonly floor?: string;
  readonly unit?: string;
}

export type AddressParser = (a: AddressInput) => AddressComponents;

const ZH_DIGITS: Readonly<Record<string, string>> = {
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  十: '10',
};
const PINYIN_DIGITS: Readonly<Record<string, string>> = {
  yi: '1',
  er: '2',
  san: '3',
  si: '4',
  wu: '5',
  liu: '6',
  qi: '7',
  ba: '8',
  jiu: '9',
  shi: '10',
};

/** A place or road name as one pinyin key: Chinese numerals and ordinals ("二", "2nd", "Er") become digits. */
function nameKey(raw: string): string {
  const withDigits = [...raw].map((c) => ZH_DIGITS[c] ?? c).join('');
  const tokens = pinyinTokens(withDigits).map((t) => t.replace(/^(\d+)(st|nd|rd|th)$/, '$1'));
  if (tokens.length > 1 && PINYIN_DIGITS[tokens.at(-1)!] && !/\d/.test(raw))
    tokens[tokens.length - 1] = PINYIN_DIGITS[tokens.at(-1)!]!;
  return tokens.join('');
}

const ZH_PARTS: readonly [keyof Omit<AddressComponents, 'areas'> | 'area', RegExp][] = [
  ['province', /^(.+?(?:省|自治区))/u],
  ['city', /^(.+?市)/u],
  ['area', /^(.+?(?:区|县))/u],
  ['area', /^(.+?街道)/u],
  ['area', /^(.{2,}?(?:镇|乡))/u],
  ['road', /^(.+?(?:大道|路|街|道|巷))/u],
  ['number', /^(\d+)号/u],
  ['building', /^(\d+)(?:栋|幢|座|号楼)/u],
  ['floor', /^(\d+)(?:楼|层)/u],
  ['unit', /^(\d+)室/u],
];

function parseChinese(line: string, out: Mutable): void {
  // Mixed forms: "45 工业路, unit 12" (a Latin-style house number before the road, a unit after).
  let mixed = line;
  const unit = /\b(?:unit|room|rm)\.?\s*(\d+)/i.exec(mixed);
  if (unit) {
    out.unit = String(Number(unit[1]));
    mixed = mixed.replace(unit[0], ' ');
  }
  const lead = /^(\d+)\s+(?=\p{Script=Han})/u.exec(mixed);
  if (lead) {
    out.number = String(Number(lead[1]));
    mixed = mixed.slice(lead[0].length);
  }
  let rest = mixed.replace(/[\s,，]/gu, '');
  while (rest.length) {
    let hit = false;
    for (const [part, re] of ZH_PARTS) {
      const m = re.exec(rest);
      if (!m) continue;
      const v = m[1]!;
      if (part === 'province') out.province ??= resolveProvince(v)?.en ?? v;
      else if (part === 'city') out.city ??= resolveCity(v)?.en ?? nameKey(v.replace(/市$/, ''));
      else if (part === 'area') out.areas.push(nameKey(v.replace(/(区|县|街道|镇|乡)$/u, '')));
      else if (part === 'road') out.road ??= nameKey(v.replace(/(大道|路|街|道|巷)$/u, ''));
      else out[part] ??= String(Number(v));
      rest = rest.slice(m[0].length);
      hit = true;
      break;
    }
    if (!hit) rest = rest.slice(1);
  }
}

const ROAD_SUFFIX =
  /\s+(?:rd|road|st|street|ave|avenue|blvd|boulevard|lu|jie|dadao|lane|ln|way)\.?$/i;

function parseLatin(line: string, out: Mutable): void {
  for (const raw of line.split(/[,;]/)) {
    let part = raw.trim();
    const grab = (re: RegExp, field: 'number' | 'floor' | 'unit' | 'building') => {
      const m = re.exec(part);
      if (m) {
        out[field] ??= String(Number(m.slice(1).find(Boolean)));
        part = part.replace(m[0], ' ').trim();
      }
    };
    grab(/\b(?:no\.?|#)\s*(\d+)\b/i, 'number');
    grab(/\b(\d+)\s*\/?\s*f\b|\bfloor\s*(\d+)|\b(\d+)(?:st|nd|rd|th)\s+floor\b/i, 'floor');
    grab(/\b(?:room|rm|unit|flat)\.?\s*(\d+)/i, 'unit');
    grab(/\b(?:bldg|building|block|blk)\.?\s*(\d+)/i, 'building');
    if (!part) continue;
    if (ROAD_SUFFIX.test(part)) {
      // "12 Gushu 2nd Rd": a leading number is the house number.
      const lead = /^(\d+)\s+(.*)$/.exec(part);
      if (lead) {
        out.number ??= String(Number(lead[1]));
        part = lead[2]!;
      }
      out.road ??= nameKey(part.replace(ROAD_SUFFIX, ''));
      continue;
    }
    const province = resolveProvince(part);
    if (province && !province.cityLevel) {
      out.province ??= province.en;
      continue;
    }
    const city = resolveCity(part.replace(/\s+city$/i, ''));
    if (city || province) {
      out.city ??= city?.en ?? province!.en;
      continue;
    }
    const area = part.replace(
      /\s+(district|subdistrict|county|town|township|street|jiedao|qu|zhen)$/i,
      '',
    );
    const key = latinTokens(area).join('');
    if (key) out.areas.push(key);
  }
}

type Mutable = { -readonly [K in keyof AddressComponents]: AddressComponents[K] } & {
  areas: string[];
};

/** Components of an address in Chinese, Latin or mixed form (structured fields first, then the line). */
export const parseAddressComponents: AddressParser = (a) => {
  const out: Mutable = { areas: [] };
  const province = resolveProvince(a.province);
  if (province) out.province = province.en;
  const city = resolveCity(a.city, province);
  if (city) out.city = city.en;
  else if (province?.cityLevel) out.city = province.en;
  const line = foldScript(a.line ?? '');
  if (/\p{Script=Han}/u.test(line)) parseChinese(line, out);
  else parseLatin(line, out);
  if (!out.city && a.city) out.city = nameKey(a.city);
  return out;
};

/**
 * The place parts of a Latin line (no digits, no road), widest last, as `parseAddress`
 * reads them; leading parts it cannot place (a township written without its suffix) are
 * dropped one at a time until the rest resolves.
 */
function gazetteerPlace(a: AddressInput, line: string) {
  if (/\p{Script=Han}/u.test(line)) {
    const g = parseAddress(line);
    if (g.city || g.province) return g;
  }
  const parts = [
    ...line
      .split(/[,;]/)
      .map((x) => x.trim())
      .filter((x) => x && !/\d/.test(x) && !ROAD_SUFFIX.test(x)),
    ...[a.city, a.province].filter((x): x is string => !!x?.trim()),
  ];
  for (let i = 0; i < parts.length; i++) {
    const g = parseAddress(parts.slice(i).join(', '));
    if (g.city || g.province) return g;
  }
  return {};
}

/** `parseAddressComponents`, with province, city and district from the gazetteer where it settles them. */
export const parseAddressWithGazetteer: AddressParser = (a) => {
  const base = parseAddressComponents(a);
  const g = gazetteerPlace(a, foldScript(a.line ?? ''));
  if (!g.city && !g.province) return base;
  const district = g.district ? nameKey(g.district.replace(/['’]/g, '')) : undefined;
  return {
    ...base,
    ...(g.province && { province: g.province }),
    ...((g.city ?? (g.province && !base.city ? g.province : undefined)) && {
      city: g.city ?? g.province,
    }),
    ...(district && {
      district,
      areas: base.areas.includes(district) ? base.areas : [district, ...base.areas],
    }),
  };
};

export type AddressLevel = 'same' | 'unknown' | 'different';

const cmp = (x: string | undefined, y: string | undefined): AddressLevel =>
  x === undefined || y === undefined ? 'unknown' : x === y ? 'same' : 'different';

export function compareCities(a: AddressComponents, b: AddressComponents): AddressLevel {
  return cmp(a.city, b.city);
}

export function compareRoads(a: AddressComponents, b: AddressComponents): AddressLevel {
  return cmp(a.road, b.road);
}

/** House number, building, floor and unit: same when every one given on both sides agrees (at least one). */
export function comparePremises(a: AddressComponents, b: AddressComponents): AddressLevel {
  let agreed = 0;
  for (const k of ['number', 'building', 'floor', 'unit'] as const) {
    const l = cmp(a[k], b[k]);
    if (l === 'different') return 'different';
    if (l === 'same') agreed++;
  }
  return agreed ? 'same' : 'unknown';
}
