/**
 * Packets that fit their audience, checked on the case of `ringlens generate --seed 5
 * --sellers 2000` (largest ring R-0018) the way each reader would: the police read a
 * referral (suspects, places to search on a map, sales against the criminal thresholds, in
 * Chinese and English, the 电子数据提取笔录), civil counsel a Schedule A packet with the
 * custodian's FRE 902(11) declaration, a complainant suit the complaints themselves. Every
 * expected figure is computed here with SQL on the case, never taken from the packet code.
 * Page images are kept under test/artifacts/packet-15a/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import { verifyPacket } from '../../../../electron/core/evidence/verify';
import { setMatterSettings } from '../../../../electron/core/evidence/matter';
import { analyseCase, findRing } from '../../../../electron/core/graph/analyse';
import { generatedCase } from '../../../support/generated-case';
import { pdfPages, pdfWords, wordsOutside } from '../../../support/pdf-words';

const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', 'artifacts', 'packet-15a');
const TODAY = new Date().toISOString().slice(0, 10);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let dir: string;
let store: CaseStore;
const roots: Record<string, string> = {};
const zips: Record<string, string> = {};
const flat = (s: string) => s.replace(/\s+/g, ' ');

async function exportOne(name: string, options: Parameters<typeof exportPacket>[2]) {
  const zip = join(dir, `${name}.zip`);
  await exportPacket(store.db, join(dir, 'case.ringlens'), options, zip, 'tester');
  const out = join(dir, `unpacked-${name}`);
  mkdirSync(out);
  execFileSync('unzip', ['-q', zip, '-d', out]);
  zips[name] = zip;
  roots[name] = out;
}
const pdfOf = (name: string) => join(roots[name]!, 'packet.pdf');
const textOf = (name: string) => pdfPages(pdfOf(name)).join('\n');
const json = <T>(name: string, file: string) =>
  JSON.parse(readFileSync(join(roots[name]!, 'data', file), 'utf8')) as T;

/** The ring's seller and shop ids: the ring as the analysis defines it (the input here). */
function ringMembers(ringId: string): { sellers: number[]; shops: number[] } {
  const ring = findRing(analyseCase(store.db), ringId);
  return { sellers: ring.sellers.map((s) => s.id), shops: ring.shops.map((s) => s.id) };
}

beforeAll(async () => {
  ({ store, dir } = await generatedCase(5, 2000));
  setMatterSettings(
    store.db,
    {
      title: 'NorthPeak v. Does 1-25',
      examiner: {
        name: 'Jane Examiner',
        title: 'Senior Investigator',
        organisation: 'ExampleMarket Trust & Safety',
        qualifications: 'Ten years of marketplace fraud investigation.',
      },
      custodian: {
        name: 'Li Ming',
        title: 'Records Custodian',
        organisation: 'ExampleMarket Ltd',
        qualifications: '',
      },
    },
    'tester',
  );
  await exportOne('referral', { type: 'referral', ringId: 'R-0018', date: TODAY });
  await exportOne('referral-R-0022', { type: 'referral', ringId: 'R-0022', date: TODAY });
  await exportOne('civil-sellers', { type: 'civil-sellers', ringId: 'R-0018', date: TODAY });
  await exportOne('brand-share', { type: 'brand-share', ringId: 'R-0018', date: TODAY });
  await exportOne('civil-complainant', {
    type: 'civil-complainant',
    complainant: 'complainant:agent-swiftmark',
    date: TODAY,
  });
  setMatterSettings(store.db, { pageSize: 'LETTER' }, 'tester');
  await exportOne('civil-sellers-letter', {
    type: 'civil-sellers',
    ringId: 'R-0018',
    date: TODAY,
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const name of Object.keys(roots))
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfOf(name), join(ARTIFACTS, name)]);
}, 900_000);
afterAll(() => closeCase(store));

