/**
 * Complainant dossiers: the factors the EU DSA Art. 23(3) names for abusive notifiers
 * (number and share of manifestly unfounded notices, their gravity, and intent), computed
 * per complainant, flagged and ranked with the reasons in words.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ComplainantDossier, EntityRef } from '../../../shared/analysis/schemas';
import { formatValue } from '../../../shared/format-value';

const UNFOUNDED = new Set(['refuted', 'withdrawn', 'reinstated']);
const BURST_DAYS = 14;

interface ComplaintFacts {
  readonly id: number;
  readonly filedAt: string;
  readonly outcome: string;
  readonly listingsRemoved: number;
  readonly salesLost: number;
  readonly evidenceFingerprint: string | null;
  /** The shop behind the complaint's target, if it can be traced. */
  readonly targetShop: number | null;
}

export interface ComplainantFacts {
  readonly complainant: EntityRef;
  readonly kind: string;
  readonly complaints: readonly ComplaintFacts[];
  /** Target shops with counterfeit evidence from elsewhere (a counterfeit test buy, or a complaint by someone else upheld). */
  readonly shopsWithCounterfeitEvidence: ReadonlySet<number>;
  /** Fingerprints of evidence used in complaints by anyone, with their use counts. */
  readonly fingerprintUses: ReadonlyMap<string, number>;
  readonly linkedSellers: readonly EntityRef[];
}

/** Pure: the dossier from the facts. */
export function dossier(f: ComplainantFacts): ComplainantDossier {
  const byOutcome: Record<string, number> = {};
  const unfoundedPerMonth: Record<string, number> = {};
  let unfounded = 0;
  let listingsRemoved = 0;
  let salesLost = 0;
  let withoutEvidence = 0;
  let recycled = 0;
  for (const c of f.complaints) {
    byOutcome[c.outcome] = (byOutcome[c.outcome] ?? 0) + 1;
    if (UNFOUNDED.has(c.outcome)) {
      unfounded++;
      const month = c.filedAt.slice(0, 7);
      unfoundedPerMonth[month] = (unfoundedPerMonth[month] ?? 0) + 1;
    }
    listingsRemoved += c.listingsRemoved;
    salesLost += c.salesLost;
    if (c.targetShop !== null && !f.shopsWithCounterfeitEvidence.has(c.targetShop))
      withoutEvidence++;
    if (c.evidenceFingerprint && (f.fingerprintUses.get(c.evidenceFingerprint) ?? 0) > 1)
      recycled++;
  }
  const total = f.complaints.length;
  const share = total ? unfounded / total : 0;
  const dates = f.complaints.map((c) => Date.parse(c.filedAt)).sort((a, b) => a - b);
  let burst = 0;
  for (let i = 0, j = 0; j < dates.length; j++) {
    while (dates[j]! - dates[i]! > BURST_DAYS * 86_400_000) i++;
    burst = Math.max(burst, j - i + 1);
  }
  const reasons: string[] = [];
  if (unfounded >= 3)
    reasons.push(
      `${unfounded} of ${total} complaints were unfounded (refuted, withdrawn or reinstated): ${Math.round(share * 100)}%`,
    );
  if (total && withoutEvidence / total >= 0.5)
    reasons.push(
      `${withoutEvidence} complaints targeted shops with no counterfeit evidence anywhere in the case`,
    );
  if (recycled >= 2)
    reasons.push(`${recycled} complaints reuse the same evidence file fingerprints`);
  if (f.linkedSellers.length)
    reasons.push(
      `the complainant shares identifiers with ${f.linkedSellers.length} seller account(s) that compete with its targets: ${f.linkedSellers
        .map((s) => s.label)
        .slice(0, 3)
        .join(', ')}`,
    );
  if (burst >= 8) reasons.push(`${burst} complaints filed within ${BURST_DAYS} days`);
  if (listingsRemoved > 0 && unfounded > 0)
    reasons.push(
      `${listingsRemoved} listings were taken down and ${Math.round(salesLost).toLocaleString('en')} in sales reported lost`,
    );
  const intent =
    (total ? withoutEvidence / total : 0) * 10 +
    (total ? recycled / total : 0) * 10 +
    (f.linkedSellers.length ? 10 : 0) +
    (burst >= 8 ? 10 : 0);
  const score =
    Math.round(
      (share * 40 + Math.min(unfounded, 50) * 0.4 + Math.log10(1 + salesLost) * 2 + intent) * 100,
    ) / 100;
  const flagged = total >= 5 && share >= 0.5 && (intent >= 10 || share >= 0.7);
  return {
    complainant: f.complainant,
    kind: f.kind,
    total,
    unfounded,
    unfoundedShare: Math.round(share * 1000) / 1000,
    byOutcome,
    unfoundedPerMonth,
    listingsRemoved,
    salesLost,
    targetsWithoutCounterfeitEvidence: withoutEvidence,
    recycledEvidence: recycled,
    linkedCompetitors: [...f.linkedSellers],
    maxComplaintsIn14Days: burst,
    score,
    flagged,
    reasons,
  };
}

