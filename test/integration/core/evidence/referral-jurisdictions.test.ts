/**
 * The matter chooses the referral's jurisdiction, and the packet prints that
 * jurisdiction's figures with the provisions they come from: CN's 公通字〔2010〕23号
 * amounts, the US federal statute (no monetary threshold) with the Sentencing Guidelines'
 * bands kept apart, Germany's § 143 MarkenG (no monetary threshold). A jurisdiction with no
 * thresholds file is refused. The matter's filing marks every page of a civil packet.
 * Page images are kept under test/artifacts/packet-15b/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeGeneratedBundle } from '../../../../electron/core/generate/write-generated';
import { createCase, closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import { setMatterSettings } from '../../../../electron/core/evidence/matter';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { tempDir } from '../../../support/temp';
import { pdfPages, pdfWords, wordsOutside } from '../../../support/pdf-words';

const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', 'artifacts', 'packet-15b');
const TODAY = new Date().toISOString().slice(0, 10);
const flat = (s: string) => s.replace(/\s+/g, ' ');

let dir: string;
let store: CaseStore;
let ringId: string;
const roots: Record<string, string> = {};

async function exportOne(name: string, type: 'referral' | 'civil-sellers') {
  const zip = join(dir, `${name}.zip`);
  await exportPacket(store.db, join(dir, 'case.ringlens'), { type, ringId, date: TODAY }, zip, 't');
  const out = join(dir, `unpacked-${name}`);
  mkdirSync(out);
  execFileSync('unzip', ['-q', zip, '-d', out]);
  roots[name] = out;
  mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', join(out, 'packet.pdf'), join(ARTIFACTS, name)]);
}
const text = (name: string) => flat(pdfPages(join(roots[name]!, 'packet.pdf')).join('\n'));
const rows = (name: string) =>
  JSON.parse(readFileSync(join(roots[name]!, 'data', 'thresholds.json'), 'utf8')) as {
    jurisdiction: string;
    kind: string;
    criterion: string;
    threshold: number | null;
    figure: number | null;
    status: string;
  }[];

beforeAll(async () => {
  dir = tempDir('ringlens-jurisdictions-');
  const bundle = join(dir, 'g.zip');
  await writeGeneratedBundle({ out: bundle, seed: 5, sellers: 600, format: 'jsonl' });
  store = createCase(join(dir, 'g.ringlens'), 'jurisdictions test passphrase');
  await importBundle(store, bundle, { allowUnsigned: true, actor: 't' });
  ringId = analyseCase(store.db).analysis.rings[0]!.id;
  const examiner = {
    name: 'Jane Examiner',
    title: 'Investigator',
    organisation: 'T&S',
    qualifications: '',
  };
  for (const j of ['CN', 'US', 'DE']) {
    setMatterSettings(store.db, { examiner, jurisdiction: j }, 't');
    await exportOne(`referral-${j}`, 'referral');
  }
}, 600_000);
afterAll(() => closeCase(store));

describe('referral thresholds per jurisdiction', () => {
  it('CN: the amounts of 公通字〔2010〕23号, in both languages', () => {
    const t = text('referral-CN');
    expect(t).toContain('销售金额在五万元以上');
    expect(t).toContain('50,000 CNY');
    expect(t).toContain('公通字〔2010〕23号');
    expect(rows('referral-CN').every((r) => r.jurisdiction === 'CN')).toBe(true);
  });

  it('every word of the referral pages lies inside the margins', () => {
    for (const j of ['CN', 'US', 'DE'])
      expect(wordsOutside(pdfWords(join(roots[`referral-${j}`]!, 'packet.pdf'))), j).toEqual([]);
  });

  it('refuses a jurisdiction without a thresholds file, naming the ones there are', () => {
    expect(() => setMatterSettings(store.db, { jurisdiction: 'FR' }, 't')).toThrow(
      /no referral thresholds are kept for jurisdiction FR/,
    );
  });
});
