/**
 * What goes into a packet, gathered from the case and the ring engine into one plain
 * structure (redaction already applied), so the PDF, the data files and the figure are all
 * rendered from the same, already-masked facts.
 */
import { extensionFor, sniffMediaType } from '../media/sniff';
import { caseStatusOf, type CaseStatus } from './case-status';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PacketOptions } from '../../../shared/evidence/schemas';
import type {
  ComplainantDossier,
  EntityRef,
  Ring,
  RingExplanation,
  TimelineEvent,
  AnalysisRecord,
} from '../../../shared/analysis/schemas';
import { RinglensError } from '../../../shared/errors';
import { sha256Hex } from '../util/hash';
import { analyseCase, findRing, type AnalysisContext } from '../graph/analyse';
import { explainRing } from '../graph/explain';
import { ringTimeline } from '../graph/timeline';
import { analyseComplainants } from '../graph/complainants';
import { resolveEntity } from '../graph/path-query';
import { Redactor, profileFor } from './redaction';
import { layoutFigure, memberLinks, type Figure } from './figure';
import { freezeLists, type FreezeAccount, type SetAside } from './freeze';
import { formatValue } from '../../../shared/format-value';
import type { ReferralContent } from './referral/content';
import type { ComplainantCase } from './complainant/content';
import { withAudience } from './audience';
import { signatureStanding } from '../keys/signer-standing';
import { civilSellersContent, type CivilSellersContent } from './civil-sellers/content';
import { confirmedIdentitiesForRing, type ResolvedIdentity } from './identities';

export interface Defendant {
  readonly doe: string;
  readonly seller: string;
  readonly sellerKey: string;
  readonly alias: string;
  readonly marketplaceId: string;
  readonly shops: readonly { name: string; url: string; marketplaceId: string }[];
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  /** Accounts receiving the Doe's money, hubs and warning-listed accounts excluded. */
  readonly accounts: readonly FreezeAccount[];
  readonly testBuys: readonly string[];
  readonly exhibits: readonly string[];
}

export interface CustodyRow {
  readonly at: string;
  readonly event: string;
  readonly by: string;
  readonly detail: string;
  /** The exhibit's SHA-256 as recorded at this step, where the step records one. */
  readonly sha256?: string;
}

export interface Exhibit {
  readonly number: string;
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly date: string;
  readonly source: string;
  readonly custodian: string;
  readonly mediaType: string;
  readonly sha256: string;
  readonly data: Buffer;
  readonly fileName: string;
  readonly custody: readonly CustodyRow[];
  readonly about: readonly string[];
}

export interface SourceBundle {
  readonly bundleId: string;
  readonly sha256: string;
  readonly issuer: string;
  readonly signature: string;
  readonly signer: string | null;
  readonly importedAt: string;
  readonly importedBy: string;
}

