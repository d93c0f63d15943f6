/**
 * The civil-sellers (Schedule A) packet of `ringlens generate --seed 5 --sellers 2000`, ring
 * R-0018, read the way counsel and the clerk would: the schedule with Python's csv module,
 * the workbook with Python's zipfile and XML parser, every cited source row looked up in the
 * bundle itself, every Bates citation checked against the page it names (pdftotext), every
 * word's box on every page (pdftotext -bbox), and the public version searched for any full
 * account number. A second case (generator evasion mode) gets confirmed and unconfirmed
 * identity matches, and its packet must cite the first and never the second.
 * Page images are kept under test/artifacts/packet-15b/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeGeneratedBundle } from '../../../../electron/core/generate/write-generated';
import {
  createCase,
  closeCase,
  openCase,
  type CaseStore,
} from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { analyseCase, findRing } from '../../../../electron/core/graph/analyse';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import { setMatterSettings } from '../../../../electron/core/evidence/matter';
import { listMatches } from '../../../../electron/core/identity/matches';
import { decideMatch } from '../../../../electron/core/identity/decisions';
import { evasionCase } from '../../../support/evasion-case';
import { tempDir } from '../../../support/temp';

const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', 'artifacts', 'packet-15b');
const TODAY = new Date().toISOString().slice(0, 10);
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

let dir: string;
let bundle: string;
let store: CaseStore;
let root: string;
let zip: string;

function unpack(file: string): string {
  const out = tempDir('ringlens-15b-unpacked-');
  execFileSync('unzip', ['-q', file, '-d', out]);
  return out;
}
/** Python's csv module: an independent reader of the spreadsheet files. */
function pyCsv(file: string): string[][] {
  return JSON.parse(
    execFileSync(
      'python3',
      [
        '-c',
        'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline="")))))',
        file,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    ),
  ) as string[][];
}
/** The first sheet of a workbook, read with Python's zipfile and ElementTree. */
function pyXlsx(file: string, sheet = 1): string[][] {
  const script = `
import zipfile, json, sys, re
import xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
root = ET.fromstring(z.read('xl/worksheets/sheet%s.xml' % sys.argv[2]))
rows = []
for r in root.find('m:sheetData', ns):
    row = []
    for c in r:
        t = c.find('m:is/m:t', ns)
        v = t.text or '' if t is not None else ''
        row.append(re.sub(r'_x([0-9A-F]{4})_', lambda m: chr(int(m.group(1), 16)), v))
    rows.append(row)
print(json.dumps(rows))`;
  return JSON.parse(
    execFileSync('python3', ['-c', script, file, String(sheet)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  ) as string[][];
}
const pdfText = (pdf: string, page?: number) =>
  execFileSync(
    'pdftotext',
    ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), pdf, '-'],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
const pageCount = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);

/** Every word outside the page minus margins (30 pt at the sides, 20 pt top and bottom). */
function wordsOutside(pdf: string): string[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const out: string[] = [];
  html
    .split('<page ')
    .slice(1)
    .forEach((page, i) => {
      const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!.map(Number);
      for (const m of page.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number);
        if (x0! < 30 || y0! < 20 || x1! > w! - 30 || y1! > h! - 20) out.push(`p${i + 1} ${m[5]}`);
      }
    });
  return out;
}

