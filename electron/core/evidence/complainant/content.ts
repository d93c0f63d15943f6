/**
 * What makes a case against a fraudulent complainant convincing on its face: the
 * complaints themselves (each as an exhibit, with its source row), the brands the
 * complainant claims to represent set against the brands it complained for (a complaint
 * for a brand it does not represent is the strongest fact and comes first), the
 * platform's decisions and the sellers' refutations, and the gravity in money, per
 * currency and with its source.
 *
 * "Manifestly unfounded" is counted as the EU DSA Art. 23(3) means it: notices the platform
 * rejected on the merits (refuted). Withdrawn notices and listings reinstated after a
 * takedown are counted apart: neither is a decision that the notice was unfounded.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { formatValue } from '../../../../shared/format-value';
import { compactRows, sourceRows } from '../referral/sources';

const str = formatValue;
type Props = Record<string, unknown>;

export interface ComplaintExhibit {
  readonly number: string;
  readonly complaint: string;
  readonly filedAt: string;
  readonly target: string;
  readonly targetUrl: string;
  readonly brand: string;
  /** How the brand complained for was found. */
  readonly brandBasis: string;
  /** Whether the complainant claims to represent that brand. */
  readonly authorised: 'yes' | 'NO' | 'unknown';
  readonly outcome: string;
  readonly refutation: string;
  readonly listingsRemoved: number;
  readonly salesLost: string;
  readonly evidenceFingerprint: string;
  /** Other complaints of this complainant that reuse the same evidence. */
  readonly reusedBy: number;
  readonly source: string;
}

export interface ClaimedRight {
  readonly brand: string;
  readonly owner: string;
  readonly rights: string;
  readonly complaints: number;
  readonly source: string;
}

export interface ComplainantCase {
  readonly complainant: string;
  readonly kind: string;
  readonly registeredAt: string;
  readonly claimed: readonly ClaimedRight[];
  readonly exhibits: readonly ComplaintExhibit[];
  readonly counts: {
    readonly total: number;
    readonly manifestlyUnfounded: number;
    readonly withdrawn: number;
    readonly reinstated: number;
    readonly upheld: number;
    readonly pending: number;
    readonly other: number;
    readonly unauthorised: number;
    readonly unauthorisedBrands: readonly string[];
  };
  /** Sales reported lost, per outcome group and currency, never summed across currencies. */
  readonly damages: readonly {
    group: string;
    complaints: number;
    amount: string;
    sources: string;
  }[];
  readonly listingsRemovedByUnfounded: number;
}

function perCurrency(rows: readonly { amount: number; currency: string }[]): string {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.currency, (m.get(r.currency) ?? 0) + r.amount);
  return (
    [...m]
      .sort()
      .map(([c, v]) => `${v.toLocaleString('en')} ${c}`)
      .join('; ') || 'none reported'
  );
}

