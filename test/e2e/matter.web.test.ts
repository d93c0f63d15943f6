/**
 * The Export view's Matter panel in Debian's Chromium against the web mode, on the demo
 * case, as the investigator uses it: fill the matter (cover title, Bates prefix, paper size,
 * filing, referral jurisdiction, examiner and custodian), save, reload and find it again (in
 * the form and through `matter.get`), see the `matter.edit` audit entry, be told plainly
 * what is wrong with a bad value (and nothing changes), then export packets and read the
 * matter back out of the PDF: Letter or A4, the Bates prefix on every page, the filing
 * legend, the examiner as declarant and the custodian in the FRE 902(11) declaration.
 * Screenshots of the panel at 1600x1000 and 1280x720 are kept under test/artifacts/e2e/matter/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import type { MatterView } from '../../shared/api/matter-contract';
import type { MatterSettings } from '../../shared/evidence/matter';
import { ARTIFACTS, launchChromium } from './support/browser';
import { pdfPages, pdfText, pdfWords, wordsOutside } from '../support/pdf-words';
import { tempDir } from '../support/temp';

let server: WebServer;
let browser: Browser;
let page: Page;
const dir = tempDir('ringlens-e2e-matter-');
const shots = join(ARTIFACTS, 'e2e', 'matter');
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** What the investigator types, and what the engine must keep (the prefix upper-cased). */
const MATTER = {
  title: 'NorthPeak Outdoor v. The Partnerships in Schedule A',
  batesPrefix: 'np-2025',
  pageSize: 'LETTER',
  filing: 'sealed',
  jurisdiction: 'US',
  examiner: {
    name: 'Jane Okafor',
    title: 'Senior Investigator',
    organisation: 'Brightline Brand Protection LLC',
    qualifications: 'Certified Fraud Examiner since 2016.',
  },
  custodian: { name: 'Marco Lindqvist', title: 'Records Manager', organisation: 'ExampleMarket' },
} as const;
const SAVED: MatterSettings = {
  title: MATTER.title,
  batesPrefix: 'NP-2025',
  pageSize: 'LETTER',
  filing: 'sealed',
  jurisdiction: 'US',
  examiner: { ...MATTER.examiner },
  custodian: { ...MATTER.custodian, qualifications: '' },
};