beforeAll(async () => {
  dir = tempDir('ringlens-15b-');
  bundle = join(dir, 's5.zip');
  await writeGeneratedBundle({ out: bundle, seed: 5, sellers: 2000, format: 'jsonl' });
  store = createCase(join(dir, 's5.ringlens'), 'packet test passphrase');
  await importBundle(store, bundle, { allowUnsigned: true, actor: 'tester' });
  setMatterSettings(
    store.db,
    {
      title: 'NorthPeak v. Does 1-25',
      batesPrefix: 'NPK',
      pageSize: 'LETTER',
      examiner: {
        name: 'Jane Examiner',
        title: 'Senior Investigator',
        organisation: 'ExampleMarket Trust & Safety',
        qualifications: '',
      },
    },
    'tester',
  );
  zip = join(dir, 'civil.zip');
  await exportPacket(
    store.db,
    join(dir, 's5.ringlens'),
    { type: 'civil-sellers', ringId: 'R-0018', date: TODAY },
    zip,
    'tester',
  );
  root = unpack(zip);
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of ['packet.pdf', 'schedule-a-public.pdf'])
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      join(root, f),
      join(ARTIFACTS, f.replace('.pdf', '')),
    ]);
}, 600_000);
afterAll(() => closeCase(store));

/** The ring's Does from the case itself: seller -> its shops (SQL, not Ringlens' model). */
function doesFromCase(): { seller: string; shops: { key: string; url: string }[] }[] {
  const ring = findRing(analyseCase(store.db), 'R-0018');
  const inRing = new Set(ring.shops.map((s) => s.id));
  return ring.sellers.map((s) => ({
    seller: s.key,
    shops: (
      store.db
        .prepare(
          "SELECT e.id, e.key, json_extract(e.props, '$.url') AS url FROM links l JOIN entities e ON e.id = l.dst WHERE l.src = ? AND l.type = 'operates' ORDER BY l.id",
        )
        .all(s.id) as { id: number; key: string; url: string }[]
    )
      .filter((x) => inRing.has(x.id))
      .map(({ key, url }) => ({ key, url })),
  }));
}

describe('Schedule A spreadsheet', () => {
  it('has one row per Doe with platform, alias, store URL, ids, country, e-mail and accounts', () => {
    const rows = pyCsv(join(root, 'data', 'schedule-a.csv'));
    expect(rows[0]).toEqual([
      'Doe',
      'Platform',
      'Seller alias',
      'Seller name',
      'Store name',
      'Store URL',
      'Marketplace id (seller; stores)',
      'Country',
      'Country from',
      'Service e-mail',
      'Payment accounts to freeze',
      'Payout accounts to freeze',
      'Account source rows (bundle file:line)',
    ]);
    const does = doesFromCase();
    expect(rows.length - 1).toBe(does.length);
    rows.slice(1).forEach((r, i) => {
      expect(r[0]).toBe(`Doe ${i + 1}`);
      expect(r[1]).toBe('ExampleMarket');
      expect(r[5]!.split('; ')).toEqual(does[i]!.shops.map((s) => s.url));
      expect(r[7]).toBe('CN');
      expect(r[9]).toMatch(/@/);
      expect(r[10]).not.toMatch(/ESCROW/);
    });
    // R-0018's shared WeChat Pay account and the bank accounts it withdraws to (SQL, two hops).
    const banks = store.db
      .prepare(
        "SELECT b.label FROM entities p JOIN links l ON l.src = p.id AND l.type = 'withdraws_to' JOIN entities b ON b.id = l.dst WHERE p.label = 'WeChat Pay 279811487227' ORDER BY l.id",
      )
      .pluck()
      .all() as string[];
    expect(banks.length).toBeGreaterThan(10);
    const doe1 = rows[1]!;
    expect(doe1[10]).toBe('WeChat Pay 279811487227');
    for (const b of banks) expect(doe1[11]).toContain(`${b} (from WeChat Pay 279811487227)`);
  });

  it('cites for each account a bundle row that really links the Doe to it', () => {
    const lines = execFileSync('unzip', ['-p', bundle, 'links/links-0001.jsonl'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }).split('\n');
    const does = doesFromCase();
    const rows = pyCsv(join(root, 'data', 'schedule-a.csv')).slice(1);
    rows.forEach((r, i) => {
      const members = new Set([does[i]!.seller, ...does[i]!.shops.map((s) => s.key)]);
      const direct = r[10]!.split('; ').filter(Boolean);
      for (const src of r[12]!
        .split('; ')
        .filter((s) => direct.some((a) => s.startsWith(`${a}:`)))) {
        const line = Number(/:(\d+)$/.exec(src)![1]);
        const row = JSON.parse(lines[line - 1]!) as { type: string; from: string };
        expect(['paid_to', 'uses']).toContain(row.type);
        expect(members.has(row.from), `${r[0]} ${src}`).toBe(true);
      }
    });
  });

  it('writes the same cells to the workbook, formulas as text', () => {
    const csv = pyCsv(join(root, 'data', 'schedule-a.csv'));
    const xlsx = pyXlsx(join(root, 'data', 'schedule-a.xlsx'));
    expect(xlsx).toEqual(csv.map((r) => r.map((v) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v))));
    const pub = pyXlsx(join(root, 'data', 'schedule-a.public.xlsx'));
    expect(pub).toEqual(pyCsv(join(root, 'data', 'schedule-a.public.csv')));
    expect(pyXlsx(join(root, 'data', 'schedule-a.public.xlsx'), 2)).toEqual(
      pyCsv(join(root, 'data', 'redaction-log.csv')),
    );
  });
});

