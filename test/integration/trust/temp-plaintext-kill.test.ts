/**
 * Issue 16, fault 12: a killed FtM or CSV import leaves no plaintext in the temp folder, and
 * the next start removes what older builds left there. The CLI runs in a child process with
 * its own TMPDIR and is killed (SIGKILL, no clean-up) at named points of the import (while
 * the converted tables are complete, and with the converted bundle open mid-import) and at
 * timed instants; the child's temp folder must hold no ringlens-* entry afterwards.
 * Real data: OpenSanctions' zala stream and Olist's sellers CSV from ../shared/realdata.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/bundles';
import { CLI_PASSPHRASE } from '../../support/cli';

const CLI = join(import.meta.dirname, '../../../bin/ringlens.mjs');
const REAL = join(import.meta.dirname, '../../../../shared/realdata');
const FTM = join(REAL, 'ftm', 'zala_sanctions_ownership.ftm.jsonl');
const CSV = join(REAL, 'ecommerce', 'olist_sellers_dataset.csv');
const haveData = existsSync(FTM) && existsSync(CSV);
if (!haveData) console.log(`skipped: ${REAL} is absent (real data for the kill test)`);

let dir: string;
let pass: string;
let mapping: string;

function env(tmp: string, extra: Record<string, string> = {}) {
  return { ...process.env, TMPDIR: tmp, RINGLENS_PASSPHRASE_FILE: pass, ...extra };
}

function newCase(name: string): string {
  const file = join(dir, `${name}.ringlens`);
  const r = spawnSync(process.execPath, [CLI, 'init', file], { env: env(dir), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return file;
}

function importArgs(kind: 'ftm' | 'csv', kase: string): string[] {
  return kind === 'ftm'
    ? ['import', kase, FTM, '--allow-unsigned']
    : ['import', kase, CSV, '--mapping', mapping, '--allow-unsigned'];
}

const leftovers = (tmp: string) => readdirSync(tmp).filter((n) => n.startsWith('ringlens-'));

/** Runs an import killed at a crash point or after `ms`; returns how it ended. */
async function killedImport(
  kind: 'ftm' | 'csv',
  at: { point: string } | { ms: number },
): Promise<{ tmp: string; signal: NodeJS.Signals | null }> {
  const tmp = join(dir, `tmp-${kind}-${'point' in at ? at.point : at.ms}`);
  mkdirSync(tmp);
  const kase = newCase(`${kind}-${'point' in at ? at.point : at.ms}`);
  const child = spawn(process.execPath, [CLI, ...importArgs(kind, kase)], {
    env: env(tmp, 'point' in at ? { RINGLENS_CRASH_AT: at.point } : {}),
    stdio: 'ignore',
  });
  if ('ms' in at) setTimeout(() => child.kill('SIGKILL'), at.ms);
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, s) => resolve(s)),
  );
  return { tmp, signal };
}

beforeAll(() => {
  dir = tempDir('ringlens-killtmp-');
  pass = join(dir, 'pass');
  writeFileSync(pass, `${CLI_PASSPHRASE}\n`);
  mapping = join(import.meta.dirname, '../../../resources/mappings/olist-sellers.json');
});

describe.skipIf(!haveData)('a killed FtM or CSV import', () => {
  for (const kind of ['ftm', 'csv'] as const) {
    for (const point of ['bundle-writer.tables-written', 'bundle.opened']) {
      it(`${kind}: killed at ${point}, leaves nothing in the temp folder`, async () => {
        const { tmp, signal } = await killedImport(kind, { point });
        expect(signal, 'the child was killed at the crash point').toBe('SIGKILL');
        expect(leftovers(tmp)).toEqual([]);
      }, 60_000);
    }
  }

  it('ftm: killed at timed instants, leaves nothing in the temp folder', async () => {
    for (const ms of [150, 400, 800]) {
      const { tmp } = await killedImport('ftm', { ms });
      expect(leftovers(tmp), `killed after ${ms} ms`).toEqual([]);
    }
  }, 120_000);
});

describe('start-up clean-up', () => {
  it('removes plaintext folders and partial exports a dead process left, and keeps a live one', () => {
    const tmp = join(dir, 'tmp-startup');
    mkdirSync(tmp);
    const out = join(dir, 'exports');
    mkdirSync(out);
    // A pid that is surely dead: a finished child's.
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    const legacy = join(tmp, 'ringlens-convert-AbC123');
    mkdirSync(legacy);
    writeFileSync(join(legacy, 'converted.zip'), 'plaintext case data');
    const old = new Date(Date.now() - 3600_000);
    utimesSync(legacy, old, old);
    mkdirSync(join(tmp, `ringlens-bundle-${dead}-XyZ`));
    writeFileSync(join(tmp, `ringlens-bundle-${dead}-XyZ`, 'table-0'), '{"id":"seller:1"}\n');
    mkdirSync(join(tmp, `ringlens-bundle-${process.pid}-live`));
    writeFileSync(join(out, `.packet.zip.ringlens-partial-${dead}-0123456789ab`), 'PK partial');
    const r = spawnSync(
      process.execPath,
      [CLI, 'info', join(dir, 'missing.ringlens'), '--out', join(out, 'x.zip')],
      { env: env(tmp), encoding: 'utf8' },
    );
    expect(r.status).not.toBe(null);
    expect(leftovers(tmp)).toEqual([`ringlens-bundle-${process.pid}-live`]);
    expect(readdirSync(out)).toEqual([]);
  });
});
