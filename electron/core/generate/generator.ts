/**
 * A deterministic generator of realistic synthetic lead bundles, with ground truth.
 *
 * The world: many honest sellers, each with a shop, listings and identifiers of their own;
 * planted rings whose sellers share payment and bank accounts, warehouses, devices, phones
 * (written differently each time), e-mails (case variants), listing images and the people
 * behind them; honest hubs (a courier warehouse, the marketplace escrow account, a carrier
 * NAT address) shared by hundreds of honest shops and a few ring shops; test buys with
 * verdicts and custody; IP complaints, among them an agent whose complaints are mostly
 * refuted. Rows are produced seller by seller from streams seeded by (seed, seller), so the
 * entity pass and the link pass agree without holding the world in memory.
 *
 * Size: about 26 rows per seller (see ROWS_PER_SELLER); `sellersForRows` inverts that.
 */
import { createHash } from 'node:crypto';
import type { EntityRow, LinkRow } from '../../../shared/bundle/schema';
import type { CustodyEvent } from '../../../shared/domain/entity-types';
import type { z } from 'zod';
import { chance, daysBefore, hex, int, pick, rngFor, sample, type Rng } from '../util/random';
import {
  BANKS,
  BRANDS,
  CATEGORIES,
  COUNTERFEIT_REGIONS,
  GIVEN_LATIN,
  GIVEN_ZH,
  PAYMENT_PROVIDERS,
  PLACES,
  SHOP_WORDS_LATIN,
  SHOP_WORDS_ZH,
  SURNAMES_LATIN,
  SURNAMES_ZH,
} from './vocabulary';
import { evidencePng } from './images';
import { applyEvasion, ringAddress, type EvasionKind, type IdentityCluster } from './evasion';
export { EVASION_KINDS, type EvasionKind } from './evasion';

export const ROWS_PER_SELLER = 26;
export const END_DATE = '2025-10-31';
/** Every third planted ring came to light through brand complaints rather than the data screening (real programmes see far fewer). */
const complaintDriven = (ringIndex: number): boolean => ringIndex % 3 === 2;

export interface GenerateOptions {
  readonly seed: number;
  readonly sellers: number;
  /** Share of sellers that belong to planted rings. */
  readonly ringShare?: number;
  /** At most this many evidence image files (evidence stays small at scale). */
  readonly maxEvidenceFiles?: number;
  /** Evasion mode: ring members vary these kinds of identifier (see evasion.ts). Empty: off. */
  readonly evasion?: readonly EvasionKind[];
}

export interface GroundTruthRing {
  readonly index: number;
  readonly sellerIds: readonly string[];
  readonly shopIds: readonly string[];
  readonly sharedIdentifierIds: readonly string[];
  readonly leadId: string;
}

export interface GroundTruth {
  readonly seed: number;
  readonly sellers: number;
  readonly rings: readonly GroundTruthRing[];
  readonly honestHubs: {
    readonly courierWarehouse: string;
    readonly escrowAccount: string;
    readonly natIp: string;
  };
  readonly fraudulentAgent: string;
  readonly complainants: readonly string[];
  /** Evasion mode only: the true identities behind the varied identifiers. */
  readonly identityClusters?: readonly IdentityCluster[];
}

export interface GeneratedBundle {
  readonly entities: () => Generator<EntityRow>;
  readonly links: () => Generator<LinkRow>;
  readonly evidence: () => { path: string; mediaType: string; data: Buffer }[];
  readonly groundTruth: GroundTruth;
}

export function sellersForRows(rows: number): number {
  return Math.max(20, Math.round(rows / ROWS_PER_SELLER));
}

type Custody = z.infer<typeof CustodyEvent>;

const HUB = {
  courier: 'warehouse:hub-courier',
  escrow: 'payment_account:hub-escrow',
  nat: 'ip_address:hub-nat',
} as const;
const FRAUD_AGENT = 'complainant:agent-swiftmark';
const HONEST_AGENT = 'complainant:agent-brandguard';

interface Ring {
  readonly index: number;
  readonly members: readonly number[];
  readonly shared: readonly (
    'phone' | 'email' | 'payment' | 'bank' | 'warehouse' | 'device' | 'image' | 'person'
  )[];
  readonly place: { province: string; city: string };
  readonly category: (typeof CATEGORIES)[number];
  readonly brand: (typeof BRANDS)[number];
}

