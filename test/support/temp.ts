/**
 * Temporary folders for tests. Every folder made here is removed when its test file ends
 * (test/support/cleanup-setup.ts registers the hook for every file), so a test that writes
 * cases, unpacked packets or generated bundles leaves nothing behind. `npm test` then checks
 * the temp directory for any `ringlens-*` entry that escaped (scripts/test.mjs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function tempDir(prefix = 'ringlens-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder made since the last call; run after each test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
