/** The `ringlens` CLI as a script runs it: a fresh folder, a passphrase file in the environment, and a demo case. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './bundles';
import { demoBundlePath } from '../../electron/core/demo/paths';

const CLI = join(import.meta.dirname, '../../bin/ringlens.mjs');
export const CLI_PASSPHRASE = 'a long enough passphrase';

export interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** A folder with a passphrase file, and a runner that passes it through RINGLENS_PASSPHRASE_FILE. */
export function cliSandbox(): { dir: string; run: (...args: string[]) => CliRun } {
  const dir = tempDir();
  const pass = join(dir, 'pass');
  writeFileSync(pass, `${CLI_PASSPHRASE}\n`);
  const env = { ...process.env, RINGLENS_PASSPHRASE_FILE: pass };
  const run = (...args: string[]): CliRun => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  return { dir, run };
}

/** A new case in the sandbox holding the demo bundle (its signer accepted). */
export function cliDemoCase(run: (...args: string[]) => CliRun, file: string): void {
  for (const args of [
    ['init', file],
    ['import', file, demoBundlePath(), '--accept-signer'],
  ]) {
    const r = run(...args);
    if (r.code !== 0) throw new Error(`ringlens ${args.join(' ')} failed: ${r.err}`);
  }
}
