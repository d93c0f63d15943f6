/** The field-officer review pack opens in headless Chromium with the network cut off and shows the ring. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { buildDemoCase } from '../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../electron/core/store/open';
import { analyseCase } from '../../electron/core/graph/analyse';
import { buildReviewPack } from '../../electron/core/interop/review-pack';
import { tempDir } from '../support/bundles';
import { visualOf } from '../../shared/graph/visual-language';
import { ARTIFACTS, launchChromium } from './support/browser';

let store: CaseStore;
let browser: Browser;
const dir = tempDir('ringlens-review-');
beforeAll(async () => {
  store = await buildDemoCase(join(dir, 'demo.ringlens'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  closeCase(store);
});

describe('review pack', () => {
  it('shows the ring offline: graph, members, explanation and timeline; its hash is audited', async () => {
    const ring = analyseCase(store.db).analysis.rings[0]!;
    const { html, sha256 } = buildReviewPack(store.db, {
      ringId: ring.id,
      date: '2025-11-01',
      actor: 'tester',
    });
    const file = join(dir, 'review.html');
    writeFileSync(file, html);
    const context = await browser.newContext({ offline: true });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.locator('body[data-ready="true"]').waitFor();
    const shown = await page.evaluate(
      () =>
        (window as unknown as { reviewCy: { nodes(): { length: number } } }).reviewCy.nodes()
          .length,
    );
    expect(shown).toBeGreaterThanOrEqual(ring.shops.length + ring.sellers.length);
    // Same visual language as the app: each type's shape and colour, and a legend of exactly the drawn types.
    const drawn = await page.evaluate(() => {
      const cy = (
        window as unknown as {
          reviewCy: {
            nodes(): {
              map<T>(f: (n: { data(k: string): string; style(k: string): string }) => T): T[];
            };
          };
        }
      ).reviewCy;
      return cy.nodes().map((n) => ({ type: n.data('type'), shape: n.style('shape') }));
    });
    for (const d of drawn) expect(d.shape, d.type).toBe(visualOf(d.type).shape);
    const legend = await page
      .locator('[data-testid="review-legend"] [data-type]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(legend.sort()).toEqual([...new Set(drawn.map((d) => d.type))].sort());
    // Labels are readable on screen at fit and stay so after zooming out: 11 px or more.
    const labelPx = () =>
      page.evaluate(() => {
        const cy = (
          window as unknown as {
            reviewCy: {
              zoom(): number;
              elements(): { map<T>(f: (n: { style(k: string): string }) => T): T[] };
            };
          }
        ).reviewCy;
        const px = cy.elements().map((n) => parseFloat(n.style('font-size')) * cy.zoom());
        return { min: Math.min(...px), zoom: cy.zoom() };
      });
    const atFit = await labelPx();
    expect(atFit.min).toBeGreaterThanOrEqual(11);
    // The labels shown do not pile up: no two label boxes overlap, and members are labelled.
    const labelled = await page.evaluate(() => {
      type Box = { x1: number; x2: number; y1: number; y2: number };
      const cy = (
        window as unknown as {
          reviewCy: {
            nodes(s: string): {
              map<T>(
                f: (n: { data(k: string): number; renderedBoundingBox(o: object): Box }) => T,
              ): T[];
            };
          };
        }
      ).reviewCy;
      const ls = cy.nodes('.labelled').map((n) => ({
        member: n.data('member'),
        b: n.renderedBoundingBox({
          includeLabels: true,
          includeNodes: false,
          includeOverlays: false,
        }),
      }));
      let overlaps = 0;
      for (let i = 0; i < ls.length; i++)
        for (let j = i + 1; j < ls.length; j++) {
          const a = ls[i]!.b;
          const b = ls[j]!.b;
          if (a.x1 < b.x2 - 1 && a.x2 > b.x1 + 1 && a.y1 < b.y2 - 1 && a.y2 > b.y1 + 1) overlaps++;
        }
      return { count: ls.length, members: ls.filter((l) => l.member === 1).length, overlaps };
    });
    expect(labelled.count).toBeGreaterThan(0);
    expect(labelled.members).toBeGreaterThan(0);
    expect(labelled.overlaps).toBe(0);
    await page.evaluate(() => {
      const cy = (window as unknown as { reviewCy: { zoom(z?: number): number } }).reviewCy;
      cy.zoom(cy.zoom() / 2);
    });
    await page.waitForFunction((z) => {
      const cy = (
        window as unknown as {
          reviewCy: { zoom(): number; nodes(): { style(k: string): string }[] };
        }
      ).reviewCy;
      return cy.zoom() < z && parseFloat(cy.nodes()[0]!.style('font-size')) * cy.zoom() >= 11;
    }, atFit.zoom);
    await expect(page.locator('#members tr').count()).resolves.toBe(
      ring.shops.length + ring.sellers.length,
    );
    await expect(page.locator('#summary').textContent()).resolves.toContain(ring.id);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    mkdirSync(join(ARTIFACTS, 'e2e'), { recursive: true });
    await page.evaluate(() =>
      (window as unknown as { reviewCy: { fit(e: undefined, p: number): void } }).reviewCy.fit(
        undefined,
        20,
      ),
    );
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e', '08-review-pack.png'), fullPage: false });
    const audited = store.db
      .prepare(`SELECT details FROM audit_log WHERE action = 'review-pack.export'`)
      .pluck()
      .all() as string[];
    expect(audited.map((d) => JSON.parse(d).sha256)).toContain(sha256);
    await context.close();
  });
});