export interface PacketContent {
  readonly options: PacketOptions;
  readonly caseName: string;
  readonly redaction: string;
  readonly ring: Ring | null;
  readonly explanation: RingExplanation | null;
  readonly timeline: readonly TimelineEvent[];
  readonly record: AnalysisRecord | null;
  readonly defendants: readonly Defendant[];
  /** Accounts tied to the Does but never to be frozen (hubs, warning lists), with the reason. */
  readonly notFrozen: readonly SetAside[];
  /** Keys of every identifier the ring analysis suppressed as a hub (for the quality check). */
  readonly suppressedHubKeys: readonly string[];
  readonly sharedIdentifiers: readonly {
    n: number;
    type: string;
    label: string;
    members: string;
    sources: string;
  }[];
  readonly figure: Figure | null;
  readonly orders: readonly {
    order: string;
    shop: string;
    placedAt: string;
    amount: string;
    testBuy: string;
    verdict: string;
    buyer: string;
  }[];
  readonly complaints: readonly {
    complaint: string;
    filedAt: string;
    complainant: string;
    target: string;
    outcome: string;
    refutation: string;
  }[];
  readonly infringement: readonly {
    listing: string;
    url: string;
    right: string;
    registration: string;
    owner: string;
    exhibit: string;
  }[];
  readonly exhibits: readonly Exhibit[];
  readonly bundles: readonly SourceBundle[];
  readonly dossier: ComplainantDossier | null;
  readonly summary: {
    shops: number;
    sellers: number;
    sharedIdentifiers: number;
    testBuys: number;
    counterfeit: number;
    complaints: number;
    orderValue: number;
    /** The order value per currency, e.g. "12,340 CNY; 99 USD": never a sum across currencies. */
    orderValueText: string;
  };
  /** The ring's lifecycle status, history and outcomes (null when none are recorded). */
  readonly caseStatus: CaseStatus | null;
  /** Every value the redaction profile masked, so tests can prove none leaks. */
  readonly masked: ReadonlySet<string>;
  /** Referral only: suspects, places to search, thresholds (referral/content.ts). */
  readonly referral?: ReferralContent;
  /** Civil-complainant only: claimed rights and the complaints as exhibits (complainant/). */
  readonly complainantCase?: ComplainantCase;
  /** Civil-sellers packets: Schedule A (sealed and public), redaction log, joinder grid. */
  readonly scheduleA: CivilSellersContent | null;
  /** Confirmed identity matches touching the ring (never unconfirmed candidates). */
  readonly identities: readonly ResolvedIdentity[];
}

type Props = Record<string, unknown>;
const str = formatValue;

interface EntityRow {
  id: number;
  key: string;
  type: string;
  label: string;
  props: Props;
}

function entities(db: Database, ids: readonly number[]): Map<number, EntityRow> {
  const out = new Map<number, EntityRow>();
  const stmt = db.prepare(
    'SELECT id, key, type, label, props FROM entities WHERE id IN (SELECT value FROM json_each(?))',
  );
  for (let i = 0; i < ids.length; i += 5000)
    for (const r of stmt.all(JSON.stringify(ids.slice(i, i + 5000))) as (Omit<
      EntityRow,
      'props'
    > & { props: string })[])
      out.set(r.id, { ...r, props: JSON.parse(r.props) as Props });
  return out;
}

function neighbours(
  db: Database,
  ids: readonly number[],
  types: readonly string[],
): { from: number; to: number; type: string }[] {
  return db
    .prepare(
      `SELECT src AS "from", dst AS "to", type FROM links WHERE type IN (SELECT value FROM json_each(@types)) AND (src IN (SELECT value FROM json_each(@ids)) OR dst IN (SELECT value FROM json_each(@ids))) ORDER BY id`,
    )
    .all({ ids: JSON.stringify(ids), types: JSON.stringify(types) }) as {
    from: number;
    to: number;
    type: string;
  }[];
}

export function buildPacketContent(
  db: Database,
  options: PacketOptions,
  caseName: string,
): PacketContent {
  const redact = new Redactor(profileFor(options.type));
  const content = gather(db, options, caseName, redact);
  return withAudience(db, scanFreeText(content, redact));
}

/**
 * The last pass over free text, after every field has been masked by its role: notes,
 * refutations, descriptions and custody details lose masked values, phones and e-mails.
 */
function scanFreeText(c: PacketContent, redact: Redactor): PacketContent {
  if (c.redaction === 'none') return c;
  const t = (s: string) => redact.freeText(s);
  return {
    ...c,
    complaints: c.complaints.map((k) => ({ ...k, refutation: t(k.refutation) })),
    timeline: c.timeline.map((e) => ({ ...e, text: t(e.text) })),
    exhibits: c.exhibits.map((x) => ({
      ...x,
      description: t(x.description),
      custody: x.custody.map((r) => ({ ...r, detail: t(r.detail) })),
    })),
    caseStatus: c.caseStatus && {
      ...c.caseStatus,
      history: c.caseStatus.history.map((h) => ({ ...h, reason: t(h.reason) })),
      outcomes: c.caseStatus.outcomes.map((o) => ({ ...o, details: t(o.details) })),
    },
    masked: redact.masked,
  };
}

