/**
 * The Schedule A pages: the joinder exhibit printed in the (sealed) packet, and the public
 * version of Schedule A (account numbers to their last four digits), its joinder exhibit
 * and the redaction log, printed as a separate document produced with the packet.
 */
import type { PacketContent } from '../model';
import type { JoinderGrid } from './joinder';
import { FRCP_5_2, lastFour, type RedactionEntry, type ScheduleARow } from './schedule-a';

type Node = Record<string, unknown>;
type Cell = Node | string;

const th = (text: string): Node => ({ text, style: 'th' });
const td = (text: string | Node[]): Node => ({ text, style: 'td' });
const hashCell = (text: string): Node => ({ text, style: 'td', fontSize: 6.2 });

function grid(
  header: string[],
  rows: Cell[][],
  widths: (number | string)[],
  dontBreakRows = true,
): Node {
  const body: Cell[][] = [
    header.map(th),
    ...(rows.length ? rows : [header.map((_, i) => (i === 0 ? '(none)' : ''))]).map((r) =>
      r.map((c) => (typeof c === 'string' ? td(c) : c)),
    ),
  ];
  return {
    table: { headerRows: 1, widths, body, dontBreakRows },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 8],
  };
}

/** Identifier columns per table: a landscape page holds the Doe column and six more. */
const PER_TABLE = 6;
const MAX_SOURCES = 2;

/** The label of an identifier column; account numbers cut in the public version. */
function columnLabel(c: JoinderGrid['columns'][number], publicVersion: boolean): string {
  const account = c.type === 'payment account' || c.type === 'bank account';
  return `#${c.n} ${c.type}\n${publicVersion && account ? lastFour(c.label, c.key.split('|').at(-1)) : c.label}`;
}

/**
 * The joinder exhibit: a summary of each Doe's ties, then the grid of Doe by shared
 * identifier. Each cell gives the source rows of the Doe's links to the identifier and the
 * Bates page where the identifier's sources are printed (`cite`).
 */
export function joinderExhibit(
  g: JoinderGrid,
  cite: (n: number) => Node,
  publicVersion: boolean,
): Node[] {
  const flagged = g.rows.filter((r) => r.flag);
  const out: Node[] = [
    {
      text: `Each row is a Doe; each column an identifier that two or more Does share (numbered as in the shared-identifier table of section 2). A cell names the bundle rows that tie the Doe's seller account or stores to the identifier, and the Bates page where those rows are listed in the packet. ${
        flagged.length
          ? `${flagged.length} Doe${flagged.length > 1 ? 's are' : ' is'} flagged below: a Doe tied to the others by one identifier only is the weakest case for joinder under FRCP 20.`
          : 'Every Doe is tied to the others by two or more identifiers.'
      }${g.singleDoeIdentifiers ? ` ${g.singleDoeIdentifiers} further identifier${g.singleDoeIdentifiers > 1 ? 's are' : ' is'} shared only among one Doe's own stores and not shown.` : ''}`,
      margin: [0, 2, 0, 4],
    },
    grid(
      ['Doe', 'Seller alias', 'Identifiers tying it to other Does', 'Joinder flag'],
      g.rows.map((r) => [
        r.doe,
        r.alias,
        r.ties.length ? `${r.ties.length}: ${r.ties.map((n) => `#${n}`).join(', ')}` : 'none',
        r.flag ? { text: `FLAG: ${r.flag}`, style: 'td', color: '#922b21' } : '',
      ]),
      [50, 120, '*', 260],
    ),
  ];
  for (let i = 0; i < g.columns.length; i += PER_TABLE) {
    const cols = g.columns.slice(i, i + PER_TABLE);
    out.push(
      {
        text: `Grid, identifiers ${cols[0]!.n}–${cols.at(-1)!.n}`,
        style: 'h2',
        ...(i > 0 && { pageBreak: 'before', pageOrientation: 'landscape' }),
      },
      grid(
        ['Doe', ...cols.map((c) => columnLabel(c, publicVersion))],
        g.rows.map((r) => [
          r.flag ? { text: `${r.doe}\nFLAG`, style: 'td', color: '#922b21' } : r.doe,
          ...cols.map((c): Cell => {
            const sources = r.cells.get(c.n);
            if (!sources) return '';
            const shown = sources.slice(0, MAX_SOURCES).join('\n');
            const more =
              sources.length > MAX_SOURCES
                ? `\n+${sources.length - MAX_SOURCES} more (data/joinder.csv)`
                : '';
            // The citation in a node of its own: pdfmake resolves a page reference on a
            // node's first line only.
            return {
              stack: [td(`${shown}${more}`), td(['Bates ', cite(c.n)] as unknown as Node[])],
            };
          }),
        ]),
        [50, ...cols.map(() => '*')],
      ),
    );
  }
  return out;
}

/** The log as printed: each redacted value once, with every Doe whose row shows it. */
export function redactionLogTable(log: readonly RedactionEntry[]): Node {
  const by = new Map<string, { e: RedactionEntry; does: string[] }>();
  for (const e of log) {
    const k = `${e.field}\u0000${e.sealedSha256}\u0000${e.shownAs}`;
    const g = by.get(k) ?? { e, does: [] };
    g.does.push(e.doe.replace('Doe ', ''));
    by.set(k, g);
  }
  return grid(
    ['Field', 'Shown as', 'In the rows of', 'SHA-256 of the sealed value'],
    [...by.values()].map(({ e, does }) => [
      e.field,
      e.shownAs,
      `Doe ${does.join(', ')}`,
      hashCell(e.sealedSha256),
    ]),
    [90, 170, '*', 235],
  );
}