/** Decides, once, which sellers form which ring (small: a few numbers per ring). */
function planRings(
  seed: number,
  sellers: number,
  ringShare: number,
): { rings: Ring[]; ringOf: Int32Array } {
  const rng = rngFor(seed, 'rings');
  const ringOf = new Int32Array(sellers).fill(-1);
  const target = Math.max(9, Math.floor(sellers * ringShare));
  const rings: Ring[] = [];
  // Ring sellers are spread through the index range so rings are not contiguous blocks.
  const order = sample(
    rng,
    Array.from({ length: sellers }, (_, i) => i),
    Math.min(sellers, target),
  );
  let at = 0;
  while (at < order.length - 2) {
    const size = Math.min(
      order.length - at,
      rings.length % 5 === 0 ? int(rng, 10, 25) : int(rng, 3, 12),
    );
    if (size < 3) break;
    const members = order.slice(at, at + size).sort((a, b) => a - b);
    at += size;
    const kinds = [
      'phone',
      'email',
      'payment',
      'bank',
      'warehouse',
      'device',
      'image',
      'person',
    ] as const;
    const shared = sample(rng, kinds, int(rng, 3, 6));
    const region = PLACES[int(rng, 0, COUNTERFEIT_REGIONS - 1)]!;
    const [city, cityZh] = pick(rng, region.cities);
    const zh = chance(rng, 0.5);
    rings.push({
      index: rings.length,
      members,
      shared,
      place: { province: zh ? region.provinceZh : region.province, city: zh ? cityZh : city },
      category: pick(rng, [
        'shoes',
        'handbags',
        'watches',
        'apparel',
        'cosmetics',
        'masks',
      ] as const),
      brand: pick(rng, BRANDS),
    });
    for (const m of members) ringOf[m] = rings.length - 1;
  }
  return { rings, ringOf };
}

function personName(rng: Rng): string {
  return chance(rng, 0.6)
    ? `${pick(rng, SURNAMES_ZH)}${pick(rng, GIVEN_ZH)}`
    : `${pick(rng, GIVEN_LATIN)} ${pick(rng, SURNAMES_LATIN)}`;
}

function shopName(rng: Rng, category: string): string {
  return chance(rng, 0.55)
    ? `${pick(rng, SURNAMES_ZH)}氏${pick(rng, SHOP_WORDS_ZH)}${int(rng, 1, 99)}号店`
    : `${pick(rng, SHOP_WORDS_LATIN)} ${category[0]!.toUpperCase()}${category.slice(1)} ${pick(rng, SHOP_WORDS_LATIN)} ${int(rng, 1, 999)}`;
}

function mobile(rng: Rng): string {
  return `1${pick(rng, ['38', '39', '50', '58', '86', '88'])}${String(int(rng, 0, 99_999_999)).padStart(8, '0')}`;
}

/** The same Chinese mobile written the ways people write it. */
function spellPhone(digits: string, variant: number): string {
  const a = digits.slice(0, 3);
  const b = digits.slice(3, 7);
  const c = digits.slice(7);
  return [`+86 ${a} ${b} ${c}`, digits, `${a}-${b}-${c}`, `0086${digits}`, `(+86) ${a}${b}${c}`][
    variant % 5
  ]!;
}

function spellEmail(address: string, variant: number): string {
  if (variant % 3 === 1) return address.toUpperCase();
  if (variant % 3 === 2) return address[0]!.toUpperCase() + address.slice(1);
  return address;
}

function randomPlace(rng: Rng, counterfeitBias: boolean) {
  const region = counterfeitBias
    ? PLACES[int(rng, 0, COUNTERFEIT_REGIONS - 1)]!
    : pick(rng, PLACES);
  const [city, cityZh] = pick(rng, region.cities);
  const zh = chance(rng, 0.5);
  return { province: zh ? region.provinceZh : region.province, city: zh ? cityZh : city };
}

