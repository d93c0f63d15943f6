/**
 * Import throughput: 10k, 100k and 1M rows of generated data into an encrypted case, an
 * unencrypted store with the same schema, Debian's sqlite3 CLI `.import` of the same rows
 * (unencrypted), and the same `.import` work into an equally encrypted file (the ceiling the
 * target is set against), all in one run.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedBundle } from '../electron/core/generate/write-generated';
import { sellersForRows } from '../electron/core/generate/generator';
import { fmt, runWorker, sizesFromEnv, type BenchModule, type Figure } from './harness';

const worker = (name: string) => join(import.meta.dirname, 'workers', name);

async function bundleFor(rows: number): Promise<string> {
  const file = join(tmpdir(), `ringlens-bench-${rows}-seed42.zip`);
  if (!existsSync(file))
    await writeGeneratedBundle({ out: file, seed: 42, sellers: sellersForRows(rows) });
  return file;
}

export const importBench: BenchModule = {
  name: 'import',
  async run() {
    const figures: Figure[] = [];
    for (const size of sizesFromEnv([10_000, 100_000, 1_000_000])) {
      const bundle = await bundleFor(size);
      const store = join(tmpdir(), `ringlens-bench-${size}.db`);
      const enc = runWorker<{ rows: number; seconds: number }>(worker('import-one.ts'), [
        bundle,
        'encrypted',
        store,
      ]);
      const oneThread = runWorker<{ rows: number; seconds: number }>(worker('import-one.ts'), [
        bundle,
        'encrypted-1thread',
        store,
      ]);
      const plain = runWorker<{ rows: number; seconds: number }>(worker('import-one.ts'), [
        bundle,
        'plain',
        store,
      ]);
      const cli = runWorker<{ rows: number; seconds: number }>(worker('sqlite-cli-import.ts'), [
        bundle,
        `${store}.csv`,
        `${store}.cli`,
        'keep-csv',
      ]);
      const cipherCeiling = runWorker<{ rows: number; seconds: number }>(
        worker('sqlcipher-import.ts'),
        [`${store}.csv`, `${store}.ceiling`],
      );
      const rate = (r: { rows: number; seconds: number }) => r.rows / r.seconds;
      const label = `${fmt(enc.rows)} rows`;
      figures.push(
        {
          bench: 'import',
          case: label,
          metric: 'encrypted rows/s',
          value: Math.round(rate(enc)),
          unit: 'rows/s',
        },
        {
          bench: 'import',
          case: label,
          metric: 'encrypted time',
          value: enc.seconds,
          unit: 's',
          ...(size >= 1_000_000 && { target: '< 30 s', pass: enc.seconds < 30 }),
        },
        {
          bench: 'import',
          case: label,
          metric: 'encrypted peak RSS',
          value: Math.round(enc.maxRssMiB),
          unit: 'MiB',
          target: '< 500 MiB',
          pass: enc.maxRssMiB < 500,
        },
        {
          bench: 'import',
          case: label,
          metric: 'encrypted, one thread rows/s',
          value: Math.round(rate(oneThread)),
          unit: 'rows/s',
        },
        {
          bench: 'import',
          case: label,
          metric: 'encrypted, one thread peak RSS',
          value: Math.round(oneThread.maxRssMiB),
          unit: 'MiB',
        },
        {
          bench: 'import',
          case: label,
          metric: 'unencrypted rows/s',
          value: Math.round(rate(plain)),
          unit: 'rows/s',
        },
        {
          bench: 'import',
          case: label,
          metric: 'sqlite3 CLI .import rows/s (ceiling)',
          value: Math.round(rate(cli)),
          unit: 'rows/s',
        },
        {
          bench: 'import',
          case: label,
          metric: 'encrypted .import rows/s (ceiling)',
          value: Math.round(rate(cipherCeiling)),
          unit: 'rows/s',
        },
        {
          bench: 'import',
          case: label,
          metric: 'encrypted / encrypted ceiling',
          value: rate(enc) / rate(cipherCeiling),
          unit: 'x',
          target: '>= 0.5x',
          pass: rate(enc) / rate(cipherCeiling) >= 0.5,
        },
        {
          bench: 'import',
          case: label,
          metric: 'encrypted / sqlite3 CLI ceiling',
          value: rate(enc) / rate(cli),
          unit: 'x',
        },
        {
          bench: 'import',
          case: label,
          metric: 'encrypted / unencrypted',
          value: rate(enc) / rate(plain),
          unit: 'x',
        },
      );
    }
    return figures;
  },
};
