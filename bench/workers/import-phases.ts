// One import in its own process with the main thread's time split into phases, for finding
// where an import's time goes (not part of `npm run bench`'s figures).
// Args: bundle storePath [nodigest]
// Phases: stage+merge of entity and link batches (StageWriter), waiting for the row reader,
// COMMIT, and what follows COMMIT (the graph snapshot) until the import returns.
import { createCase } from '../../electron/core/store/open';
import { importBundle } from '../../electron/core/bundle/import';
import { StageWriter } from '../../electron/core/bundle/stage';
import { removeDb } from './remove-db';

const [bundle, storePath, variant] = process.argv.slice(2) as [string, string, string?];
removeDb(storePath);
const store = createCase(storePath, 'bench passphrase');
if (variant === 'nodigest')
  for (const r of store.db
    .prepare(
      `SELECT name FROM sqlite_temp_schema WHERE type = 'trigger' AND name LIKE 'rl_digest_%'`,
    )
    .pluck()
    .all() as string[])
    store.db.exec(`DROP TRIGGER temp.${r}`);

const spans: Record<string, number> = {};
let peakRss = 0;
const add = (k: string, ms: number) => {
  spans[k] = (spans[k] ?? 0) + ms;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
let lastEnd = 0;
let firstRows = 0;
for (const m of ['writeEntities', 'writeLinks'] as const) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply and its own this
  const orig = StageWriter.prototype[m];
  StageWriter.prototype[m] = function (this: StageWriter, ...a: Parameters<typeof orig>) {
    const t = performance.now();
    if (lastEnd) add('wait for rows', t - lastEnd);
    else if (!firstRows) firstRows = t;
    try {
      return orig.apply(this, a);
    } finally {
      lastEnd = performance.now();
      add(m, lastEnd - t);
    }
  };
}
const exec = store.db.exec.bind(store.db);
let commitAt = 0;
store.db.exec = (sql: string) => {
  const t = performance.now();
  const r = exec(sql);
  if (sql === 'COMMIT') {
    commitAt = performance.now();
    add('COMMIT', commitAt - t);
  }
  return r;
};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = await importBundle(store, bundle, {
  allowUnsigned: true,
  actor: 'bench',
  onProgress: (p) => {
    if (p.phase === 'evidence' && lastEnd) {
      add('links→evidence tail', performance.now() - lastEnd);
      lastEnd = 0;
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  },
});
const end = performance.now();
add('after COMMIT (graph snapshot)', end - commitAt);
const cpu = process.cpuUsage(cpu0);
add('before first batch (hash, verify, BEGIN)', (firstRows || t0) - t0);
store.db.close();
removeDb(storePath);
console.log(
  JSON.stringify(
    {
      rows: r.entityRows + r.linkRows,
      seconds: (end - t0) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      spansMs: Object.fromEntries(Object.entries(spans).map(([k, v]) => [k, Math.round(v)])),
      sampledPeakRssMiB: Math.round(peakRss / 2 ** 20),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    null,
    1,
  ),
);
