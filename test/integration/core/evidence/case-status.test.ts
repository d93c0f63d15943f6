/** A ring's packets tell what has been done about it: status history and outcomes, in the PDF and as data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import { verifyPacket } from '../../../../electron/core/evidence/verify';
import { setStatus } from '../../../../electron/core/lifecycle/lifecycle';
import { tempDir } from '../../../support/bundles';
import { playScenario } from '../lifecycle/scenario';
import { pdfText } from '../../../support/pdf-words';

// Packets may not be dated before the data they hold (imported today) nor in the future.
const TODAY = new Date().toISOString().slice(0, 10);
let store: CaseStore;
let dir: string;
beforeAll(async () => {
  dir = tempDir('ringlens-status-packet-');
  store = await buildDemoCase(join(dir, 'demo.ringlens'));
  playScenario(store.db);
});
afterAll(() => closeCase(store));

const unpack = (zip: string) => {
  const out = tempDir('ringlens-unpacked-');
  execFileSync('unzip', ['-q', zip, '-d', out]);
  return out;
};
const text = (root: string) =>
  execFileSync('pdftotext', [join(root, 'packet.pdf'), '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );

describe('case status in packets', () => {
  it('a referral packet carries the status history and the outcomes, verifiably', async () => {
    const zip = join(dir, 'referral.zip');
    const r = await exportPacket(
      store.db,
      join(dir, 'demo.ringlens'),
      { type: 'referral', ringId: 'R-0001', date: TODAY, preparer: 'Jane Examiner' },
      zip,
      'tester',
    );
    const root = unpack(zip);
    const t = text(root);
    expect(t).toContain('12. Case status and outcomes');
    expect(t).toMatch(/Status at export: Referred to police; assigned to Li Wei/);
    expect(t).toContain('packet handed to Putian PSB');
    expect(t).toContain('PT-2025-0117');
    expect(t).toContain('Inspector Chen');
    const outcomes = readFileSync(join(root, 'data', 'outcomes.csv'), 'utf8');
    expect(outcomes.trim().split('\n')).toHaveLength(8);
    expect(existsSync(join(root, 'data', 'status-history.json'))).toBe(true);
    expect((await verifyPacket(zip)).ok).toBe(true);
    // The extra section is in the first layout pass too, so exhibits keep the Bates ranges of their pages.
    expect(r.bates.first).toBe('RL0000001');
    const pdf = join(root, 'packet.pdf');
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1],
    );
    const layout = pdfText(pdf);
    let checked = 0;
    for (let i = 1; i <= pages; i++) {
      const page = pdfText(pdf, { first: i, last: i });
      const m = /^Exhibit (EX-\d{3}):/m.exec(page);
      if (m && page.includes('File in packet')) {
        expect(layout, m[1]).toMatch(new RegExp(`${m[1]}\\s+RL${String(i).padStart(7, '0')}–`));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    // A later status change makes a new packet (new id, new Bates numbers), never a silent reuse.
    setStatus(
      store.db,
      { kind: 'ring', id: 'R-0001' },
      'civil_suit',
      'brand files suit as well',
      null,
      { actor: 'tester' },
    );
    const again = await exportPacket(
      store.db,
      join(dir, 'demo.ringlens'),
      { type: 'referral', ringId: 'R-0001', date: TODAY, preparer: 'Jane Examiner' },
      join(dir, 'referral-2.zip'),
      'tester',
    );
    expect(again.packetId).not.toBe(r.packetId);
    expect(again.reproduced).toBe(false);
  });

  it('a brand share masks the officer named on the referral', async () => {
    const zip = join(dir, 'share.zip');
    await exportPacket(
      store.db,
      join(dir, 'demo.ringlens'),
      { type: 'brand-share', ringId: 'R-0001', date: TODAY, preparer: 'Jane Examiner' },
      zip,
      'tester',
    );
    const root = unpack(zip);
    const t = text(root);
    expect(t).toContain('12. Case status and outcomes');
    expect(t).not.toContain('Inspector Chen');
    expect(readFileSync(join(root, 'data', 'outcomes.csv'), 'utf8')).not.toContain(
      'Inspector Chen',
    );
  });

  it('a ring nothing was recorded about has no such section', async () => {
    const zip = join(dir, 'r3.zip');
    const fresh = await buildDemoCase(join(dir, 'fresh.ringlens'));
    try {
      await exportPacket(
        fresh.db,
        join(dir, 'fresh.ringlens'),
        { type: 'referral', ringId: 'R-0002', date: TODAY, preparer: 'Jane Examiner' },
        zip,
        'tester',
      );
    } finally {
      closeCase(fresh);
    }
    expect(text(unpack(zip))).not.toContain('Case status and outcomes');
  });
});
