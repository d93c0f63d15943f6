/**
 * Packet export speed. A ~500-page packet (a ring of 300 shops, 5,000 orders, 200 exhibits)
 * under 10 s; and on a generated 20,000-seller case, a ~30-page packet under 2 s, the
 * export reusing the session's ring analysis (run once, as when the rings view opens).
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { EntityRow, LinkRow } from '../shared/bundle/schema';
import { writeBundle } from '../electron/core/bundle/writer';
import { createCase, closeCase } from '../electron/core/store/open';
import { importBundle } from '../electron/core/bundle/import';
import { evidencePng } from '../electron/core/generate/images';
import { rngFor } from '../electron/core/util/random';
import { writeGeneratedBundle } from '../electron/core/generate/write-generated';
import { runWorker, sizesFromEnv, type BenchModule, type Figure } from './harness';

const SHOPS = 300;
const ORDERS = 5000;
const EXHIBITS = 200;

async function bigRingCase(): Promise<string> {
  const path = join(tmpdir(), 'ringlens-bench-packet-v2.ringlens');
  if (existsSync(path)) return path;
  const entities: EntityRow[] = [];
  const links: LinkRow[] = [];
  const evidence: { path: string; mediaType: string; data: Buffer }[] = [];
  entities.push({
    id: 'warehouse:bench',
    type: 'warehouse',
    props: {
      name: '东莞 Depot',
      address: { country: 'CN', province: '广东省', city: '东莞市', line: '1 Bench Rd' },
    },
  });
  for (let k = 0; k < 5; k++)
    entities.push({
      id: `pa:${k}`,
      type: 'payment_account',
      props: { provider: 'Alipay', accountNumber: `62220000${k}` },
    });
  for (let i = 0; i < SHOPS; i++) {
    entities.push({
      id: `seller:${i}`,
      type: 'seller',
      props: { name: `卖家 Seller ${i}`, marketplaceId: `MS${i}` },
    });
    entities.push({
      id: `shop:${i}`,
      type: 'shop',
      props: {
        name: `店铺 Shop ${i}`,
        url: `https://market.example/shop/${i}`,
        openedAt: '2024-01-01',
      },
    });
    entities.push({
      id: `listing:${i}`,
      type: 'listing',
      props: { title: `Listing ${i}`, price: 100, currency: 'CNY', listedAt: '2024-02-01' },
    });
    links.push(
      { type: 'operates', from: `seller:${i}`, to: `shop:${i}`, props: {} },
      { type: 'paid_to', from: `shop:${i}`, to: `pa:${i % 5}`, props: {} },
      { type: 'lists', from: `shop:${i}`, to: `listing:${i}`, props: {} },
      { type: 'ships_from', from: `shop:${i}`, to: 'warehouse:bench', props: {} },
    );
  }
  for (let o = 0; o < ORDERS; o++) {
    const test = o < EXHIBITS;
    entities.push({
      id: `order:${o}`,
      type: 'order',
      props: {
        orderNumber: `O${o}`,
        placedAt: '2025-03-01',
        amount: 100 + (o % 50),
        currency: 'CNY',
        buyer: `Buyer ${o}`,
        ...(test && {
          testBuy: true,
          verdict: 'counterfeit',
          custody: [
            { event: 'received', at: '2025-03-05T10:00:00Z', handler: 'Investigator' },
            { event: 'stored', at: '2025-03-06T10:00:00Z', handler: 'Clerk' },
          ],
        }),
      },
    });
    links.push({ type: 'bought', from: `order:${o}`, to: `listing:${o % SHOPS}`, props: {} });
    if (test) {
      const data = evidencePng(rngFor(9, 'bench', o));
      const file = `evidence/ex-${o}.png`;
      evidence.push({ path: file, mediaType: 'image/png', data });
      entities.push({
        id: `evidence:${o}`,
        type: 'evidence',
        props: {
          file,
          sha256: createHash('sha256').update(data).digest('hex'),
          mediaType: 'image/png',
          capturedAt: '2025-03-05T10:00:00Z',
          capturedBy: 'Investigator',
        },
      });
      links.push({ type: 'evidences', from: `evidence:${o}`, to: `order:${o}`, props: {} });
    }
  }
  const bundle = join(tmpdir(), 'ringlens-bench-packet.zip');
  await writeBundle(bundle, {
    bundleId: 'bench-packet',
    issuer: { name: 'bench' },
    createdAt: '2025-04-01',
    description: 'packet bench',
    entities,
    links,
    evidence,
  });
  const store = createCase(`${path}.partial`, 'bench passphrase');
  store.db
    .prepare("INSERT INTO settings (key, value) VALUES ('ring.settings', ?)")
    .run(JSON.stringify({ maxRingSize: 10_000, hubThreshold: 10_000 }));
  await importBundle(store, bundle, { allowUnsigned: true, actor: 'bench' });
  closeCase(store);
  renameSync(`${path}.partial`, path);
  return path;
}

/** `ringlens generate --seed 5 --sellers N`, imported into a case (kept between runs). */
async function generatedCase(sellers: number): Promise<string> {
  const path = join(tmpdir(), `ringlens-bench-packet-gen-${sellers}.ringlens`);
  if (existsSync(path)) return path;
  const bundle = join(tmpdir(), `ringlens-bench-packet-gen-${sellers}.zip`);
  await writeGeneratedBundle({ out: bundle, seed: 5, sellers, format: 'jsonl' });
  const store = createCase(`${path}.partial`, 'bench passphrase');
  await importBundle(store, bundle, { allowUnsigned: true, actor: 'bench' });
  closeCase(store);
  rmSync(bundle, { force: true });
  renameSync(`${path}.partial`, path);
  return path;
}

