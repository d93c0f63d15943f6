/**
 * Start-up clean-up of what a killed Ringlens left behind: `ringlens-bundle-*` and
 * `ringlens-convert-*` folders in the temp folder (older builds wrote converted FtM and CSV
 * data there in plain form) and `.NAME.ringlens-partial-*` files beside exports (fault 11's
 * temporary files). A folder or file that names a live process's pid is left alone: another
 * Ringlens may be using it right now.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARTIAL_MARK } from './durable-file';

/** Names from builds before pids were recorded are removed only once surely abandoned. */
const LEGACY_AGE_MS = 15 * 60 * 1000;

const TEMP_LEFTOVER = /^ringlens-(bundle|convert)-(?:(\d+)-)?/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function abandoned(path: string, pid: string | undefined, now: number): boolean {
  if (pid !== undefined) return !alive(Number(pid));
  try {
    return now - statSync(path).mtimeMs > LEGACY_AGE_MS;
  } catch {
    return false;
  }
}

export interface LeftoverReport {
  readonly removed: readonly string[];
}

/**
 * Removes abandoned temp folders from `tempFolder` and abandoned partial files from each of
 * `folders` (the case's folder, the last export folder). Never throws: clean-up must not stop
 * the app from starting.
 */
export function removeLeftovers(
  options: { tempFolder?: string; folders?: readonly string[]; now?: number } = {},
): LeftoverReport {
  const removed: string[] = [];
  const now = options.now ?? Date.now();
  const remove = (path: string) => {
    try {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Not ours to remove (permissions): leave it.
    }
  };
  const list = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  const temp = options.tempFolder ?? tmpdir();
  for (const name of list(temp)) {
    const m = TEMP_LEFTOVER.exec(name);
    if (m && abandoned(join(temp, name), m[2], now)) remove(join(temp, name));
  }
  for (const dir of options.folders ?? []) {
    for (const name of list(dir)) {
      const at = name.indexOf(PARTIAL_MARK);
      if (!name.startsWith('.') || at < 0) continue;
      const pid = /^(\d+)-/.exec(name.slice(at + PARTIAL_MARK.length))?.[1];
      if (abandoned(join(dir, name), pid, now)) remove(join(dir, name));
    }
  }
  return { removed };
}
