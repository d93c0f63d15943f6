/**
 * The UI in headless Chromium: time to first render and frame time while panning a ring
 * graph of about 5,000 elements, against a bare Cytoscape page drawing the same elements at
 * the same positions (the ceiling); and frame time while scrolling a 100k-row entity table.
 */
import { existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityRow, LinkRow } from '../shared/bundle/schema';
import { writeBundle } from '../electron/core/bundle/writer';
import { createCase, closeCase } from '../electron/core/store/open';
import { importBundle } from '../electron/core/bundle/import';
import type { BenchModule, Figure } from './harness';
import {
  bareCytoscape,
  chartJson,
  frames,
  frameStats,
  launchChromium,
  openCaseInPage,
  startServer,
} from './ui-browser';

const SELLERS = 1000;
const LISTINGS = 100_000;

async function uiCase(): Promise<string> {
  const path = join(tmpdir(), 'ringlens-bench-ui-v1.ringlens');
  if (existsSync(path)) return path;
  function* entities(): Generator<EntityRow> {
    yield {
      id: 'warehouse:ui',
      type: 'warehouse',
      props: { address: { country: 'CN', province: '浙江省', city: '义乌市', line: '9 Bench Rd' } },
    };
    for (let k = 0; k < 50; k++) {
      yield {
        id: `phone:${k}`,
        type: 'phone',
        props: { number: `1380013${String(k).padStart(4, '0')}` },
      };
      yield {
        id: `pa:${k}`,
        type: 'payment_account',
        props: { provider: 'Alipay', accountNumber: `6222${k}` },
      };
    }
    for (let i = 0; i < SELLERS; i++) {
      yield { id: `seller:${i}`, type: 'seller', props: { name: `卖家 ${i}` } };
      yield { id: `shop:${i}`, type: 'shop', props: { name: `Shop ${i} 店` } };
    }
    for (let l = 0; l < LISTINGS; l++)
      yield {
        id: `listing:${l}`,
        type: 'listing',
        props: {
          title: `Listing ${l} 新款`,
          price: 100 + (l % 900),
          currency: 'CNY',
          category: ['shoes', 'bags', 'watches'][l % 3],
        },
      };
  }
  function* links(): Generator<LinkRow> {
    for (let i = 0; i < SELLERS; i++) {
      yield { type: 'operates', from: `seller:${i}`, to: `shop:${i}`, props: {} };
      yield { type: 'uses', from: `seller:${i}`, to: `phone:${i % 50}`, props: {} };
      yield { type: 'paid_to', from: `shop:${i}`, to: `pa:${(i * 7) % 50}`, props: {} };
      yield { type: 'ships_from', from: `shop:${i}`, to: 'warehouse:ui', props: {} };
    }
    for (let l = 0; l < LISTINGS; l++)
      yield { type: 'lists', from: `shop:${l % SELLERS}`, to: `listing:${l}`, props: {} };
  }
  const bundle = join(tmpdir(), 'ringlens-bench-ui.zip');
  await writeBundle(bundle, {
    bundleId: 'bench-ui',
    issuer: { name: 'bench' },
    createdAt: '2025-04-01',
    description: 'ui bench',
    entities: entities(),
    links: links(),
  });
  const store = createCase(`${path}.partial`, 'bench passphrase');
  store.db
    .prepare("INSERT INTO settings (key, value) VALUES ('ring.settings', ?)")
    .run(JSON.stringify({ maxRingSize: 100_000, hubThreshold: 100_000 }));
  await importBundle(store, bundle, { allowUnsigned: true, actor: 'bench' });
  closeCase(store);
  renameSync(`${path}.partial`, path);
  return path;
}

export const uiBench: BenchModule = {
  name: 'ui',
  async run() {
    const path = await uiCase();
    const { server, close } = await startServer();
    const browser = await launchChromium();
    try {
      const page = await openCaseInPage(
        browser,
        server,
        path,
        'bench passphrase',
        { width: 1440, height: 900 },
        120_000,
      );
      await page.getByTestId('nav-rings').click();
      const item = page.getByTestId('ring-list').locator('.ring-item').first();
      await item.waitFor({ timeout: 120_000 });
      const t0 = Date.now();
      await item.click();
      await page
        .locator('[data-testid="graph-canvas"][data-ready="true"]')
        .waitFor({ timeout: 300_000 });
      const firstRender = (Date.now() - t0) / 1000;
      const elements = await page.evaluate(() => window.__ringlensCy!.elements().length);
      const ours = await frames(page, 'pan');
      // The ceiling: bare Cytoscape, same elements and positions, default style, same canvas size.
      const size = await page.getByTestId('graph-canvas').evaluate((el) => ({
        width: Math.round(el.clientWidth),
        height: Math.round(el.clientHeight),
      }));
      const bare = await bareCytoscape(browser, await chartJson(page, '__ringlensCy'), { size });
      const bareFirst = bare.first;
      const bareFrames = bare.pan;

      // Table: 100k listings, scrolled frame by frame.
      await page.getByTestId('nav-entities').click();
      await page.getByTestId('entity-type').selectOption('listing');
      await page
        .locator('.entities .muted', { hasText: '100,000 of 100,000 rows' })
        .waitFor({ timeout: 120_000 });
      const scroll = frameStats(
        await page.evaluate(async () => {
          const el = document.querySelector('[data-testid="entity-table"]')!;
          const times: number[] = [];
          let last = performance.now();
          for (let i = 0; i < 120; i++) {
            el.scrollTop += 900;
            await new Promise((r) => requestAnimationFrame(() => r(undefined)));
            const now = performance.now();
            times.push(now - last);
            last = now;
          }
          return times;
        }),
      );
      const label = `${elements} elements`;
      const figures: Figure[] = [
        {
          bench: 'ui',
          case: label,
          metric: 'ring graph first render (click to drawn)',
          value: firstRender,
          unit: 's',
          target: '< 2 s',
          pass: firstRender < 2,
        },
        {
          bench: 'ui',
          case: label,
          metric: 'bare Cytoscape first render',
          value: bareFirst,
          unit: 's',
        },
        {
          bench: 'ui',
          case: label,
          metric: 'pan frame time, mean',
          value: ours.mean,
          unit: 'ms',
          target: '< 50 ms',
          pass: ours.mean < 50,
        },
        { bench: 'ui', case: label, metric: 'pan frame time, p95', value: ours.p95, unit: 'ms' },
        {
          bench: 'ui',
          case: label,
          metric: 'bare Cytoscape pan frame time, mean',
          value: bareFrames.mean,
          unit: 'ms',
        },
        {
          bench: 'ui',
          case: label,
          metric: 'pan frame time / bare Cytoscape',
          value: ours.mean / bareFrames.mean,
          unit: 'x',
          target: '<= 1.2x',
          pass: ours.mean / bareFrames.mean <= 1.2,
        },
        {
          bench: 'ui',
          case: '100,000 rows',
          metric: 'table scroll frame time, mean',
          value: scroll.mean,
          unit: 'ms',
          target: '< 50 ms',
          pass: scroll.mean < 50,
        },
        {
          bench: 'ui',
          case: '100,000 rows',
          metric: 'table scroll frame time, p95',
          value: scroll.p95,
          unit: 'ms',
        },
      ];
      return figures;
    } finally {
      await browser.close();
      await close();
    }
  },
};