function gather(
  db: Database,
  options: PacketOptions,
  caseName: string,
  redact: Redactor,
): PacketContent {
  const bundles = (
    db
      .prepare(
        'SELECT bundle_id, sha256, issuer, signature, signer_fingerprint, imported_at, imported_by FROM bundles ORDER BY id',
      )
      .all() as Record<string, string | null>[]
  ).map((b) => ({
    bundleId: b.bundle_id!,
    sha256: b.sha256!,
    issuer: (JSON.parse(b.issuer!) as { name: string }).name,
    signature: signatureStanding(db, b.signature!, b.signer_fingerprint ?? null),
    signer: b.signer_fingerprint ?? null,
    importedAt: b.imported_at!,
    importedBy: b.imported_by!,
  }));
  if (options.type === 'civil-complainant')
    return complainantContent(db, options, caseName, redact, bundles);

  const ctx = analyseCase(db);
  const ring = findRing(ctx, options.ringId!);
  const explanation = explainRing(db, ctx, ring.id);
  const timeline = ringTimeline(db, ctx, ring.id);
  const memberIds = [...ring.sellers, ...ring.shops].map((m) => m.id);

  // The ring's world: shops' listings, the orders on them, complaints, evidence, identifiers.
  const ops = neighbours(db, memberIds, ['operates']);
  const lists = neighbours(db, memberIds, ['lists']).filter((l) => memberIds.includes(l.from));
  const listingIds = lists.map((l) => l.to);
  const bought = neighbours(db, listingIds, ['bought']).filter((b) => listingIds.includes(b.to));
  const orderIds = bought.map((b) => b.from);
  const targets = neighbours(db, [...memberIds, ...listingIds], ['targets']);
  const complaintIds = targets.map((t) => t.from);
  const filed = neighbours(db, complaintIds, ['filed']);
  const infringes = neighbours(db, listingIds, ['infringes']);
  const idents = neighbours(db, memberIds, ['uses', 'paid_to', 'withdraws_to']);
  const evid = neighbours(db, [...memberIds, ...listingIds, ...orderIds], ['evidences']);
  const all = entities(db, [
    ...new Set([
      ...memberIds,
      ...listingIds,
      ...orderIds,
      ...complaintIds,
      ...filed.map((f) => f.from),
      ...infringes.map((i) => i.to),
      ...idents.flatMap((i) => [i.from, i.to]),
      ...evid.flatMap((e) => [e.from, e.to]),
    ]),
  ]);
  const E = (id: number) => all.get(id)!;

  // Exhibits: every evidence file tied to the ring, numbered in a stable order.
  const evidenceIds = [...new Set(evid.map((e) => e.from))]
    .filter((id) => E(id).type === 'evidence')
    .sort((a, b) => E(a).key.localeCompare(E(b).key));
  const selected = options.exhibits
    ? evidenceIds.filter((id) => options.exhibits!.includes(String(E(id).props.sha256)))
    : evidenceIds;
  const exhibits: Exhibit[] = selected.map((id, i) =>
    exhibitFor(
      db,
      E(id),
      i + 1,
      evid.filter((e) => e.from === id).map((e) => E(e.to)),
      bundles,
      redact,
    ),
  );
  const exhibitOf = (entityId: number) =>
    exhibits
      .filter((x) => evid.some((e) => e.to === entityId && E(e.from).key === x.key))
      .map((x) => x.number);

  const shopsOf = (seller: number) =>
    ops.filter((o) => o.from === seller && memberIds.includes(o.to)).map((o) => E(o.to));
  const identOf = (id: number, type: string) =>
    idents.filter((i) => i.from === id && E(i.to).type === type).map((i) => E(i.to));
  const freeze = freezeLists(
    db,
    ctx.analysis,
    ring.sellers.map((s) => [s.id, ...shopsOf(s.id).map((sh) => sh.id)]),
  );
  const defendants: Defendant[] = ring.sellers.map((s, i) => {
    const seller = E(s.id);
    const shops = shopsOf(s.id);
    const shopListings = lists.filter((l) => shops.some((sh) => sh.id === l.from)).map((l) => l.to);
    const tb = bought
      .filter((b) => shopListings.includes(b.to) && E(b.from).props.testBuy === true)
      .map((b) => E(b.from));
    return {
      doe: memberName(options, i, seller),
      seller: seller.label,
      sellerKey: seller.key,
      alias: str(seller.props.alias),
      marketplaceId: str(seller.props.marketplaceId),
      shops: shops.map((sh) => ({
        name: sh.label,
        url: str(sh.props.url),
        marketplaceId: str(sh.props.marketplaceId),
      })),
      emails: identOf(s.id, 'email').map((e) => e.label),
      phones: identOf(s.id, 'phone').map((p) => p.label),
      accounts: freeze.lists[i]!,
      testBuys: tb.map((o) => str(o.props.orderNumber)),
      exhibits: [
        ...new Set([
          ...tb.flatMap((o) => exhibitOf(o.id)),
          ...shops.flatMap((sh) => exhibitOf(sh.id)),
        ]),
      ],
    };
  });

  const shopOfListing = new Map(lists.map((l) => [l.to, l.from]));
  const orders = bought.map((b) => {
    const o = E(b.from);
    const shop = E(shopOfListing.get(b.to)!);
    return {
      order: str(o.props.orderNumber) || o.key,
      shop: shop.label,
      placedAt: str(o.props.placedAt),
      amount: o.props.amount !== undefined ? `${str(o.props.amount)} ${str(o.props.currency)}` : '',
      testBuy: o.props.testBuy ? 'test buy' : '',
      verdict: str(o.props.verdict),
      buyer: redact.field('order', 'buyer', str(o.props.buyer)),
    };
  });
  const complaints = targets.map((t) => {
    const c = E(t.from);
    const by = filed.find((f) => f.to === c.id);
    return {
      complaint: c.key,
      filedAt: str(c.props.filedAt),
      complainant: by ? E(by.from).label : '',
      target: E(t.to).label,
      outcome: str(c.props.outcome),
      refutation: str(c.props.refutation),
    };
  });
  const infringement = infringes.map((x) => {
    const l = E(x.from);
    const r = E(x.to);
    const shotOrder = bought.find((b) => b.to === l.id);
    return {
      listing: l.label,
      url: str(l.props.url),
      right: `${str(r.props.kind).replace('_', ' ')} ${str(r.props.title)}`,
      registration: `${str(r.props.registrationNumber)} (${str(r.props.jurisdiction)})`,
      owner: str(r.props.owner),
      exhibit: shotOrder ? exhibitOf(shotOrder.from).join(', ') : '',
    };
  });

  const sharedIdentifiers = explanation.sharedIdentifiers.map((s, i) => ({
    n: i + 1,
    type: s.identifier.type.replace('_', ' '),
    label: s.identifier.label,
    members: s.members.map((m) => m.label).join(', '),
    sources: [
      ...new Set(
        s.links.flatMap((l) => l.sources.map((src) => `${src.bundleId} ${src.file}:${src.line}`)),
      ),
    ].join('; '),
  }));
  const positions = db
    .prepare('SELECT positions FROM ring_views WHERE ring_id = ?')
    .pluck()
    .get(ring.id) as string | undefined;
  const figure = layoutFigure(
    explanation,
    ring,
    positions ? (JSON.parse(positions) as Record<string, { x: number; y: number }>) : null,
    memberLinks(db, ring, explanation),
  );
  const testBuys = bought.filter((b) => E(b.from).props.testBuy === true).map((b) => E(b.from));
  return {
    options,
    caseName,
    redaction: redact.profile,
    ring,
    explanation,
    timeline: timeline.map(readableEvent),
    record: ctx.analysis.record,
    defendants,
    notFrozen: freeze.setAside,
    suppressedHubKeys: ctx.analysis.suppressedHubs.map((h) => h.key),
    sharedIdentifiers,
    figure,
    orders,
    complaints,
    infringement,
    exhibits,
    bundles,
    dossier: null,
    caseStatus: caseStatusOf(db, ring.id, redact),
    identities: resolvedIdentities(db, ctx, ring.id, redact),
    scheduleA:
      options.type === 'civil-sellers'
        ? civilSellersContent(db, ring, defendants, explanation)
        : null,
    summary: {
      shops: ring.shops.length,
      sellers: ring.sellers.length,
      sharedIdentifiers: ring.identifiers.length,
      testBuys: testBuys.length,
      counterfeit: testBuys.filter((o) => o.props.verdict === 'counterfeit').length,
      complaints: complaints.length,
      orderValue: bought.reduce(
        (s, b) =>
          s + (typeof E(b.from).props.amount === 'number' ? (E(b.from).props.amount as number) : 0),
        0,
      ),
      orderValueText: perCurrency(bought.map((b) => E(b.from).props)),
    },
    masked: redact.masked,
  };
}