export function complainantCase(db: Database, complainantId: number): ComplainantCase {
  const rows = sourceRows(db);
  const me = db
    .prepare('SELECT id, key, label, props FROM entities WHERE id = ?')
    .get(complainantId) as {
    id: number;
    label: string;
    props: string;
  };
  const mine = JSON.parse(me.props) as Props;
  const brands = db
    .prepare("SELECT id, key, label, props FROM entities WHERE type = 'brand' ORDER BY key")
    .all() as {
    id: number;
    key: string;
    label: string;
    props: string;
  }[];
  const represents = db
    .prepare("SELECT id, dst FROM links WHERE src = ? AND type = 'represents' ORDER BY id")
    .all(complainantId) as { id: number; dst: number }[];
  const represented = new Set(represents.map((r) => r.dst));
  const rightsOf = db.prepare(
    "SELECT r.props FROM links p JOIN entities r ON r.id = p.src WHERE p.dst = ? AND p.type = 'protects' ORDER BY r.key",
  );
  const brandName = (b: { label: string; props: string }) =>
    str((JSON.parse(b.props) as Props).name) || b.label;

  const complaints = db
    .prepare(
      `SELECT c.id, c.key, c.props, t.id AS tid, t.label AS target, t.props AS tprops FROM links f JOIN entities c ON c.id = f.dst LEFT JOIN links tl ON tl.src = c.id AND tl.type = 'targets' LEFT JOIN entities t ON t.id = tl.dst WHERE f.src = ? AND f.type = 'filed' ORDER BY json_extract(c.props, '$.filedAt'), c.key`,
    )
    .all(complainantId) as {
    id: number;
    key: string;
    props: string;
    tid: number | null;
    target: string | null;
    tprops: string | null;
  }[];
  const brandOfRight = db.prepare(
    "SELECT b.id FROM links i JOIN links p ON p.src = i.dst AND p.type = 'protects' JOIN entities b ON b.id = p.dst WHERE i.src = ? AND i.type = 'infringes' LIMIT 1",
  );
  const fingerprints = new Map<string, number>();
  for (const c of complaints) {
    const fp = str((JSON.parse(c.props) as Props).evidenceFingerprint);
    if (fp) fingerprints.set(fp, (fingerprints.get(fp) ?? 0) + 1);
  }

  const exhibits: ComplaintExhibit[] = complaints.map((c, i) => {
    const p = JSON.parse(c.props) as Props;
    const t = c.tprops ? (JSON.parse(c.tprops) as Props) : {};
    // The brand complained for: named on the complaint, else the right the listing is linked to, else the brand in the listing's title.
    let brand: (typeof brands)[number] | undefined;
    let basis = '';
    const named = str(p.brand);
    if (named) {
      brand = brands.find((b) => b.key === named || brandName(b) === named);
      basis = 'named in the complaint';
    }
    if (!brand && c.tid !== null) {
      const bid = brandOfRight.pluck().get(c.tid) as number | undefined;
      brand = brands.find((b) => b.id === bid);
      if (brand) basis = 'the right the listing infringes';
    }
    if (!brand) {
      const title = str(t.title) || (c.target ?? '');
      brand = brands.find((b) =>
        new RegExp(
          `(^|\\W)${brandName(b).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\W|$)`,
          'i',
        ).test(title),
      );
      if (brand) basis = 'the brand in the listing title';
    }
    const fp = str(p.evidenceFingerprint);
    return {
      number: `C-${String(i + 1).padStart(3, '0')}`,
      complaint: c.key,
      filedAt: str(p.filedAt),
      target: c.target ?? '',
      targetUrl: str(t.url),
      brand: brand ? brandName(brand) : named || 'not identified',
      brandBasis: basis || 'no brand named or linked',
      authorised: brand ? (represented.has(brand.id) ? 'yes' : 'NO') : 'unknown',
      outcome: str(p.outcome),
      refutation: str(p.refutation),
      listingsRemoved: typeof p.listingsRemoved === 'number' ? p.listingsRemoved : 0,
      salesLost:
        typeof p.salesLost === 'number'
          ? `${p.salesLost.toLocaleString('en')} ${str(p.currency) || 'unknown currency'}`
          : '',
      evidenceFingerprint: fp,
      reusedBy: fp ? (fingerprints.get(fp) ?? 1) - 1 : 0,
      source: compactRows(rows([c.id])),
    };
  });

  const claimed: ClaimedRight[] = represents.map((r) => {
    const b = brands.find((x) => x.id === r.dst)!;
    const props = JSON.parse(b.props) as Props;
    const rights = (rightsOf.pluck().all(b.id) as string[]).map((s) => {
      const x = JSON.parse(s) as Props;
      return `${str(x.kind).replace(/_/g, ' ')} ${str(x.registrationNumber)} (${str(x.jurisdiction)})`;
    });
    return {
      brand: brandName(b),
      owner: str(props.owner),
      rights: rights.join('\n'),
      complaints: exhibits.filter((x) => x.brand === brandName(b)).length,
      source: compactRows(rows([r.id], 'link')),
    };
  });

  const by = (o: string) => exhibits.filter((x) => x.outcome === o);
  const known = new Set(['refuted', 'withdrawn', 'reinstated', 'upheld', 'pending']);
  const unauthorised = exhibits.filter((x) => x.authorised === 'NO');
  const money = (xs: readonly ComplaintExhibit[]) =>
    complaints
      .filter((c) => xs.some((x) => x.complaint === c.key))
      .map((c) => JSON.parse(c.props) as Props)
      .filter((p) => typeof p.salesLost === 'number')
      .map((p) => ({
        amount: p.salesLost as number,
        currency: str(p.currency) || 'unknown currency',
      }));
  const damageRow = (group: string, xs: readonly ComplaintExhibit[]) => ({
    group,
    complaints: xs.length,
    amount: perCurrency(money(xs)),
    sources: xs.length
      ? `the complaint exhibits with this outcome; ${compactRows(rows(complaints.filter((c) => xs.some((x) => x.complaint === c.key)).map((c) => c.id)), 6)}`
      : '',
  });
  return {
    complainant: me.label,
    kind: str(mine.kind),
    registeredAt: str(mine.registeredAt),
    claimed,
    exhibits: [...exhibits],
    counts: {
      total: exhibits.length,
      manifestlyUnfounded: by('refuted').length,
      withdrawn: by('withdrawn').length,
      reinstated: by('reinstated').length,
      upheld: by('upheld').length,
      pending: by('pending').length,
      other: exhibits.filter((x) => !known.has(x.outcome)).length,
      unauthorised: unauthorised.length,
      unauthorisedBrands: [...new Set(unauthorised.map((x) => x.brand))].sort(),
    },
    damages: [
      damageRow('manifestly unfounded (refuted)', by('refuted')),
      damageRow('reinstated after takedown', by('reinstated')),
      damageRow('withdrawn', by('withdrawn')),
      damageRow('upheld', by('upheld')),
    ],
    listingsRemovedByUnfounded: by('refuted').reduce((s, x) => s + x.listingsRemoved, 0),
  };
}