describe('sealed and public versions', () => {
  const numbers = () =>
    store.db
      .prepare(
        "SELECT json_extract(props, '$.accountNumber') FROM entities WHERE type IN ('payment_account', 'bank_account')",
      )
      .pluck()
      .all() as string[];

  it('cuts every account number to its last four digits in the public schedule, workbook and PDF', () => {
    const sealed = pyCsv(join(root, 'data', 'schedule-a.csv')).slice(1);
    const pub = pyCsv(join(root, 'data', 'schedule-a.public.csv')).slice(1);
    const sealedText = readFileSync(join(root, 'data', 'schedule-a.csv'), 'utf8');
    const inSealed = numbers().filter((n) => n.length > 4 && sealedText.includes(n));
    expect(inSealed.length).toBeGreaterThan(20);
    const publicTexts = [
      readFileSync(join(root, 'data', 'schedule-a.public.csv'), 'utf8'),
      JSON.stringify(pyXlsx(join(root, 'data', 'schedule-a.public.xlsx'))),
      readFileSync(join(root, 'data', 'redaction-log.csv'), 'utf8'),
      readFileSync(join(root, 'data', 'joinder.public.csv'), 'utf8'),
      pdfText(join(root, 'schedule-a-public.pdf')).replace(/\s+/g, ''),
    ];
    for (const n of inSealed)
      for (const t of publicTexts) expect(t.includes(n), `${n} in a public file`).toBe(false);
    // The same accounts, cut: "WeChat Pay 279811487227" -> "WeChat Pay ****7227".
    pub.forEach((r, i) => {
      expect(r[10]).toBe(sealed[i]![10]!.replace(/\d{5,}/g, (d) => `****${d.slice(-4)}`));
      expect(r[11]).toBe(sealed[i]![11]!.replace(/\d{5,}/g, (d) => `****${d.slice(-4)}`));
      // Nothing else changes (FRCP 5.2 asks only for the account numbers).
      expect(r.slice(0, 10)).toEqual(sealed[i]!.slice(0, 10));
    });
  });

  it('logs every cut with the SHA-256 of the sealed value', () => {
    const log = pyCsv(join(root, 'data', 'redaction-log.csv'));
    expect(log[0]).toEqual(['Doe', 'Field', 'Shown as', 'Rule', 'SHA-256 of the sealed value']);
    const sealed = pyCsv(join(root, 'data', 'schedule-a.csv')).slice(1);
    const expected = sealed.flatMap((r) => [
      ...r[10]!
        .split('; ')
        .filter(Boolean)
        .map((v) => [r[0], 'payment account to freeze', v]),
      ...r[11]!
        .split('; ')
        .filter(Boolean)
        .map((v) => [r[0], 'payout account to freeze', v]),
    ]);
    expect(log.length - 1).toBe(expected.length);
    log.slice(1).forEach((e, i) => {
      const [doe, field, value] = expected[i]!;
      expect([e[0], e[1]]).toEqual([doe, field]);
      expect(e[2]).toBe(value!.replace(/\d{5,}/g, (d) => `****${d.slice(-4)}`));
      expect(e[3]).toMatch(/^FRCP 5\.2\(a\)\(4\)/);
      expect(e[4]).toBe(sha(value!));
    });
  });

  it('produces the public PDF with the packet, listed in the manifest and SHA256SUMS', () => {
    const sums = readFileSync(join(root, 'SHA256SUMS'), 'utf8');
    const pub = readFileSync(join(root, 'schedule-a-public.pdf'));
    expect(sums).toContain(`${sha(pub)}  schedule-a-public.pdf`);
    expect(pdfText(join(root, 'schedule-a-public.pdf'))).toMatch(
      /PUBLIC VERSION: REDACTED UNDER FRCP 5\.2[\s\S]*Schedule A — NorthPeak v\. Does 1-25[\s\S]*Redaction log/,
    );
    execFileSync('qpdf', ['--check', join(root, 'schedule-a-public.pdf')]);
  });
});

