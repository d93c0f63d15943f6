/**
 * The generator's evasion mode (`ringlens generate --evasion KINDS`): members of planted
 * rings (all but the first, who keeps the ring's canonical identifiers) vary each shared
 * identifier the ways real rings do, so today's exact resolution splits the ring:
 * e-mails by provider rules and other providers, consecutive phone numbers, payment
 * providers spelt otherwise with separators in the number, the ring's person in the other
 * script, pinyin or order, the warehouse in Latin letters, product photos re-encoded (a
 * few bits of the fingerprint flipped), shop names one character apart.
 *
 * Own random streams (`evasion`, ...) only: the default output never draws from them, so
 * it stays byte-identical.
 */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import type { EntityRow, LinkRow } from '../../../shared/bundle/schema';
import { hex, int, pick, rngFor, type Rng } from '../util/random';

export const EVASION_KINDS = [
  'email',
  'phone',
  'name',
  'account',
  'address',
  'photo',
  'shop',
] as const;
export type EvasionKind = (typeof EVASION_KINDS)[number];

/** One true identity: identifiers (bundle row ids, or `image|FP` for photos) that are one thing. */
export interface IdentityCluster {
  readonly ring: number;
  readonly kind: EvasionKind;
  readonly ids: readonly string[];
}

const PLUS_PROVIDERS = ['gmail.com', 'outlook.com'];
const OTHER_PROVIDERS = ['qq.com', '163.com', 'gmail.com', 'outlook.com', 'sina.com'];

/** The ring's address for e-mails varied: a dot (Gmail), a +tag, the same name at another provider. */
export function variantEmail(address: string, pos: number, rng: Rng): string {
  const at = address.indexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dotted = `${local.slice(0, 3)}.${local.slice(3)}`;
  const other = pick(
    rng,
    OTHER_PROVIDERS.filter((d) => d !== domain),
  );
  switch (pos % 4) {
    case 1:
      return domain === 'gmail.com' ? `${dotted}@gmail.com` : `${local}@${other}`;
    case 2:
      return PLUS_PROVIDERS.includes(domain)
        ? `${local}+shop${pos}@${domain}`
        : `${local}@${other}`;
    case 3:
      return `${local}@${other}`;
    default:
      return domain === 'gmail.com'
        ? `${dotted}+${hex(rng, 3)}@googlemail.com`
        : `${local}@${other}`;
  }
}

/** A number a few steps on in the same SIM batch. */
export function variantPhone(digits: string, pos: number): string {
  return String(Number(digits) + pos);
}

const PROVIDER_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  Alipay: ['支付宝', 'AliPay', 'ALIPAY'],
  'WeChat Pay': ['微信支付', 'Wechat pay', 'WeChatPay'],
  UnionPay: ['中国银联', '银联', 'China UnionPay'],
  PayPal: ['Paypal', 'PAYPAL', 'PayPal'],
};

export function variantProvider(provider: string, pos: number): string {
  const list = PROVIDER_SPELLINGS[provider] ?? [provider];
  return list[pos % list.length]!;
}

