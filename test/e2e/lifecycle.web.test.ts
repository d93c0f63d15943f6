/**
 * From lead to outcome in a real browser: on the demo case, walk ring R-0001 from new to
 * referred (illegal moves are not even offered; a missing reason is refused), record a
 * referral, arrests and a closed factory, then read them on the funnel dashboard (charts
 * drawn, PNG and CSV exports) and on the hotspot map. Screenshots are the artefacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { ARTIFACTS, launchChromium } from './support/browser';
import { tempDir } from '../support/temp';

let server: WebServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const dir = tempDir('ringlens-e2e-lifecycle-');
const shots = join(ARTIFACTS, 'e2e');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: dir,
    actor: 'e2e-investigator',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function move(p: Page, status: string, reason: string): Promise<void> {
  await p.getByTestId(`move-${status}`).click();
  await p.getByTestId('status-reason').fill(reason);
  await p.getByTestId('status-apply').click();
}

async function outcome(p: Page, kind: string, fields: Record<string, string>): Promise<void> {
  await p.getByTestId('outcome-kind').selectOption(kind);
  await p.getByTestId('outcome-date').fill(fields.date ?? '2025-11-10');
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'date') continue;
    const el = p.getByTestId(`outcome-${k}`);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(v);
    else await el.fill(v);
  }
  await p.getByTestId('outcome-add').click();
}

async function badge(p: Page, text: string): Promise<void> {
  await p.waitForFunction(
    (t) =>
      document.querySelector('[data-testid="lifecycle-panel"] [data-testid="status-badge"]')
        ?.textContent === t,
    text,
  );
}

/** True when the chart's canvas has drawn something other than background. */
async function canvasDrawn(p: Page, testid: string): Promise<boolean> {
  return p
    .getByTestId(testid)
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let ink = 0;
      for (let i = 0; i < data.length; i += 16)
        if (data[i + 3]! > 0 && (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200)) ink++;
      return ink > 200;
    });
}

