/**
 * CLI start-up: `ringlens --help` from the built CLI (what bin/ringlens.mjs runs), beside
 * `node -e 0` (Node's own start, the floor) and the same CLI run from source through tsx (the
 * TypeScript loader it used to start with), all measured in the same run. Median of several runs each.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchModule, Figure } from './harness';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 9;

function medianSeconds(args: readonly string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
    times.push((performance.now() - t0) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

export const cliBench: BenchModule = {
  name: 'cli',
  run(): Promise<Figure[]> {
    // One run first, so a stale build is rebuilt before anything is timed.
    medianSeconds(['bin/ringlens.mjs', '--help']);
    const built = medianSeconds(['bin/ringlens.mjs', '--help']);
    const node = medianSeconds(['-e', '0']);
    const fromSource = medianSeconds([
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "const { main } = await import('./electron/cli/main.ts'); await main(['node', 'ringlens', '--help']);",
    ]);
    return Promise.resolve([
      {
        bench: 'cli',
        case: '--help',
        metric: 'ringlens --help (built)',
        value: built,
        unit: 's',
        target: '< 0.3 s',
        pass: built < 0.3,
      },
      { bench: 'cli', case: '--help', metric: 'node -e 0 (floor)', value: node, unit: 's' },
      {
        bench: 'cli',
        case: '--help',
        metric: 'from source through tsx (no build)',
        value: fromSource,
        unit: 's',
      },
    ]);
  },
};
