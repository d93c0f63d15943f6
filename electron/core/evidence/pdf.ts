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
import { PNG } from 'pngjs';
type Content = Record<string, unknown> | string;
type TableCell = Record<string, unknown>;
type TDocumentDefinitions = Record<string, unknown> & {
  pageBreakBefore?: (node: never) => boolean;
};
import { resourcesDir } from '../demo/paths';
import { CODE_VERSION } from '../version';
import type { PacketContent } from './model';
import { figureSvg } from './figure';

export interface PdfInput {
  readonly content: PacketContent;
  readonly packetId: string;
  readonly batesPrefix: string;
  readonly batesFirst: number;
  readonly auditHead: string;
  readonly examinerFingerprint: string;
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

/**
 * The picture placed on an exhibit page. pdfkit splits a PNG's alpha channel with an
 * asynchronous inflate, which makes object order (and so the bytes) vary between runs;
 * the page shows the image composited on white instead. The native file in exhibits/ is
 * the evidence and is never altered.
 */
function embeddable(mediaType: string, data: Buffer): Buffer {
  if (mediaType !== 'image/png') return data;
  const png = PNG.sync.read(data);
  return PNG.sync.write(png, {
    colorType: 2,
    inputHasAlpha: true,
    bgColor: { red: 255, green: 255, blue: 255 },
  });
}

const STYLES = {
  kicker: { fontSize: 11, color: '#922b21' },
  title: { fontSize: 20, margin: [0, 0, 0, 20] },
  h1: { fontSize: 13, margin: [0, 0, 0, 6] },
  h2: { fontSize: 10, margin: [0, 8, 0, 3] },
  th: { fontSize: 7.5, fillColor: '#eaeded' },
  td: { fontSize: 7.5 },
};

const CASE_STATUS_HEADING = '12. Case status and outcomes';
export const bates = (prefix: string, n: number) => `${prefix}${String(n).padStart(7, '0')}`;

const H = (text: string, id?: string): Content => ({
  text,
  style: 'h1',
  tocItem: true,
  outline: true,
  ...(id && { id }),
  pageBreak: 'before',
});
const h2 = (text: string): Content => ({ text, style: 'h2' });
const p = (text: string): Content => ({ text, margin: [0, 2, 0, 4] });

function table(
  header: string[],
  rows: (string | number)[][],
  widths?: (string | number)[],
): Content {
  const body: TableCell[][] = [
    header.map((h) => ({ text: h, style: 'th' })),
    ...rows.map((r) => r.map((c) => ({ text: String(c), style: 'td' }))),
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
 * `probe`: a layout pass that only needs to know where the exhibits fall. Everything after
 * them is left out, except the section headings, so the contents page (and thus every page
 * before the exhibits) comes out exactly as in the real document.
 */
function documentFor(
  input: PdfInput,
  exhibitPages: ReadonlyMap<string, [number, number]>,
  probe = false,
): TDocumentDefinitions {
  const { content: c } = input;
  const o = c.options;
  const date = `${o.date}T00:00:00Z`;
  const body: Content[] = [];
  // Cover
  body.push(
    { text: 'RINGLENS EVIDENCE PACKET', style: 'kicker', margin: [0, 120, 0, 8] },
    { text: TITLES[o.type]!, style: 'title' },
    table(
      ['', ''],
      [
        ['Case', c.caseName],
        ['Packet type', o.type],
        ['Subject', c.ring ? `Ring ${c.ring.id}` : (c.dossier?.complainant.label ?? '')],
        ['Prepared by', o.preparer],
        ['Date', o.date],
        ['Packet id', input.packetId],
        ['Redaction profile', c.redaction],
        [
          'Bates range',
          `${bates(input.batesPrefix, input.batesFirst)} onwards (see footer of each page)`,
        ],
        ['Audit log head at export', input.auditHead],
      ],
      [110, '*'],
    ),
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
          ['Order value', s.orderValue.toLocaleString('en')],
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
      { ul: d.reasons },
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
      p(
        'Frozen court view: positions as arranged by the investigator (or a seeded layout), member accounts as squares, identifiers as circles; edge numbers match the edge table.',
      ),
      { svg: figureSvg(c.figure), width: 515, font: 'Figure' },
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
        c.sharedIdentifiers.map((s) => [s.n, `${s.type}: ${s.label}`, s.members, s.sources]),
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

  if (c.defendants.length) {
    body.push(
      H(o.type === 'civil-sellers' ? '3. Schedule of defendants' : '3. Members of the ring'),
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
          d.accounts.join('\n'),
          d.testBuys.join('\n'),
          d.exhibits
            .map(
              (x) =>
                `${x} ${exhibitPages.has(x) ? bates(input.batesPrefix, input.batesFirst + exhibitPages.get(x)![0] - 1) : ''}`,
            )
            .join('\n'),
        ]),
        [28, 70, 110, 80, 90, 45, '*'],
      ),
    );
  }
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
    body.push(
      H('5. Exhibit list'),
      table(
        ['Exhibit', 'Bates range', 'Description', 'Date', 'Source', 'Custodian', 'SHA-256'],
        c.exhibits.map((x) => {
          const pages = exhibitPages.get(x.number);
          const range = pages
            ? `${bates(input.batesPrefix, input.batesFirst + pages[0] - 1)}–${bates(input.batesPrefix, input.batesFirst + pages[1] - 1)}`
            : `${bates(input.batesPrefix, 0)}–${bates(input.batesPrefix, 0)}`;
          return [x.number, range, x.description, x.date, x.source, x.custodian, x.sha256];
        }),
        [38, 62, 90, 45, 70, 50, '*'],
      ),
    );
    c.exhibits.forEach((x, i) => {
      body.push(
        {
          text: `Exhibit ${x.number}: ${x.name}`,
          style: 'h1',
          pageBreak: 'before',
          tocItem: i === 0,
          outline: true,
        },
        // The id sits on the first node after the heading: pdfmake reports positions only for nodes without a forced break.
        {
          id: `exhibit-${x.number}`,
          ...(table(
            ['Field', 'Value'],
            [
              ['File in packet', `exhibits/${x.fileName}`],
              ['Media type', x.mediaType],
              ['Size (bytes)', x.data.length],
              ['SHA-256', x.sha256],
              ['Date', x.date],
              ['Source', x.source],
              ['Custodian', x.custodian],
              ['Concerns', x.about.join(', ')],
            ],
            [100, '*'],
          ) as Record<string, unknown>),
        },
        x.mediaType === 'image/png' || x.mediaType === 'image/jpeg'
          ? {
              image: `data:${x.mediaType};base64,${embeddable(x.mediaType, x.data).toString('base64')}`,
              fit: [480, 420],
              margin: [0, 8, 0, 0],
            }
          : p(
              `This exhibit is a ${x.mediaType} file; it is included natively as exhibits/${x.fileName} and identified by its SHA-256 above.`,
            ),
      );
    });
    body.push({ text: ' ', id: 'after-exhibits', fontSize: 1 });
    if (probe) {
      body.push(
        H('6. Transactions'),
        H('7. IP complaints'),
        H('8. Timeline'),
        H('9. Chain of custody'),
        H('10. Certification of records by hash (draft, FRE 902(13)/(14) style)'),
        H('11. Analysis record and sources'),
      );
      if (c.caseStatus) body.push(H(CASE_STATUS_HEADING));
      return {
        pageSize: 'A4',
        pageMargins: [40, 40, 40, 50],
        defaultStyle: { font: 'Ringlens', fontSize: 8.5, lineHeight: 1.15 },
        styles: STYLES,
        content: body,
      };
    }

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
  if (c.ring) {
    body.push(
      H('8. Timeline'),
      table(
        ['Date', 'Event', 'Detail'],
        c.timeline.map((t) => [t.at, t.kind, t.text]),
        [60, 80, '*'],
      ),
    );
    body.push(H('9. Chain of custody'));
    for (const x of c.exhibits) {
      body.push(
        h2(`${x.number} (sha256 ${x.sha256})`),
        table(
          ['Time', 'Event', 'By', 'Detail'],
          x.custody.map((r) => [r.at, r.event, r.by, r.detail]),
          [90, 90, 80, '*'],
        ),
      );
    }
  }

  body.push(
    H('10. Certification of records by hash (draft, FRE 902(13)/(14) style)'),
    p(
      `I, ${o.preparer}, certify that I am qualified to do so and that the records in this packet were produced by Ringlens version ${CODE_VERSION} from the encrypted case "${c.caseName}" on ${o.date}. Each exhibit was imported from the lead bundle named in its chain of custody, whose SHA-256 and signature status are given there; the bytes of each exhibit file in exhibits/ are identical to the bytes received, which I verified by computing SHA-256 (FIPS 180-4) digests, listed below and in SHA256SUMS. The packet manifest lists every file with its SHA-256 and is signed with Ed25519 (RFC 8032) by the examiner key with fingerprint ${input.examinerFingerprint}. Anyone can repeat these checks with standard tools as described in VERIFY.txt.`,
    ),
    table(
      ['Exhibit', 'Algorithm', 'Value'],
      c.exhibits.map((x) => [x.number, 'SHA-256', x.sha256]),
      [50, 50, '*'],
    ),
    p(
      'Signature: ______________________________    Date: ________________    Place: ________________',
    ),
    H('11. Analysis record and sources'),
    ...(c.record
      ? [
          table(
            ['Field', 'Value'],
            [
              ['Algorithm', c.record.algorithm],
              ['Ringlens version', c.record.codeVersion],
              ['Seed', c.record.seed],
              ['Warning-list version', c.record.warningListVersion],
              ['Input hash (SHA-256)', c.record.inputHash],
              ['Parameters', JSON.stringify(c.record.parameters)],
              ['Graph', `${c.record.nodes} nodes, ${c.record.edges} links`],
            ],
            [110, '*'],
          ),
        ]
      : []),
    h2('Source bundles'),
    table(
      ['Bundle', 'Issuer', 'SHA-256', 'Signature', 'Signer', 'Imported'],
      c.bundles.map((b) => [
        b.bundleId,
        b.issuer,
        b.sha256,
        b.signature.toUpperCase(),
        b.signer ?? '—',
        `${b.importedAt} by ${b.importedBy}`,
      ]),
      [70, 60, '*', 50, 80, 70],
    ),
    p(`Audit log head at export: ${input.auditHead}`),
  );
  if (c.caseStatus) {
    const s = c.caseStatus;
    body.push(
      H(CASE_STATUS_HEADING),
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
        s.outcomes.map((o) => [o.date, o.kind, o.details, o.recordedBy, o.outcome]),
        [50, 70, '*', 60, 60],
      ),
    );
  }

