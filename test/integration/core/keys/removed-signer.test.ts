/**
 * Removing a trusted key takes the "trusted" badge off its bundles: `info` and every later
 * packet say "signer no longer trusted (removed on DATE by WHO)"; re-adding the key restores it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { caseInfo } from '../../../../electron/core/store/case-info';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import {
  addTrustedKey,
  listTrustedKeys,
  removeTrustedKey,
} from '../../../../electron/core/keys/trusted-keys';
import { tempDir } from '../../../support/bundles';
import { pdfText } from '../../../support/pdf-words';

let dir: string;
let store: CaseStore;

beforeAll(async () => {
  dir = tempDir('ringlens-untrust-');
  store = await buildDemoCase(join(dir, 'demo.ringlens'));
}, 120_000);
afterAll(() => closeCase(store));

describe('a removed trusted key', () => {
  it('is shown as no longer trusted in info and in a later packet', async () => {
    const before = caseInfo(store.db).bundles;
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((b) => b.standing === 'trusted')).toBe(true);
    const key = listTrustedKeys(store.db).find(
      (k) => k.fingerprint === before[0]!.signerFingerprint,
    )!;
    removeTrustedKey(store.db, { fingerprint: key.fingerprint, actor: 'Erin Auditor' });
    const today = new Date().toISOString().slice(0, 10);
    const expected = `signer no longer trusted (removed on ${today} by Erin Auditor)`;
    const after = caseInfo(store.db).bundles.find((b) => b.bundleId === before[0]!.bundleId)!;
    expect(after.signature).toBe('trusted'); // what was verified at import stays on record
    expect(after.standing).toBe(expected);

    const ring = analyseCase(store.db).analysis.rings[0]!;
    const zip = join(dir, 'p.zip');
    await exportPacket(
      store.db,
      join(dir, 'demo.ringlens'),
      { type: 'brand-share', ringId: ring.id, date: today, preparer: 'Jane Examiner' },
      zip,
      'tester',
    );
    const root = join(dir, 'unpacked');
    execFileSync('unzip', ['-q', zip, '-d', root]);
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
      sourceBundles: { bundleId: string; signature: string }[];
    };
    expect(manifest.sourceBundles.find((b) => b.bundleId === after.bundleId)!.signature).toBe(
      expected,
    );
    const pdf = pdfText(join(root, 'packet.pdf')).replace(/\s+/g, ' ');
    expect(pdf.toLowerCase()).toContain('signer no longer trusted');

    addTrustedKey(store.db, { publicKeyPem: key.publicKeyPem, name: key.name, actor: 'Erin' });
    expect(caseInfo(store.db).bundles[0]!.standing).toBe('trusted');
  }, 120_000);
});
