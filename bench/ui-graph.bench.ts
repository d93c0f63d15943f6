/**
 * The ring graph in headless Chromium on the biggest ring of a deterministic generated case
 * (seed 42; `UI_RING_SELLERS` sellers): first draw without saved positions (click to drawn,
 * layout in the worker included), pan and zoom frame times (mean, p95), each beside bare
 * Cytoscape drawing the same elements at the same positions. Then the app's case overview
 * (Rings view, no ring chosen) of a generated case of `UI_OVERVIEW_SELLERS` sellers (51,000:
 * about 50,000 overview elements), first draw from the click, pan and zoom frames, with the
 * app's canvas renderer and with its WebGL option, each beside bare Cytoscape (default style,
 * canvas and WebGL) on the same elements. Headless Chromium runs with --disable-gpu, so WebGL
 * here is SwiftShader (software): a laptop's GPU would do better.
 * Two modules: `ui-graph` (the ring) and `ui-overview` (the overview); `BENCH_ONLY=ui` runs both.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeGeneratedBundle } from '../electron/core/generate/write-generated';
import { createCase, closeCase, openCase } from '../electron/core/store/open';
import { importBundle } from '../electron/core/bundle/import';
import { analyseCase } from '../electron/core/graph/analyse';
import { explainRing } from '../electron/core/graph/explain';
import { ringGraph } from '../electron/core/graph/ring-graph';
import { epochNow, spansSince } from '../electron/core/util/timing-spans';
import type { BenchModule, Figure } from './harness';
import {
  bareCytoscape,
  chartJson,
  frames,
  inputFrames,
  launchChromium,
  openCaseInPage,
  startServer,
  ringListPoint,
} from './ui-browser';

/**
 * Planted rings of the generator are 100-150 nodes; with hub suppression and splitting off
 * (as an investigator who raised the limits would see it) the generator's sellers form one
 * big ring: 3,622 nodes at 3,105 sellers, near the 3,661-node ring the issue measured (ring
 * size is not monotonic in the seller count, so this was found by trying counts).
 */
const SELLERS = Number(process.env.UI_RING_SELLERS ?? 3105);
const OVERVIEW_SELLERS = Number(process.env.UI_OVERVIEW_SELLERS ?? 51_000);
/** Frames per pan or zoom run on the overview (each can take a few hundred ms at 50k). */
const OVERVIEW_FRAMES = Number(process.env.UI_OVERVIEW_FRAMES ?? 60);
// UI_OVERVIEW_WEBGL=0 leaves out the WebGL pass (minutes on SwiftShader).
const PASS = 'bench passphrase';

/** A generated case (seed 42), built once and kept in the temp folder; `bigRing` joins all. */
async function buildCase(name: string, sellers: number, bigRing: boolean): Promise<string> {
  const path = join(tmpdir(), `ringlens-bench-${name}-${sellers}.ringlens`);
  if (!existsSync(path)) {
    const bundle = join(tmpdir(), `ringlens-bench-${name}-${sellers}.zip`);
    await writeGeneratedBundle({ out: bundle, seed: 42, sellers });
    const store = createCase(`${path}.partial`, PASS);
    if (bigRing)
      store.db
        .prepare("INSERT INTO settings (key, value) VALUES ('ring.settings', ?)")
        .run(JSON.stringify({ maxRingSize: 100_000, hubThreshold: 100_000 }));
    await importBundle(store, bundle, { allowUnsigned: true, actor: 'bench' });
    closeCase(store);
    rmSync(bundle, { force: true });
    renameSync(`${path}.partial`, path);
  }
  return path;
}

export async function generatedCase(): Promise<{ path: string; ringId: string; nodes: number }> {
  const path = await buildCase('uiring-v2', SELLERS, true);
  const store = openCase(path, PASS);
  const ctx = analyseCase(store.db);
  let best = { ringId: '', nodes: 0 };
  for (const r of ctx.analysis.rings.slice(0, 200)) {
    const n = ringGraph(store.db, r.id, explainRing(store.db, ctx, r.id)).nodes.length;
    if (n > best.nodes) best = { ringId: r.id, nodes: n };
  }
  closeCase(store);
  return { path, ...best };
}

export interface Phase {
  readonly phase: string;
  /** Milliseconds after the click on the ring. */
  readonly at: number;
  readonly ms: number;
}

