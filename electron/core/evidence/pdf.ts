/**
 * packet.pdf with pdfmake: cover, contents with bookmarks, summary, the ring figure as
 * vectors, schedules, exhibits with their Bates ranges and hashes, transactions,
 * complaints, timeline, chain of custody, a draft FRE 902(13)/(14) hash certification and
 * the analysis record. Every page carries its Bates number and "page X of Y". Fonts are
 * embedded (one font that covers Latin and CJK), the text is searchable, and the document
 * is written as PDF/A-2b with fixed dates so the same inputs give the same bytes.
 */

import { join } from 'node:path';
import pdfmake from 'pdfmake';
type Content = Record<string, unknown> | string;
type TableCell = Record<string, unknown>;
type TDocumentDefinitions = Record<string, unknown> & {
  pageBreakBefore?: (node: never) => boolean;
};
import { resourcesDir } from '../demo/paths';
import { CODE_VERSION } from '../version';
import { sha256Hex } from '../util/hash';
import type { PacketContent } from './model';
import type { FreezeAccount } from './freeze';
import type { ExaminerProfile } from './matter';
import type { QualityFinding } from './quality';
import { figureCaption, figureKeySvg, figureSvg, placeFigure, type Figure } from './figure';
import { PageRefs } from './page-refs';
import { joinderExhibit } from './civil-sellers/pdf-sections';
import { filingLegend } from './civil-sellers/filing';
import { identitiesSection } from './identities-pdf';
import { exhibitPictureContent } from '../media/exhibit-page';
import { mediaTypeText } from '../media/exhibit-picture';
import { withVisibleControls } from '../util/visible-text';
import { audienceTitle } from './audience';
import { certificationsFor } from './certifications';
import { referralSections } from './referral/sections';
import { complainantSections, complainantSummary, complaintExhibits } from './complainant/sections';

export interface PdfInput {
  readonly content: PacketContent;
  readonly packetId: string;
  readonly batesPrefix: string;
  readonly batesFirst: number;
  readonly auditHead: string;
  readonly examinerFingerprint: string;
  /** The examiner profile of the case (the declarant), when it is the preparer. */
  readonly examiner?: ExaminerProfile;
  /** The marketplace's custodian of records (FRE 902(11) declarant), when the matter names one. */
  readonly custodian?: ExaminerProfile;
  readonly pageSize?: 'A4' | 'LETTER';
  /** How a civil packet is filed (the matter's `filing`): cover row and page legend. */
  readonly filing?: 'sealed' | 'public';
  /** The pre-export checker's findings, printed as the last section. */
  readonly quality?: readonly QualityFinding[];
  /** The packet's data files with their SHA-256, for the certification. */
  readonly dataFiles?: readonly { name: string; sha256: string }[];
}

/** "Jane Doe, Senior Investigator, ExampleMarket Trust & Safety" */
export function preparedBy(input: PdfInput): string {
  const name = input.content.options.preparer ?? '';
  const e = input.examiner;
  return e && e.name === name ? [e.name, e.title, e.organisation].filter(Boolean).join(', ') : name;
}

export const TITLES: Record<string, string> = {
  referral: 'Law-enforcement referral: counterfeiting ring',
  'civil-sellers': 'Civil action against sellers: defendants, interrelation and infringement',
  'civil-complainant': 'Civil action against a fraudulent complainant',
  'brand-share': 'Brand-owner share (third-party personal data redacted)',
};

let fontsReady = false;
function ensureFonts(): void {
  if (fontsReady) return;
  // WenQuanYi Micro Hei (Apache-2.0): Droid Sans for Latin and Droid Sans Fallback for CJK in one face.
  const font = join(resourcesDir(), 'fonts', 'wqy-microhei.ttc');
  const face = [font, 'WenQuanYiMicroHei'] as unknown as string;
  // The figure's SVG text goes through svg-to-pdfkit, which cannot pick a face out of a
  // collection: its labels are ASCII codes, set in Liberation Sans (SIL OFL).
  const figureFont = join(resourcesDir(), 'fonts', 'LiberationSans-Regular.ttf');
  pdfmake.setFonts({
    Ringlens: { normal: face, bold: face, italics: face, bolditalics: face },
    Figure: { normal: figureFont, bold: figureFont, italics: figureFont, bolditalics: figureFont },
  });
  // Only our own font files may be read from disk; no URL is ever fetched.
  pdfmake.setLocalAccessPolicy((path: string) => path === font || path === figureFont);
  (pdfmake as unknown as { setUrlAccessPolicy?: (f: () => boolean) => void }).setUrlAccessPolicy?.(
    () => false,
  );
  fontsReady = true;
}

