import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/bundles';

const cli = join(import.meta.dirname, '../../../bin/ringlens.mjs');
function ringlens(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ringlens CLI', () => {
  it('generate, init, import, info: a round trip a script can rely on', () => {
    const dir = tempDir();
    const pass = join(dir, 'pass');
    writeFileSync(pass, 'correct horse battery staple\n');
    const bundle = join(dir, 'b.zip');
    const gen = ringlens([
      'generate',
      '--out',
      bundle,
      '--seed',
      '5',
      '--sellers',
      '150',
      '--json',
    ]);
    expect(gen.code).toBe(0);
    expect(JSON.parse(gen.stdout)).toMatchObject({ ok: true, signed: false });
    const c = join(dir, 'c.ringlens');
    expect(ringlens(['init', c, '--passphrase-file', pass]).code).toBe(0);
    const refused = ringlens(['import', c, bundle, '--passphrase-file', pass]);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toMatch(/not signed.*--allow-unsigned/);
    const imp = ringlens(['import', c, bundle, '--allow-unsigned', '--json'], {
      RINGLENS_PASSPHRASE_FILE: pass,
    });
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({
      ok: true,
      signature: 'unsigned',
      entityRows: JSON.parse(gen.stdout).counts.entities,
    });
    const info = ringlens(['info', c, '--json', '--passphrase-file', pass]);
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.stdout);
    expect(parsed.entities.seller).toBe(150);
    expect(parsed.bundles).toEqual([
      expect.objectContaining({ bundleId: 'synthetic-5-150', signature: 'unsigned' }),
    ]);
    expect(parsed.audit.entries).toBe(2);
    // Stable: the same case gives the same JSON.
    expect(ringlens(['info', c, '--json', '--passphrase-file', pass]).stdout).toBe(info.stdout);
    expect(ringlens(['verify', c, '--passphrase-file', pass]).stdout).toMatch(/audit chain intact/);
  });

  it('a wrong passphrase gets its own exit code and a clear message', () => {
    const dir = tempDir();
    const good = join(dir, 'good');
    const bad = join(dir, 'bad');
    writeFileSync(good, 'right');
    writeFileSync(bad, 'wrong');
    const c = join(dir, 'c.ringlens');
    expect(ringlens(['init', c, '--passphrase-file', good]).code).toBe(0);
    const r = ringlens(['info', c, '--passphrase-file', bad]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/passphrase does not unlock/);
    expect(r.stderr).not.toContain('wrong');
  });

  it('refuses a passphrase on the command line and bad arguments with usage errors', () => {
    expect(ringlens(['init', 'x.ringlens', '--passphrase', 'secret']).code).toBe(2);
    expect(ringlens(['generate', '--out', 'x.zip', '--sellers', 'many']).code).toBe(2);
  });
});
