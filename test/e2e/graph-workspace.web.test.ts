/**
 * The graph as the investigator's workspace, in Debian's Chromium against the web mode on
 * the demo case: readable labels at fit on the biggest ring, no overlapping nodes, the
 * shop -> listing -> photo chain, a legend equal to what is drawn, panels that shrink the
 * graph, case-wide search that adds an entity from outside the ring, and k paths.
 * Screenshots at 1600x1000 and 1280x720 are kept under test/artifacts/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { buildDemoCase } from '../../electron/core/demo/build-demo-case';
import { closeCase } from '../../electron/core/store/open';
import { analyseCase } from '../../electron/core/graph/analyse';
import { ARTIFACTS, launchChromium } from './support/browser';

let server: WebServer;
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'ringlens-e2e-graph-'));
const shots = join(ARTIFACTS, 'e2e');
/** The demo's rings, computed independently of the browser from the same demo bundle. */
let biggest: { id: string; shops: { id: number; label: string }[] };
let outside: { id: number; label: string };

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const store = await buildDemoCase(join(dir, 'reference.ringlens'));
  const rings = analyseCase(store.db).analysis.rings;
  const big = [...rings].sort(
    (a, b) => b.sellers.length + b.shops.length - (a.sellers.length + a.shops.length),
  )[0]!;
  biggest = { id: big.id, shops: big.shops.map((s) => ({ id: s.id, label: s.label })) };
  const inBig = new Set([...big.sellers, ...big.shops].map((m) => m.id));
  const other = rings.find((r) => r.id !== big.id && r.shops.some((s) => !inBig.has(s.id)))!;
  const shop = other.shops.find((s) => !inBig.has(s.id))!;
  outside = { id: shop.id, label: shop.label };
  closeCase(store);
  mkdirSync(join(dir, 'web'));
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: join(dir, 'web'),
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

const ready = (p: Page) => p.locator('[data-testid="graph-canvas"][data-ready="true"]').waitFor();

/** Waits until the declutter pass has run for the current zoom. */
async function labelsSettled(p: Page): Promise<void> {
  await p.waitForFunction(() => {
    const cy = window.__ringlensCy!;
    const shown = cy.nodes('.labelled');
    return (
      shown.length > 0 && shown.every((n) => Math.abs(Number(n.data('fs')) * cy.zoom() - 12) < 0.01)
    );
  });
}

async function clickNode(p: Page, nodeId: string): Promise<void> {
  const pos = await p.evaluate((id) => {
    const cy = window.__ringlensCy!;
    return cy.getElementById(id).renderedPosition();
  }, nodeId);
  const box = (await p.getByTestId('graph-canvas').boundingBox())!;
  await p.mouse.click(box.x + pos.x, box.y + pos.y);
}

