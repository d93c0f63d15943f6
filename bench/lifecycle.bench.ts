/** The lifecycle at programme scale: status changes for every ring, a large outcomes CSV, the worklist and the funnel. */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedBundle } from '../electron/core/generate/write-generated';
import { runWorker, sizesFromEnv, type BenchModule, type Figure } from './harness';

export const lifecycleBench: BenchModule = {
  name: 'lifecycle',
  async run() {
    const bundle = join(tmpdir(), 'ringlens-bench-lifecycle-20k.zip');
    if (!existsSync(bundle)) await writeGeneratedBundle({ out: bundle, seed: 31, sellers: 20_000 });
    const figures: Figure[] = [];
    for (const n of sizesFromEnv([10_000, 100_000])) {
      const casePath = join(tmpdir(), `ringlens-bench-lifecycle-${n}-${process.pid}.ringlens`);
      const r = runWorker<{
        rings: number;
        subjects: number;
        imported: number;
        statusSeconds: number;
        importSeconds: number;
        worklistSeconds: number;
        funnelSeconds: number;
      }>(join(import.meta.dirname, 'workers', 'lifecycle-one.ts'), [
        bundle,
        casePath,
        join(tmpdir(), `ringlens-bench-outcomes-${n}.csv`),
        String(n),
      ]);
      for (const f of [casePath, `${casePath}-wal`, `${casePath}-shm`]) rmSync(f, { force: true });
      const label = `${r.rings.toLocaleString('en')} rings (20k sellers), ${n.toLocaleString('en')} outcomes`;
      figures.push(
        {
          bench: 'lifecycle',
          case: label,
          metric: 'status change per ring (audited)',
          value: Math.round((r.statusSeconds / r.rings) * 1e6) / 1e3,
          unit: 'ms',
        },
        {
          bench: 'lifecycle',
          case: label,
          metric: 'outcomes CSV import',
          value: r.importSeconds,
          unit: 's',
        },
        {
          bench: 'lifecycle',
          case: label,
          metric: 'outcomes/s',
          value: Math.round(r.imported / r.importSeconds),
          unit: '/s',
        },
        {
          bench: 'lifecycle',
          case: label,
          metric: 'worklist (all rings and leads)',
          value: r.worklistSeconds,
          unit: 's',
        },
        { bench: 'lifecycle', case: label, metric: 'funnel', value: r.funnelSeconds, unit: 's' },
        {
          bench: 'lifecycle',
          case: label,
          metric: 'peak RSS',
          value: Math.round(r.maxRssMiB),
          unit: 'MiB',
        },
      );
    }
    return figures;
  },
};
