/**
 * The pre-export checker: what a reviewing lawyer would catch before a packet leaves the
 * building. A blocking fault refuses the export with its reason; warnings are printed on
 * the packet's quality page (the last section of every packet) and returned to the caller.
 */
import { RinglensError } from '../../../shared/errors';
import type { PacketContent } from './model';
import { latestEvent } from './packet-date';
import { checkPageGeometry, EDGE_X, EDGE_Y } from './pdf-geometry';

export interface QualityFinding {
  readonly check: string;
  readonly severity: 'passed' | 'warning' | 'blocking';
  readonly detail: string;
}

/** The order a test-buy parcel's handling must follow. */
const PARCEL_ORDER = ['ordered', 'shipped', 'received', 'unboxed', 'authenticated', 'stored'];
/** A photo "at unboxing" taken this long after the parcel arrived is questioned. */
const LATE_CAPTURE_DAYS = 30;

const day = (at: string) => Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at);

/** Custody inconsistencies of one exhibit, in words. */
export function custodyProblems(x: PacketContent['exhibits'][number]): string[] {
  const out: string[] = [];
  const parcel = x.custody
    .filter((r) => r.event.startsWith('parcel '))
    .map((r) => ({ ...r, step: r.event.slice('parcel '.length) }));
  const seq = parcel
    .filter((r) => PARCEL_ORDER.includes(r.step))
    .sort((a, b) => PARCEL_ORDER.indexOf(a.step) - PARCEL_ORDER.indexOf(b.step));
  for (let i = 1; i < seq.length; i++)
    if (day(seq[i]!.at) < day(seq[i - 1]!.at))
      out.push(
        `${x.number}: parcel ${seq[i]!.step} at ${seq[i]!.at}, before it was ${seq[i - 1]!.step} (${seq[i - 1]!.at})`,
      );
  const captured = x.custody.find((r) => r.event === 'captured');
  const ordered = seq.find((r) => r.step === 'ordered');
  const received = seq.find((r) => r.step === 'received');
  const unboxed = seq.find((r) => r.step === 'unboxed');
  if (captured && ordered && day(captured.at) < day(ordered.at))
    out.push(`${x.number}: captured ${captured.at}, before the parcel was ordered (${ordered.at})`);
  else if (captured && received && day(captured.at) < day(received.at))
    out.push(
      `${x.number}: captured ${captured.at}, before the parcel was received (${received.at})`,
    );
  const after = unboxed ?? received;
  if (captured && after && day(captured.at) - day(after.at) > LATE_CAPTURE_DAYS * 86_400_000)
    out.push(
      `${x.number}: captured ${captured.at}, ${Math.round((day(captured.at) - day(after.at)) / 86_400_000)} days after the parcel was ${after.step} (${after.at})`,
    );
  return out;
}

/** Phones (10+ digits) or e-mail addresses still present in free text of a redacted packet. */
function personalDataLeft(c: PacketContent): string[] {
  if (c.redaction === 'none') return [];
  const texts = [
    ...c.complaints.map((k) => k.refutation),
    ...c.timeline.map((t) => t.text),
    ...c.exhibits.flatMap((x) => [x.description, ...x.custody.map((r) => r.detail)]),
    ...(c.caseStatus?.outcomes.map((o) => o.details) ?? []),
    ...(c.caseStatus?.history.map((h) => h.reason) ?? []),
  ];
  const hits: string[] = [];
  for (const t of texts)
    for (const m of t.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d\s-]{8,}\d/g))
      if (m[0].includes('@') || m[0].replace(/\D/g, '').length >= 10) hits.push(m[0]);
  for (const v of c.masked) for (const t of texts) if (t.includes(v)) hits.push(v);
  return [...new Set(hits)];
}

