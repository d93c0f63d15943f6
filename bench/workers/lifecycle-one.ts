/**
 * One lifecycle run in a fresh process: a generated case, every ring moved to
 * "investigating", an outcomes CSV of N rows imported, then the worklist and the funnel.
 * Prints one JSON line of timings.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createCase, closeCase } from '../../electron/core/store/open';
import { importBundle } from '../../electron/core/bundle/import';
import { analyseCase } from '../../electron/core/graph/analyse';
import { setStatus, lifecycleItems } from '../../electron/core/lifecycle/lifecycle';
import { importOutcomesCsv } from '../../electron/core/lifecycle/outcomes-csv';
import { computeFunnel, funnelInput } from '../../electron/core/lifecycle/funnel';

const [bundle, casePath, csvPath, outcomesArg] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const outcomes = Number(outcomesArg);
const store = createCase(casePath, 'bench passphrase');
await importBundle(store, bundle, { allowUnsigned: true, actor: 'bench' });
const rings = analyseCase(store.db).analysis.rings.map((r) => r.id);

let t = performance.now();
for (const id of rings)
  setStatus(store.db, { kind: 'ring', id }, 'investigating', 'bench: opened', null, {
    actor: 'bench',
  });
const statusSeconds = (performance.now() - t) / 1000;

const lines = ['subject,kind,date,suspects,goods,amount,currency'];
for (let i = 0; i < outcomes; i++) {
  const ring = rings[i % rings.length]!;
  const day = `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  lines.push(
    i % 2
      ? `${ring},arrest,${day},${(i % 5) + 1},,,`
      : `${ring},seizure,${day},,batch ${i},${1000 + i},CNY`,
  );
}
writeFileSync(csvPath, `${lines.join('\n')}\n`);
t = performance.now();
const imported = importOutcomesCsv(store.db, csvPath, { actor: 'bench' });
const importSeconds = (performance.now() - t) / 1000;

t = performance.now();
const items = lifecycleItems(store.db);
const worklistSeconds = (performance.now() - t) / 1000;
t = performance.now();
const funnel = computeFunnel([funnelInput(store.db, 'bench')]);
const funnelSeconds = (performance.now() - t) / 1000;
closeCase(store);
console.log(
  JSON.stringify({
    rings: rings.length,
    subjects: items.length,
    imported: imported.imported,
    arrests: funnel.totals.arrests,
    statusSeconds,
    importSeconds,
    worklistSeconds,
    funnelSeconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
