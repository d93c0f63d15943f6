/** Shared pieces of the benchmarks: timing, child-process runs with peak memory, reporting. */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

export interface Figure {
  readonly bench: string;
  readonly case: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
  readonly pass?: boolean;
}

export interface BenchModule {
  readonly name: string;
  run(): Promise<Figure[]>;
}

/**
 * Timed runs of each `.import` ceiling, each into a fresh file; the fastest is the ceiling.
 * A ceiling is the best SQLite can do, and a single run of the encrypted one moved by a
 * quarter between two bench runs an hour apart (505k and 383k rows/s): its COMMIT's fsync
 * waits behind whatever the imports before it left the kernel to write back.
 */
export const CEILING_RUNS = 3;

export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** Runs a TypeScript worker in a fresh Node process and returns its JSON result (peak RSS included). */
export function runWorker<T>(script: string, args: readonly string[]): T & { maxRssMiB: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(last) as T & { maxRssMiB: number };
}

export function sizesFromEnv(defaults: readonly number[]): number[] {
  const env = process.env.BENCH_SIZES;
  return env
    ? env
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => n > 0)
    : [...defaults];
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
