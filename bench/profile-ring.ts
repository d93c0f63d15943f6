/**
 * Where the first draw of the bench's big ring spends the page's main thread: a CPU profile
 * (Chrome DevTools protocol) from the click on the ring to the chart drawn, summed by
 * function (self time) and by source file, beside the User Timing phases.
 * `node --import tsx bench/profile-ring.ts` (the case is the ui-graph bench's, built once);
 * `PROFILE_OUT=file.cpuprofile` keeps the profile (Chrome DevTools opens it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generatedCase } from './ui-graph.bench';
import { launchChromium, openCaseInPage, ringListPoint, startServer } from './ui-browser';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function marks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const all = performance
      .getEntries()
      .filter((e) => e.entryType === 'mark' || e.entryType === 'measure');
    const click = all.filter((e) => e.name === 'ring click').at(-1)?.startTime ?? 0;
    return all
      .filter((e) => e.startTime >= click - 1)
      .map(
        (e) =>
          `${e.name.padEnd(40)} at ${(e.startTime - click).toFixed(0).padStart(6)} ms${e.duration ? `, ${e.duration.toFixed(0)} ms` : ''}`,
      );
  });
}

/** The module each line of a served bundle came from (the bundler's `// path` comments). */
function moduleOf(url: string): (line: number) => string {
  const short = url.replace(/^.*\//, '');
  const dir = process.env.BENCH_RENDERER_DIR ?? join(import.meta.dirname, '../out/renderer');
  const file = join(dir, 'assets', short);
  if (!short || !existsSync(file)) return () => short;
  const starts: [number, string][] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      const m = /^\/\/ ((?:node_modules|renderer|shared)\/\S+\.(?:ts|tsx|js|mjs|cjs))$/.exec(l);
      if (m) starts.push([i, m[1]!.replace(/^node_modules\//, '')]);
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let best = short;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]![0] <= line) {
        best = starts[mid]![1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  };
}

function summarise(p: Profile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const modules = new Map<string, (line: number) => string>();
  const where = (f: ProfileNode['callFrame']) => {
    if (!modules.has(f.url)) modules.set(f.url, moduleOf(f.url));
    return modules.get(f.url)!(f.lineNumber);
  };
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const fn = new Map<string, number>();
  const mod = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const m = where(f) || f.functionName;
    const key = `${f.functionName || '(anonymous)'} ${m}:${f.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    mod.set(m, (mod.get(m) ?? 0) + ms);
    total += ms;
    // Inclusive time of the app's own functions (renderer/, shared/), each counted once per stack.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const cf = byId.get(at)!.callFrame;
      const w = where(cf);
      if (!/^(renderer|shared)\//.test(w)) continue;
      const k = `${cf.functionName || '(anonymous)'} ${w}:${cf.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  console.log(
    `\nsampled ${total.toFixed(0)} ms on the main thread\nby module (self):\n${top(mod, 15)}`,
  );
  console.log(`the app's functions (inclusive):\n${top(inclusive, 30)}`);
  console.log(`by function (self):\n${top(fn, 30)}`);
}

const ring = await generatedCase();
const browser = await launchChromium();
const { server, close } = await startServer();
try {
  const page = await openCaseInPage(browser, server, ring.path, 'bench passphrase', {
    width: 1600,
    height: 1000,
  });
  const point = await ringListPoint(page, ring.ringId);
  // PROFILE=0: the click to drawn time alone, without the profiler's overhead.
  const profiling = process.env.PROFILE !== '0';
  const cdp = await page.context().newCDPSession(page);
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const t0 = Date.now();
  await page.mouse.click(point.x, point.y);
  await page
    .locator('[data-testid="graph-canvas"][data-drawn="true"]')
    .waitFor({ timeout: 300_000 });
  const drawn = (Date.now() - t0) / 1000;
  // SHOT=file.png: the chart as first drawn (the quick placement, before the refined layout).
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });
  console.log(`${ring.ringId} (${ring.nodes} nodes): click to drawn ${drawn.toFixed(2)} s`);
  console.log((await marks(page)).join('\n'));
  if (profiling) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    summarise(profile);
    if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  }
} finally {
  await browser.close();
  await close();
}