describe('referral packet', () => {
  it('names no Doe and lists no accounts to freeze, in the PDF or the data files', () => {
    const t = textOf('referral');
    expect(t).not.toMatch(/\bDoe\b/);
    expect(t).not.toMatch(/Accounts to freeze/i);
    const files = readdirSync(join(roots.referral!, 'data'));
    expect(files).not.toContain('defendants.csv');
    for (const f of files)
      expect(readFileSync(join(roots.referral!, 'data', f), 'utf8'), f).not.toMatch(/\bDoe \d/);
    // The civil packet still has both.
    expect(textOf('civil-sellers')).toMatch(/Doe 1\b[\s\S]*Accounts to freeze/);
  });

  it('lists the people behind the seller accounts and the holders of the accounts the money reaches', () => {
    // R-0022 is run by one person behind several seller accounts (R-0018 shares no person).
    const { sellers, shops } = ringMembers('R-0022');
    const people = store.db
      .prepare(
        `SELECT DISTINCT p.label FROM links l JOIN entities p ON p.id = l.src WHERE l.type = 'operates' AND p.type = 'person' AND l.dst IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(sellers)) as string[];
    expect(people.length).toBeGreaterThan(0);
    // Holders of the ring's own payment accounts (hubs such as the escrow excluded).
    const holders = store.db
      .prepare(
        `SELECT DISTINCT json_extract(a.props, '$.holder') FROM links l JOIN entities a ON a.id = l.dst
         WHERE l.type = 'paid_to' AND l.src IN (SELECT value FROM json_each(?)) AND a.key NOT LIKE '%escrow%'`,
      )
      .pluck()
      .all(JSON.stringify(shops)) as string[];
    expect(holders.length).toBeGreaterThan(0);
    const suspects = json<{ name: string; roles: string; sources: string }[]>(
      'referral-R-0022',
      'suspects.json',
    );
    const names = suspects.map((s) => s.name);
    for (const p of [...people, ...holders]) expect(names, p).toContain(p);
    expect(names).not.toContain('ExampleMarket Payments Ltd');
    for (const s of suspects) expect(s.sources, s.name).toMatch(/synthetic-5-2000 \S+ lines? \d/);
    // The person behind the accounts comes first: the most ties to the ring.
    expect(people).toContain(suspects[0]!.name);
    const t = flat(textOf('referral-R-0022'));
    expect(t).toContain('3. 涉案人员 Suspects');
    for (const p of [...people, ...holders]) expect(t).toContain(p);
  });

  it('lists the warehouses the ring ships from as places to search, on a map, and sets the courier hub aside', () => {
    const { shops } = ringMembers('R-0018');
    const warehouses = store.db
      .prepare(
        `SELECT DISTINCT w.label FROM links l JOIN entities w ON w.id = l.dst WHERE l.type = 'ships_from' AND l.src IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(shops)) as string[];
    const hub = warehouses.filter((w) => w.includes('sorting hub'));
    const own = warehouses.filter((w) => !w.includes('sorting hub'));
    expect(own.length).toBeGreaterThan(0);
    const places = json<{ n: number; name: string; lon: number | null; province: string }[]>(
      'referral',
      'places.json',
    );
    for (const w of own) expect(places.map((p) => p.name)).toContain(w);
    for (const w of hub) expect(places.map((p) => p.name)).not.toContain(w);
    for (const p of places) expect(p.lon, p.name).not.toBeNull();
    // The map page: its scale bar and every place's number are drawn on it, inside the page.
    const words = pdfWords(pdfOf('referral'));
    const mapPage = words.find((w) => w.text === 'km')!.page;
    expect(pdfPages(pdfOf('referral'))[mapPage]).toContain('3A. 查处地点 Places to search');
    const onMap = words.filter((w) => w.page === mapPage);
    const province = places[0]!.province.split(' ')[0]!;
    expect(onMap.map((w) => w.text)).toContain(province);
    for (const p of places) expect(onMap.map((w) => w.text)).toContain(String(p.n));
    if (hub.length) expect(flat(textOf('referral'))).toMatch(/sorting hub .*not a ring premises/);
  });

  it('sets the recorded sales against the Chinese criminal thresholds, citing their source, in both languages', () => {
    const { shops } = ringMembers('R-0018');
    const sales = store.db
      .prepare(
        `SELECT coalesce(sum(json_extract(o.props, '$.amount')), 0) FROM links li JOIN links b ON b.dst = li.dst AND b.type = 'bought'
         JOIN entities o ON o.id = b.src WHERE li.type = 'lists' AND li.src IN (SELECT value FROM json_each(?)) AND json_extract(o.props, '$.currency') = 'CNY'`,
      )
      .pluck()
      .get(JSON.stringify(shops)) as number;
    expect(sales).toBeGreaterThan(0);
    const rows = json<
      { criterion: string; threshold: number; figure: number | null; status: string }[]
    >('referral', 'thresholds.json');
    const art214 = rows.find((r) => r.criterion.startsWith('sales amount'))!;
    expect(art214.threshold).toBe(50_000);
    expect(art214.figure).toBe(sales);
    expect(art214.status).toBe(sales >= 50_000 ? 'met' : 'not met (lower bound)');
    expect(rows.find((r) => r.criterion.startsWith('goods not yet sold'))!.status).toBe(
      'not in the case data',
    );
    const t = flat(textOf('referral'));
    expect(t).toContain('销售金额在五万元以上');
    expect(t).toContain('50,000 CNY');
    expect(t).toContain(`${sales.toLocaleString('en')} CNY`);
    expect(t).toContain('公通字〔2010〕23号');
    expect(t).toContain('Criminal Law Amendment XI');
    expect(readFileSync(join('resources', 'referral-thresholds', 'CN.json'), 'utf8')).toContain(
      '第七十条',
    );
  });

  it('carries the 电子数据提取笔录 with every file’s integrity value, the examiner and witness lines, and no US declaration', () => {
    const root = roots.referral!;
    const t = flat(textOf('referral'));
    expect(t).toContain('电子数据提取笔录');
    expect(t).toContain('提取人 Jane Examiner，Senior Investigator，ExampleMarket Trust & Safety');
    expect(t).not.toContain(
      userInfo().username === 'tester' ? '\u0000' : ` ${userInfo().username} `,
    );
    expect(t).toContain('见证人（签名）');
    expect(t).toContain('电子数据持有人（提供人）（签名或盖章）');
    const words = pdfWords(pdfOf('referral')).map((w) => w.text);
    for (const f of readdirSync(join(root, 'exhibits')))
      expect(words, f).toContain(sha(readFileSync(join(root, 'exhibits', f))));
    for (const f of readdirSync(join(root, 'data')))
      expect(words, f).toContain(sha(readFileSync(join(root, 'data', f))));
    expect(t).toContain('下列源数据包未经可信签名：synthetic-5-2000');
    expect(t).not.toContain('penalty of perjury');
    expect(t).not.toContain('FRE 902(11)');
  });
});

