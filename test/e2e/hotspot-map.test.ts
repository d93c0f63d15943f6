/**
 * The offline hotspot map in a real browser (Debian's Chromium) against the web mode: on
 * the demo case, the China map shades the provinces the counterfeits ship from and draws
 * the cities as bubbles, names a province in Chinese and Latin on hover, switches to the
 * world map, exports both as PNG, and never reaches past the loopback server (the shapes
 * come from the app's own files) nor trips the Content-Security-Policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { ARTIFACTS, launchChromium } from './support/browser';
import { tempDir } from '../support/temp';

let server: WebServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];
const dir = tempDir('ringlens-e2e-map-');
const shots = join(ARTIFACTS, 'e2e');
const pngs: Record<string, Buffer> = {};

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: dir,
    actor: 'e2e-investigator',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  page.on('request', (r) => requests.push(r.url()));
  page.on(
    'console',
    (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} ${m.location().url}`),
  );
  page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`${r.status()} ${r.url()}`));
  // Every Content-Security-Policy violation the page reports.
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
      ),
    );
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Rgba = [number, number, number, number];

/** The colour of the map's canvas at a longitude and latitude, and where that is on screen. */
async function colourAt(
  p: Page,
  lon: number,
  lat: number,
): Promise<{ rgba: Rgba; x: number; y: number }> {
  return p.evaluate(
    ([lo, la]) => {
      const chart = window.__ringlensMap!;
      const [x, y] = chart.convertToPixel({ geoIndex: 0 }, [lo!, la!]);
      const canvas = document.querySelector(
        '[data-testid="map-chart"] canvas',
      ) as HTMLCanvasElement;
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      const d = canvas
        .getContext('2d')!
        .getImageData(Math.round(x! * scale), Math.round(y! * scale), 1, 1).data;
      return {
        rgba: [d[0]!, d[1]!, d[2]!, d[3]!] as [number, number, number, number],
        x: x!,
        y: y!,
      };
    },
    [lon, lat],
  );
}

/** Shaded by the choropleth: a warm colour (the scale runs from pale orange to dark red). */
const warm = ([r, g, b]: Rgba) => r - b > 40 && r >= g;
/** The unshaded land colour (#f2f4f4). */
const blank = ([r, g, b]: Rgba) =>
  Math.abs(r - 242) <= 3 && Math.abs(g - 244) <= 3 && Math.abs(b - 244) <= 3;

/** Counts of shaded, bubble-blue and other non-white pixels of an image's RGBA bytes. */
function inkOf(data: Uint8Array | Uint8ClampedArray | Buffer): {
  warm: number;
  blue: number;
  ink: number;
} {
  let w = 0;
  let b = 0;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    const px: Rgba = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    if (px[3] < 128 || (px[0] > 250 && px[1] > 250 && px[2] > 250)) continue;
    ink++;
    if (warm(px)) w++;
    if (px[2] - px[0] > 60) b++;
  }
  return { warm: w, blue: b, ink };
}

/** inkOf, run in the page on the map's canvas (shipping its pixels out would take seconds). */
async function canvasInk(
  p: Page,
): Promise<{ warm: number; blue: number; ink: number; width: number; height: number }> {
  return p.evaluate(() => {
    const c = document.querySelector('[data-testid="map-chart"] canvas') as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    // As inkOf (Playwright ships this function to the page as text, so it cannot call inkOf).
    let warm = 0;
    let blue = 0;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a < 128 || (r > 250 && g > 250 && b > 250)) continue;
      ink++;
      if (r - b > 40 && r >= g) warm++;
      if (b - r > 60) blue++;
    }
    return { warm, blue, ink, width: c.width, height: c.height };
  });
}