describe('joinder exhibit', () => {
  it('flags exactly the Does tied to the others by one identifier, every cell citing a real row', () => {
    const lines = execFileSync('unzip', ['-p', bundle, 'links/links-0001.jsonl'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }).split('\n');
    const does = doesFromCase();
    const grid = pyCsv(join(root, 'data', 'joinder.csv'));
    const byDoe = new Map<string, string[][]>();
    for (const r of grid.slice(1)) byDoe.set(r[0]!, [...(byDoe.get(r[0]!) ?? []), r]);
    expect(byDoe.size).toBe(does.length);
    const flagged: string[] = [];
    for (const [doe, rows] of byDoe) {
      const ids = rows.filter((r) => r[2]);
      if (ids.length <= 1) flagged.push(doe);
      expect(rows[0]![6] !== '', `${doe} flag`).toBe(ids.length <= 1);
      const members = new Set([
        does[Number(doe.slice(4)) - 1]!.seller,
        ...does[Number(doe.slice(4)) - 1]!.shops.map((s) => s.key),
      ]);
      for (const r of ids) {
        if (r[3] === 'bank account') continue; // reached through a payment account
        for (const src of r[5]!.split('; ')) {
          const row = JSON.parse(lines[Number(/:(\d+)$/.exec(src)![1]) - 1]!) as {
            from: string;
            to: string;
          };
          expect(members.has(row.from) || members.has(row.to), `${doe} #${r[2]} ${src}`).toBe(true);
        }
      }
    }
    expect(flagged.length).toBeGreaterThan(0);
    const text = pdfText(join(root, 'packet.pdf'));
    for (const doe of flagged)
      expect(text).toMatch(new RegExp(`${doe} +\\S+ +1: #\\d+ +FLAG: tied to the other Does`));
  });

  it("cites for each identifier the Bates page where section 2 lists that identifier's rows", () => {
    const pdf = join(root, 'packet.pdf');
    const pages = pageCount(pdf);
    const texts = Array.from({ length: pages }, (_, i) => pdfText(pdf, i + 1));
    const gridPage = texts.findIndex((t) => /^Doe +#1 /m.test(t));
    expect(gridPage).toBeGreaterThan(0);
    const cited = [...texts[gridPage]!.matchAll(/Bates (NPK\d{7})/g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(10);
    const idents = pyCsv(join(root, 'data', 'shared-identifiers.csv')).slice(1);
    for (const bates of new Set(cited)) {
      const page = texts.findIndex((t) => t.trimEnd().endsWith(bates));
      expect(page, bates).toBeGreaterThanOrEqual(0);
      // That page holds rows of the shared-identifier table.
      expect(
        idents.some((r) => new RegExp(`^${r[0]} +${r[1]}: `, 'm').test(texts[page]!)),
        bates,
      ).toBe(true);
    }
  });
});

describe('what the reader sees', () => {
  it('keeps every word of the packet and the public PDF inside the page, on Letter paper', () => {
    for (const f of ['packet.pdf', 'schedule-a-public.pdf']) {
      expect(wordsOutside(join(root, f)), f).toEqual([]);
      const info = execFileSync('pdfinfo', [join(root, f)], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+(612 x 792|792 x 612) pts \(letter\)/);
    }
  });

  it('ends with the quality page saying the margins were measured on the rendered PDF', () => {
    const pdf = join(root, 'packet.pdf');
    const last = pdfText(pdf, pageCount(pdf));
    expect(last).toMatch(/Quality checks before export/);
    expect(last).toMatch(/Text past margins\s+passed\s+every line of text on every page/);
  });

  it('draws figure labels that overlap neither each other nor another label (poppler boxes)', () => {
    const pdf = join(root, 'packet.pdf');
    const pages = pageCount(pdf);
    const figurePage =
      Array.from({ length: pages }, (_, i) => i + 1).find((p) =>
        /^2\. Ring figure and interrelation\s*\n[\s\S]*Frozen court view/m.test(pdfText(pdf, p)),
      ) ?? 0;
    const html = execFileSync(
      'pdftotext',
      ['-bbox', '-f', String(figurePage), '-l', String(figurePage), pdf, '-'],
      { encoding: 'utf8' },
    );
    // The figure's labels: node codes (S1, H2, I3, O4) and edge numbers, set in the figure's font.
    const boxes = [
      ...html.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([SHIOLPC]?\d+)<\/word>/g,
      ),
    ]
      .map((m) => ({ x0: +m[1]!, y0: +m[2]!, x1: +m[3]!, y1: +m[4]!, t: m[5]! }))
      .filter((b) => b.y1 - b.y0 < 7.5); // figure labels are 5-6 pt; table text is larger
    expect(boxes.length).toBeGreaterThan(60);
    const clash: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        if (a.x0 < b.x1 - 0.3 && b.x0 < a.x1 - 0.3 && a.y0 < b.y1 - 0.3 && b.y0 < a.y1 - 0.3)
          clash.push(`${a.t}/${b.t}`);
      }
    expect(clash).toEqual([]);
    expect(pdfText(pdf, figurePage)).not.toMatch(/member accounts as squares/);
    expect(pdfText(pdf, figurePage).replace(/\s+/g, ' ')).toMatch(
      /seller account: circle; shop: rounded square/,
    );
  });
});

describe('Bates numbering per matter', () => {
  it('survives copying and renaming the case: the prefix and the next number come from the case', async () => {
    const first = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
      bates: { prefix: string; first: number; last: number };
    };
    expect(first.bates.prefix).toBe('NPK');
    // Copy the case under another name and export from the copy.
    const copy = join(dir, 'renamed copy.ringlens');
    closeCase(store);
    copyFileSync(join(dir, 's5.ringlens'), copy);
    const other = openCase(copy, 'packet test passphrase');
    try {
      const out = join(dir, 'from-copy.zip');
      const r = await exportPacket(
        other.db,
        copy,
        { type: 'referral', ringId: 'R-0018', date: TODAY },
        out,
        'tester',
      );
      expect(r.bates.first).toBe(`NPK${String(first.bates.last + 1).padStart(7, '0')}`);
      const cover = pdfText(join(unpack(out), 'packet.pdf'), 1);
      expect(cover).toMatch(/Case\s+NorthPeak v\. Does 1-25/);
      expect(cover).not.toMatch(/renamed copy/);
    } finally {
      closeCase(other);
      store = openCase(join(dir, 's5.ringlens'), 'packet test passphrase');
    }
  });

  it('re-exports the same packet byte for byte, public PDF and workbooks included', async () => {
    const again = join(dir, 'civil-again.zip');
    const r = await exportPacket(
      store.db,
      join(dir, 's5.ringlens'),
      { type: 'civil-sellers', ringId: 'R-0018', date: TODAY },
      again,
      'tester',
    );
    expect(r.reproduced).toBe(true);
    expect(sha(readFileSync(again))).toBe(sha(readFileSync(zip)));
  });
});