/**
 * Where the time from the click to the drawn ring went: the renderer's User Timing marks
 * and measures (Rings.tsx, GraphView.tsx, api/client.ts) and the engine's timing spans
 * (queue wait, handler and its phases; util/timing-spans.ts), on one clock.
 */
async function phaseTable(
  page: Page,
  since: number,
  bench: { clickSent: number; drawnSeen: number },
): Promise<Phase[]> {
  const browser = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    entries: performance
      .getEntries()
      .filter((e) => e.entryType === 'mark' || e.entryType === 'measure')
      .map((e) => ({ name: e.name, start: e.startTime, ms: e.duration })),
  }));
  const click = browser.entries.filter((e) => e.name === 'ring click').at(-1);
  if (!click) throw new Error('the ring click was not marked');
  const t0 = browser.origin + click.start;
  const rows: Phase[] = [
    // The bench's own clock (the same machine clock): when Playwright sent the click and
    // when it saw the chart drawn. A click sent while the page is busy is handled late.
    { phase: 'bench: click sent', at: bench.clickSent - t0, ms: 0 },
    { phase: 'bench: drawn seen', at: bench.drawnSeen - t0, ms: 0 },
    ...browser.entries.map((e) => ({
      phase: `ui: ${e.name}`,
      at: browser.origin + e.start - t0,
      ms: e.ms,
    })),
    ...spansSince(since).map((s) => ({ phase: `engine: ${s.name}`, at: s.start - t0, ms: s.ms })),
  ];
  return rows.filter((r) => r.at >= -1 || r.phase.startsWith('bench:')).sort((a, b) => a.at - b.at);
}

function printPhases(title: string, rows: readonly Phase[]): void {
  console.error(
    `\n${title}\n  ${'phase'.padEnd(44)} ${'at (ms)'.padStart(9)} ${'took (ms)'.padStart(10)}`,
  );
  for (const r of rows)
    console.error(
      `  ${r.phase.padEnd(44)} ${r.at.toFixed(0).padStart(9)} ${r.ms ? r.ms.toFixed(0).padStart(10) : ''.padStart(10)}`,
    );
}

const canvasSize = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => ({
    width: Math.round(el.clientWidth),
    height: Math.round(el.clientHeight),
  }));

/** The ring part: `BENCH_ONLY=ui-graph`. */
export const uiGraphBench: BenchModule = {
  name: 'ui-graph',
  async run() {
    const browser = await launchChromium();
    try {
      return await ringFigures(browser);
    } finally {
      await browser.close();
    }
  },
};

/** The 50k overview part (long: the case is built once, then kept): `BENCH_ONLY=ui-overview`. */
export const uiOverviewBench: BenchModule = {
  name: 'ui-overview',
  async run() {
    const browser = await launchChromium();
    try {
      return await overviewFigures(browser);
    } finally {
      await browser.close();
    }
  },
};

/**
 * The biggest ring of the generated case: first draw from the click, pan and zoom frames,
 * each beside bare Cytoscape on the same elements and canvas size.
 */
