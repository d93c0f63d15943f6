/**
 * One free-text address line to its province, city and district, in Chinese or Latin:
 * `广东省深圳市宝安区西乡街道`, `广东深圳宝安`, `深圳市宝安区`, `Xicheng District, Beijing`,
 * `Bao'an Qu, Shenzhen Shi, Guangdong Sheng`, `China, Guǎngdōng, Shēnzhèn`, `Guang3dong1`.
 *
 * A level that cannot be told for sure is left out ("unknown"), never guessed: a name
 * shared by two places (朝阳区 in Beijing and in Changchun; Suzhou 苏州/宿州) needs a higher
 * level to settle it, and parts that contradict each other are dropped. Pure: the
 * gazetteer is read once and the function has no other state.
 */
import { divisions, LATIN_SUFFIX, type Division, type DivisionLevel } from './divisions';
import { fold, gazetteer } from './gazetteer';

export interface ParsedAddress {
  /** ISO 3166-1 alpha-2, when the line names a country or a Chinese place (CN; HK, MO, TW). */
  readonly country?: string;
  /** Canonical English province name as the rest of Ringlens uses it, e.g. `Guangdong`. */
  readonly province?: string;
  /** Official Chinese name, e.g. 广东省. */
  readonly provinceZh?: string;
  /** Canonical Latin city name, e.g. `Shenzhen` (a municipality is its own city). */
  readonly city?: string;
  readonly cityZh?: string;
  /** District, county or county-level city, e.g. `Bao'an`, 宝安区. */
  readonly district?: string;
  readonly districtZh?: string;
  /** Township or subdistrict as written after the district (镇, 乡, 街道), not checked against a list. */
  readonly town?: string;
  /** GB/T 2260 code of the finest division found. */
  readonly code?: string;
}

const LEVELS: readonly DivisionLevel[] = ['province', 'city', 'district'];
const depth = (d: Division) => LEVELS.indexOf(d.level);
/** Whether `d` lies within (or is) `up`. */
const within = (d: Division, up: Division) => d === up || d.province === up || d.city === up;

function countryOf(p: Division): string {
  return p.code.startsWith('81')
    ? 'HK'
    : p.code.startsWith('82')
      ? 'MO'
      : p.code.startsWith('71')
        ? 'TW'
        : 'CN';
}

function result(d: Division | undefined, country?: string, town?: string): ParsedAddress {
  if (!d) return country ? { country } : {};
  const p = d.province;
  return {
    country: country ?? countryOf(p),
    province: p.en,
    provinceZh: p.zh,
    ...(d.city && { city: d.city.en, cityZh: d.city.zh }),
    ...(d.level === 'district' && { district: d.en, districtZh: d.zh }),
    ...(town && { town }),
    code: d.code,
  };
}

/**
 * Picks, from the readings of each part of a line, the finest place that explains every
 * part (each part names it or a division above it). A part read both as a division and as
 * one above it (Jilin: the province and its city) counts as the broader one. Places that
 * explain every part but lie on different branches (Suzhou: 苏州, 宿州, 肃州区) leave only
 * what they share above; nothing shared, nothing picked.
 */
function settle(groups: readonly (readonly Division[])[]): Division | undefined {
  const parts = groups
    .map((g) => g.filter((d) => !g.some((x) => x !== d && within(d, x))))
    .filter((g) => g.length);
  if (!parts.length) return undefined;
  const agreed = [...new Set(parts.flat())].filter((c) =>
    parts.every((g) => g.some((x) => within(c, x))),
  );
  if (!agreed.length) return undefined;
  const deepest = agreed.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  if (agreed.every((c) => within(deepest, c))) return deepest;
  const cities = new Set(agreed.map((c) => c.city));
  if (cities.size === 1 && [...cities][0]) return [...cities][0];
  const provinces = new Set(agreed.map((c) => c.province));
  return provinces.size === 1 ? [...provinces][0] : undefined;
}

/**
 * A part that names one province and, spelt the same, a county or district elsewhere
 * (Henan: 河南省 and 河南蒙古族自治县; Xinjiang: 新疆 and 新绛县; Hebei, Hainan) is read as
 * the province when nothing else on the line settles it: a bare name in an address is the
 * province, as in the Chinese reading, and the county would be written with its county or
 * district. Two provinces spelt alike (Shanxi: 山西, 陕西) stay unknown.
 */
function provinceFirst(group: readonly Division[]): readonly Division[] {
  const provinces = group.filter((d) => d.level === 'province');
  return provinces.length === 1 ? provinces : group;
}

const HAN = /\p{Script=Han}/u;
/** After a short name (no suffix), these characters mean a street or building, not a place (中山路, 北京大厦). */
const NOT_A_PLACE_AFTER = /^(?:[路街巷弄号村桥楼厦园]|大道|大街|大厦|大楼|大桥)/u;
/** A township after the district, the most specific suffix first (西乡街道 is a 街道, not a 乡). */
const TOWNS = [/^(.{1,10}?街道(?:办事处)?)/u, /^(.{1,8}?镇)/u, /^(.{1,8}?乡)/u];