const STYLES = {
  kicker: { fontSize: 11, color: '#922b21' },
  title: { fontSize: 20, margin: [0, 0, 0, 20] },
  h1: { fontSize: 13, margin: [0, 0, 0, 6] },
  h2: { fontSize: 10, margin: [0, 8, 0, 3] },
  th: { fontSize: 7.5, fillColor: '#eaeded' },
  td: { fontSize: 7.5 },
};

/**
 * The declaration certifying the records by hash, after FRE 902(13) and (14): the
 * declarant, the process, each exhibit's original and copy hashes compared, the data files,
 * unsigned sources said plainly, the notice clause and the 28 U.S.C. § 1746 clause.
 */
function certification(input: PdfInput): Content[] {
  const c = input.content;
  const o = c.options;
  const e = input.examiner && input.examiner.name === o.preparer ? input.examiner : undefined;
  const name = o.preparer ?? '';
  const unsigned = c.bundles.filter((b) => b.signature !== 'trusted');
  const n = (i: number, t: string) => p(`${i}. ${t}`);
  return [
    H('10. Certification of records by hash (FRE 902(13) and 902(14))'),
    p(`DECLARATION OF ${name.toUpperCase()}`),
    n(
      1,
      `I, ${name}, declare that I am${e?.title ? ` ${e.title}` : ' the examiner'}${e?.organisation ? ` at ${e.organisation}` : ''}. ${e?.qualifications ? `${e.qualifications} ` : ''}I am over eighteen years of age and have personal knowledge of the facts stated here.`,
    ),
    n(
      2,
      `The records in this packet were produced on ${o.date} by Ringlens version ${CODE_VERSION}, an evidence workbench that stores imported records in an encrypted case ("${c.caseName}") and records every import, edit and export in a hash-chained audit log (head at export: ${input.auditHead}).`,
    ),
    n(
      3,
      'Each exhibit was received in the lead bundle named in its chain of custody. I compared the SHA-256 (FIPS 180-4) digest the source recorded for each original with the digest of the copy in exhibits/; they are identical, as listed below. Identical digests mean the copy is a true duplicate of the original.',
    ),
    table(
      [
        'Exhibit',
        'SHA-256 of the original (as the source recorded it), then of this copy',
        'Match',
      ],
      c.exhibits.map((x) => {
        const copy = sha256Hex(x.data);
        return [
          x.number,
          code(`original ${x.sha256}\ncopy ${copy}`),
          copy === x.sha256 ? 'identical' : 'DIFFERENT',
        ];
      }),
      [45, '*', 50],
    ),
    n(
      4,
      `The data files (data/), this PDF and every other file of the packet are listed with their SHA-256 digests and sizes in manifest.json and SHA256SUMS. manifest.json is signed with Ed25519 (RFC 8032) by my examiner key, fingerprint ${input.examinerFingerprint}. VERIFY.txt describes how anyone can repeat these checks with standard tools.`,
    ),
    ...(input.dataFiles?.length
      ? [
          table(
            ['Data file', 'SHA-256'],
            input.dataFiles.map((f) => [f.name, code(f.sha256)]),
            [200, '*'],
          ),
        ]
      : []),
    n(
      5,
      unsigned.length
        ? `The following source bundles carried no trusted signature: ${unsigned.map((b) => `${b.bundleId} (${b.signature})`).join(', ')}. Their origin rests on the chain of custody and the bundle hash, not on a signature by their issuer.`
        : 'Every source bundle carried a signature by a key the case trusts.',
    ),
    n(
      6,
      'Notice: the party offering these records intends to do so under FRE 902(13) and 902(14), gives every adverse party reasonable written notice of that intent before trial or hearing, and makes the records and this declaration available for inspection, as FRE 902(11) requires.',
    ),
    n(
      7,
      `I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct (28 U.S.C. § 1746). Executed on ${o.date} at ________________.`,
    ),
    p(
      `Signature: ______________________________\n${[name, e?.title, e?.organisation].filter(Boolean).join('\n')}`,
    ),
  ];
}

