/**
 * `npm run bench`: runs every benchmark module, prints a table, writes bench/results/latest.json.
 * BENCH_ONLY=import,rings limits modules (ui-* runs every ui one); BENCH_SIZES=10000,100000 limits sizes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, machine, type BenchModule, type Figure } from './harness';
import { importBench } from './import.bench';
import { ringsBench } from './rings.bench';
import { packetBench } from './packet.bench';
import { uiBench } from './ui.bench';
import { uiGraphBench, uiOverviewBench } from './ui-graph.bench';
import { ftmBench } from './ftm.bench';
import { lifecycleBench } from './lifecycle.bench';
import { cliBench } from './cli.bench';
import { identityBench } from './identity.bench';

const MODULES: readonly BenchModule[] = [
  importBench,
  ringsBench,
  packetBench,
  uiBench,
  uiGraphBench,
  uiOverviewBench,
  ftmBench,
  lifecycleBench,
  cliBench,
  identityBench,
];

const only = process.env.BENCH_ONLY?.split(',');
const figures: Figure[] = [];
for (const m of MODULES.filter(
  // BENCH_ONLY=ui-graph runs that module; BENCH_ONLY=ui-* runs ui, ui-graph and ui-overview.
  (m) => !only || only.includes(m.name) || only.includes(`${m.name.split('-')[0]!}-*`),
)) {
  console.error(`running ${m.name} …`);
  const f = await m.run();
  figures.push(...f);
  for (const x of f) {
    const verdict =
      x.pass === undefined ? '' : x.pass ? `PASS (${x.target})` : `FAIL (${x.target})`;
    console.log(
      `${x.bench.padEnd(11)} ${x.case.padEnd(18)} ${x.metric.padEnd(38)} ${fmt(x.value, x.unit === 'x' || x.unit === 's' || x.unit === 'ms' ? 2 : 0).padStart(12)} ${x.unit.padEnd(7)} ${verdict}`,
    );
  }
}
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
// A partial run (BENCH_ONLY) replaces only its own benches' figures; the others keep theirs, with the date they were measured.
const file = join(dir, 'latest.json');
const ran = new Set(figures.map((f) => f.bench));
const previous = existsSync(file)
  ? (JSON.parse(readFileSync(file, 'utf8')) as {
      figures: (Figure & { measuredAt?: string })[];
      machine: { date: string };
    })
  : undefined;
const kept = (previous?.figures ?? [])
  .filter((f) => !ran.has(f.bench))
  .map((f) => ({ ...f, measuredAt: f.measuredAt ?? previous!.machine.date }));
const now = machine();
writeFileSync(
  file,
  `${JSON.stringify({ machine: now, figures: [...kept, ...figures.map((f) => ({ ...f, measuredAt: now.date }))] }, null, 2)}\n`,
);
console.error(`wrote ${join(dir, 'latest.json')}`);
