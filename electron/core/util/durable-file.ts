/**
 * Durable file replacement: a file appears under its final name whole or not at all.
 * Data goes to a temporary file in the same folder (so the rename stays on one file
 * system and is atomic), is flushed to the disk, and is then renamed over the target;
 * the folder is flushed too so the rename itself survives a power cut.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { crashPoint } from './crash-point';

/** The prefix of every temporary file Ringlens writes beside a final one. */
export const PARTIAL_MARK = '.ringlens-partial-';

/** A temporary name in the target's own folder; hidden, and recognisable for clean-up. */
export function partialPathFor(target: string): string {
  return join(
    dirname(target),
    // The pid lets start-up clean-up (util/leftovers.ts) tell a leftover from a live write.
    `.${basename(target)}${PARTIAL_MARK}${process.pid}-${randomBytes(6).toString('hex')}`,
  );
}

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (the rename); not possible on Windows, where it is skipped. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  fsyncPath(dir);
}

/** Renames a finished temporary file over `target` after flushing both to the disk. */
export function commitPartial(partial: string, target: string): void {
  fsyncPath(partial);
  crashPoint('output.before-rename');
  renameSync(partial, target);
  fsyncDir(dirname(target));
}

/** Writes `data` to `target` atomically (temp file in the same folder, fsync, rename). */
export function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: { mode?: number } = {},
): void {
  const partial = partialPathFor(target);
  try {
    const fd = openSync(partial, 'wx', options.mode ?? 0o600);
    try {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, target);
    fsyncDir(dirname(target));
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}