/** The freeze list by account: each account once, with every Doe whose money reaches it. */
export function freezeRows(
  c: PacketContent,
): { account: string; kind: string; via: string; does: string; sources: string }[] {
  const rows = new Map<
    string,
    { account: string; kind: string; via: string; does: string[]; sources: Set<string> }
  >();
  for (const d of c.defendants)
    for (const a of d.accounts) {
      const r = rows.get(a.key) ?? {
        account: a.account,
        kind: a.kind,
        via: a.via || 'the Does’ shops',
        does: [],
        sources: new Set<string>(),
      };
      r.does.push(d.doe.replace('Doe ', ''));
      for (const s of a.source.split('; ')) r.sources.add(s);
      rows.set(a.key, r);
    }
  return [...rows.values()].map((r) => ({
    ...r,
    does: `Doe ${r.does.join(', ')}`,
    sources: compactSources([...r.sources]),
  }));
}

/** "bundle file:1; bundle file:7" -> "bundle file lines 1, 7": one mention per file. */
function compactSources(sources: readonly string[]): string {
  const byFile = new Map<string, string[]>();
  for (const s of sources) {
    const m = /^(.*):(\d+)$/.exec(s);
    if (!m) {
      byFile.set(s, []);
      continue;
    }
    byFile.set(m[1]!, [...(byFile.get(m[1]!) ?? []), m[2]!]);
  }
  return [...byFile]
    .map(([f, lines]) =>
      lines.length === 0 ? f : `${f} line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}`,
    )
    .join('; ');
}

/** The schedule's cell: payment accounts by name; payout accounts counted (listed in the freeze table). */
function scheduleAccounts(accounts: readonly FreezeAccount[]): string {
  if (accounts.length === 0) return '(none found)';
  const direct = accounts.filter((a) => !a.via).map((a) => a.account);
  const payouts = accounts.filter((a) => a.via);
  const byVia = new Map<string, number>();
  for (const a of payouts) byVia.set(a.via, (byVia.get(a.via) ?? 0) + 1);
  return [
    ...direct,
    ...[...byVia].map(
      ([via, n]) => `+ ${n} payout bank account${n > 1 ? 's' : ''} behind ${via} (freeze table)`,
    ),
  ].join('\n');
}

const CASE_STATUS_HEADING = '12. Case status and outcomes';
export const bates = (prefix: string, n: number) => `${prefix}${String(n).padStart(7, '0')}`;

/**
 * A section heading on a new page. Wide tables (the schedule, the exhibit list, custody,
 * sources) get landscape pages so that nothing, hashes least of all, runs off the page.
 */
const H = (text: string, orientation: 'portrait' | 'landscape' = 'portrait'): Content => ({
  text,
  style: 'h1',
  tocItem: true,
  outline: true,
  pageBreak: 'before',
  pageOrientation: orientation,
});
/** A hash or other long unbroken code: small type so that all 64 hex digits fit one line. */
const code = (text: string): TableCell => ({ text, style: 'td', fontSize: 6.2 });
const h2 = (text: string): Content => ({ text, style: 'h2' });
const p = (text: string): Content => ({ text, margin: [0, 2, 0, 4] });

function table(
  header: string[],
  rows: (string | number | TableCell)[][],
  widths?: (string | number)[],
): Content {
  const body: TableCell[][] = [
    header.map((h) => ({ text: h, style: 'th' })),
    ...rows.map((r) =>
      r.map((c) => (typeof c === 'object' ? c : { text: String(c), style: 'td' })),
    ),
  ];
  if (rows.length === 0)
    body.push(header.map((_, i) => ({ text: i === 0 ? '(none)' : '', style: 'td' })));
  return {
    table: { headerRows: 1, widths: widths ?? header.map(() => '*'), body, dontBreakRows: true },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 8],
  };
}

/**
 * Page-dependent text: the cover's Bates range, each exhibit's first Bates number and its
 * range, filled in by `refs` after layout (one pass; see page-refs.ts).
 */