/** "bank (from WeChat Pay ****7227)" -> payment account -> its banks, in order. */
function payoutsByVia(payouts: readonly string[]): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const p of payouts) {
    const m = /^(.*) \(from (.*)\)$/.exec(p);
    const [bank, via] = m ? [m[1]!, m[2]!] : [p, ''];
    by.set(via, [...(by.get(via) ?? []), bank]);
  }
  return by;
}

/** More banks than this behind one payment account are listed once, in the payout table. */
const LIST_INLINE = 3;

function payoutCell(payouts: readonly string[]): string {
  return [...payoutsByVia(payouts)]
    .map(([via, banks]) =>
      banks.length > LIST_INLINE
        ? `${via} withdraws to ${banks.length} bank accounts (payout table below)`
        : via
          ? `${via} withdraws to: ${banks.join('; ')}`
          : banks.join('; '),
    )
    .join('\n');
}

/** Payment accounts with many payout banks: each listed once, with the Does it serves. */
export function payoutTable(rows: readonly ScheduleARow[]): Node | null {
  const all = new Map<string, { banks: string[]; does: string[] }>();
  for (const r of rows)
    for (const [via, banks] of payoutsByVia(r.payoutAccounts)) {
      if (banks.length <= LIST_INLINE) continue;
      const e = all.get(via) ?? { banks, does: [] };
      e.does.push(r.doe.replace('Doe ', ''));
      all.set(via, e);
    }
  if (!all.size) return null;
  return grid(
    ['Payment account', 'Bank accounts it withdraws to (to freeze)', 'Does'],
    [...all].map(([via, e]) => [via, e.banks.join('; '), `Doe ${e.does.join(', ')}`]),
    [130, '*', 150],
    false,
  );
}

export function scheduleATable(rows: readonly ScheduleARow[]): Node {
  const j = (v: readonly string[]) => v.join('\n');
  return grid(
    [
      'Doe',
      'Platform',
      'Seller alias',
      'Store name and URL',
      'Marketplace ids',
      'Country',
      'Service e-mail',
      'Payment accounts to freeze',
      'Payout accounts to freeze',
    ],
    rows.map((r) => [
      r.doe,
      r.platform,
      r.sellerAlias,
      r.storeNames.map((n, k) => `${n}\n${r.storeUrls[k] ?? ''}`).join('\n'),
      j(r.marketplaceIds),
      r.country,
      j(r.serviceEmails),
      j(r.paymentAccounts),
      payoutCell(r.payoutAccounts),
    ]),
    // Fits landscape Letter (712 pt inside the margins) as well as A4.
    [30, 62, 55, '*', 55, 34, 80, 75, 120],
    false,
  );
}

const STYLES = {
  title: { fontSize: 16, margin: [0, 0, 0, 10] },
  kicker: { fontSize: 10, color: '#922b21' },
  h1: { fontSize: 13, margin: [0, 0, 0, 6] },
  h2: { fontSize: 10, margin: [0, 8, 0, 3] },
  th: { fontSize: 7.5, fillColor: '#eaeded' },
  td: { fontSize: 7.5 },
};

/**
 * The public version, a document of its own: Schedule A with account numbers cut to their
 * last four digits, the joinder exhibit citing the sealed packet's Bates pages, and the log
 * of every cut.
 */
export function publicScheduleDocument(
  c: PacketContent,
  packetId: string,
  identBates: ReadonlyMap<number, string>,
  pageSize: 'A4' | 'LETTER',
): Node {
  const s = c.scheduleA!;
  const date = new Date(`${c.options.date}T00:00:00Z`);
  const H = (text: string, pageBreak = true): Node => ({
    text,
    style: 'h1',
    ...(pageBreak && { pageBreak: 'before' }),
    pageOrientation: 'landscape',
  });
  return {
    info: {
      title: `Schedule A, public version — ${packetId}`,
      author: c.options.preparer ?? '',
      subject: c.ring ? `Ring ${c.ring.id}` : '',
      creator: 'Ringlens',
      producer: 'Ringlens (pdfmake)',
      creationDate: date,
      modDate: date,
      keywords: `${packetId} civil-sellers public-version`,
    },
    version: '1.7',
    subset: 'PDF/A-2b',
    pageSize,
    pageOrientation: 'landscape',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Ringlens', fontSize: 8.5, lineHeight: 1.15 },
    styles: STYLES,
    footer: (page: number, pages: number) => ({
      text: `PUBLIC VERSION (redacted under FRCP 5.2) · Schedule A of packet ${packetId} · page ${page} of ${pages}`,
      fontSize: 7,
      color: '#566573',
      margin: [40, 15, 40, 0],
    }),
    content: [
      { text: 'PUBLIC VERSION: REDACTED UNDER FRCP 5.2', style: 'kicker' },
      { text: `Schedule A — ${c.caseName}`, style: 'title' },
      {
        text: `Produced with packet ${packetId} on ${c.options.date}. Financial-account numbers are cut to their last four digits; the unredacted schedule is in the packet (packet.pdf, data/schedule-a.csv and .xlsx) for filing under seal. Every cut is listed in the redaction log at the end, with the SHA-256 of the sealed value so each public entry can be paired with its sealed one.`,
        margin: [0, 0, 0, 6],
      },
      scheduleATable(s.public),
      ...(payoutTable(s.public)
        ? [{ text: 'Payout table', style: 'h2' }, payoutTable(s.public)!]
        : []),
      H('Joinder exhibit: Does by shared identifier'),
      ...joinderExhibit(
        s.joinder,
        (n) => ({ text: `${identBates.get(n) ?? '—'} (sealed packet)` }),
        true,
      ),
      H('Redaction log'),
      { text: `Rule applied: ${FRCP_5_2}.`, margin: [0, 0, 0, 4] },
      redactionLogTable(s.redactionLog),
    ],
  };
}