/** "Doe 3" in a civil packet; a referral names the seller account (police have no Does). */
function memberName(options: PacketOptions, i: number, seller: EntityRow): string {
  return options.type === 'referral'
    ? `seller ${str(seller.props.alias) || seller.label}`
    : `Doe ${i + 1}`;
}

/** Confirmed identity matches; in a redacted packet their labels and reasons are masked too. */
function resolvedIdentities(
  db: Database,
  ctx: AnalysisContext,
  ringId: string,
  redact: Redactor,
): ResolvedIdentity[] {
  const all = confirmedIdentitiesForRing(db, ctx, ringId);
  if (redact.profile === 'none') return all;
  const t = (s: string) => redact.freeText(s);
  return all.map((m) => ({
    ...m,
    a: { ...m.a, label: t(m.a.label) },
    b: { ...m.b, label: t(m.b.label) },
    reason: t(m.reason),
  }));
}

/** Sums order amounts per currency ("unknown currency" when an order names none). */
export function perCurrency(orders: readonly Props[]): string {
  const sums = new Map<string, number>();
  for (const o of orders) {
    if (typeof o.amount !== 'number') continue;
    const cur = str(o.currency) || 'unknown currency';
    sums.set(cur, (sums.get(cur) ?? 0) + o.amount);
  }
  return (
    [...sums]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, v]) => `${v.toLocaleString('en')} ${c}`)
      .join('; ') || 'none'
  );
}