describe('certifications of the civil packets', () => {
  it('add the marketplace custodian’s FRE 902(11) declaration, naming the custodian and the unsigned bundle', () => {
    const t = flat(textOf('civil-sellers'));
    expect(t).toContain('Certification of business records (FRE 902(11))');
    expect(t).toContain('DECLARATION OF LI MING, CUSTODIAN OF RECORDS OF EXAMPLEMARKET LTD');
    expect(t).toContain('I, Li Ming, am Records Custodian at ExampleMarket Ltd');
    expect(t).toMatch(
      /made at or near the time .* regularly conducted activity .* regular practice/,
    );
    expect(t).toContain('produced without a signature the case trusts: synthetic-5-2000.');
    const bundleHash = store.db.prepare('SELECT sha256 FROM bundles').pluck().get() as string;
    expect(pdfWords(pdfOf('civil-sellers')).map((w) => w.text)).toContain(bundleHash);
    // The examiner's 902(13)/(14) declaration is still there, before it.
    expect(t.indexOf('DECLARATION OF JANE EXAMINER')).toBeGreaterThan(0);
    expect(t.indexOf('DECLARATION OF JANE EXAMINER')).toBeLessThan(
      t.indexOf('DECLARATION OF LI MING'),
    );
    expect(t).not.toContain('电子数据提取笔录');
  });
});