/** Chinese: divisions read left to right, each within the one before. */
function parseChinese(text: string): ParsedAddress {
  const dv = divisions();
  let s = text.normalize('NFKC').replace(/[\s,，、·:：;；()（）]/gu, '');
  s = s.replace(/^(?:中华人民共和国|中国大陆|中国)/u, '');
  let current: Division | undefined;
  let i = 0;
  let town: string | undefined;
  while (i < s.length) {
    let hit: { d: Division; len: number } | undefined;
    let stop = false;
    for (let len = Math.min(dv.longestZh, s.length - i); len >= 2 && !hit && !stop; len--) {
      const key = s.slice(i, i + len);
      const list = dv.byZh.get(key);
      if (!list) continue;
      const official = dv.officialZh.has(key);
      if (!official && NOT_A_PLACE_AFTER.test(s.slice(i + len))) continue;
      // Before anything is found, only an official name may start a place mid-line (收货地址深圳市…).
      if (!current && i > 0 && !official) continue;
      let fits = list.filter((d) => !current || (depth(d) > depth(current) && within(d, current)));
      if (!fits.length) continue;
      // 沙县 is the county's official name and also 沙县区's short one: the official reading wins.
      if (fits.some((d) => d.zh === key)) fits = fits.filter((d) => d.zh === key);
      // 吉林 is a province and its city: the broader reading, and the next name settles the rest.
      const top = fits.filter((d) => depth(d) === Math.min(...fits.map(depth)));
      if (top.length === 1) hit = { d: top[0]!, len };
      // 朝阳区 in Beijing and in Changchun: with nothing above it, it cannot be told.
      else stop = true;
    }
    if (stop) break;
    if (!hit) {
      if (current) break;
      i++;
      continue;
    }
    current = hit.d;
    i += hit.len;
    if (current.level === 'district') {
      const rest = s.slice(i);
      town = TOWNS.map((t) => t.exec(rest)?.[1]).find(Boolean);
      break;
    }
  }
  return result(current, undefined, town);
}

const LATIN_SUFFIXES = (Object.entries(LATIN_SUFFIX) as [DivisionLevel, readonly string[]][])
  .flatMap(([level, words]) => words.map((w) => ({ level, w })))
  .sort((a, b) => b.w.length - a.w.length);
const SUBDISTRICT = /\b(?:subdistrict|town|township|jiedao|zhen|xiang|street|road|lu|jie|no\.?)\b/i;

/** Latin: comma-separated parts in either order, or words in a run. */
function parseLatin(text: string): ParsedAddress {
  const dv = divisions();
  const g = gazetteer();
  // Tones as marks (Guǎngdōng) fold away; tones as digits (Guang3dong1) are dropped here.
  const cleaned = text
    .normalize('NFKC')
    .replace(/([a-zü])[1-5](?=[a-zü]|\b)/giu, '$1')
    .replace(/\b\d{6}\b/g, ' ');
  let country: string | undefined;
  const groups: Division[][] = [];
  const readingsOf = (phrase: string): Division[] => {
    const words = phrase.trim().toLowerCase();
    for (const { level, w } of LATIN_SUFFIXES) {
      if (words.endsWith(` ${w}`)) {
        const stem = fold(words.slice(0, -w.length));
        const read = (dv.byLatin.get(stem) ?? []).filter(
          (d) =>
            d.level === level ||
            // A municipality is a city; so is a county-level city (义乌市 Yiwu City).
            (level === 'city' && (d.city === d || (d.level === 'district' && d.zh.endsWith('市')))),
        );
        // "Kashi City" is 喀什市, the city, not 喀什地区 around it: a prefecture that is not
        // a 市 (地区, 盟, 自治州) is a city only where no 市 of that name exists.
        const shi = read.filter((d) => d.zh.endsWith('市'));
        return (w === 'city' || w === 'shi') && shi.length ? shi : read;
      }
    }
    const key = fold(words);
    // A lone syllable (He, An) is too likely a word or a name to be read as a place.
    if (key.length < 4) return [];
    return [...(dv.byLatin.get(key) ?? [])];
  };
  for (const part of cleaned.split(/[,;\n]|，/u)) {
    const p = part.trim();
    if (!p) continue;
    const code = g.countryByKey.get(fold(p));
    if (code && !dv.byLatin.has(fold(p))) {
      country = code;
      // Hong Kong SAR, Macao: the country is also the province-level division.
      const sar =
        code === 'HK' || code === 'MO'
          ? dv.all.find((d) => d.level === 'province' && countryOf(d) === code)
          : undefined;
      if (sar) groups.push([sar]);
      continue;
    }
    const whole = readingsOf(p);
    if (whole.length) {
      groups.push(whole);
      continue;
    }
    if (SUBDISTRICT.test(p) && !/\b(?:district|county|city|province)\b/i.test(p)) continue;
    // No reading for the whole part: runs of one to four words, the longest first.
    const words = p.split(/\s+/);
    const used = new Array<boolean>(words.length).fill(false);
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      for (let at = 0; at + n <= words.length; at++) {
        if (used.slice(at, at + n).some(Boolean)) continue;
        const phrase = words.slice(at, at + n).join(' ');
        const c = g.countryByKey.get(fold(phrase));
        if (c && n >= 1 && !dv.byLatin.has(fold(phrase)) && fold(phrase).length >= 4) {
          country = c;
          used.fill(true, at, at + n);
          continue;
        }
        const r = readingsOf(phrase);
        if (r.length) {
          groups.push(r);
          used.fill(true, at, at + n);
        }
      }
    }
  }
  const CHINESE = ['CN', 'HK', 'MO', 'TW'];
  if (country && !CHINESE.includes(country)) return { country };
  const place = settle(groups) ?? settle(groups.map(provinceFirst));
  return result(place, place ? undefined : country);
}

/**
 * The province, city and district a free-text address line names, in Chinese or Latin.
 * Levels it cannot tell for sure are absent; an empty object means nothing was recognised.
 */
export function parseAddress(text: string): ParsedAddress {
  if (!text.trim()) return {};
  if (HAN.test(text)) {
    const zh = parseChinese(text);
    if (zh.province) return zh;
    // A Latin line with a Chinese name in it (Room 5, 深圳市) still has its Latin parts.
    const latin = parseLatin(text.replace(/\p{Script=Han}+/gu, ' '));
    return latin.province || latin.country ? latin : zh;
  }
  return parseLatin(text);
}
