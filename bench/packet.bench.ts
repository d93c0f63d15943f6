/** A ~500-page packet: a ring of 300 shops, 5,000 orders and 200 exhibits. Time and peak memory. */
import { existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { EntityRow, LinkRow } from '../shared/bundle/schema';
import { writeBundle } from '../electron/core/bundle/writer';
import { createCase, closeCase } from '../electron/core/store/open';
import { importBundle } from '../electron/core/bundle/import';
import { evidencePng } from '../electron/core/generate/images';
import { rngFor } from '../electron/core/util/random';
import { runWorker, type BenchModule } from './harness';

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

export const packetBench: BenchModule = {
  name: 'packet',
  async run() {
    const path = await bigRingCase();
    const r = runWorker<{ seconds: number; pages: number; exhibits: number; shops: number }>(
      join(import.meta.dirname, 'workers', 'packet-one.ts'),
      [path, join(tmpdir(), 'ringlens-bench-packet-out.zip')],
    );
    const label = `${r.shops} shops, ${ORDERS} orders`;
    return [
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