/** A referral export's time against the target (< 2 s on the 20k-seller case). */
function referralFigure(
  label: string,
  x: { seconds: number; pages: number },
  ring: string,
  sellers: number,
): Figure {
  return {
    bench: 'packet',
    case: label,
    metric: `export, referral ${x.pages} pages (${ring}, ${sellers} sellers)`,
    value: x.seconds,
    unit: 's',
    target: '< 2 s',
    pass: x.seconds < 2,
  };
}

async function generatedCaseFigures(sellers: number): Promise<Figure[]> {
  const path = await generatedCase(sellers);
  const r = runWorker<{
    ring: string;
    sellers: number;
    smallRing: string;
    smallSellers: number;
    analysisSeconds: number;
    smallReferral: { seconds: number; pages: number };
    referral: { seconds: number; pages: number };
    civil: { seconds: number; pages: number };
  }>(join(import.meta.dirname, 'workers', 'packet-case.ts'), [path, tmpdir()]);
  const label = `${sellers} sellers`;
  return [
    {
      bench: 'packet',
      case: label,
      metric: `ring analysis, once per session (${r.ring})`,
      value: r.analysisSeconds,
      unit: 's',
    },
    referralFigure(label, r.smallReferral, r.smallRing, r.smallSellers),
    referralFigure(label, r.referral, r.ring, r.sellers),
    {
      bench: 'packet',
      case: label,
      metric: `export, civil-sellers ${r.civil.pages} pages + public`,
      value: r.civil.seconds,
      unit: 's',
    },
  ];
}

export const packetBench: BenchModule = {
  name: 'packet',
  async run() {
    const generated: Figure[] = [];
    for (const n of sizesFromEnv([20_000])) generated.push(...(await generatedCaseFigures(n)));
    const path = await bigRingCase();
    const r = runWorker<{ seconds: number; pages: number; exhibits: number; shops: number }>(
      join(import.meta.dirname, 'workers', 'packet-one.ts'),
      [path, join(tmpdir(), 'ringlens-bench-packet-out.zip')],
    );
    const label = `${r.shops} shops, ${ORDERS} orders`;
    return [
      ...generated,
      { bench: 'packet', case: label, metric: 'pages', value: r.pages, unit: '' },
      { bench: 'packet', case: label, metric: 'exhibits', value: r.exhibits, unit: '' },
      {
        bench: 'packet',
        case: label,
        metric: 'export time',
        value: r.seconds,
        unit: 's',
        target: '< 10 s',
        pass: r.seconds < 10,
      },
      {
        bench: 'packet',
        case: label,
        metric: 'peak RSS',
        value: Math.round(r.maxRssMiB),
        unit: 'MiB',
        target: '< 1024 MiB',
        pass: r.maxRssMiB < 1024,
      },
    ];
  },
};