function definePageTexts(input: PdfInput, refs: PageRefs): void {
  const b = (page: number) => bates(input.batesPrefix, input.batesFirst + page - 1);
  refs.define('cover-bates', () => `${b(1)} to ${b(refs.pageCount)} (${refs.pageCount} pages)`);
  // The shared-identifier rows of section 2, cited by the joinder exhibit.
  if (input.content.figure)
    for (const s of input.content.sharedIdentifiers)
      refs.define(`ident-${s.n}`, (pageOf) => b(pageOf(`ident-${s.n}`)));
  const numbers = input.content.exhibits.map((x) => x.number);
  numbers.forEach((n, i) => {
    const end = (pageOf: (id: string) => number) =>
      Math.max(
        pageOf(`first-${n}`),
        i + 1 < numbers.length
          ? pageOf(`first-${numbers[i + 1]}`) - 1
          : (refs.pageOf('after-exhibits') ?? refs.pageCount),
      );
    refs.define(`first-${n}`, (pageOf) => b(pageOf(`first-${n}`)));
    refs.define(`range-${n}`, (pageOf) => `${b(pageOf(`first-${n}`))}–${b(end(pageOf))}`);
  });
}

/** The whole document, laid out once; page-dependent text comes from `refs`. */
function documentFor(input: PdfInput, refs: PageRefs): TDocumentDefinitions {
  const { content: c } = input;
  const o = c.options;
  const date = `${o.date}T00:00:00Z`;
  const body: Content[] = [];
  // Cover
  body.push(
    { text: 'RINGLENS EVIDENCE PACKET', style: 'kicker', margin: [0, 120, 0, 8] },
    { text: audienceTitle(c, TITLES[o.type]!), style: 'title' },
    table(
      ['', ''],
      [
        ['Case', c.caseName],
        ['Packet type', o.type],
        ['Subject', c.ring ? `Ring ${c.ring.id}` : (c.dossier?.complainant.label ?? '')],
        ['Prepared by', preparedBy(input)],
        ['Date', o.date],
        ['Packet id', input.packetId],
        ['Redaction profile', c.redaction],
        ['Bates range', { text: [refs.ref('cover-bates')], style: 'td' }],
        ['Audit log head at export', input.auditHead],
        ...filingCoverRow(input),
      ],
      [110, '*'],
    ),
    refs.carrier('cover-bates'),
    {
      toc: { title: { text: 'Contents', style: 'h1' }, numberStyle: { bold: false } },
      pageBreak: 'before',
    },
  );

  // Summary
  body.push(H('1. Executive summary'));
  if (c.ring) {
    const s = c.summary;
    body.push(
      p(c.explanation!.summary),
      table(
        ['Measure', 'Value'],
        [
          ['Seller accounts', s.sellers],
          ['Shops', s.shops],
          ['Shared identifiers', s.sharedIdentifiers],
          ['Test buys (confirmed counterfeit)', `${s.testBuys} (${s.counterfeit})`],
          ['IP complaints against the ring', s.complaints],
          ['Order value (per currency)', s.orderValueText],
          ['Ring score (rank)', `${c.ring.score} (${c.ring.rank})`],
        ],
        [200, '*'],
      ),
      h2('Score terms'),
      table(
        ['Term', 'Value', 'Weight', 'Contribution'],
        c.ring.terms.map((t) => [t.label, t.value, t.weight, t.contribution]),
        ['*', 50, 40, 60],
      ),
    );
    if (c.bundles.some((b) => b.signature !== 'trusted')) {
      body.push(
        p(
          `Note: ${c.bundles
            .filter((b) => b.signature !== 'trusted')
            .map((b) => `bundle ${b.bundleId} is ${b.signature.toUpperCase()}`)
            .join('; ')}. Its data is used here and marked as such.`,
        ),
      );
    }
  } else if (c.complainantCase) {
    body.push(...complainantSummary(c.complainantCase), ...complainantSections(c.complainantCase));
  } else if (c.dossier) {
    const d = c.dossier;
    body.push(
      p(
        `${d.complainant.label} (${d.kind}) filed ${d.total} IP complaints in this case; ${d.unfounded} (${Math.round(d.unfoundedShare * 100)}%) were unfounded (refuted, withdrawn or reinstated).`,
      ),
      table(
        ['Factor (EU DSA Art. 23(3))', 'Value'],
        [
          ['Unfounded complaints', d.unfounded],
          ['Share of all complaints', `${Math.round(d.unfoundedShare * 100)}%`],
          ['Listings removed', d.listingsRemoved],
          ['Sales reported lost', d.salesLost.toLocaleString('en')],
          ['Targets with no counterfeit evidence', d.targetsWithoutCounterfeitEvidence],
          ['Complaints reusing evidence', d.recycledEvidence],
          ['Most complaints in 14 days', d.maxComplaintsIn14Days],
          [
            'Linked competing sellers',
            d.linkedCompetitors.map((x) => x.label).join(', ') || 'none',
          ],
        ],
        [220, '*'],
      ),
      h2('Reasons'),
      // A copy: pdfmake replaces the list's strings by layout objects in place.
      { ul: [...d.reasons] },
      h2('Unfounded complaints per month'),
      table(
        ['Month', 'Unfounded'],
        Object.entries(d.unfoundedPerMonth)
          .sort()
          .map(([m, n]) => [m, n]),
        [100, '*'],
      ),
    );
  }

  if (c.ring && c.figure) {
    body.push(
      H('2. Ring figure and interrelation'),
      ...figureBlock(c.figure),
      h2('Legend'),
      table(
        ['Code', 'Type', 'Name'],
        c.figure.nodes.map((n) => [n.code, n.type.replace('_', ' '), n.label]),
        [40, 90, '*'],
      ),
      h2('Edges'),
      table(
        ['#', 'From', 'Link', 'To'],
        c.figure.edges.map((e) => {
          const code = (id: string) => c.figure!.nodes.find((n) => n.id === id)!.code;
          return [e.n, code(e.from), e.type.replace('_', ' '), code(e.to)];
        }),
        [30, 60, 80, '*'],
      ),
      h2('Shared identifiers, with the source rows behind each link'),
      table(
        ['#', 'Identifier', 'Shared by', 'Source rows (bundle file:line)'],
        c.sharedIdentifiers.map((s) => [
          { stack: [{ text: String(s.n), style: 'td' }, refs.carrier(`ident-${s.n}`)] },
          `${s.type}: ${s.label}`,
          s.members,
          s.sources,
        ]),
        [20, 110, 150, '*'],
      ),
      h2('Ring leaders'),
      table(
        ['Account', 'Degree', 'Betweenness', 'Articulation point'],
        c.explanation!.leaders.map((l) => [
          l.entity.label,
          l.degree,
          l.betweenness,
          l.articulation ? 'yes' : '',
        ]),
        ['*', 50, 70, 80],
      ),
    );
  }

  if (c.ring) body.push(...identitiesSection(c.identities));
  if (c.referral) body.push(...referralSections(c.referral));
  else if (c.defendants.length) {
    body.push(
      H(
        o.type === 'civil-sellers' ? '3. Schedule of defendants' : '3. Members of the ring',
        'landscape',
      ),
    );
    body.push(
      table(
        [
          'Doe',
          'Seller / alias / id',
          'Shops (name, URL, id)',
          'E-mails and phones',
          'Accounts to freeze',
          'Test buys',
          'Exhibits (Bates)',
        ],
        c.defendants.map((d) => [
          d.doe,
          `${d.seller}\n${d.alias}\n${d.marketplaceId}`,
          d.shops.map((s) => `${s.name}\n${s.url}\n${s.marketplaceId}`).join('\n'),
          [...d.emails, ...d.phones].join('\n'),
          scheduleAccounts(d.accounts),
          d.testBuys.join('\n'),
          // One text node per exhibit, its Bates number on its own line so the narrow column
          // holds it on Letter paper (pdfmake resolves a page reference on a node's first line only).
          {
            stack: d.exhibits.flatMap((x) => [
              { text: x, style: 'td' },
              { text: [refs.ref(`first-${x}`)], style: 'td' },
            ]),
          },
        ]),
        [30, 95, 135, 110, 140, 55, '*'],
      ),
      h2('Accounts to freeze, with the source row of each link'),
      p(
        "Payment accounts that receive a Doe's sales and the payout bank accounts those payment accounts withdraw to. Accounts the ring analysis set aside as hubs or that a warning list names are never listed here (see below).",
      ),
      table(
        ['Account', 'Kind', 'Receives from', 'Does', 'Source rows (bundle file:line)'],
        freezeRows(c).map((r) => [r.account, r.kind, r.via, r.does, r.sources]),
        [150, 80, 150, 110, '*'],
      ),
      h2('Accounts tied to the Does that must not be frozen'),
      table(
        ['Account', 'Why it is not to be frozen'],
        c.notFrozen.map((a) => [a.label, a.reason]),
        [220, '*'],
      ),
    );
  }
  if (c.scheduleA) body.push(...joinderSection(c, refs));
  if (c.infringement.length) {
    body.push(
      H('4. Infringement chart'),
      table(
        ['Accused listing', 'URL', 'IP right infringed', 'Registration', 'Owner', 'Exhibit'],
        c.infringement.map((r) => [r.listing, r.url, r.right, r.registration, r.owner, r.exhibit]),
        ['*', 100, 80, 70, 60, 40],
      ),
    );
  }

  // Exhibit list and exhibit pages
  if (c.ring) {
    // The hash on one line while the row leaves the description 60 pt (7 cells of 8 pt
    // padding); else in two halves, as on landscape Letter with a long Bates prefix.
    const batesWidth = batesRangeWidth(input.batesPrefix);
    const shaOneLine =
      40 + batesWidth + 48 + 110 + 70 + 235 + 7 * 8 + 60 <= landscapeInnerWidth(input.pageSize);
    body.push(
      H('5. Exhibit list', 'landscape'),
      table(
        ['Exhibit', 'Bates range', 'Description', 'Date', 'Source', 'Custodian', 'SHA-256'],
        c.exhibits.map((x) => [
          x.number,
          { text: [refs.ref(`range-${x.number}`)], style: 'td' },
          x.description,
          x.date,
          x.source,
          x.custodian,
          code(shaOneLine ? x.sha256 : `${x.sha256.slice(0, 32)}\n${x.sha256.slice(32)}`),
        ]),
        [40, batesWidth, '*', 48, 110, 70, shaOneLine ? 235 : 120],
      ),
    );
    c.exhibits.forEach((x) => {
      body.push(
        {
          text: `Exhibit ${x.number}: ${x.name}`,
          style: 'h1',
          pageBreak: 'before',
          pageOrientation: 'portrait',
          tocItem: true,
          outline: true,
        },
        refs.carrier(`first-${x.number}`),
        refs.carrier(`range-${x.number}`),
        // The id sits on the first node after the heading: pdfmake reports positions only for nodes without a forced break.
        {
          id: `exhibit-${x.number}`,
          ...(table(
            ['Field', 'Value'],
            [
              ['File in packet', `exhibits/${x.fileName}`],
              ['Media type', mediaTypeText(x.mediaType, x.data)],
              ['Size (bytes)', x.data.length],
              ['SHA-256', code(x.sha256)],
              ['Date', x.date],
              ['Source', x.source],
              ['Custodian', x.custodian],
              ['Concerns', x.about.join(', ')],
            ],
            [100, '*'],
          ) as Record<string, unknown>),
        },
        // Decided from the bytes, never the declared type (core/media): a picture or a placeholder.
        ...exhibitPictureContent(x),
      );
    });
    body.push(refs.carrier('after-exhibits'));
    body.push(
      H('6. Transactions'),
      table(
        ['Order', 'Shop', 'Placed', 'Amount', 'Test buy', 'Verdict', 'Buyer'],
        c.orders.map((r) => [r.order, r.shop, r.placedAt, r.amount, r.testBuy, r.verdict, r.buyer]),
        [70, '*', 55, 60, 40, 60, 70],
      ),
    );
  }
  body.push(
    H(c.ring ? '7. IP complaints' : '2. Schedule of complaints'),
    table(
      ['Complaint', 'Filed', 'Complainant', 'Target', 'Outcome', 'Seller’s refutation'],
      c.complaints.map((r) => [
        r.complaint,
        r.filedAt,
        r.complainant,
        r.target,
        r.outcome,
        r.refutation,
      ]),
      [60, 50, 80, 90, 50, '*'],
    ),
  );
  if (c.complainantCase) body.push(...complaintExhibits(c.complainantCase));
  if (c.ring) {
    body.push(
      H('8. Timeline'),
      table(
        ['Date', 'Event', 'Detail'],
        c.timeline.map((t) => [t.at, t.kind, t.text]),
        [60, 80, '*'],
      ),
    );
    body.push(H('9. Chain of custody', 'landscape'));
    for (const x of c.exhibits) {
      body.push(
        h2(`${x.number} (sha256 ${x.sha256})`),
        table(
          ['Time', 'Event', 'By', 'Detail', 'SHA-256 at this step'],
          x.custody.map((r) => [r.at, r.event, r.by, r.detail, code(r.sha256 ?? '')]),
          [95, 100, 90, '*', 235],
        ),
      );
    }
  }

  body.push(
    ...certificationsFor(input, () => certification(input), c.referral?.jurisdiction),
    H('11. Analysis record and sources', 'landscape'),
    ...(c.record
      ? [
          table(
            ['Field', 'Value'],
            [
              ['Algorithm', c.record.algorithm],
              ['Ringlens version', c.record.codeVersion],
              ['Seed', c.record.seed],
              ['Warning-list version', c.record.warningListVersion],
              ['Input hash (SHA-256)', code(c.record.inputHash)],
              [
                'Parameters',
                Object.entries(c.record.parameters)
                  .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : JSON.stringify(v)}`)
                  .join('; '),
              ],
              ['Graph', `${c.record.nodes} nodes, ${c.record.edges} links`],
            ],
            [110, '*'],
          ),
        ]
      : []),
    h2('Source bundles'),
    // Two hashes in a row do not fit landscape Letter side by side with the bundle's name:
    // the signer key goes under the signature it made.
    table(
      ['Bundle (imported)', 'Issuer', 'SHA-256', 'Signature and signer key'],
      c.bundles.map((b) => [
        `${b.bundleId}\n${b.importedAt} by ${b.importedBy}`,
        b.issuer,
        code(b.sha256),
        {
          stack: [
            { text: b.signature.toUpperCase(), style: 'td' },
            b.signer ? code(b.signer) : { text: 'no signer key', style: 'td' },
          ],
        },
      ]),
      [120, 80, 235, '*'],
    ),
    p(`Audit log head at export: ${input.auditHead}`),
  );
  if (c.caseStatus) {
    const s = c.caseStatus;
    body.push(
      H(CASE_STATUS_HEADING, 'landscape'),
      p(
        `Status at export: ${s.status}${s.assignee ? `; assigned to ${s.assignee}` : ''}. Every change below is also in the case's audit log.`,
      ),
      h2('Status history'),
      table(
        ['Time', 'From', 'To', 'By', 'Reason'],
        s.history.map((h) => [h.at, h.from, h.to, h.by, h.reason]),
        [90, 70, 70, 60, '*'],
      ),
      h2('Outcomes recorded'),
      table(
        ['Date', 'Outcome', 'Details', 'Recorded by', 'Id'],
        s.outcomes.map((o) => [o.date, o.kind, o.details, o.recordedBy, code(o.outcome)]),
        [55, 90, '*', 90, 150],
      ),
    );
  }

  // Last: the quality page, what the pre-export checker found (blocking faults never get here).
  body.push(
    H('Quality checks before export'),
    p(
      'Checked by Ringlens before this packet was written. A blocking fault would have refused the export; warnings are listed for the reader to weigh.',
    ),
    table(
      ['Check', 'Result', 'Detail'],
      (input.quality ?? []).map((q) => [q.check, q.severity, q.detail]),
      [130, 50, '*'],
    ),
  );

  return {
    info: {
      title: `${TITLES[o.type]} — ${input.packetId}`,
      author: o.preparer ?? '',
      subject: c.ring ? `Ring ${c.ring.id}` : `Complainant ${c.dossier?.complainant.label ?? ''}`,
      creator: `Ringlens ${CODE_VERSION}`,
      producer: `Ringlens ${CODE_VERSION} (pdfmake)`,
      creationDate: new Date(date),
      modDate: new Date(date),
      // The examiner's fingerprint travels inside the PDF too: `ringlens verify` checks the
      // key that signed the manifest against it.
      keywords: `${input.packetId} ${o.type} examiner-ed25519:${input.examinerFingerprint}`,
    },
    version: '1.7',
    subset: 'PDF/A-2b',
    pageSize: input.pageSize ?? 'A4',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Ringlens', fontSize: 8.5, lineHeight: 1.15 },
    styles: STYLES,
    footer: (currentPage: number, pageCount: number) => {
      // pdfmake lays out footers after the whole body and before rendering anything.
      if (currentPage === 1) refs.resolve(pageCount);
      return pageFooter(input, currentPage, pageCount);
    },
    content: body,
  };
}

function pageFooter(input: PdfInput, currentPage: number, pageCount: number): Content {
  return {
    columns: [
      {
        text: `${input.packetId} · page ${currentPage} of ${pageCount}`,
        fontSize: 7,
        color: '#566573',
      },
      ...filingFooter(input),
      {
        text: bates(input.batesPrefix, input.batesFirst + currentPage - 1),
        alignment: 'right',
        fontSize: 9,
      },
    ],
    margin: [40, 15, 40, 0],
  };
}

/** The matter's filing status on the cover (civil packets; see civil-sellers/filing.ts). */
function filingCoverRow(input: PdfInput): [string, string][] {
  const f = filingLegend(input.content.options.type, input.filing);
  return f ? [['Filing', f.cover]] : [];
}

function filingFooter(input: PdfInput): Content[] {
  const f = filingLegend(input.content.options.type, input.filing)?.footer;
  return f ? [{ text: f, alignment: 'center', fontSize: 8, bold: true }] : [];
}

/** The joinder exhibit of a civil-sellers packet; cells cite section 2's Bates pages. */
function joinderSection(c: PacketContent, refs: PageRefs): Content[] {
  return [
    H('3a. Joinder exhibit: Does by shared identifier (FRCP 20)', 'landscape'),
    ...joinderExhibit(c.scheduleA!.joinder, (n) => refs.ref(`ident-${n}`), false),
  ];
}

/** The ring figure, its caption (from the visual language it is drawn in) and its key. */
function figureBlock(f: Figure): Content[] {
  const layout = placeFigure(f);
  return [
    p(figureCaption(f, layout)),
    { svg: figureSvg(f, layout), width: 515, font: 'Figure' },
    { svg: figureKeySvg(f), width: 515, font: 'Figure', margin: [0, 4, 0, 0] },
  ];
}

/** The width between the margins of a landscape page of the packet's paper (pt). */
const landscapeInnerWidth = (size: PdfInput['pageSize']) =>
  (size === 'LETTER' ? 792 : 841.89) - 2 * 40;

/** The exhibit list's Bates column: two numbers and a dash at 7.5 pt, whatever the prefix. */
function batesRangeWidth(prefix: string): number {
  return Math.max(100, Math.ceil((2 * (prefix.length + 7) + 1) * 4.4));
}

async function render(def: TDocumentDefinitions): Promise<Buffer> {
  ensureFonts();
  // Control and bidi characters from bundles print visibly, e.g. ‹U+202E› (util/visible-text.ts).
  return await pdfmake.createPdf(withVisibleControls(def)).getBuffer();
}

/** Any other document of a packet (the public Schedule A), in the packet's fonts. */
export async function renderDocument(def: TDocumentDefinitions): Promise<Buffer> {
  return await render(def);
}

/**
 * Lays out and renders once: Bates numbers that depend on where exhibits fall are filled
 * in between layout and rendering (page-refs.ts).
 */
export async function renderPacketPdf(input: PdfInput): Promise<{
  pdf: Buffer;
  pages: number;
  exhibitPages: Map<string, [number, number]>;
  /** Shared identifier number -> the Bates number of the page listing its sources. */
  identBates: Map<number, string>;
}> {
  const refs = new PageRefs();
  definePageTexts(input, refs);
  const pdf = await render(documentFor(input, refs));
  const pages = countPages(pdf);
  if (pages !== refs.pageCount)
    throw new Error(`packet layout gave ${refs.pageCount} pages but ${pages} were written`);
  const exhibitPages = new Map<string, [number, number]>();
  const numbers = input.content.exhibits.map((x) => x.number);
  numbers.forEach((n, i) => {
    const start = refs.pageOf(`first-${n}`);
    if (start === undefined) throw new Error(`exhibit ${n} was not laid out`);
    const next = i + 1 < numbers.length ? refs.pageOf(`first-${numbers[i + 1]}`) : undefined;
    const last = next !== undefined ? next - 1 : (refs.pageOf('after-exhibits') ?? pages);
    exhibitPages.set(n, [start, Math.max(start, last)]);
  });
  const identBates = new Map<number, string>();
  for (const s of input.content.sharedIdentifiers) {
    const page = refs.pageOf(`ident-${s.n}`);
    if (page !== undefined)
      identBates.set(s.n, bates(input.batesPrefix, input.batesFirst + page - 1));
  }
  return { pdf, pages, exhibitPages, identBates };
}

export function countPages(pdf: Buffer): number {
  const m = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g);
  return m ? m.length : 0;
}
