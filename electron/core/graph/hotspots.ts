/**
 * Where the fakes come from: counterfeit evidence (test buys confirmed counterfeit, and
 * complaints upheld) by shipping-origin province and city and by product category, with
 * the share of the top N regions ("90% of fakes come from 10 regions"), and by country for
 * cross-border origins. Every region carries its Chinese names and a centre for the map.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { HotspotRow, Hotspots } from '../../../shared/analysis/schemas';
import { canonicalCity, canonicalProvince } from '../../../shared/domain/places';
import { locatePlace, parseAddress, resolveCountry, resolveProvince } from '../geo';

export interface EvidenceItem {
  readonly kind: 'testbuy' | 'complaint';
  /** Canonical English province name (`unknown` when not known). */
  readonly province: string;
  /** Canonical city name (`unknown` when not known). */
  readonly city: string;
  readonly category: string;
  /**
   * ISO 3166-1 alpha-2 of the shipping origin, as the warehouse address gives it; without
   * one, CN for a Chinese province (HK, MO, TW for those three), else `unknown`.
   */
  readonly country?: string;
}

const known = (s: string | undefined) => (s && s !== 'unknown' ? s : undefined);

/** Pure: the tallies from evidence items, each region, province and country with its names and centre. */
export function tallyHotspots(items: readonly EvidenceItem[], topN = 10): Hotspots {
  const total = items.length;
  type Region = Omit<HotspotRow, 'total' | 'share'>;
  const region = new Map<string, Region>();
  const province = new Map<string, number>();
  const country = new Map<string, number>();
  const category = new Map<string, number>();
  // One look-up per distinct place, however many pieces of evidence ship from it.
  const places = new Map<string, ReturnType<typeof locatePlace>>();
  for (const it of items) {
    const placeKey = `${it.country ?? ''}|${it.province}|${it.city}`;
    if (!places.has(placeKey))
      places.set(
        placeKey,
        locatePlace({
          country: known(it.country),
          province: known(it.province),
          city: known(it.city),
        }),
      );
    const located = places.get(placeKey);
    const cc = known(it.country) ?? (located?.province ? located.country : undefined) ?? 'unknown';
    const key = `${cc}|${it.province}|${it.city}`;
    const r = region.get(key) ?? {
      country: cc,
      province: it.province,
      provinceZh: located?.provinceZh ?? null,
      city: it.city,
      cityZh: located?.cityZh ?? null,
      lon: located?.lon ?? null,
      lat: located?.lat ?? null,
      precision: located?.precision ?? null,
      counterfeitTestBuys: 0,
      upheldComplaints: 0,
    };
    if (it.kind === 'testbuy') r.counterfeitTestBuys++;
    else r.upheldComplaints++;
    region.set(key, r);
    province.set(it.province, (province.get(it.province) ?? 0) + 1);
    country.set(cc, (country.get(cc) ?? 0) + 1);
    category.set(it.category, (category.get(it.category) ?? 0) + 1);
  }
  const share = (n: number) => (total ? Math.round((n / total) * 10_000) / 10_000 : 0);
  const byRegion = [...region.values()]
    .map((r) => ({
      ...r,
      total: r.counterfeitTestBuys + r.upheldComplaints,
      share: share(r.counterfeitTestBuys + r.upheldComplaints),
    }))
    .sort(
      (a, b) =>
        b.total - a.total ||
        a.province.localeCompare(b.province) ||
        a.city.localeCompare(b.city) ||
        a.country.localeCompare(b.country),
    );
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // Evidence with no known origin sits in no region: it is counted as unknown, never as a
  // top region (else "the top 10 regions hold 100%" of evidence that comes from nowhere known).
  const located = (r: { country: string; province: string }) =>
    r.country !== 'unknown' || r.province !== 'unknown';
  const top = byRegion
    .filter(located)
    .slice(0, topN)
    .reduce((s, r) => s + r.total, 0);
  const unlocated = byRegion.filter((r) => !located(r)).reduce((s, r) => s + r.total, 0);
  return {
    byRegion,
    byProvince: sorted(province).map(([name, n]) => {
      const p = name === 'unknown' ? undefined : resolveProvince(name);
      return {
        province: name,
        provinceZh: p?.zh ?? null,
        lon: p?.centre[0] ?? null,
        lat: p?.centre[1] ?? null,
        total: n,
        share: share(n),
      };
    }),
    byCountry: sorted(country).map(([code, n]) => {
      const c = code === 'unknown' ? undefined : resolveCountry(code);
      return {
        country: code,
        name: c?.name ?? (code === 'unknown' ? 'unknown' : code),
        lon: c?.centre[0] ?? null,
        lat: c?.centre[1] ?? null,
        total: n,
        share: share(n),
      };
    }),
    byCategory: sorted(category).map(([name, n]) => ({
      category: name,
      total: n,
      share: share(n),
    })),
    topN,
    topNShare: share(top),
    unlocated,
    unlocatedShare: share(unlocated),
    total,
  };
}

/** Reads the evidence items from the store: each traced to a listing, its shop and the shop's shipping origins. */
export function analyseHotspots(db: Database, topN = 10): Hotspots {
  const rows = db
    .prepare(
      `
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
      FROM evidence ev JOIN entities l ON l.id = ev.listing ORDER BY ev.kind, ev.item`,
    )
    .all() as {
    kind: 'testbuy' | 'complaint';
    item: number;
    category: string | null;
    origin: string | null;
  }[];
  const places = new Map<string, ReturnType<typeof locatePlace>>();
  const items: EvidenceItem[] = rows.map((r) => {
    const given = r.origin
      ? ((
          JSON.parse(r.origin) as {
            address?: { line?: string; country?: string; province?: string; city?: string };
          }
        ).address ?? {})
      : {};
    // An address given as one line of text (广东省深圳市宝安区…, Xicheng District, Beijing) is read for its places.
    const address = withPlacesFromLine(given);
    // Names in either script resolve to one canonical form; places outside the geographic data keep their folded names.
    const placeKey = `${address.country ?? ''}|${address.province ?? ''}|${address.city ?? ''}`;
    if (!places.has(placeKey)) places.set(placeKey, locatePlace(address));
    const located = places.get(placeKey);
    return {
      kind: r.kind,
      province:
        located?.province ?? (address.province ? canonicalProvince(address.province) : 'unknown'),
      city: located?.city ?? (address.city ? canonicalCity(address.city) : 'unknown'),
      category: r.category ?? 'unknown',
      ...(address.country && { country: address.country }),
    };
  });
  return tallyHotspots(items, topN);
}

/** An address with province and city taken from its text line where it names none itself. */
function withPlacesFromLine(a: {
  line?: string;
  country?: string;
  province?: string;
  city?: string;
}): { country?: string; province?: string; city?: string } {
  if (a.province || a.city || !a.line) return a;
  const parsed = parseAddress(a.line);
  return {
    ...((a.country ?? parsed.country) && { country: a.country ?? parsed.country }),
    ...(parsed.province && { province: parsed.province }),
    ...(parsed.cityZh && { city: parsed.cityZh }),
  };
}