/** Reads the facts for every complainant from the store and ranks the dossiers (flagged first). */
export function analyseComplainants(db: Database): ComplainantDossier[] {
  const complainants = db
    .prepare(
      `SELECT id, key, type, label, props FROM entities WHERE type = 'complainant' ORDER BY id`,
    )
    .all() as (EntityRef & { props: string })[];
  const shopOfListing = new Map(
    (
      db.prepare(`SELECT dst AS listing, src AS shop FROM links WHERE type = 'lists'`).all() as {
        listing: number;
        shop: number;
      }[]
    ).map((r) => [r.listing, r.shop]),
  );
  const shopOfSeller = new Map(
    (
      db
        .prepare(
          `SELECT src AS seller, dst AS shop FROM links WHERE type = 'operates' AND dst IN (SELECT id FROM entities WHERE type = 'shop')`,
        )
        .all() as { seller: number; shop: number }[]
    ).map((r) => [r.seller, r.shop]),
  );
  const targetShop = (target: number, type: string): number | null =>
    type === 'shop'
      ? target
      : type === 'listing'
        ? (shopOfListing.get(target) ?? null)
        : type === 'seller'
          ? (shopOfSeller.get(target) ?? null)
          : null;

  const complaints = db
    .prepare(
      `SELECT f.src AS complainant, c.id, c.props, t.dst AS target, te.type AS target_type FROM links f
      JOIN entities c ON c.id = f.dst AND c.type = 'complaint'
      LEFT JOIN links t ON t.src = c.id AND t.type = 'targets'
      LEFT JOIN entities te ON te.id = t.dst
      WHERE f.type = 'filed' ORDER BY c.id`,
    )
    .all() as {
    complainant: number;
    id: number;
    props: string;
    target: number | null;
    target_type: string | null;
  }[];

  const counterfeitShops = new Set<number>();
  for (const r of db
    .prepare(
      `SELECT b.dst AS listing FROM entities o JOIN links b ON b.src = o.id AND b.type = 'bought'
      WHERE o.type = 'order' AND json_extract(o.props, '$.verdict') = 'counterfeit'`,
    )
    .all() as { listing: number }[]) {
    const s = shopOfListing.get(r.listing);
    if (s) counterfeitShops.add(s);
  }
  const upheldBy = new Map<number, Set<number>>();
  const fingerprintUses = new Map<string, number>();
  const facts = new Map<number, ComplaintFacts[]>();
  for (const r of complaints) {
    const p = JSON.parse(r.props) as Record<string, unknown>;
    const shop = r.target !== null ? targetShop(r.target, r.target_type ?? '') : null;
    const c: ComplaintFacts = {
      id: r.id,
      filedAt: formatValue(p.filedAt),
      outcome: formatValue(p.outcome ?? 'pending'),
      listingsRemoved: typeof p.listingsRemoved === 'number' ? p.listingsRemoved : 0,
      salesLost: typeof p.salesLost === 'number' ? p.salesLost : 0,
      evidenceFingerprint: typeof p.evidenceFingerprint === 'string' ? p.evidenceFingerprint : null,
      targetShop: shop,
    };
    if (c.evidenceFingerprint)
      fingerprintUses.set(
        c.evidenceFingerprint,
        (fingerprintUses.get(c.evidenceFingerprint) ?? 0) + 1,
      );
    if (c.outcome === 'upheld' && shop !== null) {
      const by = upheldBy.get(shop) ?? new Set();
      by.add(r.complainant);
      upheldBy.set(shop, by);
    }
    const list = facts.get(r.complainant) ?? [];
    list.push(c);
    facts.set(r.complainant, list);
  }

  const linked = db.prepare(`SELECT DISTINCT e.id, e.key, e.type, e.label FROM links mine
      JOIN links theirs ON theirs.dst = mine.dst AND theirs.src <> mine.src
      JOIN entities e ON e.id = theirs.src AND e.type IN ('seller', 'shop')
      WHERE mine.src = ? AND mine.type = 'uses' ORDER BY e.id`);

  return complainants
    .map((c) => {
      const mine = facts.get(c.id) ?? [];
      const evidence = new Set<number>(counterfeitShops);
      for (const [shop, by] of upheldBy) if ([...by].some((x) => x !== c.id)) evidence.add(shop);
      return dossier({
        complainant: { id: c.id, key: c.key, type: c.type, label: c.label },
        kind: String((JSON.parse(c.props) as { kind?: string }).kind ?? 'unknown'),
        complaints: mine,
        shopsWithCounterfeitEvidence: evidence,
        fingerprintUses,
        linkedSellers: linked.all(c.id) as EntityRef[],
      });
    })
    .sort(
      (a, b) =>
        Number(b.flagged) - Number(a.flagged) ||
        b.score - a.score ||
        a.complainant.key.localeCompare(b.complainant.key),
    );
}