function custodyFor(rng: Rng, placedAt: string, photos: string[]): Custody[] {
  const t0 = Date.parse(`${placedAt}T09:00:00Z`);
  const at = (h: number) => new Date(t0 + h * 3_600_000).toISOString().replace('.000', '');
  const handler = pick(rng, [
    'Investigator Chen Jing',
    'Investigator Sofia Rossi',
    'Lab technician Li Wei',
    'Evidence clerk Zhao Min',
  ]);
  return [
    { event: 'ordered', at: at(0), handler, place: 'Online, test-buy account' },
    {
      event: 'shipped',
      at: at(20),
      handler: 'Courier',
      tracking: `SF${hex(rng, 10).toUpperCase()}`,
    },
    { event: 'received', at: at(70), handler, place: 'Evidence room, Shanghai office' },
    { event: 'unboxed', at: at(72), handler, place: 'Evidence room, Shanghai office', photos },
    {
      event: 'authenticated',
      at: at(120),
      handler: 'Brand authentication lab',
      place: 'Brand lab, Hong Kong',
    },
    {
      event: 'stored',
      at: at(122),
      handler: 'Evidence clerk Zhao Min',
      place: 'Locker B-12, Shanghai office',
    },
  ];
}

/** Everything about one seller, derived from (seed, index) alone. */
function sellerWorld(
  seed: number,
  i: number,
  ring: Ring | undefined,
  ringPos: number,
  o: Required<GenerateOptions>,
) {
  const rng = rngFor(seed, 'seller', i);
  const id = (kind: string) => `${kind}:s${i}`;
  const category = ring ? ring.category : pick(rng, CATEGORIES);
  const opened = int(rng, 60, 700);
  const entities: EntityRow[] = [];
  const links: LinkRow[] = [];
  // The ring's first member holds every shared identifier; the others hold most of them
  // (at least one), so each member is tied to the first and the ring is connected.
  const mine = new Set<Ring['shared'][number]>();
  if (ring) {
    for (const k of ring.shared) if (ringPos === 0 || chance(rng, 0.75)) mine.add(k);
    if (mine.size === 0) mine.add(ring.shared[i % ring.shared.length]!);
  }
  const shares = (k: Ring['shared'][number]) => mine.has(k);
  const ringId = (kind: string) => `${kind}:ring${ring!.index}`;

  entities.push({
    id: id('seller'),
    type: 'seller',
    props: {
      name: personName(rng),
      alias: `${pick(rng, SHOP_WORDS_LATIN).toLowerCase()}_${hex(rng, 4)}`,
      marketplaceId: `MS${100000 + i}`,
      registeredAt: daysBefore(END_DATE, opened + 10),
    },
  });
  entities.push({
    id: id('shop'),
    type: 'shop',
    props: {
      name: shopName(rng, category),
      url: `https://market.example/shop/${100000 + i}`,
      marketplace: 'ExampleMarket',
      marketplaceId: `SH${100000 + i}`,
      openedAt: daysBefore(END_DATE, opened),
      category,
    },
  });
  links.push({ type: 'operates', from: id('seller'), to: id('shop'), props: {} });

  // Identifiers: the ring's shared one (a row of this seller's own, spelt its own way) or a private one.
  const ident = (kind: 'phone' | 'email' | 'payment' | 'bank' | 'device', shared: boolean) => {
    const own = shared ? rngFor(seed, 'ring', ring!.index, kind) : rngFor(seed, 'seller', i, kind);
    switch (kind) {
      case 'phone': {
        const digits = mobile(own);
        return {
          id: id('phone'),
          type: 'phone',
          props: { number: shared ? spellPhone(digits, i) : digits },
        } as EntityRow;
      }
      case 'email': {
        const addr = `${hex(own, 6)}@${pick(own, ['qq.com', '163.com', 'gmail.com', 'outlook.com'])}`;
        return {
          id: id('email'),
          type: 'email',
          props: { address: shared ? spellEmail(addr, i) : addr },
        } as EntityRow;
      }
      case 'payment': {
        const acct = `${int(own, 1000, 9999)} ${int(own, 1000, 9999)} ${int(own, 1000, 9999)}`;
        return {
          id: id('payment_account'),
          type: 'payment_account',
          props: {
            provider: pick(own, PAYMENT_PROVIDERS),
            accountNumber: shared && i % 2 ? acct.replaceAll(' ', '-') : acct,
            holder: personName(own),
          },
        } as EntityRow;
      }
      case 'bank':
        return {
          id: id('bank_account'),
          type: 'bank_account',
          props: {
            bank: pick(own, BANKS),
            accountNumber: `6222${String(int(own, 0, 999_999_999)).padStart(12, '0')}`,
            holder: personName(own),
          },
        } as EntityRow;
      case 'device':
        return {
          id: id('device'),
          type: 'device',
          props: {
            fingerprint: `dev-${hex(own, 16)}`,
            model: pick(own, ['iPhone 13', 'Xiaomi 12', 'Huawei P50', 'Oppo Reno8', 'Windows PC']),
            os: pick(own, ['iOS 17', 'Android 13', 'Windows 11']),
          },
        } as EntityRow;
    }
  };
  const phone = ident('phone', shares('phone'));
  const email = ident('email', shares('email'));
  const payment = ident('payment', shares('payment'));
  const bank = ident('bank', shares('bank'));
  const device = ident('device', shares('device'));
  entities.push(phone, email, payment, bank, device);
  links.push({ type: 'uses', from: id('seller'), to: phone.id, props: {} });
  links.push({ type: 'uses', from: id('seller'), to: email.id, props: {} });
  links.push({ type: 'uses', from: id('seller'), to: device.id, props: {} });
  links.push({ type: 'withdraws_to', from: payment.id, to: bank.id, props: {} });

  // Payment: honest shops often take payment through the marketplace escrow hub.
  if (!ring && chance(rng, 0.35))
    links.push({ type: 'paid_to', from: id('shop'), to: HUB.escrow, props: {} });
  else links.push({ type: 'paid_to', from: id('shop'), to: payment.id, props: {} });
  if (ring && chance(rng, 0.15))
    links.push({ type: 'paid_to', from: id('shop'), to: HUB.escrow, props: {} });

  // Network: a carrier NAT address is shared by many honest sellers.
  if (chance(rng, ring ? 0.1 : 0.25))
    links.push({ type: 'uses', from: id('seller'), to: HUB.nat, props: {} });
  else {
    entities.push({
      id: id('ip_address'),
      type: 'ip_address',
      props: {
        address: `${int(rng, 1, 223)}.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
      },
    });
    links.push({ type: 'uses', from: id('seller'), to: id('ip_address'), props: {} });
  }

  // Shipping origin: ring warehouse, courier hub, or the seller's own.
  let warehouseId: string;
  if (shares('warehouse')) warehouseId = ringId('warehouse');
  else if (!ring && chance(rng, 0.4)) warehouseId = HUB.courier;
  else {
    const place = randomPlace(rng, ring !== undefined);
    entities.push({
      id: id('warehouse'),
      type: 'warehouse',
      props: {
        name: `${place.city} ${pick(rng, ['仓库', 'Depot', '物流园', 'Storage'])} ${int(rng, 1, 99)}`,
        address: {
          country: 'CN',
          province: place.province,
          city: place.city,
          line: `${int(rng, 1, 999)} ${pick(rng, ['工业路', 'Industrial Rd', '人民路', 'Harbour St'])}, unit ${i}`,
        },
      },
    });
    warehouseId = id('warehouse');
  }
  links.push({ type: 'ships_from', from: id('shop'), to: warehouseId, props: {} });
  if (ring && chance(rng, 0.2))
    links.push({ type: 'ships_from', from: id('shop'), to: HUB.courier, props: {} });

  if (shares('person'))
    links.push({ type: 'operates', from: ringId('person'), to: id('seller'), props: {} });

  // Listings; ring listings reuse the ring's product photos (same perceptual hash).
  const listingCount = int(rng, 2, 4);
  const listingIds: string[] = [];
  for (let k = 0; k < listingCount; k++) {
    const lid = `listing:s${i}-${k}`;
    listingIds.push(lid);
    const fp = shares('image')
      ? hex(rngFor(seed, 'ring', ring!.index, 'image', k % 2), 16)
      : hex(rng, 16);
    const brand = ring ? ring.brand : pick(rng, BRANDS);
    entities.push({
      id: lid,
      type: 'listing',
      props: {
        title: `${brand.name} ${category} ${pick(rng, ['2025 new', 'original', 'classic', '正品', '新款', 'limited'])} ${hex(rng, 3)}`,
        url: `https://market.example/item/${i}-${k}`,
        price: ring ? int(rng, 80, 600) : int(rng, 300, 3000),
        currency: 'CNY',
        category,
        listedAt: daysBefore(END_DATE, int(rng, 5, opened)),
        imageFingerprints: [fp],
      },
    });
    links.push({ type: 'lists', from: id('shop'), to: lid, props: {} });
    if (ring)
      links.push({ type: 'infringes', from: lid, to: `ip_right:${ring.brand.key}-tm`, props: {} });
  }

  // Orders: a couple of ordinary ones for order value, and test buys.
  const orders = int(rng, 0, 2);
  for (let k = 0; k < orders; k++) {
    const oid = `order:s${i}-${k}`;
    entities.push({
      id: oid,
      type: 'order',
      props: {
        orderNumber: `O${i}${k}${hex(rng, 4)}`,
        placedAt: daysBefore(END_DATE, int(rng, 1, opened)),
        amount: int(rng, 80, 3000),
        currency: 'CNY',
        buyer: personName(rng),
        buyerAddress: {
          country: 'CN',
          ...randomPlace(rng, false),
          line: `${int(rng, 1, 300)} ${pick(rng, ['中山路', 'Nanjing Rd', '解放路'])}`,
        },
      },
    });
    links.push({ type: 'bought', from: oid, to: pick(rng, listingIds), props: {} });
  }
  const testBuy = ring ? chance(rng, 0.6) : chance(rng, 0.03);
  let evidence: { path: string; sha: string; data: Buffer } | undefined;
  if (testBuy) {
    const oid = `order:s${i}-tb`;
    const placedAt = daysBefore(END_DATE, int(rng, 10, Math.max(11, opened - 5)));
    const verdict = ring ? (chance(rng, 0.9) ? 'counterfeit' : 'inconclusive') : 'genuine';
    const withFile = i < o.maxEvidenceFiles * 8 && rngFor(seed, 'evidence', i)() < 0.5;
    const photos = withFile ? [`evidence:s${i}-tb`] : [];
    entities.push({
      id: oid,
      type: 'order',
      props: {
        orderNumber: `TB${100000 + i}`,
        placedAt,
        amount: int(rng, 80, 900),
        currency: 'CNY',
        buyer: personName(rng),
        buyerAddress: {
          country: 'CN',
          province: '上海市',
          city: '上海市',
          line: `${int(rng, 1, 300)} 南京西路`,
        },
        testBuy: true,
        verdict,
        verdictBy: `${ring ? ring.brand.name : 'Brand'} authentication lab`,
        verdictAt: daysBefore(placedAt, -6),
        custody: custodyFor(rng, placedAt, photos),
      },
    });
    links.push({ type: 'bought', from: oid, to: listingIds[0]!, props: {} });
    links.push({ type: 'ships_from', from: oid, to: warehouseId, props: {} });
    if (withFile) {
      const data = evidencePng(rngFor(seed, 'png', i));
      evidence = { path: `evidence/testbuy-s${i}.png`, sha: '', data };
    }
  }
  const identities =
    ring && o.evasion.length
      ? evadeAsRingMember(seed, i, ring, ringPos, mine, category, entities, links, o)
      : [];
  return {
    entities,
    links,
    evidence,
    listingIds,
    shopId: id('shop'),
    sellerId: id('seller'),
    identities,
  };
}

