/**
 * A keyboard-only journey in Debian's Chromium (issue 18): create a case, import the demo
 * bundle, open a ring, open an entity from it, close the panel with Escape, and export a
 * packet, with Tab, Shift+Tab, Enter, Space, arrows and Escape only; never the mouse.
 * Each step reaches its control by pressing Tab, so an unreachable control fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { ARTIFACTS, launchChromium } from './support/browser';

let server: WebServer;
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'ringlens-e2ekb-'));
const shots = join(ARTIFACTS, 'e2e', 'keyboard');

/** Presses Tab until the control with this test id (or matching selector) has the focus. */
async function tabTo(selector: string, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    const hit = await page.evaluate(
      (sel) => document.activeElement?.matches(sel) ?? false,
      selector,
    );
    if (hit) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} cannot be reached with Tab`);
}
const id = (t: string) => `[data-testid="${t}"]`;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: join(dir, 'data'),
    actor: 'keyboard-user',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('keyboard only', () => {
  it('creates a case, imports, opens a ring and an entity, and exports a packet', async () => {
    await page.goto(server.url);
    await tabTo(id('case-path'));
    await page.keyboard.type(join(dir, 'kb.ringlens'));
    await tabTo(id('case-passphrase'));
    await page.keyboard.type('keyboard only passphrase for a case 2025');
    await tabTo(id('create-case'));
    await page.keyboard.press('Enter');
    await page.getByTestId('home').waitFor();

    await tabTo(id('nav-import'));
    await page.keyboard.press('Enter');
    await tabTo(id('use-demo-bundle'));
    await page.keyboard.press('Enter');
    await page.getByTestId('verification-report').waitFor();
    await tabTo('input[type="checkbox"]');
    await page.keyboard.press('Space');
    await tabTo(id('import'));
    await page.keyboard.press('Enter');
    await page.getByTestId('import-result').waitFor();
    await tabTo(id('go-to-rings'));
    await page.keyboard.press('Enter');

    await page.getByTestId('ring-list').waitFor();
    await tabTo('.ring-item');
    // The focused card shows a visible focus ring.
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByTestId('ring-detail').waitFor();
    await tabTo(id('tab-why'));
    await page.keyboard.press('Enter');
    await tabTo('.shared .entity-link');
    const label = await page.evaluate(() => document.activeElement!.textContent);
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('entity-panel');
    await panel.waitFor();
    await expect(panel.locator('h2').textContent()).resolves.toContain(label);
    await page.screenshot({ path: join(shots, '01-entity-by-keyboard.png') });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // Back (Alt+←) returns to where the person was.
    await page.keyboard.press('Alt+ArrowLeft');
    await page.keyboard.press('Alt+ArrowRight');

    await tabTo(id('nav-export'));
    await page.keyboard.press('Enter');
    await tabTo(id('packet-preparer'));
    await page.keyboard.type('K. Board, investigator');
    await tabTo(id('packet-preview'));
    await page.keyboard.press('Enter');
    await page.getByTestId('packet-preview-panel').waitFor();
    await page.keyboard.press('Shift+Tab'); // back up the form to the output field
    await tabTo(id('packet-out'));
    await page.keyboard.type(join(dir, 'kb-packet.zip'));
    await tabTo(id('packet-export'));
    await page.keyboard.press('Enter');
    await page.getByTestId('packet-result').waitFor({ timeout: 120_000 });
    expect(existsSync(join(dir, 'kb-packet.zip'))).toBe(true);
    await page.screenshot({ path: join(shots, '02-export-by-keyboard.png') });
  });

  it('moves through the entity table with the keys a person expects', async () => {
    await tabTo(id('nav-entities'));
    await page.keyboard.press('Enter');
    await tabTo(id('entity-table'));
    await page.keyboard.press('End');
    const last = await page.evaluate(() =>
      document.querySelector('[data-testid="entity-table"]')!.getAttribute('aria-activedescendant'),
    );
    const rows = await page.evaluate(
      () =>
        Number(
          document.querySelector('[data-testid="entity-table"]')!.getAttribute('aria-rowcount'),
        ) - 1,
    );
    expect(last).toBe(`entity-row-${rows - 1}`);
    // The highlighted row is inside the visible part of the table, not below it (the virtual
    // list draws it on the next frame after scrolling to it).
    await page.waitForSelector('.tr.active');
    const inView = await page.evaluate(() => {
      const t = document.querySelector('[data-testid="entity-table"]')!.getBoundingClientRect();
      const r = document.querySelector('.tr.active')!.getBoundingClientRect();
      return r.top >= t.top && r.bottom <= t.bottom + 1;
    });
    expect(inView).toBe(true);
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    const afterPage = await page.evaluate(() =>
      document.querySelector('[data-testid="entity-table"]')!.getAttribute('aria-activedescendant'),
    );
    expect(Number(afterPage!.replace('entity-row-', ''))).toBeGreaterThan(1);
    await page.keyboard.press('Enter');
    await page.getByTestId('entity-panel').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('entity-panel').waitFor({ state: 'detached' });
    // Sorting from the keyboard, announced through aria-sort.
    await tabTo('.th .sortable');
    await page.keyboard.press('Enter');
    await expect(
      page.locator('[role="columnheader"]').first().getAttribute('aria-sort'),
    ).resolves.toBe('ascending');
  });
  it('shows the shortcut sheet with the graph keys on ?, and closes it with Escape', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const sheet = page.getByTestId('shortcut-sheet');
    await sheet.waitFor();
    const text = (await sheet.textContent()) ?? '';
    for (const line of ['Eexpand', 'Hhide the selected nodes', 'Pfind paths', 'Ctrl+Zundo'])
      expect(text).toContain(line);
    await page.screenshot({ path: join(shots, 'shortcut-sheet-1280x720.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });
});
