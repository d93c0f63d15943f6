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

/**
 * Frames while the investigator pans by dragging the background (from a corner of the chart,
 * inside the fit padding, so no node is grabbed) or zooms with the mouse wheel: one mouse
 * event per frame, as a hand moving the mouse sends them, dispatched in the page on
 * Cytoscape's canvas, so Cytoscape's interaction paths run (`textureOnViewport` moves a
 * cached texture only while the user drags or wheels, never for a scripted `panBy`).
 * Returns the frame durations and how far the viewport moved (a check that it did).
 */
const INPUT = `async ([frames, mode]) => {
  const cy = window.__ringlensCy || window.__ringlensOverviewCy || window.bareCy;
  cy.fit(undefined, 30);
  const before = { ...cy.pan(), zoom: cy.zoom() };
  const box = cy.container().getBoundingClientRect();
  const target = cy.container().querySelector('canvas:last-of-type') || cy.container();
  const at = (x, y) => ({ clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0, buttons: 1 });
  const start = { x: box.left + 10, y: box.top + 10 };
  const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  if (mode === 'drag') target.dispatchEvent(new MouseEvent('mousedown', at(start.x, start.y)));
  const times = [];
  let moved = 0;
  let last = performance.now();
  for (let i = 0; i < frames; i++) {
    const k = i % 40 < 20 ? i % 20 : 20 - (i % 20);
    if (mode === 'drag')
      window.dispatchEvent(new MouseEvent('mousemove', at(start.x + k * 12 + 1, start.y + k * 6 + 1)));
    else
      target.dispatchEvent(new WheelEvent('wheel', { ...at(centre.x, centre.y), deltaY: i % 40 < 20 ? -40 : 40 }));
    await new Promise((r) => requestAnimationFrame(() => r()));
    const now = performance.now();
    times.push(now - last);
    last = now;
    const p = cy.pan();
    moved = Math.max(moved, Math.hypot(p.x - before.x, p.y - before.y) + Math.abs(Math.log(cy.zoom() / before.zoom)));
  }
  if (mode === 'drag') window.dispatchEvent(new MouseEvent('mouseup', at(start.x, start.y)));
  return { times, moved };
}`;

export async function inputFrames(
  page: Page,
  mode: 'drag' | 'wheel',
  count = 120,
): Promise<FrameStats> {
  const r = await page.evaluate<{ times: number[]; moved: number }>(
    `(${INPUT})([${count}, '${mode}'])`,
  );
  // The drag or the wheel must have moved the chart: if not, the input missed Cytoscape.
  if (!(r.moved > 0)) throw new Error(`the ${mode} did not move the chart`);
  return frameStats(r.times);
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
  /** Dragged and wheeled with the mouse (inputFrames). */
  readonly drag: FrameStats;
  readonly wheel: FrameStats;
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
    const drag = await inputFrames(page, 'drag', options.frames);
    const wheel = await inputFrames(page, 'wheel', options.frames);
    return { first, pan, zoom, drag, wheel };
  } finally {
    await page.close();
  }
}

/**
 * Opens Rings (the case overview draws while no ring is chosen) and waits for `ringId` in
 * the list, as the investigator who clicks it as soon as it shows; returns the point to
 * click. The bench clicks there with the mouse: Playwright's `click()` first runs its
 * actionability checks, round trips that wait on a page busy drawing the overview.
 */
export async function ringListPoint(page: Page, ringId: string): Promise<{ x: number; y: number }> {
  await page.getByTestId('nav-rings').click();
  const item = page.getByTestId(`ring-${ringId}`);
  await item.waitFor({ timeout: 300_000 });
  const box = (await item.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
