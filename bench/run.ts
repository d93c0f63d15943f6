/**
 * `npm run bench`: runs every benchmark module, prints a table, writes bench/results/latest.json.
 * BENCH_ONLY=import,rings limits modules; BENCH_SIZES=10000,100000 limits sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, machine, type BenchModule, type Figure } from './harness';
import { importBench } from './import.bench';
import { ringsBench } from './rings.bench';
import { packetBench } from './packet.bench';
import { uiBench } from './ui.bench';
import { ftmBench } from './ftm.bench';

const MODULES: readonly BenchModule[] = [importBench, ringsBench, packetBench, uiBench, ftmBench];

const only = process.env.BENCH_ONLY?.split(',');
const figures: Figure[] = [];
for (const m of MODULES.filter((m) => !only || only.includes(m.name))) {
  console.error(`running ${m.name} …`);
  const f = await m.run();
  figures.push(...f);
  for (const x of f) {
    const verdict = x.pass === undefined ? '' : x.pass ? `PASS (${x.target})` : `FAIL (${x.target})`;
    console.log(`${x.bench.padEnd(8)} ${x.case.padEnd(18)} ${x.metric.padEnd(38)} ${fmt(x.value, x.unit === 'x' || x.unit === 's' || x.unit === 'ms' ? 2 : 0).padStart(12)} ${x.unit.padEnd(7)} ${verdict}`);
  }
}
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ machine: machine(), figures }, null, 2)}\n`);
console.error(`wrote ${join(dir, 'latest.json')}`);