  return {
    info: {
      title: `${TITLES[o.type]} — ${input.packetId}`,
      author: o.preparer,
      subject: c.ring ? `Ring ${c.ring.id}` : `Complainant ${c.dossier?.complainant.label ?? ''}`,
      creator: `Ringlens ${CODE_VERSION}`,
      producer: `Ringlens ${CODE_VERSION} (pdfmake)`,
      creationDate: new Date(date),
      modDate: new Date(date),
      keywords: `${input.packetId} ${o.type}`,
    },
    version: '1.7',
    subset: 'PDF/A-2b',
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Ringlens', fontSize: 8.5, lineHeight: 1.15 },
    styles: STYLES,
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        {
          text: `${input.packetId} · page ${currentPage} of ${pageCount}`,
          fontSize: 7,
          color: '#566573',
        },
        {
          text: bates(input.batesPrefix, input.batesFirst + currentPage - 1),
          alignment: 'right',
          fontSize: 9,
        },
      ],
      margin: [40, 15, 40, 0],
    }),
    content: body,
  };
}

async function render(def: TDocumentDefinitions): Promise<Buffer> {
  ensureFonts();
  return await pdfmake.createPdf(def).getBuffer();
}

/**
 * Renders twice: the first pass finds the page where each exhibit starts, the second
 * prints the Bates ranges (fixed-width, so the layout does not move).
 */