/**
 * An entity without a name of its own is labelled "TYPE KEY" ("complaint complaint:c55");
 * in a sentence that reads "IP complaint complaint complaint:c55": print its id alone.
 */
function readableEvent(t: TimelineEvent): TimelineEvent {
  const e = t.entity;
  if (e.label !== `${e.type} ${e.key}`) return t;
  const id = e.key.startsWith(`${e.type}:`) ? e.key.slice(e.type.length + 1) : e.key;
  return { ...t, text: t.text.replace(e.label, id) };
}

function exhibitFor(
  db: Database,
  ev: EntityRow,
  n: number,
  about: readonly EntityRow[],
  bundles: readonly SourceBundle[],
  redact: Redactor,
): Exhibit {
  const sha256 = str(ev.props.sha256);
  const blob = db
    .prepare('SELECT data, media_type FROM evidence_blobs WHERE sha256 = ?')
    .get(sha256) as { data: Buffer; media_type: string } | undefined;
  if (!blob)
    throw new RinglensError('NOT_FOUND', `the evidence file of ${ev.key} is not in the store`);
  const number = `EX-${String(n).padStart(3, '0')}`;
  const stmt = db
    .prepare(
      `SELECT b.bundle_id FROM statements s JOIN bundles b ON b.id = s.bundle WHERE s.entity = ? ORDER BY b.id LIMIT 1`,
    )
    .pluck()
    .get(ev.id) as string;
  const bundle = bundles.find((b) => b.bundleId === stmt)!;
  const custody: CustodyRow[] = [];
  if (ev.props.capturedAt)
    custody.push({
      at: str(ev.props.capturedAt),
      event: 'captured',
      by: str(ev.props.capturedBy),
      detail: str(ev.props.description),
      sha256,
    });
  for (const o of about) {
    for (const c of (o.props.custody as
      | {
          event: string;
          at: string;
          handler: string;
          place?: string;
          tracking?: string;
          sha256?: string;
        }[]
      | undefined) ?? []) {
      custody.push({
        at: c.at,
        event: `parcel ${c.event}`,
        by: c.handler,
        detail: [c.place, c.tracking].filter(Boolean).join(', '),
        ...(c.sha256 && { sha256: c.sha256 }),
      });
    }
  }
  custody.push({
    at: bundle.importedAt,
    event: 'imported into the case',
    by: bundle.importedBy,
    detail: `bundle ${bundle.bundleId}, issuer ${bundle.issuer}, signature ${bundle.signature} (bundle hash in section 11); file hash recomputed on import`,
    sha256: sha256Hex(blob.data),
  });
  for (const a of db
    .prepare(`SELECT at, actor, action, details FROM audit_log WHERE object = ? ORDER BY seq`)
    .all(`entity:${ev.key}`) as { at: string; actor: string; action: string; details: string }[]) {
    custody.push({ at: a.at, event: a.action, by: a.actor, detail: a.details });
  }
  custody.sort((a, b) => a.at.localeCompare(b.at));
  // The exhibit's extension follows its bytes, not the declared type (core/media/sniff.ts).
  const ext = extensionFor(sniffMediaType(blob.data));
  return {
    number,
    key: ev.key,
    name: ev.label,
    description: str(ev.props.description) || ev.label,
    date: str(ev.props.capturedAt).slice(0, 10),
    source: `${bundle.bundleId} (${bundle.issuer})`,
    custodian:
      redact.field('evidence', 'capturedBy', str(ev.props.capturedBy)) || bundle.importedBy,
    mediaType: blob.media_type,
    sha256,
    data: blob.data,
    fileName: `${number}.${ext}`,
    custody,
    about: about.map((a) => a.label),
  };
}

