/**
 * Issue 18, item 4 in a real browser: every long action shows what the engine is doing and
 * can be cancelled, and a cancel keeps nothing. An import cancelled mid-way leaves the case
 * as it was; an export cancelled while it waits behind other work writes no file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { writeGeneratedBundle } from '../../electron/core/generate/write-generated';
import { ARTIFACTS, launchChromium } from './support/browser';
import { OVERVIEW_AUTO_DRAW_MAX } from '../../renderer/graph/overview-policy';
import { tempDir } from '../support/temp';

let server: WebServer;
let browser: Browser;
let page: Page;
let big: string;
const dir = tempDir('ringlens-e2e-long-');
const shots = join(ARTIFACTS, 'e2e', 'long-actions');

async function api<T>(method: string, input: unknown = {}): Promise<T> {
  const r = await fetch(`${new URL(server.url).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Ringlens-Token': server.token },
    body: JSON.stringify(input),
  });
  const j = (await r.json()) as { ok: boolean; value: T; error?: unknown };
  if (!j.ok) throw new Error(JSON.stringify(j.error));
  return j.value;
}

async function shoot(name: string): Promise<void> {
  for (const [w, h] of [
    [1600, 1000],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(shots, `${name}-${w}x${h}.png`) });
  }
}

const entities = async () =>
  (await api<{ totals: { entities: number } }>('case.summary')).totals.entities;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  // Big enough that importing it takes seconds: time to see the progress and to cancel.
  big = (await writeGeneratedBundle({ out: join(dir, 'big.zip'), seed: 11, sellers: 8000 })).file;
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: join(dir, 'data'),
    actor: 'e2e-investigator',
  });
  await api('case.create', {
    path: join(dir, 'long.ringlens'),
    passphrase: 'a long passphrase 2025',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(server.url);
  await page.getByTestId('home').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('long actions: progress, Cancel, nothing kept', () => {
  it('cancels an import mid-way; the case is as it was', async () => {
    const before = await entities();
    await page.getByTestId('nav-import').click();
    await page.getByTestId('bundle-path').fill(big);
    await page.getByTestId('inspect').click();
    await page.getByTestId('verification-report').waitFor();
    await page.getByLabel(/I know where this unsigned bundle came from/).check();
    await page.getByTestId('import').click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await page.waitForFunction(
      () => /entities|links/.test(document.querySelector('.progress-wrap')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    // Cancel at once: on a quiet machine the set-based import is quick.
    await page.getByTestId('import-cancel').click();
    await shoot('01-import-cancelling');
    const error = page.getByTestId('import-error').locator('.error-text');
    await error.waitFor({ timeout: 60_000 });
    await expect(error.textContent()).resolves.toBe('Cancelled: nothing was kept.');
    await expect(page.getByTestId('import-result').count()).resolves.toBe(0);
    await shoot('02-import-cancelled');
    expect(await entities()).toBe(before);
  });

  it('cancels a share export whose call is still on its way: no file is written', async () => {
    const out = join(dir, 'ring.html');
    await api('bundle.import', { path: big, allowUnsigned: true });
    await page.getByTestId('nav-share').click();
    await page.getByTestId('share-format').selectOption('review');
    await page.getByTestId('share-out').fill(out);
    // The export's request is held in the browser (as a slow bridge would), so the Cancel
    // reaches the engine first: the engine must remember it and never start the export.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/interop.export', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('share-export').click();
    const busy = page.getByTestId('share-busy');
    await busy.waitFor();
    await expect(busy.locator('.busy').textContent()).resolves.toMatch(/^ ?Writing R-\d{4}/);
    await shoot('03-share-busy');
    await page.getByTestId('share-busy-cancel').click();
    await expect(busy.locator('.busy').textContent()).resolves.toMatch(/Cancelling/);
    release();
    const error = page.getByTestId('share-error').locator('.error-text');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe('Cancelled: nothing was kept.');
    await busy.waitFor({ state: 'detached' });
    expect(existsSync(out)).toBe(false);
    await page.unroute('**/api/interop.export');

    // Run again to the end: the error goes, the result comes, the file is there.
    await page.getByTestId('share-export').click();
    await page.getByTestId('share-result').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('share-error').count()).resolves.toBe(0);
    expect(existsSync(out)).toBe(true);
    await shoot('04-share-done');
  });

  it('leaves a big case overview undrawn until asked: a ring opens at once meanwhile', async () => {
    // The case now holds the 8,000-seller bundle (the test before imported it).
    const overview = await api<{ nodes: unknown[]; edges: unknown[] }>('graph.overview');
    const total = overview.nodes.length + overview.edges.length;
    expect(total).toBeGreaterThan(OVERVIEW_AUTO_DRAW_MAX);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.getByTestId('nav-rings').click();
    const waiting = page.getByTestId('overview-waiting');
    await waiting.waitFor();
    await expect(waiting.textContent()).resolves.toContain(total.toLocaleString('en'));
    expect(await page.evaluate(() => window.__ringlensOverviewCy === undefined)).toBe(true);
    await shoot('05-overview-waiting');
    await page.setViewportSize({ width: 1600, height: 1000 });

    const first = page.locator('[data-testid^="ring-R-"]').first();
    await first.click();
    await page.getByTestId('ring-detail').waitFor();
    await page.getByTestId('open-overview').click();
    await page.locator('[data-testid="overview-canvas"][data-ready="true"]').waitFor({
      timeout: 60_000,
    });
    const drawn = await page.evaluate(() => window.__ringlensOverviewCy!.elements().length);
    // Ring titles are drawn as nodes too: one per ring on top of the overview's elements.
    expect(drawn).toBeGreaterThanOrEqual(total);
    await expect(page.getByTestId('overview-waiting').count()).resolves.toBe(0);
    await shoot('06-overview-drawn');
  });
});