describe('identities resolved by the examiner', () => {
  it('cites a confirmed match with who, when, why and its terms, and never an unconfirmed one', async () => {
    const ev = await evasionCase(11, 400);
    try {
      const db = ev.store.db;
      const near = (ringId: string) => {
        const ring = findRing(analyseCase(db), ringId);
        const ids = JSON.stringify([...ring.sellers, ...ring.shops].map((m) => m.id));
        return new Set(
          db
            .prepare(
              'SELECT e.key FROM links l JOIN entities e ON e.id IN (l.src, l.dst) WHERE l.src IN (SELECT value FROM json_each(@ids)) OR l.dst IN (SELECT value FROM json_each(@ids))',
            )
            .pluck()
            .all({ ids }) as string[],
        );
      };
      const candidates = listMatches(db, { min: 0.5 }).candidates;
      // A ring with two candidate matches touching it: confirm one, leave the other.
      const pick = analyseCase(db)
        .analysis.rings.map((r) => {
          const keys = near(r.id);
          return {
            ring: r,
            touching: candidates.filter((c) => keys.has(c.a.key) || keys.has(c.b.key)),
          };
        })
        .find((x) => x.touching.length >= 2);
      expect(pick, 'a ring with two candidate matches').toBeDefined();
      const [yes, no] = pick!.touching as [(typeof candidates)[0], (typeof candidates)[0]];
      decideMatch(
        db,
        { a: yes.a.key, b: yes.b.key, decision: 'confirmed', reason: 'same holder and warehouse' },
        { actor: 'Jane Examiner', at: '2025-10-02T09:30:00Z' },
      );
      // The confirmation can merge rings: find the ring that now holds the pair's member.
      const ring = analyseCase(db).analysis.rings.find((r) => {
        const keys = near(r.id);
        return keys.has(yes.a.key) || keys.has(yes.b.key);
      })!;
      const out = join(ev.dir, 'referral.zip');
      await exportPacket(
        db,
        join(ev.dir, 'case.ringlens'),
        { type: 'referral', ringId: ring.id, date: TODAY, preparer: 'Jane Examiner' },
        out,
        'tester',
      );
      const r = unpack(out);
      const cited = pyCsv(join(r, 'data', 'identities.csv'));
      expect(cited[0]).toContain('decidedBy');
      expect(cited.slice(1).map((x) => [x[1], x[3]])).toEqual([[yes.a.key, yes.b.key]]);
      const pdf = join(r, 'packet.pdf');
      // Table cells wrap long keys: compare with all white space removed.
      const squash = (t: string) => t.replace(/\s+/g, '');
      // Reading order (not -layout), so a wrapped cell is not interleaved with its neighbours.
      const text = squash(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
      for (const needle of [
        '2a. Identities resolved by the examiner',
        yes.a.key,
        yes.b.key,
        'same holder and warehouse',
        '2025-10-02T09:30:00Z by Jane Examiner',
        yes.terms[0]!.text,
      ])
        expect(text.includes(squash(needle)), needle).toBe(true);
      // The unconfirmed candidate is nowhere: not in the data, not in the PDF.
      for (const key of [no.a.key, no.b.key].filter((k) => k !== yes.a.key && k !== yes.b.key)) {
        expect(text.includes(squash(key)), key).toBe(false);
        expect(readFileSync(join(r, 'data', 'identities.csv'), 'utf8')).not.toContain(key);
      }
      expect(wordsOutside(pdf)).toEqual([]);
      execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(ARTIFACTS, 'identities-referral')]);
    } finally {
      closeCase(ev.store);
    }
  }, 300_000);
});