describe('lifecycle, outcomes, funnel and map in the web mode', () => {
  it('walks R-0001 from new to referred, every move with its reason', async () => {
    await page.goto(server.url);
    await page.getByTestId('open-demo').click();
    await page.getByTestId('home').waitFor();
    await page.getByTestId('nav-worklist').click();
    await page.getByTestId('worklist-R-0001').click();
    const panel = page.getByTestId('lifecycle-panel');
    await expect(panel.getByTestId('status-badge').textContent()).resolves.toBe('New');
    // Only legal moves are offered.
    await expect(page.getByTestId('move-referred').count()).resolves.toBe(0);
    await page.getByTestId('move-investigating').click();
    await expect(page.getByTestId('status-apply').isDisabled()).resolves.toBe(true);
    await page.getByTestId('status-reason').fill('shared payout account across the shops');
    await page.getByTestId('status-apply').click();
    await badge(page, 'Under investigation');
    // The ring's lead moved with it (the box is ticked by default).
    await expect(page.getByTestId('leads-note').textContent()).resolves.toBe(
      'moved with it: lead:ring1',
    );
    await move(page, 'evidence_complete', 'test buys confirmed counterfeit by the brand lab');
    await page.getByTestId('move-referred').waitFor();
    await move(page, 'referred', 'packet handed to Putian PSB');
    await badge(page, 'Referred to police');
    const history = await page.getByTestId('status-history').textContent();
    expect(history).toMatch(/NewUnder investigatione2e-investigatorshared payout account/);
    expect(history).toMatch(
      /Evidence completeReferred to policee2e-investigatorpacket handed to Putian PSB/,
    );
    await page.getByTestId('assignee').fill('Li Wei');
    await page.getByTestId('assign-save').click();
    await page.getByTestId('notice-at').fill('2025-11-01');
    await page.getByTestId('notice-save').click();
    await expect(page.getByTestId('due-at').textContent()).resolves.toBe('2025-11-04');
  });

  it('records a referral, arrests and a closed factory; a bad outcome gets a specific error', async () => {
    await outcome(page, 'arrest', { suspects: '0' });
    await expect(page.getByTestId('outcome-error').textContent()).resolves.toMatch(
      /suspects.*must be at least 1.*field outcome\.suspects/i,
    );
    await outcome(page, 'referral', {
      date: '2025-11-03',
      agency: 'Putian Public Security Bureau',
      reference: 'PT-2025-0117',
      officer: 'Inspector Chen',
    });
    await page.getByTestId('outcomes').getByText('Referral to police').waitFor();
    await outcome(page, 'arrest', { suspects: '4' });
    await page.getByTestId('outcomes').getByText('Arrests').waitFor();
    await outcome(page, 'location_closed', {
      locationType: 'factory',
      address: 'Hanjiang district workshop, 莆田市, 福建省',
    });
    await page.getByTestId('outcomes').getByText('Location closed').waitFor();
    await outcome(page, 'seizure', { goods: 'fake watches', amount: '180000', currency: 'CNY' });
    await page.getByTestId('outcomes').getByText('Goods seized').waitFor();
    // The target is offered from the ring's own shops.
    await page.getByTestId('outcome-kind').selectOption('platform_action');
    const shopKey = await page.locator('#suggest-target option').first().getAttribute('value');
    expect(shopKey).toMatch(/^shop:/);
    await outcome(page, 'platform_action', {
      date: '2025-11-06',
      action: 'shop_closed',
      target: shopKey!,
    });
    await page.getByTestId('outcomes').getByText('Platform action').waitFor();
    await page.screenshot({ path: join(shots, 'lifecycle-referred.png'), fullPage: true });
    await page.getByTestId('nav-audit').click();
    const audit = await page.getByTestId('audit').textContent();
    expect(audit).toMatch(/lifecycle\.status/);
    expect(audit).toMatch(/outcome\.add/);
  });

  it('shows the referral on the funnel dashboard, with charts exportable as PNG and CSV', async () => {
    await page.getByTestId('nav-funnel').click();
    await page.getByTestId('funnel-dashboard').waitFor();
    await expect(page.getByTestId('card-referrals').textContent()).resolves.toMatch(
      /^1Referred to police/,
    );
    await expect(page.getByTestId('card-arrests').textContent()).resolves.toMatch(/^4Arrests/);
    await expect(page.getByTestId('card-locations').textContent()).resolves.toMatch(
      /^1Locations closed/,
    );
    await expect(page.getByTestId('card-seized').textContent()).resolves.toMatch(/180,000 CNY/);
    await expect(page.getByTestId('funnel-conversion').textContent()).resolves.toMatch(
      /lead to referral 33\.3%.*Proactive to complaint-driven: 2:1/,
    );
    for (const chart of ['chart-stages', 'chart-months', 'chart-seized', 'chart-origin'])
      expect(await canvasDrawn(page, chart)).toBe(true);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('chart-stages-png').click(),
    ]);
    const pngFile = join(dir, 'stages.png');
    await png.saveAs(pngFile);
    expect(readFileSync(pngFile).subarray(1, 4).toString()).toBe('PNG');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('chart-stages-csv').click(),
    ]);
    const csvFile = join(dir, 'stages.csv');
    await csv.saveAs(csvFile);
    expect(readFileSync(csvFile, 'utf8')).toMatch(
      /^stage,investigations,share of leads\nLeads,3,1\nUnder investigation,1,0\.3333\nEvidence complete,1,0\.3333\nReferred to police,1,0\.3333\n/,
    );
    await expect(page.getByTestId('funnel-platform').textContent()).resolves.toMatch(
      /shop closed1/,
    );
    await page.getByTestId('funnel-out').fill(join(dir, 'funnel.csv'));
    await page.getByTestId('funnel-export').click();
    await page.getByTestId('funnel-written').waitFor();
    expect(readFileSync(join(dir, 'funnel.csv'), 'utf8')).toMatch(/total,arrests,4/);
    await page.screenshot({ path: join(shots, 'funnel-dashboard.png'), fullPage: true });
  });

  it('shows the closed factory on the hotspot map', async () => {
    await page.getByTestId('nav-hotspots').click();
    await page.getByTestId('hotspot-map').waitFor();
    const closures = page.getByTestId('map-closures');
    await closures.waitFor();
    await expect(closures.textContent()).resolves.toMatch(
      /factory.*莆田 Putian, 福建 Fujian, CN.*R-0001/,
    );
    await expect(page.getByTestId('map-points').textContent()).resolves.toMatch(
      /closed factory: Hanjiang district workshop/,
    );
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'hotspot-map-closures.png'), fullPage: true });
  });

  it('broke no Content-Security-Policy rule on the way', async () => {
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });

  it('sent nothing beyond the loopback server', () => {
    const origin = new URL(server.url).origin;
    const foreign = requests.filter(
      (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
  });
});