async function ringFigures(browser: import('playwright-core').Browser): Promise<Figure[]> {
  const ring = await generatedCase();
  const figures: Figure[] = [];
  const { server, close } = await startServer();
  const page = await openCaseInPage(browser, server, ring.path, PASS, {
    width: 1600,
    height: 1000,
  });
  const point = await ringListPoint(page, ring.ringId);
  const since = epochNow();
  const t0 = Date.now();
  await page.mouse.click(point.x, point.y);
  await page
    .locator('[data-testid="graph-canvas"][data-drawn="true"]')
    .waitFor({ timeout: 300_000 });
  const drawnSeen = Date.now();
  const first = (drawnSeen - t0) / 1000;
  await page
    .locator('[data-testid="graph-canvas"][data-ready="true"]')
    .waitFor({ timeout: 300_000 });
  const settled = (Date.now() - t0) / 1000;
  const phases = await phaseTable(page, since, { clickSent: t0, drawnSeen });
  printPhases(`first draw of ${ring.ringId} (${ring.nodes} nodes), from the click:`, phases);
  const elements = await page.evaluate(() => window.__ringlensCy!.elements().length);
  const size = await canvasSize(page, 'graph-canvas');
  const pan = await frames(page, 'pan');
  await page.evaluate(() => window.__ringlensCy!.fit(undefined, 30));
  const passes = () =>
    page.evaluate(() => Number(window.__ringlensCy!.scratch('labelPasses') ?? 0));
  const passesBefore = await passes();
  const zoom = await frames(page, 'zoom');
  const labelPasses = (await passes()) - passesBefore;
  const drag = await inputFrames(page, 'drag');
  const wheel = await inputFrames(page, 'wheel');
  const b = await bareCytoscape(browser, await chartJson(page, '__ringlensCy'), { size });
  await page.close();
  await close();
  const label = `${ring.ringId}: ${ring.nodes} nodes, ${elements} el.`;
  const fig = (metric: string, value: number, unit: string, target?: string, pass?: boolean) =>
    figures.push({
      bench: 'ui-graph',
      case: label,
      metric,
      value,
      unit,
      ...(target && { target, pass }),
    });
  fig('ring graph first draw, no saved positions', first, 's', '< 2 s', first < 2);
  fig('ring graph layout settled and drawn', settled, 's');
  const phase = (name: string) => phases.find((p) => p.phase === name);
  const answered = phase('ui: api ring.get');
  if (answered) fig('click to ring.get answered', (answered.at + answered.ms) / 1000, 's');
  const queued = phase('engine: ring.get: queued');
  if (queued) fig('ring.get waiting in the session queue', queued.ms / 1000, 's');
  const handler = phase('engine: ring.get: handler');
  if (handler) fig('ring.get handler', handler.ms / 1000, 's');
  fig('bare Cytoscape first draw (preset)', b.first, 's');
  fig('pan frame, mean', pan.mean, 'ms', '< 50 ms', pan.mean < 50);
  fig('pan frame, p95', pan.p95, 'ms');
  fig('bare Cytoscape pan frame, mean', b.pan.mean, 'ms');
  fig('bare Cytoscape pan frame, p95', b.pan.p95, 'ms');
  fig('zoom frame, mean', zoom.mean, 'ms', '< 50 ms', zoom.mean < 50);
  fig('zoom frame, p95', zoom.p95, 'ms');
  fig('bare Cytoscape zoom frame, mean', b.zoom.mean, 'ms');
  fig('bare Cytoscape zoom frame, p95', b.zoom.p95, 'ms');
  fig('label passes during 120 zoom frames', labelPasses, 'count', '<= 1', labelPasses <= 1);
  fig('mouse drag-pan frame, mean', drag.mean, 'ms', '< 50 ms', drag.mean < 50);
  fig('mouse drag-pan frame, p95', drag.p95, 'ms');
  fig('bare Cytoscape drag-pan frame, mean', b.drag.mean, 'ms');
  fig('bare Cytoscape drag-pan frame, p95', b.drag.p95, 'ms');
  fig('mouse wheel-zoom frame, mean', wheel.mean, 'ms', '< 50 ms', wheel.mean < 50);
  fig('mouse wheel-zoom frame, p95', wheel.p95, 'ms');
  fig('bare Cytoscape wheel-zoom frame, mean', b.wheel.mean, 'ms');
  fig('bare Cytoscape wheel-zoom frame, p95', b.wheel.p95, 'ms');
  return figures;
}

/**
 * The case overview as the investigator opens it (Rings view, no ring chosen), with the
 * app's canvas renderer and then its WebGL option (one page, one server), each beside bare
 * Cytoscape (default style, canvas and WebGL) on the same elements and canvas size.
 */
