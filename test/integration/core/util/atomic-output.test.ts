/**
 * An export killed mid-write never leaves a partial file under its final name: the
 * child writes a zip exactly as packets are written and is SIGKILLed at timed instants
 * and just before the rename; the name then holds nothing or a whole zip (`unzip -t`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHILD = resolve(__dirname, 'support/write-zip-child.ts');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringlens-atomic-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(out: string, env: Record<string, string>, killAfterMs?: number): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, out], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (c: Buffer) => {
      if (c.toString().includes('go') && killAfterMs !== undefined)
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (_code, signal) => done(signal === 'SIGKILL'));
  });
}

describe('atomic output files', () => {
  it('a kill at any instant leaves no file or a whole zip under the final name', async () => {
    const cases: Array<{ env: Record<string, string>; after?: number }> = [
      { env: { RINGLENS_CRASH_AT: 'output.before-rename' } },
      ...[5, 20, 40, 80, 160].map((after) => ({ env: {}, after })),
    ];
    let partialsSeen = 0;
    for (const [i, c] of cases.entries()) {
      const out = join(dir, `packet-${i}.zip`);
      const killed = await run(out, c.env, c.after);
      if (existsSync(out)) {
        const test = spawnSync('unzip', ['-tq', out], { encoding: 'utf8' });
        expect(test.status, `${out} after kill ${i}: ${test.stdout}${test.stderr}`).toBe(0);
      } else expect(killed).toBe(true);
      partialsSeen += readdirSync(dir).filter((n) => n.includes('.ringlens-partial-')).length;
      for (const n of readdirSync(dir)) rmSync(join(dir, n), { force: true });
    }
    // The named kill fires after the data is flushed, so its partial must have been left.
    expect(partialsSeen).toBeGreaterThan(0);
  }, 120_000);
});
