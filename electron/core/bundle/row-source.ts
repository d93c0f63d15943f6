/**
 * Where the importer gets its staged batches: from a worker thread (parsing and validation
 * overlap the main thread's writes: on two cores most of their cost disappears) or, where no
 * worker can be started, from the same code on this thread. Both give identical batches,
 * errors and hashes. A worker costs its start-up (loading the validators), so it is used for
 * tables of WORKER_MIN_BYTES and more; RINGLENS_IMPORT_WORKER=0 or =1 decides instead (tests).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import { RinglensError, type ErrorCode, type ErrorLocation } from '../../../shared/errors';
import { StreamTap } from './rows';
import { stagedBatches, type Batch, type TableInput } from './staged-rows';
import { memoryBundleBytes } from './zip';

export type ToWorker = { kind: 'table'; table: TableInput } | { kind: 'ack' } | { kind: 'stop' };

export type WorkerMessage =
  | { kind: 'batch'; rows: unknown[]; count: number; bytes: number }
  | { kind: 'done'; bytes: number; digest: string; tail: number }
  | {
      kind: 'error';
      error: { code?: ErrorCode; message: string; location?: ErrorLocation; hint?: string };
    };

/** The table's size and SHA-256 as read, for the caller's check against the manifest. */
export interface TableDigest {
  bytes: number;
  digest: string;
}

export interface RowSource {
  batches(): AsyncGenerator<Batch>;
  /** Valid once `batches` has finished. */
  digest(): TableDigest;
}

export interface RowReader {
  /** One table's batches; tables are read one at a time, in the order asked for. */
  table(
    table: TableInput,
    openStream: () => Promise<Readable>,
    onBytes: (n: number) => void,
  ): RowSource;
  /** Whether a worker thread does the reading (for the bench and tests). */
  readonly threaded: boolean;
  close(): void;
}

/** About 70k rows of tables: below it, a worker's start-up costs more than it saves. */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

/** The worker entry as built (out/cli, out/main) or as source (tests, tsx). */
function workerEntry(tableBytes: number): string | undefined {
  const forced = process.env.RINGLENS_IMPORT_WORKER;
  if (forced === '0' || (forced !== '1' && tableBytes < WORKER_MIN_BYTES)) return undefined;
  for (const rel of [
    './row-worker.ts',
    './row-worker.mjs',
    '../row-worker.mjs',
    './row-worker.js',
  ]) {
    try {
      const file = fileURLToPath(new URL(rel, import.meta.url));
      if (existsSync(file)) return file;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function startWorker(zipPath: string, tableBytes: number): Worker | undefined {
  const file = workerEntry(tableBytes);
  if (!file) return undefined;
  // A memory bundle's bytes are copied to the worker (the zip, compressed): the registry
  // holding them is per thread.
  const bytes = memoryBundleBytes(zipPath);
  const workerData = bytes ? { zipPath, bytes } : { zipPath };
  if (!file.endsWith('.ts')) return new Worker(file, { workerData });
  // From source the worker needs the TypeScript loader the tests and tools already run under.
  let api: string;
  try {
    const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
    api = pathToFileURL(join(dirname(pkg), 'dist', 'esm', 'api', 'index.mjs')).href;
  } catch {
    return undefined;
  }
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

function inThread(): RowReader {
  return {
    threaded: false,
    table(table, openStream, onBytes) {
      const tap = new StreamTap(onBytes);
      return {
        async *batches() {
          const s = await openStream();
          try {
            yield* stagedBatches(s, table, tap);
          } catch (e) {
            s.destroy();
            throw e;
          }
        },
        digest: () => ({ bytes: tap.bytes, digest: tap.digest() }),
      };
    },
    close() {},
  };
}

function threaded(worker: Worker): RowReader {
  type Item = WorkerMessage | { kind: 'crash'; error: Error };
  const queue: Item[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const push = (m: Item) => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', (m: WorkerMessage) => push(m));
  worker.on('error', (error) => push({ kind: 'crash', error }));
  worker.on('exit', (code) => {
    if (!closed) push({ kind: 'crash', error: new Error(`the row reader stopped (exit ${code})`) });
  });
  const next = async () => {
    while (queue.length === 0) await new Promise<void>((r) => (wake = r));
    return queue.shift()!;
  };
  return {
    threaded: true,
    table(table, _openStream, onBytes) {
      let result: TableDigest | undefined;
      worker.postMessage({ kind: 'table', table } satisfies ToWorker);
      return {
        async *batches() {
          for (;;) {
            const m = await next();
            if (m.kind === 'batch') {
              onBytes(m.bytes);
              yield { rows: m.rows, count: m.count };
              worker.postMessage({ kind: 'ack' } satisfies ToWorker);
            } else if (m.kind === 'done') {
              onBytes(m.tail);
              result = { bytes: m.bytes, digest: m.digest };
              return;
            } else if (m.kind === 'error') {
              const { code, message, location, hint } = m.error;
              throw code
                ? new RinglensError(code, message, {
                    ...location,
                    ...(hint !== undefined && { hint }),
                  })
                : new Error(message);
            } else throw m.error;
          }
        },
        digest: () => result!,
      };
    },
    close() {
      closed = true;
      worker.postMessage({ kind: 'stop' } satisfies ToWorker);
      void worker.terminate();
    },
  };
}

/** Starts reading a bundle's tables; `close` when the import ends, however it ends. */
export function openRowReader(zipPath: string, tableBytes: number): RowReader {
  const worker = startWorker(zipPath, tableBytes);
  return worker ? threaded(worker) : inThread();
}
