/**
 * Evidence packets read back the way a court's expert would: text extracted from the real
 * PDF, hashes recomputed with sha256sum, the signature checked with openssl, structure
 * checked with qpdf, and the packet verifier catching any flipped byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import { buildPacketContent } from '../../../../electron/core/evidence/model';
import { verifyPacket } from '../../../../electron/core/evidence/verify';
import { writeZip } from '../../../../electron/core/bundle/writer';
import { tempDir } from '../../../support/bundles';
import { pdfText } from '../../../support/pdf-words';

// Packets may not be dated before the data they hold (imported today) nor in the future.
const TODAY = new Date().toISOString().slice(0, 10);
let store: CaseStore;
let dir: string;
let ringId: string;
const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', 'artifacts', 'packet');

beforeAll(async () => {
  dir = tempDir('ringlens-packet-');
  store = await buildDemoCase(join(dir, 'demo.ringlens'));
  ringId = analyseCase(store.db).analysis.rings[0]!.id;
});
afterAll(() => closeCase(store));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
function unpack(zip: string): string {
  const out = tempDir('ringlens-unpacked-');
  execFileSync('unzip', ['-q', zip, '-d', out]);
  return out;
}
function files(root: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) =>
      statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [relative(root, join(d, f))],
    );
  return walk(root).sort();
}
const pageCount = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const pageText = (pdf: string, n: number) => pdfText(pdf, { first: n, last: n });

describe('civil suit packet against sellers', () => {
  let zip: string;
  let root: string;
  beforeAll(async () => {
    zip = join(dir, 'civil.zip');
    await exportPacket(
      store.db,
      join(dir, 'demo.ringlens'),
      { type: 'civil-sellers', ringId, date: TODAY, preparer: 'Jane Examiner' },
      zip,
      'tester',
    );
    root = unpack(zip);
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '12',
      join(root, 'packet.pdf'),
      join(ARTIFACTS, 'civil-sellers'),
    ]);
  });

  it('numbers every page with consecutive Bates numbers and "page X of Y"', () => {
    const pdf = join(root, 'packet.pdf');
    const n = pageCount(pdf);
    expect(n).toBeGreaterThan(10);
    for (let i = 1; i <= n; i++) {
      const text = pageText(pdf, i);
      expect(text, `page ${i}`).toContain(`RL${String(i).padStart(7, '0')}`);
      expect(text).toContain(`page ${i} of ${n}`);
    }
  });

  it('gives each exhibit the Bates range of the pages it is printed on', () => {
    const pdf = join(root, 'packet.pdf');
    const n = pageCount(pdf);
    const startPage = new Map<string, number>();
    for (let i = 1; i <= n; i++) {
      const text = pageText(pdf, i);
      // An exhibit page, not the contents page that lists the first exhibit.
      const m = /^Exhibit (EX-\d{3}):/m.exec(text);
      if (m && text.includes('File in packet') && !startPage.has(m[1]!)) startPage.set(m[1]!, i);
    }
    expect(startPage.size).toBeGreaterThan(0);
    const listed = JSON.parse(readFileSync(join(root, 'data', 'exhibits.json'), 'utf8')) as {
      number: string;
    }[];
    const text = pdfText(pdf);
    for (const x of listed) {
      const first = `RL${String(startPage.get(x.number)).padStart(7, '0')}`;
      expect(text, x.number).toMatch(new RegExp(`${x.number}\\s+${first}–`));
    }
  });

  it('prints every exhibit’s SHA-256, equal to the exhibit file’s own hash', () => {
    const text = pdfText(join(root, 'packet.pdf'));
    const exhibits = files(root).filter((f) => f.startsWith('exhibits/'));
    expect(exhibits.length).toBeGreaterThan(0);
    for (const f of exhibits) expect(text, f).toContain(sha(readFileSync(join(root, f))));
  });

  it('has every section, searchable text and Chinese names that render', () => {
    const text = pdfText(join(root, 'packet.pdf'));
    for (const section of [
      'Contents',
      'Executive summary',
      'Ring figure and interrelation',
      'Schedule of defendants',
      'Infringement chart',
      'Exhibit list',
      'Exhibit EX-001',
      'Transactions',
      'IP complaints',
      'Timeline',
      'Chain of custody',
      'Certification of records by hash',
      'Analysis record and sources',
      'Doe 1',
      'Audit log head at export',
    ]) {
      expect(text, section).toContain(section);
    }
    expect(text).toMatch(/[\u4e00-\u9fff]{2,}/);
    const fonts = execFileSync('pdffonts', [join(root, 'packet.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('passes qpdf --check, sha256sum -c and openssl signature verification, as VERIFY.txt says', () => {
    expect(spawnSync('qpdf', ['--check', join(root, 'packet.pdf')]).status).toBe(0);
    const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: root, encoding: 'utf8' });
    expect(sums.status, sums.stdout).toBe(0);
    const verify = spawnSync(
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
      { cwd: root, encoding: 'utf8' },
    );
    expect(verify.stdout + verify.stderr).toMatch(/Signature Verified Successfully/);
    const readme = readFileSync(join(root, 'VERIFY.txt'), 'utf8');
    expect(readme).toContain('sha256sum -c SHA256SUMS');
    expect(readme).toContain(
      'openssl pkeyutl -verify -pubin -inkey examiner.pub.pem -rawin -in manifest.json -sigfile manifest.sig',
    );
    const fp = execFileSync(
      'sh',
      ['-c', 'openssl pkey -pubin -in examiner.pub.pem -outform DER | sha256sum'],
      { cwd: root, encoding: 'utf8' },
    ).split(' ')[0]!;
    expect(readme).toContain(fp);
  });

  it('one flipped byte in any file makes verification fail, naming that file', async () => {
    expect((await verifyPacket(zip)).ok).toBe(true);
    for (const f of files(root)) {
      const entries = files(root).map((name) => {
        const data = Buffer.from(readFileSync(join(root, name)));
        if (name === f) data[Math.floor(data.length / 2)]! ^= 0x01;
        return { name, data };
      });
      const bad = join(dir, `flipped.zip`);
      await writeZip(bad, entries);
      const v = await verifyPacket(bad);
      expect(v.ok, f).toBe(false);
      expect(v.problems.join('\n'), f).toContain(
        f === 'manifest.sig' || f === 'examiner.pub.pem' ? f : f,
      );
    }
  });

  it('is reproducible: the same inputs and date give a byte-identical packet, recorded in the audit log', async () => {
    const again = join(dir, 'civil-again.zip');
    const r = await exportPacket(
      store.db,
      join(dir, 'demo.ringlens'),
      { type: 'civil-sellers', ringId, date: TODAY, preparer: 'Jane Examiner' },
      again,
      'tester',
    );
    expect(r.reproduced).toBe(true);
    expect(readFileSync(again).equals(readFileSync(zip))).toBe(true);
    const audit = store.db
      .prepare(`SELECT details FROM audit_log WHERE action = 'packet.export' ORDER BY seq`)
      .all() as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details).sha256)).toEqual([
      sha(readFileSync(zip)),
      sha(readFileSync(zip)),
    ]);
  });

  it('continues Bates numbering in the next packet of the case', async () => {
    const first = pageCount(join(root, 'packet.pdf'));
    const r = await exportPacket(
      store.db,
      join(dir, 'demo.ringlens'),
      { type: 'referral', ringId, date: TODAY, preparer: 'Jane Examiner' },
      join(dir, 'referral.zip'),
      'tester',
    );
    expect(r.bates.first).toBe(`RL${String(first + 1).padStart(7, '0')}`);
    const text = pageText(join(unpack(join(dir, 'referral.zip')), 'packet.pdf'), 1);
    expect(text).toContain(r.bates.first);
  });
});

describe('brand-owner share', () => {
  it('contains none of the masked personal data in any file, PDF text included', async () => {
    const options = {
      type: 'brand-share' as const,
      ringId,
      date: TODAY,
      preparer: 'Jane Examiner',
    };
    const content = buildPacketContent(store.db, options, 'demo.ringlens');
    // Masking is by role: a defendant who shares a buyer's name is still named as the defendant.
    const named = new Set(
      content.defendants.flatMap((d) => [d.seller, ...d.shops.map((s) => s.name)]),
    );
    const masked = [...content.masked].filter((v) => !named.has(v));
    expect(masked.length).toBeGreaterThan(0);
    const zip = join(dir, 'share.zip');
    await exportPacket(store.db, join(dir, 'demo.ringlens'), options, zip, 'tester');
    const root = unpack(zip);
    const pdfText = execFileSync('pdftotext', [join(root, 'packet.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    expect(pdfText).toContain('[redacted]');
    for (const value of masked) {
      expect(pdfText, `PDF text leaks ${value}`).not.toContain(value);
      for (const f of files(root))
        expect(
          readFileSync(join(root, f)).includes(Buffer.from(value)),
          `${f} leaks ${value}`,
        ).toBe(false);
    }
  });
});

describe('civil suit against a fraudulent complainant', () => {
  it('schedules the complaints with outcomes and refutations, and the dossier statistics', async () => {
    const agent = 'complainant:agent-swiftmark';
    const zip = join(dir, 'complainant.zip');
    await exportPacket(
      store.db,
      join(dir, 'demo.ringlens'),
      {
        type: 'civil-complainant',
        complainant: agent,
        date: TODAY,
        preparer: 'Jane Examiner',
      },
      zip,
      'tester',
    );
    const root = unpack(zip);
    const text = pdfText(join(root, 'packet.pdf'));
    expect(text).toContain('Schedule of complaints');
    expect(text).toMatch(/refuted/);
    // DSA Art. 23(3): rejected on the merits; withdrawn and reinstated notices are counted apart.
    expect(text).toMatch(/Manifestly unfounded \(rejected on the merits\)/);
    expect(text).toMatch(/Withdrawn by the complainant \(counted apart\)/);
    expect(
      JSON.parse(readFileSync(join(root, 'data', 'complainant-dossier.json'), 'utf8')),
    ).toMatchObject({ flagged: true });
    writeFileSync(join(dir, 'ok'), '');
  });
});
