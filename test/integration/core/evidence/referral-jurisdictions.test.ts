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
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import { setMatterSettings } from '../../../../electron/core/evidence/matter';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { generatedCase } from '../../../support/generated-case';
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
/** Reading order, not -layout: a table cell's sentence stays in one piece. */
const text = (name: string) =>
  flat(execFileSync('pdftotext', [join(roots[name]!, 'packet.pdf'), '-'], { encoding: 'utf8' }));
/** The pages' text, 1-based as pdfPages gives it: index 0 and the part after the last page are empty. */
const pagesOf = (name: string) =>
  pdfPages(join(roots[name]!, 'packet.pdf')).filter((p) => p.trim() !== '');
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
  ({ store, dir } = await generatedCase(5, 600));
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
  setMatterSettings(store.db, { filing: 'sealed' }, 't');
  await exportOne('civil-sealed', 'civil-sellers');
  setMatterSettings(store.db, { filing: 'public' }, 't');
  await exportOne('civil-public', 'civil-sellers');
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

  it('US: says federal law has no monetary threshold, and shows the sentencing bands apart', () => {
    const t = text('referral-US');
    expect(t).toContain('18 U.S.C. § 2320(a)(1)');
    expect(t).toContain('No monetary threshold: the statute sets no minimum value or quantity');
    expect(t).toContain(
      'Sentencing bands (they raise the sentence; they are not conditions to prosecute)',
    );
    expect(t).toContain('more than 2,500 USD');
    expect(t).toContain('§ 2B5.3');
    expect(t).not.toContain('销售金额在五万元以上');
    expect(t).not.toContain('50,000 CNY');
    const r = rows('referral-US');
    expect(r.find((x) => x.kind === 'referral')).toMatchObject({
      threshold: null,
      status: 'no monetary threshold',
    });
    // The generated orders are in CNY: never converted, so never compared with dollars.
    const bands = r.filter((x) => x.kind === 'sentencing');
    expect(bands.map((x) => x.threshold)).toEqual([
      2500, 6500, 15000, 40000, 95000, 150000, 250000, 550000, 1500000,
    ]);
    for (const b of bands)
      expect(b).toMatchObject({ figure: null, status: 'not in the case data' });
    expect(t).toMatch(/recorded orders are all in another currency \([\d,.]+ CNY\)/);
  });

  it('DE: § 143 MarkenG, no monetary threshold said in so many words, nothing invented', () => {
    const t = text('referral-DE');
    expect(t).toContain('§ 143 MarkenG');
    expect(t).toContain('No monetary threshold: § 143 MarkenG punishes');
    expect(t).toContain('Directive 2004/48/EC');
    expect(t).toContain('Thresholds applied by Public prosecutor');
    const r = rows('referral-DE');
    expect(r.length).toBe(2);
    for (const x of r)
      expect(x).toMatchObject({ threshold: null, status: 'no monetary threshold' });
  });

  it('US keeps the FRE declarations; DE gets an integrity statement in German citing no FRE', () => {
    const us = text('referral-US');
    expect(us).toContain('Certification of records by hash (FRE 902(13) and 902(14))');
    expect(us).toContain('28 U.S.C. § 1746');
    const de = text('referral-DE');
    expect(de).toContain('10. Erklärung zur Integrität der elektronischen Daten');
    expect(de).toContain('§ 261 StPO');
    expect(de).toContain('Jane Examiner (Investigator, T&S)');
    expect(de).toContain('Bestätigung des Datenbereitstellers');
    // Each exhibit's digests compared, in both languages, with the copy's digest printed.
    expect(de).toMatch(/identisch \/ identical/);
    expect(de).not.toMatch(/FRE 90\d|28 U\.S\.C\. § 1746|penalty of perjury/);
    // The CN referral keeps its own 电子数据提取笔录 and no FRE either.
    const cn = text('referral-CN');
    expect(cn).toContain('电子数据提取笔录');
    expect(cn).not.toMatch(/FRE 90\d/);
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

describe("the matter's filing on civil packets", () => {
  it('sealed: the cover says so and every page is marked FILED UNDER SEAL', () => {
    const pages = pagesOf('civil-sealed');
    expect(pages.length).toBeGreaterThan(3);
    expect(flat(pages[0]!)).toContain('FILED UNDER SEAL. This packet is unredacted.');
    for (const [i, p] of pages.entries()) expect(p, `page ${i + 1}`).toContain('FILED UNDER SEAL');
  });

  it('public: every page of the unredacted packet is marked not for the public docket', () => {
    const pages = pagesOf('civil-public');
    expect(pages.length).toBeGreaterThan(3);
    expect(flat(pages[0]!)).toContain('is not for the public docket');
    for (const [i, p] of pages.entries())
      expect(p, `page ${i + 1}`).toContain('UNREDACTED: NOT FOR THE PUBLIC DOCKET');
    expect(wordsOutside(pdfWords(join(roots['civil-public']!, 'packet.pdf')))).toEqual([]);
  });
});
