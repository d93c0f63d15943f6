/**
 * What a law-enforcement referral needs beyond the ring itself: the suspects (the people
 * and companies behind the seller accounts, and the holders of the accounts the ring's
 * money reaches), the places to search (warehouses and shipping origins, the addresses of
 * suspects and companies) with a centre to map each at, and the ring's recorded sales and
 * counts set against the thresholds the agency applies. No Doe numbers, no freeze lists:
 * those are civil instruments.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Ring } from '../../../../shared/analysis/schemas';
import { formatValue } from '../../../../shared/format-value';
import { locatePlace } from '../../geo';
import {
  compareThresholds,
  thresholdsFor,
  type ThresholdFile,
  type ThresholdRow,
} from './thresholds';
import { compactRows, sourceRows } from './sources';

const str = formatValue;
type Props = Record<string, unknown>;

export interface Suspect {
  readonly n: number;
  readonly name: string;
  readonly kind: 'person' | 'company';
  /** What ties the suspect to the ring, one line per tie. */
  readonly roles: readonly string[];
  readonly ids: string;
  readonly address: string;
  readonly sources: string;
}

export interface RaidPlace {
  readonly n: number;
  readonly kind: string;
  readonly kindZh: string;
  readonly name: string;
  readonly address: string;
  readonly city: string;
  readonly province: string;
  readonly country: string;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly precision: string;
  /** Shops shipping from the place, and test buys shipped from it (counterfeit of them). */
  readonly shops: number;
  readonly testBuys: number;
  readonly counterfeit: number;
  readonly sources: string;
}

export interface ReferralContent {
  readonly jurisdiction: string;
  /** Chinese and English side by side (the case is Chinese); English only otherwise. */
  readonly bilingual: boolean;
  readonly suspects: readonly Suspect[];
  readonly places: readonly RaidPlace[];
  /** Places tied to the ring that are not to be searched (hubs), with the reason. */
  readonly notRaided: readonly { name: string; reason: string }[];
  readonly members: readonly {
    seller: string;
    alias: string;
    marketplaceId: string;
    shops: string;
  }[];
  readonly counts: {
    sellers: number;
    shops: number;
    listings: number;
    orders: number;
    testBuys: number;
    counterfeit: number;
    upheldComplaints: number;
    trademarks: number;
  };
  readonly sales: { amount: number; currency: string; otherCurrencies: string };
  readonly thresholds: ThresholdFile | null;
  readonly comparison: readonly ThresholdRow[];
}

interface Row {
  id: number;
  key: string;
  type: string;
  label: string;
  props: Props;
}
interface LinkRow {
  id: number;
  type: string;
  src: number;
  dst: number;
}

const PERSONISH = new Set(['person', 'officer']);
const COMPANYISH = new Set(['company', 'organization', 'legal_entity', 'entity', 'intermediary']);

function addressText(a: unknown): string {
  if (!a) return '';
  if (typeof a === 'string') return a;
  const o = a as Props;
  return [o.line, o.city, o.province, o.country].map(str).filter(Boolean).join(', ');
}

const PLACE_KIND: Record<string, [string, string]> = {
  warehouse: ['warehouse / shipping origin', '仓库／发货地'],
  person: ["suspect's address", '嫌疑人住址'],
  company: ['company address', '公司地址'],
  factory: ['factory', '工厂'],
  address: ['address', '地址'],
};