/** Both spellings of a ring's place (the ring stores one of them). */
function placeForms(place: { province: string; city: string }) {
  for (const r of PLACES)
    for (const [en, zh] of r.cities)
      if (place.city === en || place.city === zh)
        return { zh: { province: r.provinceZh, city: zh }, en: { province: r.province, city: en } };
  return { zh: place, en: place };
}

/** The ring person's name, drawn exactly as fixedEntities draws it. */
function ringPersonName(seed: number, ring: Ring): string {
  const rr = rngFor(seed, 'ring', ring.index, 'entities');
  if (ring.shared.includes('warehouse')) {
    int(rr, 1, 500);
    int(rr, 1, 20);
  }
  return personName(rr);
}

const ringAddressOf = (seed: number, ring: Ring) => {
  const forms = placeForms(ring.place);
  return ringAddress(
    rngFor(seed, 'evasion', 'ring', ring.index, 'address'),
    { zh: forms.zh.city, en: forms.en.city },
    { zh: forms.zh.province, en: forms.en.province },
  );
};

function evadeAsRingMember(
  seed: number,
  i: number,
  ring: Ring,
  ringPos: number,
  mine: ReadonlySet<Ring['shared'][number]>,
  category: string,
  entities: EntityRow[],
  links: LinkRow[],
  o: Required<GenerateOptions>,
) {
  const wanted = new Set(o.evasion);
  const kinds = new Set<EvasionKind>();
  const map: Partial<Record<Ring['shared'][number], EvasionKind>> = {
    email: 'email',
    phone: 'phone',
    payment: 'account',
    person: 'name',
    warehouse: 'address',
    image: 'photo',
  };
  for (const k of mine) if (map[k] && wanted.has(map[k])) kinds.add(map[k]);
  if (wanted.has('shop')) kinds.add('shop');
  const forms = placeForms(ring.place);
  return applyEvasion(
    {
      seed,
      ringIndex: ring.index,
      seller: i,
      pos: ringPos,
      kinds,
      place: forms.zh,
      placeLatin: forms.en,
      ringPersonName: mine.has('person') ? ringPersonName(seed, ring) : undefined,
      ringWarehouse: mine.has('warehouse'),
      ringShopName: shopName(rngFor(seed, 'evasion', 'ring', ring.index, 'shop'), category),
    },
    entities,
    links,
  );
}

