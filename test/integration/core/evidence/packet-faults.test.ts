/**
 * The faults a litigation-support review found in packets exported from the case of
 * `ringlens generate --seed 5 --sellers 2000` (largest ring R-0018), checked the way the
 * reviewer found them: the words' positions on the rendered pages (pdftotext -bbox), the
 * data files, the case's own links read with SQL, and a forged packet given to the verifier.
 * Page images are kept under test/artifacts/packet-15/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import { verifyPacket } from '../../../../electron/core/evidence/verify';
import { setMatterSettings } from '../../../../electron/core/evidence/matter';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { writeZip } from '../../../../electron/core/bundle/writer';
import { recordOutcome } from '../../../../electron/core/lifecycle/outcomes';
import { generatedCase } from '../../../support/generated-case';
import { pdfPageCount, pdfText, pdfWords } from '../../../support/pdf-words';

const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', 'artifacts', 'packet-15');
const TODAY = new Date().toISOString().slice(0, 10);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let dir: string;
let store: CaseStore;
let demo: CaseStore;
const zips: Record<string, string> = {};
const roots: Record<string, string> = {};

function unpack(zip: string): string {
  const out = join(
    dir,
    `unpacked-${Object.keys(roots).length}-${Math.random().toString(36).slice(2)}`,
  );
  mkdirSync(out);
  execFileSync('unzip', ['-q', zip, '-d', out]);
  return out;
}

async function exportOne(
  s: CaseStore,
  name: string,
  options: Parameters<typeof exportPacket>[2],
): Promise<string> {
  const zip = join(dir, `${name}.zip`);
  await exportPacket(s.db, join(dir, `${name}-case.ringlens`), options, zip, 'tester');
  zips[name] = zip;
  roots[name] = unpack(zip);
  return roots[name];
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
        qualifications: '',
      },
    },
    'tester',
  );
  recordOutcome(
    store.db,
    {
      kind: 'referral',
      subject: { kind: 'ring', id: 'R-0018' },
      date: '2025-11-03',
      agency: 'Putian Public Security Bureau',
      reference: 'PT-2025-0117',
      officer: 'Inspector Wang Lei',
      note: 'Call Inspector Wang Lei on +86 138 0013 8000 or wang.lei@psb.example before the raid',
    },
    { actor: 'tester' },
  );
  demo = await buildDemoCase(join(dir, 'demo.ringlens'));
  await exportOne(store, 'civil-sellers', { type: 'civil-sellers', ringId: 'R-0018', date: TODAY });
  await exportOne(store, 'referral', { type: 'referral', ringId: 'R-0018', date: TODAY });
  await exportOne(store, 'brand-share', { type: 'brand-share', ringId: 'R-0018', date: TODAY });
  await exportOne(store, 'brand-share-R-0016', {
    type: 'brand-share',
    ringId: 'R-0016',
    date: TODAY,
  });
  await exportOne(store, 'civil-sellers-R-0022', {
    type: 'civil-sellers',
    ringId: 'R-0022',
    date: TODAY,
  });
  await exportOne(demo, 'civil-complainant', {
    type: 'civil-complainant',
    complainant: 'complainant:agent-swiftmark',
    date: TODAY,
    preparer: 'Jane Examiner',
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const [name, root] of Object.entries(roots))
    execFileSync('pdftoppm', ['-png', '-r', '50', join(root, 'packet.pdf'), join(ARTIFACTS, name)]);
}, 600_000);
afterAll(() => {
  closeCase(store);
  closeCase(demo);
  rmSync(dir, { recursive: true, force: true });
});

type Doe = {
  doe: string;
  accounts: { account: string; key: string; kind: string; via: string; source: string }[];
};
const defendants = (name: string) =>
  JSON.parse(readFileSync(join(roots[name]!, 'data', 'defendants.json'), 'utf8')) as Doe[];

describe('accounts to freeze', () => {
  it('never lists a suppressed hub or a warning-listed account (the marketplace escrow)', () => {
    const hubs = analyseCase(store.db).analysis.suppressedHubs;
    expect(hubs.some((h) => h.label.includes('ESCROW'))).toBe(true);
    const hubKeys = new Set(hubs.map((h) => h.key));
    for (const d of defendants('civil-sellers'))
      for (const a of d.accounts) {
        expect(hubKeys.has(a.key), `${d.doe} ${a.account}`).toBe(false);
        expect(a.account).not.toMatch(/escrow/i);
      }
    // The schedule pages do not name it as an account to freeze; the set-aside table does.
    const pdf = pdfText(join(roots['civil-sellers']!, 'packet.pdf'));
    const schedule = pdf.slice(
      pdf.indexOf('3. Schedule of defendants'),
      pdf.indexOf('Accounts tied to the Does that must not be frozen'),
    );
    expect(schedule).not.toMatch(/ESCROW/);
    expect(pdf).toMatch(/ExampleMarket Escrow ESCROW0001\s+set aside by ring analysis as a hub/);
  });

  it('lists the payout bank accounts behind each payment account, each with its source row', () => {
    // Independently of the packet code: the bank accounts the ring's payment accounts withdraw to.
    const payouts = store.db
      .prepare(
        `SELECT p.label AS via, b.label AS bank FROM links w JOIN entities p ON p.id = w.src JOIN entities b ON b.id = w.dst
         WHERE w.type = 'withdraws_to' AND p.label = 'WeChat Pay 279811487227'`,
      )
      .all() as { via: string; bank: string }[];
    expect(payouts.length).toBe(21);
    const listed = defendants('civil-sellers').flatMap((d) => d.accounts);
    for (const p of payouts) {
      const hit = listed.find((a) => a.account === p.bank);
      expect(hit, p.bank).toBeDefined();
      expect(hit!.kind).toBe('payout bank account');
      expect(hit!.via).toBe(p.via);
      expect(hit!.source).toMatch(/^synthetic-5-2000 \S+:\d+/);
    }
    for (const a of listed) expect(a.source, a.account).toMatch(/:\d+/);
  });

  it("puts R-0022's own shared bank account in the Does' rows", () => {
    const ring = analyseCase(store.db).analysis.rings.find((r) => r.id === 'R-0022')!;
    const banks = ring.identifiers.filter((i) => i.type === 'bank_account');
    expect(banks.length).toBeGreaterThan(0);
    const listed = new Set(
      defendants('civil-sellers-R-0022').flatMap((d) => d.accounts.map((a) => a.key)),
    );
    for (const b of banks) expect(listed.has(b.key), b.label).toBe(true);
  });
});

describe('page geometry', () => {
  it('prints every word of every page of every packet type inside the page minus margins', () => {
    for (const [name, root] of Object.entries(roots)) {
      const all = pdfWords(join(root, 'packet.pdf'));
      expect(all.length, name).toBeGreaterThan(100);
      const outside = all.filter(
        (w) => w.xMin < 30 || w.yMin < 20 || w.xMax > w.width - 30 || w.yMax > w.height - 20,
      );
      expect(
        outside.map(
          (w) => `${name} p${w.page}: "${w.text.slice(0, 30)}" x ${w.xMin}-${w.xMax} of ${w.width}`,
        ),
      ).toEqual([]);
    }
  });

  it('prints each SHA-256 whole, on one line, in the exhibit list and certification', () => {
    const root = roots['civil-sellers']!;
    const all = pdfWords(join(root, 'packet.pdf'));
    for (const f of readdirSync(join(root, 'exhibits'))) {
      const hash = sha(readFileSync(join(root, 'exhibits', f)));
      expect(all.filter((w) => w.text === hash).length, f).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('packet dates', () => {
  it.each([
    ['2025-02-30', /2025-02-30 is not a calendar day/],
    ['2031-07-04', /2031-07-04 is in the future/],
    ['1999-01-01', /1999-01-01 is before the latest event it contains/],
  ])('refuses %s with a clear error and writes nothing', async (date, message) => {
    const out = join(dir, `dated-${date}.zip`);
    await expect(
      exportPacket(
        store.db,
        join(dir, 'x.ringlens'),
        { type: 'referral', ringId: 'R-0018', date },
        out,
        'tester',
      ),
    ).rejects.toThrow(message);
    expect(existsSync(out)).toBe(false);
  });
});

describe('ringlens verify against a forged packet', () => {
  const entries = (root: string) =>
    execFileSync('find', ['.', '-type', 'f'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.slice(2))
      .sort();

  it('fails an altered exhibit whose manifest was re-signed with a new key, naming both keys', async () => {
    const root = roots['civil-sellers']!;
    const original = (await verifyPacket(zips['civil-sellers']!)).signer!;
    expect((await verifyPacket(zips['civil-sellers']!)).ok).toBe(true);
    const files = new Map(entries(root).map((f) => [f, Buffer.from(readFileSync(join(root, f)))]));
    const ex = [...files.keys()].find((f) => f.startsWith('exhibits/'))!;
    files.get(ex)![100]! ^= 0xff;
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    for (const f of manifest.files) {
      f.sha256 = sha(files.get(f.path)!);
      f.size = files.get(f.path)!.length;
    }
    const forged = generateKeyPairSync('ed25519');
    const mbytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    files.set('manifest.json', mbytes);
    files.set('manifest.sig', sign(null, mbytes, forged.privateKey));
    files.set(
      'examiner.pub.pem',
      Buffer.from(forged.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    );
    files.set(
      'SHA256SUMS',
      Buffer.from(
        [...files.keys()]
          .filter((f) => f !== 'SHA256SUMS' && f !== 'manifest.sig')
          .sort()
          .map((f) => `${sha(files.get(f)!)}  ${f}\n`)
          .join(''),
      ),
    );
    const bad = join(dir, 'forged.zip');
    await writeZip(
      bad,
      [...files].map(([name, data]) => ({ name, data })),
    );
    const v = await verifyPacket(bad);
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toContain(`is not the examiner key ${original}`);
    expect(v.problems.join('\n')).toMatch(/packet\.pdf: names examiner key/);
  });

  it('accepts --expect-key only for the examiner key, as a fingerprint or a PEM file', () => {
    const cli = join(import.meta.dirname, '..', '..', '..', '..', 'bin', 'ringlens.mjs');
    const root = roots['civil-sellers']!;
    const run = (args: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync('node', [cli, 'verify', zips['civil-sellers']!, ...args], {
            encoding: 'utf8',
          }),
        };
      } catch (e) {
        const x = e as { status: number; stdout: string; stderr: string };
        return { code: x.status, out: x.stdout + x.stderr };
      }
    };
    const ok = run(['--expect-key', join(root, 'examiner.pub.pem')]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/signed by examiner key [0-9a-f]{64}/);
    const wrong = run(['--expect-key', 'ab'.repeat(32)]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toContain(`not by the expected key ${'ab'.repeat(32)}`);
  });

  it('fails a packet with an empty folder added to the zip', async () => {
    const copy = join(dir, 'with-folder.zip');
    writeFileSync(copy, readFileSync(zips['civil-sellers']!));
    const work = join(dir, 'folder-work');
    mkdirSync(join(work, 'extra'), { recursive: true });
    execFileSync('zip', ['-q', copy, 'extra/'], { cwd: work });
    const v = await verifyPacket(copy);
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toContain('extra/');
  });
});

describe('brand-share redaction', () => {
  it('masks buyers by role, so a defendant who shares a buyer’s name is still named', () => {
    const root = roots['brand-share-R-0016']!;
    const does = JSON.parse(readFileSync(join(root, 'data', 'defendants.json'), 'utf8')) as {
      doe: string;
      seller: string;
    }[];
    const orders = JSON.parse(readFileSync(join(root, 'data', 'transactions.json'), 'utf8')) as {
      buyer: string;
    }[];
    // The collision the review found: a buyer of the ring's shops has a defendant's name.
    const buyers = store.db
      .prepare(
        "SELECT DISTINCT json_extract(props, '$.buyer') FROM entities WHERE type = 'order' AND json_extract(props, '$.buyer') IS NOT NULL",
      )
      .pluck()
      .all() as string[];
    const shared = does.filter((d) => buyers.includes(d.seller));
    expect(shared.length).toBeGreaterThan(0);
    const pdf = pdfText(join(root, 'packet.pdf'));
    for (const d of does) {
      expect(d.seller, d.doe).not.toBe('[redacted]');
      expect(pdf).toContain(d.seller);
    }
    for (const o of orders) expect(o.buyer).toBe('[redacted]');
  });

  it('scans free text: an outcome note with the officer’s name, mobile and e-mail is masked in the PDF and outcomes.csv', () => {
    const root = roots['brand-share']!;
    const pdf = pdfText(join(root, 'packet.pdf')).replace(/\s+/g, ' ');
    const csv = readFileSync(join(root, 'data', 'outcomes.csv'), 'utf8');
    expect(csv).toContain('PT-2025-0117');
    for (const leak of ['Wang Lei', '+86 138 0013 8000', 'wang.lei@psb.example']) {
      expect(pdf, leak).not.toContain(leak);
      expect(csv, leak).not.toContain(leak);
    }
    // The referral packet, for the police themselves, keeps them.
    expect(readFileSync(join(roots['referral']!, 'data', 'outcomes.csv'), 'utf8')).toContain(
      '+86 138 0013 8000',
    );
  });
});

describe('quality page', () => {
  it('ends every packet with the pre-export checks, flagging impossible custody order', () => {
    for (const [name, root] of Object.entries(roots)) {
      const pdf = join(root, 'packet.pdf');
      const last = pdfText(pdf, { first: pdfPageCount(pdf) });
      expect(last, name).toContain('Quality checks before export');
      expect(last, name).toMatch(/Unsigned sources\s+warning|Unsigned sources\s+passed/);
    }
    const cs = pdfText(join(roots['civil-sellers']!, 'packet.pdf')).replace(/\s+/g, ' ');
    // R-0018's unboxing photos are dated before their parcels were ordered.
    expect(cs).toMatch(
      /Custody order warning EX-00\d: captured [\dT:Z-]+, before the parcel was ordered/,
    );
    expect(cs).toMatch(/Hubs in freeze lists passed/);
  });
});

describe('certification', () => {
  it('is a declaration with the declarant, per-exhibit hash comparison, unsigned sources, notice and the § 1746 clause', () => {
    const root = roots['civil-sellers']!;
    const t = pdfText(join(root, 'packet.pdf')).replace(/\s+/g, ' ');
    expect(t).toContain('DECLARATION OF JANE EXAMINER');
    expect(t).toContain(
      'I, Jane Examiner, declare that I am Senior Investigator at ExampleMarket Trust & Safety',
    );
    for (const f of readdirSync(join(root, 'exhibits'))) {
      const h = sha(readFileSync(join(root, 'exhibits', f)));
      expect(t).toMatch(new RegExp(`original ${h} (identical )?copy ${h}`));
    }
    expect(t).toContain('synthetic-5-2000 (unsigned)');
    expect(t).toMatch(
      /penalty of perjury under the laws of the United States of America .*28 U\.S\.C\. § 1746/,
    );
    expect(t).toContain('reasonable written notice');
    const dataCsv = readFileSync(join(root, 'data', 'defendants.csv'));
    expect(t).toContain(`data/defendants.csv ${sha(dataCsv)}`);
  });
});

describe('smaller faults', () => {
  it('complainant-dossier.json holds the reasons as text', () => {
    const d = JSON.parse(
      readFileSync(join(roots['civil-complainant']!, 'data', 'complainant-dossier.json'), 'utf8'),
    ) as { reasons: unknown[] };
    expect(d.reasons.length).toBeGreaterThan(0);
    for (const r of d.reasons) expect(typeof r).toBe('string');
  });

  it('lists every exhibit in the contents; the cover names the matter, the examiner and the whole Bates range', () => {
    const root = roots['civil-sellers']!;
    const pdf = join(root, 'packet.pdf');
    const pages = pdfPageCount(pdf);
    const contents = pdfText(pdf, { first: 2, last: 2 });
    for (const f of readdirSync(join(root, 'exhibits')))
      expect(contents).toContain(`Exhibit ${f.replace(/\.\w+$/, '')}`);
    const cover = pdfText(pdf, { first: 1, last: 1 });
    expect(cover).toContain('NorthPeak v. Does 1-25');
    expect(cover).not.toMatch(/\.ringlens/);
    expect(cover).toContain('Jane Examiner, Senior Investigator, ExampleMarket Trust & Safety');
    expect(cover).toContain(`RL0000001 to RL${String(pages).padStart(7, '0')}`);
    expect(cover).not.toContain('onwards');
  });

  it('VERIFY.txt does not name a zip file the packet is not called', () => {
    const v = readFileSync(join(roots['civil-sellers']!, 'VERIFY.txt'), 'utf8');
    expect(v).not.toMatch(/PKT-[0-9A-F]+\.zip/);
  });

  it('prints the timeline without "complaint complaint" and order values with their currency', () => {
    const pdf = pdfText(join(roots['civil-sellers']!, 'packet.pdf'));
    expect(pdf).toMatch(/IP complaint c\d+ filed/);
    expect(pdf).not.toMatch(/complaint complaint/);
    expect(pdf).toMatch(/Order value \(per currency\)\s+[\d,]+ CNY/);
  });

  it('requires a named preparer: never the operating-system user', async () => {
    await expect(
      exportPacket(
        demo.db,
        join(dir, 'demo.ringlens'),
        { type: 'referral', ringId: analyseCase(demo.db).analysis.rings[0]!.id, date: TODAY },
        join(dir, 'np.zip'),
        'root',
      ),
    ).rejects.toThrow(/names no preparer/);
  });
});