async function overviewFigures(browser: import('playwright-core').Browser): Promise<Figure[]> {
  const figures: Figure[] = [];
  const ovPath = await buildCase('uioverview', OVERVIEW_SELLERS, false);
  const { server, close } = await startServer();
  const p = await openCaseInPage(browser, server, ovPath, PASS, { width: 1600, height: 1000 });
  try {
    const drawn = () =>
      p.locator('[data-testid="overview-canvas"][data-ready="true"]').waitFor({
        timeout: 600_000,
      });
    // An overview this big is drawn when asked (overview-policy.ts): Rings, then its button.
    const openOverview = async () => {
      await p.getByTestId('nav-rings').click();
      await p.getByTestId('open-overview').click({ timeout: 600_000 });
    };
    let t1 = Date.now();
    await openOverview();
    await drawn();
    // Opening Rings analyses the case first (once per case): report it apart.
    const firstOpen = (Date.now() - t1) / 1000;
    let ovJson = '';
    for (const webgl of process.env.UI_OVERVIEW_WEBGL === '0' ? [false] : [false, true]) {
      t1 = Date.now();
      // The page may be busy drawing 50k elements: Playwright's 30 s default is not enough.
      if (webgl) await p.getByTestId('overview-webgl').check({ timeout: 600_000 });
      else {
        // Redraw from a fresh mount: leave the view and come back (the analysis is warm).
        await p.getByTestId('nav-home').click();
        await openOverview();
      }
      await drawn();
      const ovFirst = (Date.now() - t1) / 1000;
      // Where that went: the latest API answer and chart measures (CaseOverview.tsx). A
      // string, so the page runs it as written (no tsx helpers inside).
      console.error(
        await p.evaluate<string>(`['api graph.overview', 'overview mounted (first chunk)', 'overview drawn']
          .map((n) => '  ' + n + ': ' + (performance.getEntriesByName(n).at(-1)?.duration.toFixed(0) ?? '-') + ' ms')
          .join('\\n')`),
      );
      const count = await p.evaluate(() => window.__ringlensOverviewCy!.elements().length);
      const size = await canvasSize(p, 'overview-canvas');
      const ovPan = await frames(p, 'pan', OVERVIEW_FRAMES);
      await p.evaluate(() => window.__ringlensOverviewCy!.fit(undefined, 20));
      const ovZoom = await frames(p, 'zoom', OVERVIEW_FRAMES);
      const ovDrag = await inputFrames(p, 'drag', OVERVIEW_FRAMES);
      const ovWheel = await inputFrames(p, 'wheel', OVERVIEW_FRAMES);
      ovJson ||= await chartJson(p, '__ringlensOverviewCy');
      const o = await bareCytoscape(browser, ovJson, { size, webgl, frames: OVERVIEW_FRAMES });
      const c = `overview ${count} el., ${webgl ? 'WebGL (SwiftShader)' : 'canvas'}`;
      const f = (metric: string, value: number, unit: string, target?: string) => {
        // Printed at once too: a later part of this long run may fail.
        console.error(`  ${c}: ${metric} ${value.toFixed(2)} ${unit}`);
        figures.push({
          bench: 'ui-overview',
          case: c,
          metric,
          value,
          unit,
          ...(target && { target, pass: value < 50 }),
        });
      };
      if (!webgl)
        f(
          'Rings first opened and overview asked for, to drawn (analysis included)',
          firstOpen,
          's',
        );
      f(
        webgl
          ? 'overview redrawn with WebGL'
          : 'overview first draw (Rings opened, its button pressed, to drawn)',
        ovFirst,
        's',
      );
      f('bare Cytoscape first draw', o.first, 's');
      f('pan frame, mean', ovPan.mean, 'ms', '< 50 ms');
      f('pan frame, p95', ovPan.p95, 'ms');
      f('bare Cytoscape pan frame, mean', o.pan.mean, 'ms');
      f('bare Cytoscape pan frame, p95', o.pan.p95, 'ms');
      f('zoom frame, mean', ovZoom.mean, 'ms', '< 50 ms');
      f('zoom frame, p95', ovZoom.p95, 'ms');
      f('bare Cytoscape zoom frame, mean', o.zoom.mean, 'ms');
      f('bare Cytoscape zoom frame, p95', o.zoom.p95, 'ms');
      f('mouse drag-pan frame, mean', ovDrag.mean, 'ms', '< 50 ms');
      f('mouse drag-pan frame, p95', ovDrag.p95, 'ms');
      f('bare Cytoscape drag-pan frame, mean', o.drag.mean, 'ms');
      f('bare Cytoscape drag-pan frame, p95', o.drag.p95, 'ms');
      f('mouse wheel-zoom frame, mean', ovWheel.mean, 'ms', '< 50 ms');
      f('mouse wheel-zoom frame, p95', ovWheel.p95, 'ms');
      f('bare Cytoscape wheel-zoom frame, mean', o.wheel.mean, 'ms');
      f('bare Cytoscape wheel-zoom frame, p95', o.wheel.p95, 'ms');
    }
  } finally {
    await p.close();
    await close();
  }
  return figures;
}