/** "1234 5678 9012" → "1234-5678-9012", "123456789012", "１２３４ ５６７８ ９０１２". */
export function variantAccountNumber(number: string, pos: number): string {
  const digits = number.replace(/\D/g, '');
  switch (pos % 3) {
    case 0:
      return digits;
    case 1:
      return digits.replace(/(\d{4})(?=\d)/g, '$1-');
    default:
      return [...number]
        .map((c) => (/\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
        .join('');
  }
}

let toTraditional: ((s: string) => string) | undefined;
const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The ring person's name in another script, in pinyin (with or without tones and space), or in the other order. */
export function variantName(name: string, pos: number): string {
  if (/\p{Script=Han}/u.test(name)) {
    const syllables = pinyin(name, { type: 'array', toneType: 'none', surname: 'head' });
    const tones = pinyin(name, { type: 'array', surname: 'head' });
    const surname = titleCase(syllables[0]!);
    const given = titleCase(syllables.slice(1).join(''));
    toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
    switch (pos % 5) {
      case 1:
        return toTraditional(name) === name ? `${surname} ${given}` : toTraditional(name);
      case 2:
        return `${surname} ${given}`;
      case 3:
        return `${given} ${surname}`;
      case 4:
        return `${titleCase(tones[0]!)} ${titleCase(tones.slice(1).join(''))}`;
      default:
        return `${surname}${given}`.toLowerCase();
    }
  }
  const [first, ...rest] = name.split(' ');
  const last = rest.join(' ');
  return [`${last} ${first}`, `${last.toUpperCase()} ${first}`, `${first}${last}`][pos % 3]!;
}

const ROADS = [
  '固戍二路',
  '人民路',
  '建设路',
  '工业大道',
  '中山路',
  '新华路',
  '科技园三路',
  '长江路',
];
const DISTRICTS = ['宝安区', '龙岗区', '白云区', '天河区', '萧山区', '滨江区', '鼓楼区', '思明区'];

const latinOf = (zh: string): string =>
  pinyin(zh, { type: 'array', toneType: 'none' })
    .map((p) => p.toLowerCase())
    .join('');

/** A ring warehouse's address, its Chinese form, and the same address in Latin letters. */
export function ringAddress(
  rng: Rng,
  city: { zh: string; en: string },
  province: { zh: string; en: string },
) {
  const road = pick(rng, ROADS);
  const district = pick(rng, DISTRICTS);
  const no = int(rng, 1, 300);
  const floor = int(rng, 1, 12);
  const roadName = road.replace(/(大道|路)$/, '');
  const suffix = road.endsWith('大道') ? 'Avenue' : 'Rd';
  const numeral = /([一二三四五六七八九])$/.exec(roadName)?.[1];
  const ordinals: Record<string, string> = {
    一: '1st',
    二: '2nd',
    三: '3rd',
    四: '4th',
    五: '5th',
  };
  const roadLatin = numeral
    ? `${titleCase(latinOf(roadName.slice(0, -1)))} ${ordinals[numeral] ?? ''}`
    : titleCase(latinOf(roadName));
  const districtLatin = titleCase(latinOf(district.replace(/区$/, '')));
  return {
    chinese: {
      country: 'CN',
      province: province.zh,
      city: city.zh,
      line: `${city.zh}${district}${road}${no}号${floor}楼`,
    },
    latin: (pos: number) => ({
      country: 'CN',
      province: province.en,
      city: city.en,
      line:
        pos % 2
          ? `${roadLatin} ${suffix} No.${no}, ${floor}F, ${districtLatin} District, ${city.en}`
          : `${no} ${roadLatin} ${suffix}, Floor ${floor}, ${districtLatin}`,
    }),
  };
}

/** The fingerprint with 1 to 5 bits flipped: the same photo re-compressed or lightly cropped. */
export function reencodedFingerprint(fp: string, rng: Rng): string {
  let hi = parseInt(fp.slice(0, 8), 16) >>> 0;
  let lo = parseInt(fp.slice(8, 16), 16) >>> 0;
  const flips = int(rng, 1, 5);
  const bits = new Set<number>();
  while (bits.size < flips) bits.add(int(rng, 0, 63));
  for (const b of bits) {
    if (b < 32) hi = (hi ^ (1 << b)) >>> 0;
    else lo = (lo ^ (1 << (b - 32))) >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

const LOOKALIKE: Readonly<Record<string, string>> = {
  o: '0',
  O: '0',
  l: '1',
  i: '1',
  s: '5',
  S: '5',
  e: '3',
};

/** One character changed: a look-alike digit, a doubled letter, a dropped letter; the branch number kept. */
export function variantShopName(name: string, pos: number, rng: Rng): string {
  const chars = [...name];
  // A Chinese shop name keeps its owner's surname (X氏), the part buyers recognise.
  const from = /^\p{Script=Han}/u.test(name) ? 1 : 0;
  const letters = chars
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => i >= from && !/[\d\s]/.test(c));
  const at = pick(rng, letters).i;
  const lookalikes = letters.filter(({ c }) => LOOKALIKE[c]);
  if (pos % 3 === 1 && lookalikes.length) {
    const l = pick(rng, lookalikes);
    chars[l.i] = LOOKALIKE[l.c]!;
  } else if (pos % 3 === 2) chars.splice(at, 0, chars[at]!);
  else chars.splice(at, 1);
  return chars.join('');
}

/** What the generator tells the evasion step about one ring member. */
export interface EvasionMember {
  readonly seed: number;
  readonly ringIndex: number;
  readonly seller: number;
  readonly pos: number;
  readonly kinds: ReadonlySet<EvasionKind>;
  readonly place: { province: string; city: string };
  readonly placeLatin: { province: string; city: string };
  readonly ringPersonName: string | undefined;
  readonly ringWarehouse: boolean;
  readonly ringShopName: string;
}

/**
 * Rewrites one ring member's rows in place (entities and links) and returns the identity
 * each rewritten identifier belongs to, as (kind, cluster id, row id).
 */
export function applyEvasion(
  m: EvasionMember,
  entities: EntityRow[],
  links: LinkRow[],
): { kind: EvasionKind; cluster: string; id: string }[] {
  const rng = rngFor(m.seed, 'evasion', m.seller);
  const out: { kind: EvasionKind; cluster: string; id: string }[] = [];
  const byId = new Map(entities.map((e) => [e.id, e]));
  const props = (id: string) => byId.get(id)?.props as Record<string, unknown> | undefined;
  const ringTag = `ring${m.ringIndex}`;
  const s = `s${m.seller}`;

  if (m.kinds.has('email') && props(`email:${s}`)) {
    const p = props(`email:${s}`)!;
    const canonical = String(p.address).toLowerCase();
    if (m.pos > 0) p.address = variantEmail(canonical, m.pos, rng);
    out.push({ kind: 'email', cluster: `email:${ringTag}`, id: `email:${s}` });
  }
  if (m.kinds.has('phone') && props(`phone:${s}`)) {
    const p = props(`phone:${s}`)!;
    const digits = String(p.number)
      .replace(/\D/g, '')
      .replace(/^(0086|86)(?=1\d{10}$)/, '');
    if (m.pos > 0) p.number = variantPhone(digits, m.pos);
    out.push({ kind: 'phone', cluster: `phone:${ringTag}`, id: `phone:${s}` });
  }
  if (m.kinds.has('account') && props(`payment_account:${s}`)) {
    const p = props(`payment_account:${s}`)!;
    if (m.pos > 0) {
      p.provider = variantProvider(String(p.provider), m.pos);
      p.accountNumber = variantAccountNumber(String(p.accountNumber), m.pos);
    }
    out.push({ kind: 'account', cluster: `account:${ringTag}`, id: `payment_account:${s}` });
  }
  if (m.kinds.has('name') && m.ringPersonName !== undefined) {
    const link = links.find((l) => l.type === 'operates' && l.from === `person:${ringTag}`);
    if (link) {
      if (m.pos > 0) {
        const id = `person:${s}-ev`;
        entities.push({
          id,
          type: 'person',
          props: {
            name: variantName(m.ringPersonName, m.pos),
            role: 'suspect',
            address: { country: 'CN', province: m.place.province, city: m.place.city },
          },
        });
        link.from = id;
        out.push({ kind: 'name', cluster: `name:${ringTag}`, id });
      } else out.push({ kind: 'name', cluster: `name:${ringTag}`, id: `person:${ringTag}` });
    }
  }
  if (m.kinds.has('address') && m.ringWarehouse) {
    const ring = links.filter((l) => l.to === `warehouse:${ringTag}`);
    if (ring.length) {
      if (m.pos > 0) {
        const id = `warehouse:${s}-ev`;
        const addr = ringAddress(
          rngFor(m.seed, 'evasion', 'ring', m.ringIndex, 'address'),
          { zh: m.place.city, en: m.placeLatin.city },
          { zh: m.place.province, en: m.placeLatin.province },
        );
        entities.push({
          id,
          type: 'warehouse',
          props: { name: `${m.placeLatin.city} storage ${m.seller}`, address: addr.latin(m.pos) },
        });
        for (const l of ring) l.to = id;
        out.push({ kind: 'address', cluster: `address:${ringTag}`, id });
      } else
        out.push({ kind: 'address', cluster: `address:${ringTag}`, id: `warehouse:${ringTag}` });
    }
  }
  if (m.kinds.has('photo')) {
    for (const e of entities) {
      if (e.type !== 'listing') continue;
      const p = e.props as { imageFingerprints?: string[] };
      const k = Number(e.id.split('-').pop());
      const base = hex(rngFor(m.seed, 'ring', m.ringIndex, 'image', k % 2), 16);
      if (p.imageFingerprints?.[0] !== base) continue;
      const fp = m.pos > 0 ? reencodedFingerprint(base, rng) : base;
      p.imageFingerprints = [fp];
      out.push({ kind: 'photo', cluster: `photo:${ringTag}-${k % 2}`, id: `image|${fp}` });
    }
  }
  if (m.kinds.has('shop') && props(`shop:${s}`)) {
    const p = props(`shop:${s}`)!;
    p.name = m.pos > 0 ? variantShopName(m.ringShopName, m.pos, rng) : m.ringShopName;
    out.push({ kind: 'shop', cluster: `shop:${ringTag}`, id: `shop:${s}` });
  }
  return out;
}
