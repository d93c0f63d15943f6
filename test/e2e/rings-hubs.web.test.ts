/**
 * The Rings view on real data (the ICIJ Offshore Leaks subgraph, corporate profile): the
 * per-type degree distributions with the hub threshold drawn on them, the profile, and the
 * suppressed hubs with their reasons. Screenshots at 1600x1000 and 1280x720.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { closeCase } from '../../electron/core/store/open';
import { ARTIFACTS, launchChromium } from './support/browser';
import { hasRealdata, icijRows, realCase } from '../support/realdata';

let server: WebServer;
let browser: Browser;
let dir: string;
let caseFile: string;
const shots = join(ARTIFACTS, 'e2e');

beforeAll(async () => {
  if (!hasRealdata) return;
  mkdirSync(shots, { recursive: true });
  const c = await realCase('icij', icijRows());
  closeCase(c.store);
  dir = c.dir;
  caseFile = join(dir, 'case.ringlens');
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: dir,
    actor: 'e2e-investigator',
  });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasRealdata)('Rings view: hub thresholds on real data', () => {
  it('draws each type’s distribution with its threshold, at 1600x1000 and 1280x720', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url);
    await page.getByTestId('case-path').fill(caseFile);
    await page.getByTestId('case-passphrase').fill('test passphrase');
    await page.getByTestId('open-case').click();
    await page.getByTestId('home').waitFor();
    await page.getByTestId('nav-rings').click();
    const charts = page.getByTestId('hub-distribution');
    await charts.waitFor();
    await expect(page.getByTestId('analysis-profile').textContent()).resolves.toMatch(
      /Profile: corporate · 788 member accounts/,
    );
    const address = page.getByTestId('hub-chart-warehouse');
    await expect(address.textContent()).resolves.toMatch(
      /threshold 30 \(set by the floor\); 2 past it/,
    );
    await expect(address.locator('line.bar.hub').count()).resolves.toBe(2);
    await expect(page.getByTestId('hubs').textContent()).resolves.toContain('Argyle House');
    for (const [width, height] of [
      [1600, 1000],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width, height });
      await charts.scrollIntoViewIfNeeded();
      // The threshold line and every bar sit inside their chart, and the chart inside the window.
      const svg = (await address.locator('svg').boundingBox())!;
      const line = (await address.locator('line.threshold').boundingBox())!;
      expect(line.x).toBeGreaterThan(svg.x);
      expect(line.x).toBeLessThan(svg.x + svg.width);
      for (const bar of await address.locator('line.bar').all()) {
        const b = (await bar.boundingBox())!;
        expect(b.x).toBeGreaterThanOrEqual(svg.x);
        expect(b.x + b.width).toBeLessThanOrEqual(svg.x + svg.width + 1);
      }
      expect(svg.x + svg.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(shots, `rings-hub-thresholds-${width}x${height}.png`) });
    }

    // Keep one registered-agent address as a tie, with a reason; the decision is listed and undone.
    const canon = page.getByTestId('hubs').locator('li', { hasText: 'Canon' });
    await canon.getByRole('button', { name: 'Not a hub…' }).click();
    await canon.getByTestId('hub-reason').fill('checked: a real office of the ring');
    await canon.getByTestId('hub-save').click();
    const decisions = page.getByTestId('hub-decisions');
    await decisions.waitFor();
    await expect(decisions.textContent()).resolves.toContain(
      'never a hub — checked: a real office',
    );
    // The decision names the identifier as the hub list did (its label and type), not by its
    // identifier key; the key is there on request.
    const decided = decisions.locator('li').first();
    await expect(decided.locator('strong').textContent()).resolves.toMatch(/Canon/);
    await expect(decided.innerText()).resolves.toMatch(/\(warehouse \/ shipping origin\)/);
    const key = decided.getByTestId('decision-key');
    await expect(key.isVisible()).resolves.toBe(false);
    expect(await decided.innerText()).not.toContain((await key.textContent())!);
    await decided.getByText('identifier key').click();
    await expect(key.isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('hubs').textContent()).resolves.not.toContain('Canon');
    await decisions.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'rings-hub-decision-1280x720.png') });
    await decisions.getByRole('button', { name: 'Undo' }).click();
    await decisions.waitFor({ state: 'detached' });
    await expect(page.getByTestId('hubs').textContent()).resolves.toContain('Canon');
    await page.close();
  });
});