export async function renderPacketPdf(
  input: PdfInput,
): Promise<{ pdf: Buffer; pages: number; exhibitPages: Map<string, [number, number]> }> {
  // pdfmake leaves each laid-out node's positions on the node itself; reading the exhibit
  // markers' pages after the first pass is linear (its pageBreakBefore hook is quadratic).
  const exhibitPages = new Map<string, [number, number]>();
  if (input.content.exhibits.length === 0) {
    const pdf = await render(documentFor(input, exhibitPages));
    return { pdf, pages: countPages(pdf), exhibitPages };
  }
  const probe = documentFor(input, new Map(), true);
  const first = await render(probe);
  const markers = new Map<string, number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as {
      id?: string;
      positions?: { pageNumber: number }[];
      stack?: unknown;
      table?: unknown;
    };
    if (n.id && n.positions?.length) markers.set(n.id, n.positions[0]!.pageNumber);
  };
  visit(probe.content);
  const pages = countPages(first);
  const numbers = input.content.exhibits.map((x) => x.number);
  numbers.forEach((n, i) => {
    const start = markers.get(`exhibit-${n}`);
    if (start === undefined) throw new Error(`exhibit ${n} was not laid out`);
    const last =
      i + 1 < numbers.length
        ? markers.get(`exhibit-${numbers[i + 1]}`)! - 1
        : (markers.get('after-exhibits') ?? pages);
    exhibitPages.set(n, [start, Math.max(start, last)]);
  });
  const pdf = await render(documentFor(input, exhibitPages));
  return { pdf, pages: countPages(pdf), exhibitPages };
}

export function countPages(pdf: Buffer): number {
  const m = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g);
  return m ? m.length : 0;
}