export function referralContent(
  db: Database,
  ring: Ring,
  input: {
    readonly jurisdiction?: string | undefined;
    readonly suppressedHubKeys: readonly string[];
    /** Keys of the accounts receiving the members' money (hubs already set aside). */
    readonly moneyAccounts: readonly string[];
    readonly trademarks: number;
    readonly upheldComplaints: number;
  },
): ReferralContent {
  const rowsOf = sourceRows(db);
  const entityStmt = db.prepare(
    'SELECT id, key, type, label, props FROM entities WHERE id IN (SELECT value FROM json_each(?))',
  );
  const load = (ids: readonly number[]): Map<number, Row> =>
    new Map(
      (
        entityStmt.all(JSON.stringify([...new Set(ids)])) as (Omit<Row, 'props'> & {
          props: string;
        })[]
      ).map((r) => [r.id, { ...r, props: JSON.parse(r.props) as Props }]),
    );
  const linksOf = (ids: readonly number[]): LinkRow[] =>
    db
      .prepare(
        'SELECT id, type, src, dst FROM links WHERE src IN (SELECT value FROM json_each(@ids)) OR dst IN (SELECT value FROM json_each(@ids)) ORDER BY id',
      )
      .all({ ids: JSON.stringify(ids) }) as LinkRow[];

  const memberIds = [
    ...new Set([...ring.sellers, ...ring.shops, ...(ring.members ?? [])].map((m) => m.id)),
  ];
  const hubs = new Set(input.suppressedHubKeys);
  const direct = linksOf(memberIds);
  const listingIds = direct
    .filter((l) => l.type === 'lists' && memberIds.includes(l.src))
    .map((l) => l.dst);
  const second = linksOf(listingIds);
  const orderIds = second
    .filter((l) => l.type === 'bought' && listingIds.includes(l.dst))
    .map((l) => l.src);
  const third = linksOf(orderIds);
  const accountIds = db
    .prepare('SELECT id FROM entities WHERE key IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(input.moneyAccounts)) as number[];
  const all = load([
    ...memberIds,
    ...direct.flatMap((l) => [l.src, l.dst]),
    ...orderIds,
    ...third.flatMap((l) => [l.src, l.dst]),
    ...accountIds,
  ]);
  const E = (id: number) => all.get(id)!;
  const label = (r: Row) => str(r.props.alias) || r.label;

  // Suspects, gathered by name: one person may control several accounts.
  const suspects = new Map<
    string,
    {
      kind: 'person' | 'company';
      roles: Set<string>;
      ids: Set<string>;
      address: Set<string>;
      entities: Set<number>;
      links: Set<number>;
    }
  >();
  const suspect = (
    name: string,
    kind: 'person' | 'company',
    role: string,
    entity?: Row,
    link?: number,
  ) => {
    if (!name) return;
    const s = suspects.get(name) ?? {
      kind,
      roles: new Set(),
      ids: new Set(),
      address: new Set(),
      entities: new Set(),
      links: new Set(),
    };
    s.roles.add(role);
    if (entity) {
      s.entities.add(entity.id);
      for (const k of ['nationalId', 'idNumber', 'registrationNumber', 'companyNumber'])
        if (entity.props[k])
          s.ids.add(
            `${k === 'nationalId' || k === 'idNumber' ? 'ID' : 'reg.'} ${str(entity.props[k])}`,
          );
      const a = addressText(entity.props.address);
      if (a) s.address.add(a);
    }
    if (link !== undefined) s.links.add(link);
    suspects.set(name, s);
  };
  for (const m of memberIds) {
    const r = E(m);
    if (PERSONISH.has(r.type)) suspect(r.label, 'person', `ring member (${r.type})`, r);
    if (COMPANYISH.has(r.type)) suspect(r.label, 'company', `ring member (${r.type})`, r);
  }
  for (const l of direct) {
    const other = memberIds.includes(l.src) ? E(l.dst) : E(l.src);
    const member = memberIds.includes(l.src) ? E(l.src) : E(l.dst);
    if (!other || hubs.has(other.key) || memberIds.includes(other.id)) continue;
    const verb = l.type.replace(/_/g, ' ');
    if (PERSONISH.has(other.type))
      suspect(other.label, 'person', `${verb} ${member.type} ${label(member)}`, other, l.id);
    if (COMPANYISH.has(other.type))
      suspect(other.label, 'company', `${verb} ${member.type} ${label(member)}`, other, l.id);
  }
  for (const s of ring.sellers) {
    const r = E(s.id);
    const name = str(r.props.name);
    if (!name || name === label(r)) continue;
    suspect(
      name,
      'person',
      `registered holder of seller account ${label(r)} (${str(r.props.marketplaceId)})`,
    );
    suspects.get(name)!.entities.add(r.id);
  }
  for (const id of accountIds) {
    const a = E(id);
    const holder = str(a.props.holder);
    if (!holder) continue;
    const what = `${str(a.props.provider) || str(a.props.bank) || a.type.replace(/_/g, ' ')} ${str(a.props.accountNumber) || a.label}`;
    suspect(
      holder,
      /ltd|limited|co\.|公司|inc|llc|gmbh/i.test(holder) ? 'company' : 'person',
      `holder of ${a.type.replace(/_/g, ' ')} ${what}, which receives the ring's money`,
    );
    suspects.get(holder)!.entities.add(a.id);
  }
  const suspectRows: Suspect[] = [...suspects]
    .sort(([a, x], [b, y]) => y.roles.size - x.roles.size || a.localeCompare(b))
    .map(([name, s], i) => ({
      n: i + 1,
      name,
      kind: s.kind,
      roles: [...s.roles],
      ids: [...s.ids].join('; '),
      address: [...s.address].join('; '),
      sources: compactRows([...rowsOf([...s.entities]), ...rowsOf([...s.links], 'link')]),
    }));

  // Places: where the goods ship from (shops' and test buys' origins) and suspects' addresses.
  const places = new Map<
    number,
    { shops: Set<number>; testBuys: number; counterfeit: number; links: number[] }
  >();
  const notRaided = new Map<string, string>();
  const place = (id: number, link: number) => {
    const p = places.get(id) ?? {
      shops: new Set<number>(),
      testBuys: 0,
      counterfeit: 0,
      links: [],
    };
    p.links.push(link);
    places.set(id, p);
    return p;
  };
  for (const l of [...direct, ...third].filter((x) => x.type === 'ships_from')) {
    const w = E(l.dst);
    if (!w) continue;
    if (hubs.has(w.key)) {
      notRaided.set(
        w.label,
        'a hub shared by many unrelated sellers (set aside by the ring analysis): not a ring premises',
      );
      continue;
    }
    const p = place(w.id, l.id);
    const from = E(l.src);
    if (from.type === 'order' && from.props.testBuy === true) {
      p.testBuys++;
      if (from.props.verdict === 'counterfeit') p.counterfeit++;
    } else if (memberIds.includes(from.id)) p.shops.add(from.id);
  }
  const placeRows: RaidPlace[] = [];
  const pushPlace = (
    r: Row,
    counts: { shops: number; testBuys: number; counterfeit: number },
    extraRows: string[],
  ) => {
    const a = (r.props.address ?? {}) as Props;
    const loc =
      typeof a === 'object'
        ? locatePlace({ country: str(a.country), province: str(a.province), city: str(a.city) })
        : undefined;
    const [kind, kindZh] = PLACE_KIND[r.type] ?? PLACE_KIND.address!;
    placeRows.push({
      n: placeRows.length + 1,
      kind,
      kindZh,
      name: r.label,
      address: addressText(r.props.address),
      city: loc?.cityZh && loc.city ? `${loc.city} ${loc.cityZh}` : str(a.city),
      province:
        loc?.provinceZh && loc.province ? `${loc.province} ${loc.provinceZh}` : str(a.province),
      country: loc?.country ?? str(a.country),
      lon: loc?.lon ?? null,
      lat: loc?.lat ?? null,
      precision: loc?.precision ?? 'not located',
      ...counts,
      sources: compactRows([...rowsOf([r.id]), ...extraRows], 6),
    });
  };
  for (const [id, p] of [...places].sort(
    ([, a], [, b]) => b.shops.size + b.testBuys - (a.shops.size + a.testBuys),
  )) {
    pushPlace(
      E(id),
      { shops: p.shops.size, testBuys: p.testBuys, counterfeit: p.counterfeit },
      rowsOf(p.links.slice(0, 20), 'link'),
    );
  }
  for (const r of [...all.values()].filter(
    (x) => (PERSONISH.has(x.type) || COMPANYISH.has(x.type)) && x.props.address && !hubs.has(x.key),
  )) {
    if (!suspects.has(r.label)) continue;
    pushPlace(r, { shops: 0, testBuys: 0, counterfeit: 0 }, []);
  }

  // Sales and counts.
  const orders = orderIds.map(E);
  const jurisdiction = input.jurisdiction ?? inferJurisdiction(placeRows, orders);
  const thresholds = thresholdsFor(jurisdiction);
  const currency = thresholds?.currency ?? 'CNY';
  const inCurrency = orders.filter(
    (o) => typeof o.props.amount === 'number' && str(o.props.currency) === currency,
  );
  const other = new Map<string, number>();
  for (const o of orders)
    if (typeof o.props.amount === 'number' && str(o.props.currency) !== currency)
      other.set(
        str(o.props.currency) || 'unknown currency',
        (other.get(str(o.props.currency) || 'unknown currency') ?? 0) + o.props.amount,
      );
  const amount = inCurrency.reduce((s, o) => s + (o.props.amount as number), 0);
  const otherCurrencies = [...other].map(([c, v]) => `${v.toLocaleString('en')} ${c}`).join('; ');
  const testBuys = orders.filter((o) => o.props.testBuy === true);
  const members = ring.sellers.map((s) => {
    const r = E(s.id);
    const shops = direct
      .filter((l) => l.type === 'operates' && l.src === s.id)
      .map((l) => E(l.dst))
      .filter((x) => x.type === 'shop');
    return {
      seller: r.label,
      alias: str(r.props.alias),
      marketplaceId: str(r.props.marketplaceId),
      shops: shops.map((sh) => `${sh.label} ${str(sh.props.url)}`).join('\n'),
    };
  });
  return {
    jurisdiction,
    bilingual: jurisdiction === 'CN',
    suspects: suspectRows,
    places: placeRows,
    notRaided: [...notRaided].map(([name, reason]) => ({ name, reason })),
    members,
    counts: {
      sellers: ring.sellers.length,
      shops: ring.shops.length,
      listings: listingIds.length,
      orders: orders.length,
      testBuys: testBuys.length,
      counterfeit: testBuys.filter((o) => o.props.verdict === 'counterfeit').length,
      upheldComplaints: input.upheldComplaints,
      trademarks: input.trademarks,
    },
    sales: { amount, currency, otherCurrencies },
    thresholds,
    comparison: thresholds
      ? compareThresholds(thresholds, {
          salesAmount: amount,
          orders: inCurrency.length,
          otherCurrencies,
          trademarks: input.trademarks,
        })
      : [],
  };
}

/** The country most of the ring's places lie in, else where its orders were paid in CNY. */
function inferJurisdiction(places: readonly RaidPlace[], orders: readonly Row[]): string {
  const n = new Map<string, number>();
  for (const p of places) if (p.country) n.set(p.country, (n.get(p.country) ?? 0) + 1);
  const top = [...n].sort((a, b) => b[1] - a[1])[0];
  if (top) return top[0];
  return orders.some((o) => o.props.currency === 'CNY') ? 'CN' : 'US';
}
