/**
 * Issue 16, fault 4: one odd evidence file must not block a ring's packet. The bundle
 * accepted/odd-evidence-files.zip (scripts/make-hostile-corpus.ts) holds a PNG with bytes
 * after IEND, HTML declared as image/png, a truncated JPEG and a good JPEG. The packet must
 * export; each native exhibit must be the imported bytes; each exhibit page must show the
 * picture or a placeholder with the file's hash and description, checked with poppler
 * (pdftotext for the words, pdfimages for the pictures on each page). Page images are kept
 * under test/artifacts/hostile-media/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { closeCase, createCase, type CaseStore } from '../../../electron/core/store/open';
import { importBundle } from '../../../electron/core/bundle/import';
import { addTrustedKey } from '../../../electron/core/keys/trusted-keys';
import { demoIssuerKey } from '../../../electron/core/demo/demo-key';
import { analyseCase } from '../../../electron/core/graph/analyse';
import { exportPacket } from '../../../electron/core/evidence/packet';
import { tempDir } from '../../support/bundles';
import { pdfText } from '../../support/pdf-words';

const ACCEPTED = join(import.meta.dirname, '..', '..', 'fixtures', 'hostile', 'accepted');
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts', 'hostile-media');
const expectations = JSON.parse(readFileSync(join(ACCEPTED, 'expectations.json'), 'utf8')) as {
  'odd-evidence-files.zip': { exhibits: Record<string, { picture: boolean; says: string }> };
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let dir: string;
let store: CaseStore;
let root: string;
let pages: string[];
let exhibitsJson: { number: string; file: string; sha256: string }[];

beforeAll(async () => {
  dir = tempDir('ringlens-media-');
  store = createCase(join(dir, 'case.ringlens'), 'pass');
  addTrustedKey(store.db, {
    publicKeyPem: demoIssuerKey().publicKeyPem,
    name: 'demo issuer',
    actor: 'tester',
  });
  await importBundle(store, join(ACCEPTED, 'odd-evidence-files.zip'), { actor: 'tester' });
  const ring = analyseCase(store.db).analysis.rings[0]!;
  const zip = join(dir, 'packet.zip');
  await exportPacket(
    store.db,
    join(dir, 'case.ringlens'),
    {
      type: 'civil-sellers',
      ringId: ring.id,
      date: new Date().toISOString().slice(0, 10),
      preparer: 'Jane Examiner',
    },
    zip,
    'tester',
  );
  root = join(dir, 'unpacked');
  execFileSync('unzip', ['-q', zip, '-d', root]);
  const text = pdfText(join(root, 'packet.pdf'));
  pages = text.split('\f');
  exhibitsJson = JSON.parse(readFileSync(join(root, 'data', 'exhibits.json'), 'utf8')) as never;
}, 120_000);
afterAll(() => {
  closeCase(store);
  rmSync(dir, { recursive: true, force: true });
});

/** Pictures on each page (1-based page → count), from poppler's pdfimages. */
function picturesByPage(pdf: string): Map<number, number> {
  const list = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' });
  const out = new Map<number, number>();
  for (const line of list.split('\n').slice(2)) {
    const [page, , type] = line.trim().split(/\s+/);
    if (!page || type !== 'image') continue;
    out.set(Number(page), (out.get(Number(page)) ?? 0) + 1);
  }
  return out;
}

describe('a ring whose evidence holds odd files', () => {
  it('exports a packet, every exhibit kept bit for bit under an extension from its bytes', () => {
    const bundleFiles = execFileSync('unzip', ['-Z1', join(ACCEPTED, 'odd-evidence-files.zip')], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => f.startsWith('evidence/'));
    expect(exhibitsJson).toHaveLength(bundleFiles.length);
    for (const f of bundleFiles) {
      const original = execFileSync('unzip', ['-p', join(ACCEPTED, 'odd-evidence-files.zip'), f]);
      const x = exhibitsJson.find((e) => e.sha256 === sha(original));
      expect(x, f).toBeDefined();
      expect(sha(readFileSync(join(root, x!.file)))).toBe(sha(original));
      // HTML declared as PNG is filed as .html, never as a .png a viewer would trust.
      if (f === 'evidence/page.png') expect(x!.file).toMatch(/\.html$/);
    }
  });

  it('shows each picture that decodes, and a placeholder with hash and description for each that does not', () => {
    const pdf = join(root, 'packet.pdf');
    const pictures = picturesByPage(pdf);
    mkdirSync(ARTIFACTS, { recursive: true });
    const want = expectations['odd-evidence-files.zip'].exhibits;
    for (const [file, { picture, says }] of Object.entries(want)) {
      const original = execFileSync('unzip', [
        '-p',
        join(ACCEPTED, 'odd-evidence-files.zip'),
        file,
      ]);
      const hash = sha(original);
      const x = exhibitsJson.find((e) => e.sha256 === hash)!;
      const index = pages.findIndex((p) => p.includes(`Exhibit ${x.number}:`) && p.includes(hash));
      expect(index, `the page of ${file}`).toBeGreaterThanOrEqual(0);
      const page = pages[index]!.replace(/\s+/g, ' ');
      const pageNo = index + 1;
      execFileSync('pdftoppm', [
        '-r',
        '60',
        '-png',
        '-f',
        String(pageNo),
        '-l',
        String(pageNo),
        '-singlefile',
        pdf,
        join(ARTIFACTS, file.replace(/[/.]/g, '-')),
      ]);
      if (picture) {
        expect(pictures.get(pageNo), `a picture on the page of ${file}`).toBe(1);
        if (says !== 'test buy 17') expect(page).toContain(says);
      } else {
        expect(pictures.get(pageNo) ?? 0, `no picture on the page of ${file}`).toBe(0);
        expect(page).toContain('No picture is shown for this exhibit');
        expect(page).toContain(says);
        expect(page).toContain(`SHA-256: ${hash}`);
      }
    }
  });
});
