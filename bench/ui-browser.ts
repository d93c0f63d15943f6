/**
 * What the UI benches share: the renderer built once, the web mode served from it on a case
 * opened as the investigator opens it (path and passphrase in the open screen), Debian's
 * Chromium, frame timing while panning or zooming a Cytoscape chart, and the ceiling they
 * are held against: bare Cytoscape (default style) drawing the same elements at the same
 * positions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../electron/web/server';
import { launchChromium } from '../test/e2e/support/browser';

let built = false;

/**
 * Where the built renderer is served from. `BENCH_RENDERER_DIR` names a renderer built
 * before (a copy of out/renderer), so a long bench is not disturbed by builds in the worktree
 * while it runs; then nothing is built.
 */
const RENDERER_DIR = process.env.BENCH_RENDERER_DIR;

/** Builds the renderer (as `npm run start:web` does), once per bench process. */
export function buildRenderer(): void {
  if (built || RENDERER_DIR) return;
  if (spawnSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' }).status !== 0)
    throw new Error('electron-vite build failed');
  built = true;
}

/** A web server with a data folder of its own (it holds one open case at a time). */
export async function startServer(): Promise<{ server: WebServer; close: () => Promise<void> }> {
  buildRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'ringlens-bench-web-'));
  const server = await startWebServer({
    staticDir: RENDERER_DIR ?? join(import.meta.dirname, '../out/renderer'),
    dataDir,
  });
  return {
    server,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { launchChromium };

/** Opens `casePath` in a new page of `browser` at `viewport`, and waits for the home page. */
export async function openCaseInPage(
  browser: Browser,
  server: WebServer,
  casePath: string,
  passphrase: string,
  viewport: { width: number; height: number },
  timeout = 300_000,
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(server.url);
  await page.getByTestId('case-path').fill(casePath);
  await page.getByTestId('case-passphrase').fill(passphrase);
  await page.getByTestId('open-case').click();
  await page.getByTestId('home').waitFor({ timeout });
  return page;
}

/**
 * Pans (or zooms) the first chart found for `frames` animation frames; per-frame durations
 * (ms). A string, so the page runs it as written (no bundler helpers inside).
 */
const FRAMES = `async ([frames, mode]) => {
  const cy = window.__ringlensCy || window.__ringlensOverviewCy || window.bareCy;
  const times = [];
  let last = performance.now();
  for (let i = 0; i < frames; i++) {
    if (mode === 'pan') cy.panBy({ x: i % 40 < 20 ? 12 : -12, y: 5 * Math.sin(i / 7) });
    else {
      const c = { x: cy.width() / 2, y: cy.height() / 2 };
      cy.zoom({ level: cy.zoom() * (i % 40 < 20 ? 1.04 : 1 / 1.04), renderedPosition: c });
    }
    await new Promise((r) => requestAnimationFrame(() => r()));
    const now = performance.now();
    times.push(now - last);
    last = now;
  }
  return times;
}`;

export interface FrameStats {
  readonly mean: number;
  readonly p95: number;
}

export function frameStats(t: readonly number[]): FrameStats {
  const s = [...t].sort((a, b) => a - b);
  return { mean: t.reduce((a, b) => a + b, 0) / t.length, p95: s[Math.floor(s.length * 0.95)]! };
}

export async function frames(page: Page, mode: 'pan' | 'zoom', count = 120): Promise<FrameStats> {
  return frameStats(await page.evaluate<number[]>(`(${FRAMES})([${count}, '${mode}'])`));
}

/** The elements of the page's chart (`global` names it on window) with their positions, as JSON. */
export function chartJson(
  page: Page,
  global: '__ringlensCy' | '__ringlensOverviewCy',
): Promise<string> {
  return page.evaluate((g) => {
    const cy = (window as unknown as Record<string, import('cytoscape').Core>)[g]!;
    return JSON.stringify(
      cy
        .elements()
        .jsons()
        .map((j) => ({ data: j.data, position: j.position })),
    );
  }, global);
}

export interface BareRun {
  /** Seconds from creating the chart to its second frame. */
  readonly first: number;
  readonly pan: FrameStats;
  readonly zoom: FrameStats;
}

/**
 * Bare Cytoscape in a fresh page: default style, `elementsJson` at their positions, on a
 * canvas of `size` (the app's graph canvas size), optionally with Cytoscape's WebGL renderer.
 */
export async function bareCytoscape(
  browser: Browser,
  elementsJson: string,
  options: { size: { width: number; height: number }; webgl?: boolean; frames?: number },
): Promise<BareRun> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    await page.goto('about:blank');
    await page.addScriptTag({
      path: join(import.meta.dirname, '../node_modules/cytoscape/dist/cytoscape.min.js'),
    });
    const first = await page.evaluate(
      async ([els, gl, w, h]) => {
        const div = document.createElement('div');
        div.style.cssText = `position:absolute;left:0;top:0;width:${w}px;height:${h}px`;
        document.body.appendChild(div);
        const t = performance.now();
        const win = window as unknown as {
          cytoscape: (o: object) => { fit(): void };
          bareCy: unknown;
        };
        win.bareCy = win.cytoscape({
          container: div,
          elements: JSON.parse(els),
          layout: { name: 'preset' },
          ...(gl && { renderer: { name: 'canvas', webgl: true } }),
        });
        (win.bareCy as { fit(): void }).fit();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return (performance.now() - t) / 1000;
      },
      [elementsJson, options.webgl ?? false, options.size.width, options.size.height] as const,
    );
    const pan = await frames(page, 'pan', options.frames);
    const zoom = await frames(page, 'zoom', options.frames);
    return { first, pan, zoom };
  } finally {
    await page.close();
  }
}