describe('civil-complainant packet', () => {
  /** The complainant's complaints, the brand in each target listing's title, the brands it represents. */
  function complaintFacts() {
    const db = store.db;
    const me = db
      .prepare("SELECT id FROM entities WHERE key = 'complainant:agent-swiftmark'")
      .pluck()
      .get() as number;
    const represented = db
      .prepare(
        `SELECT json_extract(b.props, '$.name') FROM links r JOIN entities b ON b.id = r.dst WHERE r.src = ? AND r.type = 'represents'`,
      )
      .pluck()
      .all(me) as string[];
    const brands = db
      .prepare("SELECT json_extract(props, '$.name') FROM entities WHERE type = 'brand'")
      .pluck()
      .all() as string[];
    const complaints = (
      db
        .prepare(
          `SELECT c.key, json_extract(c.props, '$.outcome') AS outcome, json_extract(c.props, '$.salesLost') AS lost, json_extract(c.props, '$.currency') AS currency, json_extract(t.props, '$.title') AS title
           FROM links f JOIN entities c ON c.id = f.dst JOIN links tl ON tl.src = c.id AND tl.type = 'targets' JOIN entities t ON t.id = tl.dst WHERE f.src = ? AND f.type = 'filed'`,
        )
        .all(me) as {
        key: string;
        outcome: string;
        lost: number;
        currency: string;
        title: string;
      }[]
    ).map((c) => ({ ...c, brand: brands.find((b) => c.title.startsWith(`${b} `)) }));
    return { represented, complaints };
  }

  it('shows first, on the summary page, the complaints filed for brands the complainant does not represent', () => {
    const { represented, complaints } = complaintFacts();
    const unauthorised = complaints.filter((c) => c.brand && !represented.includes(c.brand));
    expect(unauthorised.length).toBeGreaterThan(0);
    const pages = pdfPages(pdfOf('civil-complainant'));
    const summary = flat(pages.find((p) => p.trimStart().startsWith('1. Executive summary'))!);
    const first = summary.slice(summary.indexOf('1. Executive summary'));
    expect(first).toMatch(
      new RegExp(
        `^1\\. Executive summary SwiftMark 知识产权代理 filed ${unauthorised.length} of its ${complaints.length} complaints for brands it does not claim to represent`,
      ),
    );
    const rows = json<{ complaint: string; authorised: string; brand: string }[]>(
      'civil-complainant',
      'complaint-exhibits.json',
    );
    for (const c of complaints) {
      const r = rows.find((x) => x.complaint === c.key)!;
      expect(r.brand, c.key).toBe(c.brand);
      expect(r.authorised, c.key).toBe(represented.includes(c.brand!) ? 'yes' : 'NO');
    }
    const t = flat(textOf('civil-complainant'));
    expect(t).toContain('1A. Complaints for brands the complainant does not represent');
    expect(t).toContain('1B. Rights the complainant claims to represent');
    for (const b of represented)
      expect(t).toMatch(new RegExp(`${b} ${b} Holdings .*trademark TM\\d+ \\(CN\\)`));
  });

  it('counts manifestly unfounded notices as DSA Art. 23(3) means them, withdrawn and reinstated apart, with damages per currency', () => {
    const { complaints } = complaintFacts();
    const n = (o: string) => complaints.filter((c) => c.outcome === o).length;
    const t = flat(textOf('civil-complainant'));
    const pct = Math.round((n('refuted') / complaints.length) * 100);
    expect(t).toContain(
      `Manifestly unfounded (rejected on the merits) ${n('refuted')} (${pct}% of all)`,
    );
    expect(t).toContain(`Reinstated after takedown (counted apart) ${n('reinstated')}`);
    expect(t).toContain(`Withdrawn by the complainant (counted apart) ${n('withdrawn')}`);
    const lost = complaints.filter((c) => c.outcome === 'refuted').reduce((s, c) => s + c.lost, 0);
    expect(new Set(complaints.map((c) => c.currency))).toEqual(new Set(['CNY']));
    expect(t).toContain(
      `Sales reported lost through unfounded complaints ${lost.toLocaleString('en')} CNY`,
    );
    expect(t).toMatch(
      /manifestly unfounded \(refuted\) \d+ [\d,]+ CNY the complaint exhibits with this outcome; synthetic-5-2000 \S+ lines \d/,
    );
  });

  it('includes every complaint as an exhibit, with its decision, refutation and source row', () => {
    const { complaints } = complaintFacts();
    const t = flat(textOf('civil-complainant'));
    for (const c of complaints)
      expect(t).toMatch(
        new RegExp(`Exhibit C-\\d{3}: complaint ${c.key.replace('complaint:', '')}\\b`),
      );
    const numbers = [...t.matchAll(/Exhibit (C-\d{3}): complaint/g)].map((m) => m[1]);
    expect(new Set(numbers).size).toBe(complaints.length);
    expect(t).not.toMatch(/complaint complaint/);
    expect(t).toContain('Seller supplied purchase invoices from the authorised distributor');
    expect(t).not.toContain('Schedule of defendants');
  });
});