export function checkPacket(c: PacketContent): QualityFinding[] {
  const f: QualityFinding[] = [];
  const add = (check: string, problems: string[], bad: 'warning' | 'blocking', ok: string) =>
    f.push(
      problems.length
        ? { check, severity: bad, detail: problems.join('; ') }
        : { check, severity: 'passed', detail: ok },
    );
  if (c.ring) {
    const hubs = new Set(c.suppressedHubKeys);
    add(
      'Hubs in freeze lists',
      c.defendants.flatMap((d) =>
        d.accounts.filter((a) => hubs.has(a.key)).map((a) => `${d.doe}: ${a.account}`),
      ),
      'blocking',
      `no account to freeze is a suppressed hub or warning-listed (${c.notFrozen.length} set aside)`,
    );
    add(
      'Contents complete',
      c.exhibits.length === 0 ? ['the packet has no exhibits'] : [],
      'warning',
      `${c.exhibits.length} exhibits, each listed in the contents with its Bates range`,
    );
    add(
      'Custody order',
      c.exhibits.flatMap(custodyProblems),
      'warning',
      'every exhibit’s handling is in a possible order',
    );
    add(
      'Test buys without exhibits',
      c.defendants
        .filter((d) => d.testBuys.length > 0 && d.exhibits.length === 0)
        .map((d) => `${d.doe} (${d.testBuys.join(', ')})`),
      'warning',
      'every test buy has an exhibit',
    );
    add(
      'Mixed currencies',
      c.summary.orderValueText.includes(';') ? [`order values in ${c.summary.orderValueText}`] : [],
      'warning',
      `order values in one currency (${c.summary.orderValueText})`,
    );
  }
  const latest = latestEvent(c);
  f.push({
    check: 'Packet date against the data',
    severity: 'passed',
    detail: `dated ${c.options.date}; latest event in the packet ${latest?.at ?? 'none'}`,
  });
  add(
    'Unsigned sources',
    c.bundles
      .filter((b) => b.signature !== 'trusted')
      .map((b) => `bundle ${b.bundleId} is ${b.signature}`),
    'warning',
    'every source bundle carries a trusted signature',
  );
  f.push(marginFinding());
  add(
    'Personal data left in free text',
    personalDataLeft(c).map(() => 'a masked value, phone number or e-mail address'),
    'blocking',
    c.redaction === 'none' ? 'no redaction profile applies' : 'none found after masking',
  );
  return f;
}

/**
 * The margin check as the quality page prints it. It runs on the rendered PDF (see
 * `refuseTextPastMargins`), after the page is laid out, so the page can only ever say
 * "passed": a packet with text past its margins is never written.
 */
export function marginFinding(): QualityFinding {
  return {
    check: 'Text past margins',
    severity: 'passed',
    detail: `every line of text on every page lies inside the printable area (at least ${EDGE_X} pt from the left and right edges, ${EDGE_Y} pt from the top and bottom), measured on this rendered PDF before it was written`,
  };
}

/**
 * Refuses a rendered packet with text outside the printable area: such text cannot be read
 * on paper or screen yet is returned by text extraction (hidden text). Names the pages and
 * the text so the cause can be found.
 */
export function refuseTextPastMargins(pdf: Buffer): { pages: number; runs: number } {
  const g = checkPageGeometry(pdf);
  if (!g.outside.length) return { pages: g.pages, runs: g.runs };
  const where = (r: (typeof g.outside)[number]) => {
    const past = [
      r.xMin < EDGE_X && `${Math.round(EDGE_X - r.xMin)} pt past the left edge`,
      r.xMax > r.width - EDGE_X &&
        `${Math.round(r.xMax - (r.width - EDGE_X))} pt past the right edge`,
      r.yMin < EDGE_Y && `${Math.round(EDGE_Y - r.yMin)} pt past the bottom edge`,
      r.yMax > r.height - EDGE_Y &&
        `${Math.round(r.yMax - (r.height - EDGE_Y))} pt past the top edge`,
    ].filter(Boolean);
    return `page ${r.page}: “${r.text.trim()}” runs ${past.join(' and ')}`;
  };
  const shown = g.outside.slice(0, 5).map(where);
  throw new RinglensError(
    'INVALID_ARGUMENT',
    `the packet was not exported: Text past margins: ${g.outside.length} run${g.outside.length > 1 ? 's' : ''} of text would print outside the page (${shown.join('; ')}${g.outside.length > 5 ? '; …' : ''})`,
    {
      hint: 'shorten the value named above (a Bates prefix, a name or an identifier) or choose A4 paper in the matter settings, then export again',
    },
  );
}
