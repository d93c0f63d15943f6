/**
 * The Matches view in a real browser, on a case of rings that vary their identifiers
 * (the generator's evasion mode): clusters with every term in words, a confirmation with
 * its reason shown on the pair, a rejection that removes the pair for good. Screenshots at
 * 1600x1000 and 1280x720 are the artefacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { createCase, closeCase } from '../../electron/core/store/open';
import { importBundle } from '../../electron/core/bundle/import';
import { writeGeneratedBundle } from '../../electron/core/generate/write-generated';
import { EVASION_KINDS } from '../../electron/core/generate/evasion';
import { ARTIFACTS, launchChromium } from './support/browser';
import { analyseCase } from '../../electron/core/graph/analyse';
import { explainRing } from '../../electron/core/graph/explain';
import { ringGraph } from '../../electron/core/graph/ring-graph';

let server: WebServer;
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'ringlens-e2e-matches-'));
const casePath = join(dir, 'evasion.ringlens');
const PASS = 'a long enough passphrase';
const shots = join(ARTIFACTS, 'e2e');
let probableRing = '';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const g = await writeGeneratedBundle({
    out: join(dir, 'b.zip'),
    seed: 3,
    sellers: 400,
    evasion: [...EVASION_KINDS],
  });
  const store = createCase(casePath, PASS);
  await importBundle(store, g.file, { allowUnsigned: true, actor: 'tester' });
  // The ring with the most dashed probable edges (open candidates touching it).
  const ctx = analyseCase(store.db);
  let most = 0;
  for (const r of ctx.analysis.rings) {
    const n = ringGraph(store.db, r.id, explainRing(store.db, ctx, r.id), {
      probable: true,
    }).edges.filter((e) => e.type === 'probable_match').length;
    if (n > most) [most, probableRing] = [n, r.id];
  }
  closeCase(store);
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: dir,
    actor: 'e2e-investigator',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Matches view', () => {
  it('shows clusters of candidates explained term by term, and takes decisions with reasons', async () => {
    await page.goto(server.url);
    await page.getByTestId('case-path').fill(casePath);
    await page.getByTestId('case-passphrase').fill(PASS);
    await page.getByTestId('open-case').click();
    await page.getByTestId('home').waitFor();
    await page.getByTestId('nav-matches').click();
    await page.getByTestId('matches-clusters').waitFor();
    const clusters = await page.getByTestId('match-cluster').count();
    expect(clusters).toBeGreaterThan(5);
    await page.screenshot({ path: join(shots, 'matches-1600x1000.png') });
    const text = await page.getByTestId('matches-clusters').textContent();
    expect(text).toMatch(/photo fingerprints \d to \d bits apart[^:]*: \+\d+\.\d/);
    expect(text).toMatch(/prior \(share of compared pairs that match\): −\d/);

    await page.getByTestId('matches-kind').selectOption('phone');
    await page.getByTestId('match-pair').first().waitFor();
    const first = page.getByTestId('match-pair').first();
    await expect(first.getByTestId('match-confirm').isDisabled()).resolves.toBe(true);
    await first.getByRole('textbox').fill('same SIM batch, bought by one reseller');
    await first.getByTestId('match-confirm').click();
    await page.getByTestId('match-decision').first().waitFor();
    await expect(page.getByTestId('match-decision').first().textContent()).resolves.toMatch(
      /Confirmed by e2e-investigator on \d{4}-\d{2}-\d{2}: same SIM batch, bought by one reseller/,
    );

    const undecided = page
      .getByTestId('match-pair')
      .filter({ has: page.getByTestId('match-reject') })
      .first();
    const title = (await undecided.locator('div').first().textContent())!;
    await undecided.getByRole('textbox').fill('numbers of two unrelated sellers');
    await undecided.getByTestId('match-reject').click();
    // The rejected pair is gone, and stays gone with every threshold.
    await page.waitForFunction(
      (t) =>
        ![...document.querySelectorAll('[data-testid="match-pair"] > div:first-child')].some(
          (d) => d.textContent === t,
        ),
      title,
    );
    await page.getByTestId('matches-min').selectOption('0.5');
    await page.getByTestId('match-pair').first().waitFor();
    const titles = await page
      .locator('[data-testid="match-pair"] > div:first-child')
      .allTextContents();
    expect(titles.map((t) => t.replace(/: [\d.]+%$/, ''))).not.toContain(
      title.replace(/: [\d.]+%$/, ''),
    );
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(shots, 'matches-1280x720.png') });

    // The model: m and u per level, estimated by EM where the case allows, defaults said.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.getByTestId('matches-min').selectOption('0.9');
    await page.getByTestId('matches-kind').selectOption('');
    await page.getByTestId('match-pair').first().waitFor();
    await page.locator('details.panel > summary').click();
    const estimates = await page.getByTestId('match-estimates').textContent();
    expect(estimates).toContain('phone numbers: per-kind m and u kept (one comparison only');
    for (const kind of ['people and company names', 'bank and payment accounts', 'devices'])
      expect(estimates).toContain(`${kind}: `);
    expect(estimates).toMatch(/m and u (estimated from this case by EM|kept)/);
    await page.locator('details.panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(shots, 'matches-model-1600x1000.png') });
  });

  it('draws open candidates touching a ring as dashed probable-match edges', async () => {
    expect(probableRing, 'a ring with probable edges').not.toBe('');
    await page.getByTestId('nav-rings').click();
    await page.getByTestId(`ring-${probableRing}`).click();
    // Probable edges join the ring's graph after it is drawn and laid out (ring.probable).
    await page.locator('[data-testid="graph-canvas"][data-late="true"]').waitFor();
    const drawn = await page.evaluate(() => {
      const cy = window.__ringlensCy!;
      const e = cy.edges('[type = "probable_match"]');
      return {
        count: e.length,
        style: e.length ? e.first().style('line-style') : '',
        label: e.length ? String(e.first().data('display')) : '',
      };
    });
    expect(drawn.count).toBeGreaterThan(0);
    expect(drawn.style).toBe('dashed');
    expect(drawn.label).toMatch(/^probable match \d+(\.\d)?%$/);
    await expect(page.getByTestId('legend-probable').textContent()).resolves.toContain(
      'probable identity match',
    );
    await page.evaluate(() => window.__ringlensCy!.fit(undefined, 30));
    await page.screenshot({ path: join(shots, 'ring-probable-edges-1600x1000.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.evaluate(() => window.__ringlensCy!.fit(undefined, 30));
    await page.screenshot({ path: join(shots, 'ring-probable-edges-1280x720.png') });
  });
});
