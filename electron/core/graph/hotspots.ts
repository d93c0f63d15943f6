/**
 * Where the fakes come from: counterfeit evidence (test buys confirmed counterfeit, and
 * complaints upheld) by shipping-origin province and city and by product category, with
 * the share of the top N regions ("90% of fakes come from 10 regions").
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Hotspots } from '../../../shared/analysis/schemas';
import { canonicalCity, canonicalProvince } from '../../../shared/domain/places';

export interface EvidenceItem {
  readonly kind: 'testbuy' | 'complaint';
  readonly province: string;
  readonly city: string;
  readonly category: string;
}

/** Pure: the tallies from evidence items. */
export function tallyHotspots(items: readonly EvidenceItem[], topN = 10): Hotspots {
  const total = items.length;
  const region = new Map<string, { province: string; city: string; counterfeitTestBuys: number; upheldComplaints: number }>();
  const province = new Map<string, number>();
  const category = new Map<string, number>();
  for (const it of items) {
    const key = `${it.province}|${it.city}`;
    const r = region.get(key) ?? { province: it.province, city: it.city, counterfeitTestBuys: 0, upheldComplaints: 0 };
    if (it.kind === 'testbuy') r.counterfeitTestBuys++;
    else r.upheldComplaints++;
    region.set(key, r);
    province.set(it.province, (province.get(it.province) ?? 0) + 1);
    category.set(it.category, (category.get(it.category) ?? 0) + 1);
  }
  const share = (n: number) => (total ? Math.round((n / total) * 10_000) / 10_000 : 0);
  const byRegion = [...region.values()]
    .map((r) => ({ ...r, total: r.counterfeitTestBuys + r.upheldComplaints, share: share(r.counterfeitTestBuys + r.upheldComplaints) }))
    .sort((a, b) => b.total - a.total || a.province.localeCompare(b.province) || a.city.localeCompare(b.city));
  const sorted = (m: Map<string, number>, k: 'province' | 'category') =>
    [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, n]) => ({ [k]: name, total: n, share: share(n) }));
  const top = byRegion.slice(0, topN).reduce((s, r) => s + r.total, 0);
  return {
    byRegion,
    byProvince: sorted(province, 'province') as Hotspots['byProvince'],
    byCategory: sorted(category, 'category') as Hotspots['byCategory'],
    topN,
    topNShare: share(top),
    total,
  };
}

/** Reads the evidence items from the store: each traced to a listing, its shop and the shop's shipping origins. */
export function analyseHotspots(db: Database, topN = 10): Hotspots {
  const rows = db
    .prepare(`
      WITH evidence AS (
        SELECT 'testbuy' AS kind, b.dst AS listing, o.id AS item FROM entities o JOIN links b ON b.src = o.id AND b.type = 'bought'
          WHERE o.type = 'order' AND json_extract(o.props, '$.verdict') = 'counterfeit'
        UNION ALL
        SELECT 'complaint', t.dst, c.id FROM entities c JOIN links t ON t.src = c.id AND t.type = 'targets'
          JOIN entities l ON l.id = t.dst AND l.type = 'listing'
          WHERE c.type = 'complaint' AND json_extract(c.props, '$.outcome') = 'upheld'
      )
      SELECT ev.kind, ev.item, json_extract(l.props, '$.category') AS category,
        (SELECT w.props FROM links li JOIN links sf ON sf.src = li.src AND sf.type = 'ships_from' JOIN entities w ON w.id = sf.dst
          WHERE li.dst = ev.listing AND li.type = 'lists' ORDER BY sf.id LIMIT 1) AS origin
      FROM evidence ev JOIN entities l ON l.id = ev.listing ORDER BY ev.kind, ev.item`)
    .all() as { kind: 'testbuy' | 'complaint'; item: number; category: string | null; origin: string | null }[];
  const items: EvidenceItem[] = rows.map((r) => {
    const address = r.origin ? ((JSON.parse(r.origin) as { address?: { province?: string; city?: string } }).address ?? {}) : {};
    return {
      kind: r.kind,
      province: address.province ? canonicalProvince(address.province) : 'unknown',
      city: address.city ? canonicalCity(address.city) : 'unknown',
      category: r.category ?? 'unknown',
    };
  });
  return tallyHotspots(items, topN);
}
