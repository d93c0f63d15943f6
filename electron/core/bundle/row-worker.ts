/**
 * Worker thread entry: reads the tables of one bundle, one after the other as the importing
 * thread asks for them, into staged batches (staged-rows.ts), at most two batches ahead of
 * the writer (bounded memory). It opens the bundle itself, read-only: only rows and each
 * table's size and hash cross over.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RinglensError } from '../../../shared/errors';
import { memoryBundle, openBundleZip } from './zip';
import { StreamTap } from './rows';
import { stagedBatches, type TableInput } from './staged-rows';
import type { ToWorker, WorkerMessage } from './row-source';

const AHEAD = 2;

async function run(): Promise<void> {
  const port = parentPort!;
  const { zipPath, bytes } = workerData as { zipPath: string; bytes?: Uint8Array };
  let credit = AHEAD;
  let wake: (() => void) | undefined;
  const tables: TableInput[] = [];
  let stopped = false;
  port.on('message', (m: ToWorker) => {
    if (m.kind === 'ack') credit++;
    else if (m.kind === 'table') tables.push(m.table);
    else stopped = true;
    wake?.();
  });
  const post = (m: WorkerMessage) => port.postMessage(m);
  const wait = () => new Promise<void>((r) => (wake = r));
  // A bundle that exists only in memory (an FtM stream or a CSV converted by Ringlens) is
  // registered in the importing thread's module, not in this one's: its bytes come along.
  const inMemory = bytes
    ? memoryBundle(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    : undefined;
  const zip = await openBundleZip(inMemory?.name ?? zipPath);
  try {
    for (;;) {
      while (tables.length === 0 && !stopped) await wait();
      if (stopped) return;
      const table = tables.shift()!;
      credit = AHEAD;
      let seen = 0;
      const tap = new StreamTap((n) => {
        seen += n;
      });
      try {
        const stream = await zip.openEntry(table.path);
        for await (const batch of stagedBatches(stream, table, tap)) {
          while (credit === 0 && !stopped) await wait();
          if (stopped) return;
          credit--;
          post({ kind: 'batch', rows: batch.rows, count: batch.count, bytes: seen });
          seen = 0;
        }
        post({ kind: 'done', bytes: tap.bytes, digest: tap.digest(), tail: seen });
      } catch (e) {
        post({
          kind: 'error',
          error:
            e instanceof RinglensError
              ? { code: e.code, message: e.message, location: e.location, hint: e.hint }
              : { message: e instanceof Error ? e.message : String(e) },
        });
        return;
      }
    }
  } finally {
    zip.close();
    inMemory?.release();
    port.close();
  }
}

void run();
