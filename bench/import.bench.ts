/**
 * Import throughput: 10k, 100k and 1M rows of generated data into an encrypted case, an
 * unencrypted store with the same schema, Debian's sqlite3 CLI `.import` of the same rows
 * (unencrypted), and the same `.import` work into an equally encrypted file (the ceiling the
 * target is set against), all in one run. Beside them, the floor of the data model: SQLite
 * alone writing the rows an import keeps (statements, aliases and id claims as well as
 * entities and links), which bounds the ratio any importer of this schema can reach, and
 * entities and links alone, which bounds any importer that merges rows at all; and reading
 * the rows with nothing written, which bounds an import whatever it writes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedBundle } from '../electron/core/generate/write-generated';
import { sellersForRows } from '../electron/core/generate/generator';
import {
  CEILING_RUNS,
  fmt,
  runWorker,
  sizesFromEnv,
  type BenchModule,
  type Figure,
} from './harness';

const worker = (name: string) => join(import.meta.dirname, 'workers', name);

async function bundleFor(rows: number): Promise<string> {
  const file = join(tmpdir(), `ringlens-bench-${rows}-seed42.zip`);
  if (!existsSync(file))
    await writeGeneratedBundle({ out: file, seed: 42, sellers: sellersForRows(rows) });
  return file;
}

const root = join(import.meta.dirname, '..');

/**
 * The same import through the built CLI, as `ringlens import` runs for a user: the figures
 * above come from the sources through tsx, whose loader also runs in the row worker and adds
 * its own memory to the peak.
 */