async function api<T>(method: string, input: unknown = {}): Promise<T> {
  const r = await fetch(`${new URL(server.url).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Ringlens-Token': server.token },
    body: JSON.stringify(input),
  });
  const j = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!j.ok) throw new Error(j.error?.message ?? JSON.stringify(j.error));
  return j.value;
}

const matterEdits = async () =>
  (
    await api<{ entries: { seq: number; action: string; details: unknown }[] }>('audit.list', {
      limit: 10_000,
    })
  ).entries.filter((e) => e.action === 'matter.edit');

/** Opens the Export view with the Matter panel unfolded (it folds once an examiner is named). */
async function openMatter(): Promise<void> {
  await page.getByTestId('nav-export').click();
  const panel = page.getByTestId('matter');
  await panel.waitFor();
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open)))
    await panel.locator('summary').click();
  await page.getByTestId('matter-title').waitFor({ state: 'visible' });
}

/** The values the form shows, read from the page as the user sees them. */
const formValues = () =>
  page.evaluate(() => {
    const v = (id: string) =>
      (
        document.querySelector(`[data-testid="${id}"]`) as
          HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
      ).value;
    const person = (p: string) => ({
      name: v(`${p}-name`),
      title: v(`${p}-title`),
      organisation: v(`${p}-organisation`),
    });
    return {
      title: v('matter-title'),
      batesPrefix: v('matter-bates-prefix'),
      pageSize: v('matter-page-size'),
      filing: v('matter-filing'),
      jurisdiction: v('matter-jurisdiction'),
      examiner: {
        ...person('matter-examiner'),
        qualifications: v('matter-examiner-qualifications'),
      },
      custodian: person('matter-custodian'),
    };
  });

/** Exports a packet of the given type from the Export form; returns the unpacked folder. */
async function exportFromUi(type: 'civil-sellers' | 'referral', name: string) {
  await page.getByTestId('packet-type').selectOption(type);
  await page.getByTestId('packet-preview').click();
  await page.getByTestId('packet-preview-panel').waitFor();
  const zip = join(dir, `${name}.zip`);
  await page.getByTestId('packet-out').fill(zip);
  await page.getByTestId('packet-export').click();
  const result = page.getByTestId('packet-result');
  const error = page.getByTestId('packet-error');
  await result.or(error).waitFor({ timeout: 120_000 });
  if (await error.count()) throw new Error(`export refused: ${await error.textContent()}`);
  const text = flat((await result.textContent()) ?? '');
  const out = join(dir, name);
  mkdirSync(out);
  execFileSync('unzip', ['-q', zip, '-d', out]);
  return { pdf: join(out, 'packet.pdf'), result: text };
}

const pageSize = (pdf: string) =>
  /Page size:\s+([\d.]+) x ([\d.]+) pts/
    .exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))!
    .slice(1, 3)
    .map(Number);
/**
 * Every page's paper, not only the first's (pdfinfo -f 1 -l N prints one line per page),
 * short side first: wide tables are on landscape pages of the same paper.
 */
const pageSizes = (pdf: string) => {
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', String(n), pdf], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) =>
    [Number(m[1]), Number(m[2])].sort((a, b) => a - b).join('x'),
  );
};
/** The pages of a PDF as pdftotext lays them out, without the empty part after the last. */
const pagesOf = (pdf: string) => pdfPages(pdf).filter((p) => p.trim() !== '');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  // The demo case is built in the server's data folder, which must exist.
  mkdirSync(join(dir, 'data'));
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: join(dir, 'data'),
    actor: 'e2e-investigator',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(server.url);
  await page.getByTestId('open-demo').click();
  await page.getByTestId('home').waitFor({ timeout: 120_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the Matter panel of the Export view', () => {
  it('starts unset, open, with nothing to save', async () => {
    expect((await api<MatterView>('matter.get')).settings).toEqual({});
    await openMatter();
    await expect(page.getByTestId('matter-summary').textContent()).resolves.toMatch(
      /examiner: not set · custodian: not set$/,
    );
    await expect(page.getByTestId('matter-save').isDisabled()).resolves.toBe(true);
    expect(await matterEdits()).toEqual([]);
  });

  it('saves the matter the investigator fills in, and says so in one line', async () => {
    await page.getByTestId('matter-title').fill(MATTER.title);
    await page.getByTestId('matter-bates-prefix').fill(MATTER.batesPrefix);
    await page.getByTestId('matter-page-size').selectOption(MATTER.pageSize);
    await page.getByTestId('matter-filing').selectOption(MATTER.filing);
    await page.getByTestId('matter-jurisdiction').selectOption(MATTER.jurisdiction);
    for (const [who, p] of [
      ['examiner', MATTER.examiner],
      ['custodian', MATTER.custodian],
    ] as const) {
      await page.getByTestId(`matter-${who}-name`).fill(p.name);
      await page.getByTestId(`matter-${who}-title`).fill(p.title);
      await page.getByTestId(`matter-${who}-organisation`).fill(p.organisation);
    }
    await page.getByTestId('matter-examiner-qualifications').fill(MATTER.examiner.qualifications);
    // The custodian has no qualifications box: the examiner's is the only one.
    await expect(page.getByTestId('matter-custodian-qualifications').count()).resolves.toBe(0);
    await expect(page.getByTestId('matter-save').isEnabled()).resolves.toBe(true);
    await page.getByTestId('matter-save').click();
    await page.getByTestId('matter-last-edit').waitFor();
    await expect(page.getByTestId('matter-summary').textContent()).resolves.toBe(
      `“${MATTER.title}” · Bates NP-2025 · Letter · filed under seal · referral: United States (federal) · ` +
        'examiner: Jane Okafor, Senior Investigator, Brightline Brand Protection LLC · ' +
        'custodian: Marco Lindqvist, Records Manager, ExampleMarket',
    );
    await expect(page.getByTestId('matter-save').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('matter-error').count()).resolves.toBe(0);
  });

  it('keeps the matter across a reload: in the form and through matter.get', async () => {
    await page.reload();
    await page.getByTestId('home').waitFor();
    await openMatter();
    expect(await formValues()).toEqual({
      ...SAVED,
      custodian: MATTER.custodian,
    });
    const view = await api<MatterView>('matter.get');
    expect(view.settings).toEqual(SAVED);
    expect(view.jurisdictions.map((j) => j.code)).toEqual(expect.arrayContaining(['US', 'CN']));
  });

  it('records the save as one matter.edit audit entry by the investigator', async () => {
    const edits = await matterEdits();
    expect(edits).toHaveLength(1);
    expect(edits[0]!.details).toEqual(SAVED);
    const view = await api<MatterView>('matter.get');
    expect(view.lastEdit).toMatchObject({ seq: edits[0]!.seq, actor: 'e2e-investigator' });
    await expect(page.getByTestId('matter-last-edit').textContent()).resolves.toContain(
      `changed by e2e-investigator at ${view.lastEdit!.at} (audit entry #${edits[0]!.seq}, matter.edit)`,
    );
  });

  it('fits at 1600x1000 and 1280x720: every box labelled and inside the window', async () => {
    for (const [w, h] of [
      [1600, 1000],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      const panel = page.getByTestId('matter');
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `matter-${w}x${h}.png`) });
      await panel.screenshot({ path: join(shots, `matter-panel-${w}x${h}.png`) });
      const fit = await page.evaluate(() => {
        const root = document.scrollingElement!;
        const controls = [
          ...document.querySelectorAll<HTMLElement>(
            '[data-testid="matter"] input, [data-testid="matter"] select, [data-testid="matter"] textarea, [data-testid="matter-save"]',
          ),
        ];
        return {
          scrollWidth: root.scrollWidth,
          clientWidth: root.clientWidth,
          viewport: window.innerWidth,
          controls: controls.map((c) => {
            const r = c.getBoundingClientRect();
            const label = c.closest('label');
            // The label's own words, without the text of the options of a select inside it.
            const words = label
              ? [...label.childNodes]
                  .filter((n) => n.nodeType === Node.TEXT_NODE)
                  .map((n) => n.textContent)
                  .join('')
                  .trim()
              : c.textContent?.trim();
            const lr = label?.getBoundingClientRect();
            return {
              id: c.dataset.testid,
              label: words ?? '',
              labelVisible: !label || (lr!.width > 0 && lr!.height > 0),
              left: r.left,
              right: r.right,
              width: r.width,
            };
          }),
        };
      });
      expect(fit.scrollWidth, `${w}x${h}: page scrolls sideways`).toBeLessThanOrEqual(
        fit.clientWidth,
      );
      // Title, prefix, paper, filing, jurisdiction, 4 examiner, 3 custodian boxes, Save.
      expect(fit.controls.map((c) => c.id)).toHaveLength(13);
      for (const c of fit.controls) {
        expect(c.label, `${w}x${h}: ${c.id} has no label`).not.toBe('');
        expect(c.labelVisible, `${w}x${h}: ${c.id}'s label is hidden`).toBe(true);
        expect(c.width, `${w}x${h}: ${c.id} has no room`).toBeGreaterThanOrEqual(100);
        expect(c.left, `${w}x${h}: ${c.id} starts left of the window`).toBeGreaterThanOrEqual(0);
        expect(c.right, `${w}x${h}: ${c.id} ends past the window`).toBeLessThanOrEqual(
          fit.viewport,
        );
      }
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('refuses a Bates prefix with a space, saying what a prefix may hold, and keeps the matter', async () => {
    const before = (await matterEdits()).length;
    await page.getByTestId('matter-bates-prefix').fill('NP 2025');
    await page.getByTestId('matter-save').click();
    const error = page.getByTestId('matter-error');
    await error.waitFor();
    await expect(error.locator('.error-text').textContent()).resolves.toBe(
      'The Bates prefix may hold only capital letters, digits, - and _, at most 12 characters.',
    );
    await page.screenshot({ path: join(shots, 'matter-bad-prefix-1600x1000.png') });
    expect((await api<MatterView>('matter.get')).settings).toEqual(SAVED);
    expect(await matterEdits()).toHaveLength(before);
    await expect(page.getByTestId('matter-summary').textContent()).resolves.toContain(
      'Bates NP-2025 ·',
    );
    // Put right, the error goes; the form is back to the saved matter, so nothing to save.
    await page.getByTestId('matter-bates-prefix').fill('NP-2025');
    await expect(page.getByTestId('matter-error').count()).resolves.toBe(0);
    await expect(page.getByTestId('matter-save').isDisabled()).resolves.toBe(true);
  });

  it('refuses a referral jurisdiction without a thresholds file, naming the ones kept', async () => {
    const before = (await matterEdits()).length;
    await expect(api('matter.set', { settings: { ...SAVED, jurisdiction: 'FR' } })).rejects.toThrow(
      'no referral thresholds are kept for jurisdiction FR',
    );
    await expect(
      api('matter.set', { settings: { ...SAVED, jurisdiction: 'usa' } }),
    ).rejects.toThrow('The referral jurisdiction must be a two-letter country code, such as US.');
    expect((await api<MatterView>('matter.get')).settings).toEqual(SAVED);
    expect(await matterEdits()).toHaveLength(before);
  });

  it('exports a civil packet on Letter paper, under seal, numbered NP-2025, declared by the examiner', async () => {
    const { pdf, result } = await exportFromUi('civil-sellers', 'civil-sealed');
    expect(result).toMatch(/pages \(NP-20250000001–NP-2025\d{7}\)/);
    const first = Number(/NP-2025(\d{7})–/.exec(result)![1]);
    // US Letter is 8.5 x 11 in: 612 x 792 pt, on every page (A4 would be 595.28 x 841.89).
    expect(pageSize(pdf)).toEqual([612, 792]);
    const sizes = pageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(3);
    expect(new Set(sizes)).toEqual(new Set(['612x792']));
    const pages = pagesOf(pdf);
    expect(pages).toHaveLength(sizes.length);
    for (const [i, p] of pages.entries()) {
      expect(p, `page ${i + 1}: Bates number`).toContain(
        `NP-2025${String(first + i).padStart(7, '0')}`,
      );
      expect(p, `page ${i + 1}: filing legend`).toContain('FILED UNDER SEAL');
    }
    // The demo's signed bundle and a 7-character prefix on the narrower landscape Letter
    // page: hashes and the signer key still inside the margins.
    expect(wordsOutside(pdfWords(pdf))).toEqual([]);
    const text = flat(pdfText(pdf));
    expect(flat(pages[0]!)).toContain(MATTER.title);
    expect(text).toContain('FILED UNDER SEAL. This packet is unredacted.');
    expect(text).toContain('DECLARATION OF JANE OKAFOR');
    expect(text).toContain(
      'I, Jane Okafor, declare that I am Senior Investigator at Brightline Brand Protection LLC. Certified Fraud Examiner since 2016.',
    );
    expect(text).toContain('DECLARATION OF MARCO LINDQVIST, CUSTODIAN OF RECORDS OF EXAMPLEMARKET');
    expect(text).toContain('I, Marco Lindqvist, am Records Manager at ExampleMarket');
  });

  it('a matter changed to A4 and public filing changes the next packet', async () => {
    await openMatter();
    await page.getByTestId('matter-page-size').selectOption('A4');
    await page.getByTestId('matter-filing').selectOption('public');
    await page.getByTestId('matter-save').click();
    await expect
      .poll(async () => (await api<MatterView>('matter.get')).settings)
      .toEqual({ ...SAVED, pageSize: 'A4', filing: 'public' });
    expect(await matterEdits()).toHaveLength(2);
    const { pdf } = await exportFromUi('civil-sellers', 'civil-public');
    expect(pageSize(pdf)).toEqual([595.28, 841.89]);
    expect(new Set(pageSizes(pdf))).toEqual(new Set(['595.28x841.89']));
    const pages = pagesOf(pdf);
    for (const [i, p] of pages.entries()) {
      expect(p, `page ${i + 1}`).toContain('UNREDACTED: NOT FOR THE PUBLIC DOCKET');
      expect(p, `page ${i + 1}`).not.toContain('FILED UNDER SEAL');
      expect(p, `page ${i + 1}`).toMatch(/NP-2025\d{7}/);
    }
  });

  it("exports a referral under the matter's jurisdiction (US), declared by the examiner", async () => {
    const { pdf } = await exportFromUi('referral', 'referral-us');
    const text = flat(pdfText(pdf));
    expect(text).toContain('18 U.S.C. § 2320(a)(1)');
    expect(text).not.toContain('销售金额在五万元以上');
    expect(text).toContain('DECLARATION OF JANE OKAFOR');
    // A referral carries no filing legend: that is for civil packets.
    expect(text).not.toContain('NOT FOR THE PUBLIC DOCKET');
  });
});