async function exportPng(p: Page, name: string): Promise<Buffer> {
  const [download] = await Promise.all([
    p.waitForEvent('download'),
    p.getByTestId('map-export-png').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`hotspots-${name}.png`);
  const file = join(dir, `${name}.png`);
  await download.saveAs(file);
  return readFileSync(file);
}

describe('the offline hotspot map', () => {
  it('draws China with the origin provinces shaded, cities as bubbles and the top-N share', async () => {
    await page.goto(server.url);
    await page.getByTestId('open-demo').click();
    await page.getByTestId('home').waitFor();
    // From here on, every CSP violation is the map's. (Before, zod's one-off `new Function('')`
    // probe is refused by script-src, as it should be; zod then validates without eval.)
    await page.evaluate(() => ((window as unknown as { __csp: string[] }).__csp = []));
    await page.getByTestId('nav-hotspots').click();
    await page.locator('[data-testid="hotspot-map"][data-drawn="china"]').waitFor();
    // The existing charts stay.
    await page.getByTestId('hotspots-regions').waitFor();
    await page.getByTestId('hotspots-categories').waitFor();

    const topn = await page.getByTestId('map-topn').textContent();
    expect(topn).toMatch(/^Top 10 regions hold (\d+\.\d)% of (\d+) pieces of counterfeit evidence/);
    const [, percent, total] = /hold (\d+\.\d)% of (\d+)/.exec(topn!)!;
    expect(Number(percent)).toBeGreaterThan(90);
    // The same figure as the page's summary, and the one drawn in the map's subtitle.
    await expect(page.locator('h1 + p').textContent()).resolves.toContain(
      `${percent}% of ${total} pieces`,
    );
    const subtitle = await page.evaluate(
      () =>
        (window.__ringlensMap!.getOption() as { title: { subtext: string }[] }).title[0]!.subtext,
    );
    expect(subtitle).toContain(`Top 10 regions hold ${percent}% of ${total} pieces`);

    const ink = await canvasInk(page);
    expect(ink.ink / (ink.width * ink.height)).toBeGreaterThan(0.1); // the outline of China, not a blank canvas
    expect(ink.warm).toBeGreaterThan(2000); // shaded provinces
    expect(ink.blue).toBeGreaterThan(200); // city bubbles

    // Where the rings ship from is shaded; a province with no evidence is not.
    expect(warm((await colourAt(page, 113.6, 24.8)).rgba)).toBe(true); // Guangdong, near Shaoguan
    expect(warm((await colourAt(page, 118.0, 26.5)).rgba)).toBe(true); // Fujian, near Sanming
    expect(blank((await colourAt(page, 85.2, 41.1)).rgba)).toBe(true); // Xinjiang

    // Hovering a province names it in Chinese and Latin, with its figures.
    const gd = await colourAt(page, 113.6, 24.8);
    const box = (await page.getByTestId('map-chart').boundingBox())!;
    await page.mouse.move(box.x + gd.x, box.y + gd.y);
    await expect
      .poll(() => page.getByTestId('map-chart').textContent())
      .toMatch(/广东 · Guangdong: \d+ pieces of counterfeit evidence \(\d+\.\d%\)/);
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
    await page.evaluate(() => window.__ringlensMap!.dispatchAction({ type: 'hideTip' }));
    await page.waitForTimeout(400); // the tooltip fades out
    await page
      .getByTestId('hotspot-map')
      .screenshot({ path: join(shots, 'hotspot-map-china.png') });
  });

  it('exports the China map as a PNG of what is shown', async () => {
    const png = await exportPng(page, 'china');
    expect(
      png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    ).toBe(true);
    const img = PNG.sync.read(png);
    const canvas = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="map-chart"] canvas') as HTMLCanvasElement;
      const r = c.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    // Twice the on-screen size (pixelRatio 2), on white, with the shading and the bubbles.
    expect(img.width).toBe(Math.round(canvas.width * 2));
    expect(img.height).toBe(Math.round(canvas.height * 2));
    expect(img.data.subarray(0, 4).equals(Buffer.from([255, 255, 255, 255]))).toBe(true);
    const ink = inkOf(img.data);
    expect(ink.warm).toBeGreaterThan(8000);
    expect(ink.blue).toBeGreaterThan(800);
    pngs.china = png;
  });

  it('switches to the world map with China shaded for cross-border origins, and exports it', async () => {
    await page.getByTestId('map-world').click();
    await page.locator('[data-testid="hotspot-map"][data-drawn="world"]').waitFor();
    await expect(page.getByTestId('map-world').getAttribute('aria-pressed')).resolves.toBe('true');
    expect(warm((await colourAt(page, 103.9, 36.6)).rgba)).toBe(true); // China
    expect(blank((await colourAt(page, -99.1, 39.5)).rgba)).toBe(true); // the United States: no evidence ships from there
    expect(blank((await colourAt(page, 2.3, 46.6)).rgba)).toBe(true); // France
    const ink = await canvasInk(page);
    expect(ink.ink / (ink.width * ink.height)).toBeGreaterThan(0.1);
    await page
      .getByTestId('hotspot-map')
      .screenshot({ path: join(shots, 'hotspot-map-world.png') });

    const png = await exportPng(page, 'world');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(inkOf(PNG.sync.read(png).data).warm).toBeGreaterThan(1000);
    // A different picture from the China map's.
    expect(createHash('sha256').update(png).digest('hex')).not.toBe(
      createHash('sha256').update(pngs.china!).digest('hex'),
    );

    await page.getByTestId('map-china').click();
    await page.locator('[data-testid="hotspot-map"][data-drawn="china"]').waitFor();
  });

  it('loaded its shapes from the app itself: nothing beyond the loopback server, no CSP violation by the map', async () => {
    const origin = new URL(server.url).origin;
    const foreign = requests.filter(
      (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
    expect(
      requests.some((u) => u.startsWith(origin) && /\/assets\/geodata-[\w-]+\.js$/.test(u)),
    ).toBe(true);
    await expect(
      page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    ).resolves.toEqual([]);
    // The browser's own favicon.ico probe (the app has none) is the only miss allowed.
    expect(consoleErrors.filter((e) => !e.includes('/favicon.ico'))).toEqual([]);
  });
});