function builtCliImport(bundle: string, store: string): { seconds: number; maxRssMiB: number } {
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  run([join(root, 'bin', 'ringlens.mjs'), '--help']); // rebuilds the CLI if a source is newer
  const pointer = JSON.parse(readFileSync(join(root, 'out', 'cli', 'current.json'), 'utf8')) as {
    build: string;
  };
  const entry = join(root, 'out', 'cli', pointer.build, 'ringlens.mjs');
  const casePath = `${store}.cli-case.ringlens`;
  const passphrase = `${store}.passphrase`;
  const clean = () => {
    for (const f of [casePath, `${casePath}-wal`, `${casePath}-shm`, passphrase])
      rmSync(f, { force: true });
  };
  clean();
  try {
    writeFileSync(passphrase, 'bench passphrase\n', { mode: 0o600 });
    run([join(root, 'bin', 'ringlens.mjs'), 'init', casePath, '--passphrase-file', passphrase]);
    const out = run([
      join(import.meta.dirname, 'workers', 'import-built-cli.mjs'),
      entry,
      casePath,
      bundle,
      passphrase,
    ]);
    const last = out.trim().split('\n').pop()!;
    const r = JSON.parse(last) as { code: number; seconds: number; maxRssMiB: number };
    if (r.code !== 0) throw new Error(`the built CLI's import exited ${r.code}:\n${out}`);
    return r;
  } finally {
    clean();
  }
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
      const cli = runWorker<{ rows: number; seconds: number; runs: number[] }>(
        worker('sqlite-cli-import.ts'),
        [bundle, `${store}.csv`, `${store}.cli`, 'keep-csv'],
      );
      const cipherCeiling = runWorker<{ rows: number; seconds: number; runs: number[] }>(
        worker('sqlcipher-import.ts'),
        [`${store}.csv`, `${store}.ceiling`],
      );
      const built = builtCliImport(bundle, store);
      const floor = runWorker<{
        rows: number;
        seconds: number;
        provenanceOnlySeconds: number;
        entitiesAndLinksSeconds: number;
        tableRows: Record<string, number>;
      }>(worker('import-floor.ts'), [bundle, `${store}.floor-source`]);
      const keptRows = Object.values(floor.tableRows).reduce((a, b) => a + b, 0);
      const read = runWorker<{ rows: number; seconds: number; cpuSeconds: number }>(
        worker('import-read.ts'),
        [bundle],
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
          metric: 'built CLI (as shipped) encrypted time',
          value: built.seconds,
          unit: 's',
          ...(size >= 1_000_000 && { target: '< 30 s', pass: built.seconds < 30 }),
        },
        {
          bench: 'import',
          case: label,
          metric: 'built CLI (as shipped) peak RSS',
          value: Math.round(built.maxRssMiB),
          unit: 'MiB',
          target: '< 500 MB',
          pass: built.maxRssMiB * 1024 * 1024 < 500e6,
        },
        {
          bench: 'import',
          case: label,
          metric: 'built CLI / encrypted ceiling',
          value: enc.rows / built.seconds / rate(cipherCeiling),
          unit: 'x',
          target: '>= 0.5x',
          pass: enc.rows / built.seconds / rate(cipherCeiling) >= 0.5,
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
          metric: `sqlite3 CLI .import rows/s (ceiling, fastest of ${CEILING_RUNS})`,
          value: Math.round(rate(cli)),
          unit: 'rows/s',
        },
        {
          bench: 'import',
          case: label,
          metric: `encrypted .import rows/s (ceiling, fastest of ${CEILING_RUNS})`,
          value: Math.round(rate(cipherCeiling)),
          unit: 'rows/s',
        },
        {
          bench: 'import',
          case: label,
          // The spread of the ceiling's own runs, beside the ratios judged against it.
          metric: `encrypted .import rows/s, slowest of the ${CEILING_RUNS}`,
          value: Math.round(cipherCeiling.rows / Math.max(...cipherCeiling.runs)),
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
        {
          bench: 'import',
          case: label,
          metric: `floor: SQLite writing the ${fmt(keptRows)} rows kept (5 tables)`,
          value: floor.seconds,
          unit: 's',
        },
        {
          bench: 'import',
          case: label,
          // What an importer with free parsing, merging and hashing would reach on this schema.
          metric: 'floor / encrypted ceiling (best this schema allows)',
          value: floor.rows / floor.seconds / rate(cipherCeiling),
          unit: 'x',
        },
        {
          bench: 'import',
          case: label,
          metric: `floor: entities, links and provenance only (${fmt(floor.tableRows.entities! + floor.tableRows.links! + floor.tableRows.statements!)} rows)`,
          value: floor.provenanceOnlySeconds,
          unit: 's',
        },
        {
          bench: 'import',
          case: label,
          // Aliases and id claims folded away: the best any schema keeping a provenance row
          // per input row allows.
          metric: 'floor with per-row provenance / encrypted ceiling',
          value: floor.rows / floor.provenanceOnlySeconds / rate(cipherCeiling),
          unit: 'x',
        },
        {
          bench: 'import',
          case: label,
          metric: `floor: entities and links alone (${fmt(floor.tableRows.entities! + floor.tableRows.links!)} rows)`,
          value: floor.entitiesAndLinksSeconds,
          unit: 's',
        },
        {
          bench: 'import',
          case: label,
          // No provenance, aliases or claims at all: what is left of the ceiling's time for
          // reading, validating and merging 1M rows if the target were to be met.
          metric: 'floor without provenance / encrypted ceiling',
          value: floor.rows / floor.entitiesAndLinksSeconds / rate(cipherCeiling),
          unit: 'x',
        },
        {
          bench: 'import',
          case: label,
          metric: 'floor: reading alone (unzip, parse, validate; one thread, no writes)',
          value: read.seconds,
          unit: 's',
        },
        {
          bench: 'import',
          case: label,
          // The row worker's whole job: an import, which overlaps it with its writes, cannot
          // finish sooner, whatever its schema.
          metric: 'floor: reading alone / encrypted ceiling',
          value: read.rows / read.seconds / rate(cipherCeiling),
          unit: 'x',
        },
      );
    }
    return figures;
  },
};