describe('graph workspace', () => {
  it('opens the biggest ring with labels of 11 px or more at fit, decluttered', async () => {
    await page.goto(server.url);
    await page.getByTestId('open-demo').click();
    await page.getByTestId('nav-rings').click();
    await page.getByTestId(`ring-${biggest.id}`).click();
    await ready(page);
    await page.evaluate(() => window.__ringlensCy!.fit(undefined, 30));
    await labelsSettled(page);
    const labels = await page.evaluate(() => {
      const cy = window.__ringlensCy!;
      const shown = cy.nodes('.labelled');
      const boxes = shown.map((n) =>
        n.renderedBoundingBox({ includeLabels: true, includeNodes: false, includeOverlays: false }),
      );
      let overlaps = 0;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (a.x1 < b.x2 - 1 && a.x2 > b.x1 + 1 && a.y1 < b.y2 - 1 && a.y2 > b.y1 + 1) overlaps++;
        }
      return {
        nodes: cy.nodes().length,
        shown: shown.length,
        minPx: Math.min(...shown.map((n) => parseFloat(n.style('font-size')) * cy.zoom())),
        members: shown.filter((n) => n.data('role') === 'member').length,
        nonMembersBeforeMember: 0,
        overlaps,
      };
    });
    expect(labels.shown).toBeGreaterThan(0);
    expect(labels.minPx).toBeGreaterThanOrEqual(11);
    expect(labels.members).toBeGreaterThan(0);
    expect(labels.overlaps).toBe(0);
    await page.screenshot({ path: join(shots, '20-graph-biggest-ring-1600.png') });
  });

  it('leaves no two node boxes overlapping after layout', async () => {
    const overlaps = await page.evaluate(() => {
      const cy = window.__ringlensCy!;
      const bs = cy
        .nodes()
        .map((n) => n.boundingBox({ includeLabels: false, includeOverlays: false }))
        .sort((a, b) => a.x1 - b.x1);
      let n = 0;
      for (let i = 0; i < bs.length; i++)
        for (let j = i + 1; j < bs.length && bs[j]!.x1 < bs[i]!.x2; j++)
          if (bs[i]!.y1 < bs[j]!.y2 && bs[i]!.y2 > bs[j]!.y1) n++;
      return n;
    });
    expect(overlaps).toBe(0);
  });

  it('draws shop -> listing -> photo <- listing <- shop for every shared photo', async () => {
    const photos = await page.evaluate(() => {
      const cy = window.__ringlensCy!;
      return cy.nodes('[type = "image_fingerprint"]').map((photo) => {
        const shops = new Set<string>();
        photo.neighborhood('node[type = "listing"]').forEach((l) => {
          l.neighborhood('node[type = "shop"][role = "member"]').forEach((s) => {
            shops.add(s.id());
          });
        });
        return shops.size;
      });
    });
    expect(photos.length).toBeGreaterThan(0);
    for (const shops of photos) expect(shops).toBeGreaterThanOrEqual(2);
  });

  const legendMatches = async () =>
    page.evaluate(() => {
      const cy = window.__ringlensCy!;
      const drawn = [...new Set(cy.nodes(':visible').map((n) => String(n.data('type'))))].sort();
      const items = [...document.querySelectorAll('[data-testid="graph-legend"] [data-type]')];
      const legend = items.map((i) => i.getAttribute('data-type')!).sort();
      const shapes = items.every((i) => {
        const t = i.getAttribute('data-type')!;
        const n = cy.nodes(`[type = "${t}"]`)[0];
        return n && i.querySelector('svg')?.getAttribute('data-shape') === n.style('shape');
      });
      return { drawn, legend, shapes };
    });

  it('keeps the legend equal to the drawn types, in the real shapes, through an expand', async () => {
    let l = await legendMatches();
    expect(l.legend).toEqual(l.drawn);
    expect(l.shapes).toBe(true);
    // Expanding a shop brings what it lists and sells (new types); the legend follows.
    const target = await page.evaluate(() => {
      const cy = window.__ringlensCy!;
      const n = cy.nodes('[role = "member"][type = "shop"]')[0]!;
      cy.zoom(1.2);
      cy.center(n);
      return n.id();
    });
    await clickNode(page, target);
    const before = await page.evaluate(() => window.__ringlensCy!.nodes().length);
    await page.getByTestId('expand').click();
    await page.waitForFunction((b) => window.__ringlensCy!.nodes().length > b, before);
    await page.waitForFunction(() => !document.querySelector('[data-testid="layout-progress"]'));
    l = await legendMatches();
    expect(l.legend).toEqual(l.drawn);
    // Undo takes the expand back.
    await page.getByTestId('undo').click();
    await expect(page.evaluate(() => window.__ringlensCy!.nodes().length)).resolves.toBe(before);
  });

  it('shrinks the graph when the entity panel opens, without sideways scrolling', async () => {
    // Clicking nodes above opened the panel: close it first, and the graph grows back.
    if (await page.getByTestId('entity-panel').isVisible()) {
      const open = (await page.getByTestId('graph-canvas').boundingBox())!;
      await page.locator('.side .close').click();
      await page.waitForFunction(
        (w) =>
          document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect().width > w,
        open.width,
      );
    }
    const before = (await page.getByTestId('graph-canvas').boundingBox())!;
    await page.evaluate(() => window.__ringlensCy!.fit(undefined, 30));
    const member = await page.evaluate(() => {
      const cy = window.__ringlensCy!;
      const n = cy.nodes('[role = "member"]')[0]!;
      cy.center(n);
      return n.id();
    });
    await clickNode(page, member);
    await page.getByTestId('entity-panel').waitFor();
    await page.waitForFunction(
      (w) =>
        document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect().width < w,
      before.width,
    );
    const after = (await page.getByTestId('graph-canvas').boundingBox())!;
    const panel = (await page.getByTestId('entity-panel').boundingBox())!;
    expect(after.width).toBeLessThan(before.width);
    expect(after.x + after.width).toBeLessThanOrEqual(panel.x + 1);
    const scroll = await page.evaluate(() => ({
      sw: document.documentElement.scrollWidth,
      w: window.innerWidth,
      cw: window.__ringlensCy!.width(),
    }));
    expect(scroll.sw).toBeLessThanOrEqual(scroll.w);
    expect(Math.abs(scroll.cw - after.width)).toBeLessThan(4);
    expect(after.y + after.height).toBeLessThanOrEqual(1000);
    await page.screenshot({ path: join(shots, '21-graph-panel-open-1600.png') });
  });

  it('finds an entity outside the open ring by case-wide search and adds it', async () => {
    const drawn = await page.evaluate(
      (id) => window.__ringlensCy!.getElementById(`n${id}`).nonempty(),
      outside.id,
    );
    expect(drawn).toBe(false);
    await page.getByTestId('graph-search').fill(outside.label);
    await page.getByTestId('graph-search-go').click();
    const hit = page.getByTestId(`hit-${outside.id}`);
    await hit.waitFor();
    await expect(hit.textContent()).resolves.toMatch(/not in chart/);
    await page.screenshot({ path: join(shots, '22-graph-search-1600.png') });
    await page.getByTestId('search-add').click();
    await page.waitForFunction(
      (id) => window.__ringlensCy!.getElementById(`n${id}`).nonempty(),
      outside.id,
    );
  });

  it('draws k paths between two entities picked by search, both ends highlighted', async () => {
    const [a, b] = biggest.shops;
    for (const [end, shop] of [
      ['from', a!],
      ['to', b!],
    ] as const) {
      await page.getByTestId('graph-search').fill(shop.label);
      await page.getByTestId('graph-search-go').click();
      await page.getByTestId(`${'path-' + end}-${shop.id}`).click();
    }
    await page.getByRole('button', { name: 'close results' }).click();
    await page.getByTestId('find-path').click();
    const info = page.getByTestId('path-info');
    await info.waitFor();
    const paths = await info.locator('li').count();
    expect(paths).toBeGreaterThanOrEqual(2);
    const marked = await page.evaluate(() =>
      window
        .__ringlensCy!.nodes('.path-end')
        .map((n) => Number(n.data('entityId')))
        .sort(),
    );
    expect(marked).toEqual([a!.id, b!.id].sort((x, y) => x - y));
    await page.screenshot({ path: join(shots, '23-graph-k-paths-1600.png') });
  });

  it('works at 1280x720: the graph fills the height left and nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('tab-why').click();
    await page.getByTestId('tab-graph').click();
    await ready(page);
    await page.screenshot({ path: join(shots, '24-graph-1280x720.png') });
    const box = (await page.getByTestId('graph-canvas').boundingBox())!;
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(sw).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    expect(box.y + box.height).toBeGreaterThan(700);
    // The entity panel (opened by the clicks above) sits beside the graph, not over it.
    if (await page.getByTestId('entity-panel').isVisible()) {
      const panel = (await page.getByTestId('entity-panel').boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x + 1);
    }
  });
});