describe('the four packet types differ by audience', () => {
  it('puts each audience’s sections in its own packet only', () => {
    const has = (name: string, s: string) => textOf(name).includes(s);
    expect(has('referral', '3. 涉案人员 Suspects')).toBe(true);
    expect(has('civil-sellers', 'Suspects')).toBe(false);
    expect(has('civil-sellers', '3. Schedule of defendants')).toBe(true);
    expect(has('brand-share', '3. Members of the ring')).toBe(true);
    expect(has('brand-share', '[redacted]')).toBe(true);
    expect(has('civil-sellers', '[redacted]')).toBe(false);
    expect(
      has('civil-complainant', 'Complaints for brands the complainant does not represent'),
    ).toBe(true);
    for (const n of ['referral', 'civil-sellers', 'brand-share'])
      expect(has(n, 'Complaints for brands the complainant')).toBe(false);
  });
});

describe('page size from the matter', () => {
  it('prints A4 by default and US Letter when the matter asks for it, every word inside the page', () => {
    const sizes = (name: string) =>
      new Set(
        execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdfOf(name)], { encoding: 'utf8' })
          .split('\n')
          .filter((l) => /^Page\s+\d+ size:/.test(l))
          .map((l) =>
            /size:\s+([\d.]+) x ([\d.]+)/
              .exec(l)!
              .slice(1, 3)
              .map(Number)
              .sort((a, b) => a - b)
              .join('x'),
          ),
      );
    expect(sizes('civil-sellers')).toEqual(new Set(['595.28x841.89']));
    expect(sizes('civil-sellers-letter')).toEqual(new Set(['612x792']));
    for (const name of Object.keys(roots)) {
      const outside = wordsOutside(pdfWords(pdfOf(name)));
      expect(
        outside.map(
          (w) => `${name} p${w.page}: "${w.text.slice(0, 30)}" x ${w.xMin}-${w.xMax} of ${w.width}`,
        ),
      ).toEqual([]);
    }
  });
});

describe('integrity guarantees still hold for the new packets', () => {
  it('sha256sum, openssl, qpdf and ringlens verify accept every packet; a re-export is byte-identical', async () => {
    for (const name of Object.keys(roots)) {
      const root = roots[name]!;
      execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: root });
      execFileSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          'examiner.pub.pem',
          '-rawin',
          '-in',
          'manifest.json',
          '-sigfile',
          'manifest.sig',
        ],
        { cwd: root },
      );
      execFileSync('qpdf', ['--check', 'packet.pdf'], { cwd: root });
      const v = await verifyPacket(zips[name]!);
      expect(v.ok, `${name}: ${JSON.stringify(v)}`).toBe(true);
    }
    const again = join(dir, 'referral-again.zip');
    await exportPacket(
      store.db,
      join(dir, 'case.ringlens'),
      { type: 'referral', ringId: 'R-0018', date: TODAY },
      again,
      'tester',
    );
    // Page size is part of the matter: the referral exported under A4 is reproduced under A4.
    setMatterSettings(store.db, { pageSize: 'A4' }, 'tester');
    const a4 = join(dir, 'referral-a4.zip');
    await exportPacket(
      store.db,
      join(dir, 'case.ringlens'),
      { type: 'referral', ringId: 'R-0018', date: TODAY },
      a4,
      'tester',
    );
    expect(sha(readFileSync(a4))).toBe(sha(readFileSync(zips.referral!)));
    expect(sha(readFileSync(again))).not.toBe(sha(readFileSync(zips.referral!)));
    writeFileSync(join(dir, 'done'), '');
  }, 300_000);
});