/** Evasion mode: the true identities, from the ring members' worlds (ring members only). */
function identityClusters(
  rings: readonly Ring[],
  world: (i: number) => { identities: { kind: EvasionKind; cluster: string; id: string }[] },
): IdentityCluster[] {
  const byCluster = new Map<string, { ring: number; kind: EvasionKind; ids: string[] }>();
  for (const r of rings)
    for (const m of r.members)
      for (const x of world(m).identities) {
        let c = byCluster.get(x.cluster);
        if (!c) byCluster.set(x.cluster, (c = { ring: r.index, kind: x.kind, ids: [] }));
        if (!c.ids.includes(x.id)) c.ids.push(x.id);
      }
  return [...byCluster.values()].filter((c) => c.ids.length > 1);
}

export function generateBundle(options: GenerateOptions): GeneratedBundle {
  const o: Required<GenerateOptions> = {
    ringShare: 0.15,
    maxEvidenceFiles: 40,
    evasion: [],
    ...options,
  };
  const { seed, sellers } = o;
  const { rings, ringOf } = planRings(seed, sellers, o.ringShare);
  const ringPos = new Int32Array(sellers).fill(-1);
  for (const r of rings) r.members.forEach((m, k) => (ringPos[m] = k));
  const world = (i: number) =>
    sellerWorld(seed, i, ringOf[i]! >= 0 ? rings[ringOf[i]!] : undefined, ringPos[i]!, o);

  // Evidence files are few and known up front (cheap: one PNG per chosen test buy).
  const evidenceFiles: {
    path: string;
    mediaType: string;
    data: Buffer;
    entity: EntityRow;
    about: string;
  }[] = [];
  let evidenceCount = 0;
  const shaOf = (data: Buffer) => createHash('sha256').update(data).digest('hex');

  const fixedEntities = (): EntityRow[] => {
    const rng = rngFor(seed, 'fixed');
    const out: EntityRow[] = [
      {
        id: HUB.courier,
        type: 'warehouse',
        props: {
          name: '顺丰 Guangzhou sorting hub',
          address: {
            country: 'CN',
            province: '广东省',
            city: '广州市',
            line: '1 Airport Logistics Park',
          },
        },
      },
      {
        id: HUB.escrow,
        type: 'payment_account',
        props: {
          provider: 'ExampleMarket Escrow',
          accountNumber: 'ESCROW-0001',
          holder: 'ExampleMarket Payments Ltd',
        },
      },
      {
        id: HUB.nat,
        type: 'ip_address',
        props: { address: '100.64.0.1', asn: 'AS4134 carrier-grade NAT' },
      },
    ];
    for (const b of BRANDS) {
      out.push({
        id: `brand:${b.key}`,
        type: 'brand',
        props: { name: b.name, owner: `${b.name} Holdings` },
      });
      out.push({
        id: `ip_right:${b.key}-tm`,
        type: 'ip_right',
        props: {
          kind: 'trademark',
          registrationNumber: `TM${int(rng, 1_000_000, 9_999_999)}`,
          jurisdiction: 'CN',
          owner: `${b.name} Holdings`,
          title: `${b.name} word mark`,
        },
      });
      out.push({
        id: `ip_right:${b.key}-dp`,
        type: 'ip_right',
        props: {
          kind: 'design_patent',
          registrationNumber: `ZL${int(rng, 100_000, 999_999)}`,
          jurisdiction: 'CN',
          owner: `${b.name} Holdings`,
          title: `${b.name} ${b.category} design`,
        },
      });
      out.push({
        id: `complainant:rh-${b.key}`,
        type: 'complainant',
        props: { name: `${b.name} Legal`, kind: 'rights_holder', registeredAt: '2019-03-01' },
      });
    }
    out.push({
      id: HONEST_AGENT,
      type: 'complainant',
      props: { name: 'BrandGuard IP Services', kind: 'agent', registeredAt: '2020-05-10' },
    });
    out.push({
      id: FRAUD_AGENT,
      type: 'complainant',
      props: { name: 'SwiftMark 知识产权代理', kind: 'agent', registeredAt: '2025-01-15' },
    });
    for (const r of rings) {
      const rr = rngFor(seed, 'ring', r.index, 'entities');
      if (r.shared.includes('warehouse'))
        out.push({
          id: `warehouse:ring${r.index}`,
          type: 'warehouse',
          props: {
            name: `${r.place.city} 仓 ${r.index}`,
            address: {
              country: 'CN',
              province: r.place.province,
              city: r.place.city,
              line: `${int(rr, 1, 500)} 工业园 Bldg ${int(rr, 1, 20)}`,
              // Evasion mode: the ring's warehouse in full Chinese form (members write it in Latin letters).
              ...(o.evasion.includes('address') && { line: ringAddressOf(seed, r).chinese.line }),
            },
          },
        });
      if (r.shared.includes('person'))
        out.push({
          id: `person:ring${r.index}`,
          type: 'person',
          props: {
            name: personName(rr),
            role: 'suspect',
            nationalId: `44${String(int(rr, 0, 9_999_999)).padStart(7, '0')}19800101${int(rr, 1000, 9999)}`,
            address: { country: 'CN', province: r.place.province, city: r.place.city },
          },
        });
      out.push({
        id: `lead:ring${r.index}`,
        type: 'lead',
        props: {
          name: `Lead ${r.index + 1}: ${r.brand.name} ${r.category} cluster`,
          reason: `${complaintDriven(r.index) ? 'Brand complaints led to a review: ' : ''}Shops share ${r.shared.join(', ')}; listings reuse product photos; counterfeit test buys`,
          score: Math.min(100, 50 + r.members.length * 2),
          analyst: complaintDriven(r.index) ? 'Brand protection desk' : 'Big-data screening',
          flaggedAt: daysBefore(END_DATE, int(rr, 5, 60)),
          origin: complaintDriven(r.index) ? 'complaint' : 'proactive',
        },
      });
    }
    return out;
  };

  function* complaints(): Generator<{ entity: EntityRow; links: LinkRow[] }> {
    const rng = rngFor(seed, 'complaints');
    let n = 0;
    // Legitimate complaints: rights holders and an honest agent against ring listings, mostly upheld.
    for (const r of rings) {
      const k = Math.min(r.members.length, int(rng, 1, 4));
      for (const m of sample(rng, r.members, k)) {
        const filer = chance(rng, 0.7) ? `complainant:rh-${r.brand.key}` : HONEST_AGENT;
        const outcome = chance(rng, 0.85) ? 'upheld' : pick(rng, ['pending', 'withdrawn'] as const);
        const id = `complaint:c${n++}`;
        yield {
          entity: {
            id,
            type: 'complaint',
            props: {
              filedAt: daysBefore(END_DATE, int(rng, 5, 400)),
              outcome,
              listingsRemoved: outcome === 'upheld' ? int(rng, 1, 4) : 0,
              evidenceFingerprint: hex(rng, 16),
            },
          },
          links: [
            { type: 'filed', from: filer, to: id, props: {} },
            { type: 'targets', from: id, to: `listing:s${m}-0`, props: {} },
          ],
        };
      }
    }
    // The fraudulent agent: a burst against honest shops that compete with one seller, recycled evidence, mostly refuted.
    const honest = Array.from({ length: sellers }, (_, i) => i).filter((i) => ringOf[i]! < 0);
    const targets = sample(
      rng,
      honest,
      Math.min(honest.length, Math.max(12, Math.floor(sellers * 0.05))),
    );
    const recycled = [hex(rng, 16), hex(rng, 16)];
    const queue: { entity: EntityRow; links: LinkRow[] }[] = [];
    targets.forEach((t, k) => {
      const id = `complaint:f${k}`;
      const outcome =
        k % 10 < 7
          ? 'refuted'
          : k % 10 === 7
            ? 'reinstated'
            : k % 10 === 8
              ? 'withdrawn'
              : 'upheld';
      queue.push({
        entity: {
          id,
          type: 'complaint',
          props: {
            filedAt: daysBefore(END_DATE, 40 + (k % 14)),
            outcome,
            listingsRemoved: int(rng, 1, 3),
            salesLost: int(rng, 2_000, 40_000),
            currency: 'CNY',
            evidenceFingerprint: recycled[k % 2]!,
            ...(outcome === 'refuted' && {
              refutation:
                'Seller supplied purchase invoices from the authorised distributor and the brand authorisation letter.',
            }),
          },
        },
        links: [
          { type: 'filed', from: FRAUD_AGENT, to: id, props: {} },
          { type: 'targets', from: id, to: `listing:s${t}-0`, props: {} },
        ],
      });
    });
    yield* queue;
  }

  const competitor = Array.from({ length: sellers }, (_, i) => i).find((i) => ringOf[i]! < 0) ?? 0;

  function* entities(): Generator<EntityRow> {
    evidenceFiles.length = 0;
    evidenceCount = 0;
    yield* fixedEntities();
    for (let i = 0; i < sellers; i++) {
      const w = world(i);
      yield* w.entities;
      if (w.evidence && evidenceCount < o.maxEvidenceFiles) {
        evidenceCount++;
        const sha = shaOf(w.evidence.data);
        const entity: EntityRow = {
          id: `evidence:s${i}-tb`,
          type: 'evidence',
          props: {
            name: `Test buy unboxing photo, seller s${i}`,
            file: w.evidence.path,
            sha256: sha,
            mediaType: 'image/png',
            capturedAt: '2025-09-01T10:00:00Z',
            capturedBy: 'Investigator Chen Jing',
            description: 'Photo of the parcel contents at unboxing',
          },
        };
        evidenceFiles.push({
          path: w.evidence.path,
          mediaType: 'image/png',
          data: w.evidence.data,
          entity,
          about: `order:s${i}-tb`,
        });
        yield entity;
      }
    }
    for (const c of complaints()) yield c.entity;
  }

  function* links(): Generator<LinkRow> {
    for (const b of BRANDS) {
      yield { type: 'protects', from: `ip_right:${b.key}-tm`, to: `brand:${b.key}`, props: {} };
      yield { type: 'protects', from: `ip_right:${b.key}-dp`, to: `brand:${b.key}`, props: {} };
      yield {
        type: 'represents',
        from: `complainant:rh-${b.key}`,
        to: `brand:${b.key}`,
        props: {},
      };
    }
    yield { type: 'represents', from: HONEST_AGENT, to: `brand:${BRANDS[0].key}`, props: {} };
    yield { type: 'represents', from: FRAUD_AGENT, to: `brand:${BRANDS[2].key}`, props: {} };
    for (let i = 0; i < sellers; i++) yield* world(i).links;
    for (const r of rings) {
      for (const m of r.members)
        yield { type: 'flags', from: `lead:ring${r.index}`, to: `seller:s${m}`, props: {} };
    }
    for (const e of evidenceFiles)
      yield { type: 'evidences', from: e.entity.id, to: e.about, props: {} };
    for (const c of complaints()) yield* c.links;
    // The fraudulent agent shares a phone with a seller who competes with its targets.
    yield { type: 'uses', from: FRAUD_AGENT, to: `phone:s${competitor}`, props: {} };
  }

  const groundTruth: GroundTruth = {
    seed,
    sellers,
    rings: rings.map((r) => ({
      index: r.index,
      sellerIds: r.members.map((m) => `seller:s${m}`),
      shopIds: r.members.map((m) => `shop:s${m}`),
      sharedIdentifierIds: r.shared.map((k) => `${k}:ring${r.index}`),
      leadId: `lead:ring${r.index}`,
    })),
    honestHubs: { courierWarehouse: HUB.courier, escrowAccount: HUB.escrow, natIp: HUB.nat },
    fraudulentAgent: FRAUD_AGENT,
    complainants: [...BRANDS.map((b) => `complainant:rh-${b.key}`), HONEST_AGENT, FRAUD_AGENT],
    ...(o.evasion.length && { identityClusters: identityClusters(rings, world) }),
  };

  return {
    entities,
    links,
    // Valid only after entities() has run (the writer consumes entities first).
    evidence: () => evidenceFiles.map(({ path, mediaType, data }) => ({ path, mediaType, data })),
    groundTruth,
  };
}