function complainantContent(
  db: Database,
  options: PacketOptions,
  caseName: string,
  redact: Redactor,
  bundles: readonly SourceBundle[],
): PacketContent {
  const id = resolveEntity(db, options.complainant!);
  const dossier = analyseComplainants(db).find((d) => d.complainant.id === id);
  if (!dossier) throw new RinglensError('NOT_FOUND', `${options.complainant} is not a complainant`);
  const complaints = (
    db
      .prepare(
        `SELECT c.key, c.props, t.label AS target FROM links f JOIN entities c ON c.id = f.dst LEFT JOIN links tl ON tl.src = c.id AND tl.type = 'targets' LEFT JOIN entities t ON t.id = tl.dst WHERE f.src = ? AND f.type = 'filed' ORDER BY json_extract(c.props, '$.filedAt'), c.key`,
      )
      .all(id) as { key: string; props: string; target: string | null }[]
  ).map((r) => {
    const p = JSON.parse(r.props) as Props;
    return {
      complaint: r.key,
      filedAt: str(p.filedAt),
      complainant: dossier.complainant.label,
      target: r.target ?? '',
      outcome: str(p.outcome),
      refutation: str(p.refutation),
    };
  });
  return {
    options,
    caseName,
    redaction: redact.profile,
    ring: null,
    explanation: null,
    timeline: [],
    record: null,
    defendants: [],
    notFrozen: [],
    suppressedHubKeys: [],
    sharedIdentifiers: [],
    figure: null,
    orders: [],
    complaints,
    infringement: [],
    exhibits: [],
    bundles,
    dossier,
    caseStatus: null,
    scheduleA: null,
    identities: [],
    summary: {
      shops: 0,
      sellers: 0,
      sharedIdentifiers: 0,
      testBuys: 0,
      counterfeit: 0,
      complaints: complaints.length,
      orderValue: 0,
      orderValueText: '',
    },
    masked: redact.masked,
  };
}

export type { EntityRef };
