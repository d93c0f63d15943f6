/** Importing a FollowTheMoney stream of about 100k entities (exported from a generated case). */
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedBundle } from '../electron/core/generate/write-generated';
import { createCase, closeCase } from '../electron/core/store/open';
import { importBundle } from '../electron/core/bundle/import';
import { exportFtm } from '../electron/core/interop/ftm';
import { runWorker, type BenchModule } from './harness';

async function ftmStream(): Promise<string> {
  const file = join(tmpdir(), 'ringlens-bench-100k-v2.ftm.jsonl');
  if (existsSync(file)) return file;
  const bundle = join(tmpdir(), 'ringlens-bench-ftm-source-8200.zip');
  // About 12.3 entities per seller: 8,200 sellers give just over 100k entities.
  await writeGeneratedBundle({ out: bundle, seed: 77, sellers: 8200 });
  const source = join(tmpdir(), 'ringlens-bench-ftm-source.ringlens');
  const store = createCase(`${source}.${process.pid}`, 'bench passphrase');
  await importBundle(store, bundle, { allowUnsigned: true, actor: 'bench' });
  const lines: string[] = [];
  for (const o of exportFtm(store.db)) lines.push(JSON.stringify(o));
  closeCase(store);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export const ftmBench: BenchModule = {
  name: 'ftm',
  async run() {
    const file = await ftmStream();
    const r = runWorker<{ entities: number; links: number; seconds: number }>(
      join(import.meta.dirname, 'workers', 'ftm-one.ts'),
      [file, join(tmpdir(), 'ringlens-bench-ftm-target.ringlens')],
    );
    const label = `${r.entities.toLocaleString('en')} FtM entities`;
    return [
      {
        bench: 'ftm',
        case: label,
        metric: 'import time (plus links)',
        value: r.seconds,
        unit: 's',
      },
      {
        bench: 'ftm',
        case: label,
        metric: 'entities/s',
        value: Math.round(r.entities / r.seconds),
        unit: '/s',
      },
      {
        bench: 'ftm',
        case: label,
        metric: 'peak RSS',
        value: Math.round(r.maxRssMiB),
        unit: 'MiB',
      },
    ];
  },
};
