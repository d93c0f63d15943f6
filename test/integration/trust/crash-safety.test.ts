/**
 * SIGKILL the importer at random points of a large import, many times: each time the case
 * must open, pass PRAGMA integrity_check, and hold exactly what it held before. An import
 * writes under a rollback journal (store/bulk-journal.ts): the journal a kill leaves behind
 * must hold none of the case's text in the clear.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, createCase, openCase } from '../../../electron/core/store/open';
import { importBundle } from '../../../electron/core/bundle/import';
import { writeGeneratedBundle } from '../../../electron/core/generate/write-generated';
import { rngFor } from '../../../electron/core/util/random';
import { smallBundle, tempDir } from '../../support/bundles';
import { storeDigest } from '../../support/digest';

const WORKER = join(import.meta.dirname, '..', '..', 'support', 'import-worker.ts');

function importAndKill(
  casePath: string,
  bundle: string,
  delayMs: number,
): Promise<{ signal: NodeJS.Signals | null; said: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, casePath, 'pass', bundle], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let said = '';
    child.stdout.on('data', (d: Buffer) => {
      said += d.toString();
      if (said.includes('importing')) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', (_code, signal) => resolve({ signal, said }));
  });
}

describe('crash safety', () => {
  it('a killed import leaves the case intact and unchanged, every time', async () => {
    const dir = tempDir('ringlens-crash-');
    const casePath = join(dir, 'case.ringlens');
    const store = createCase(casePath, 'pass');
    await importBundle(store, (await smallBundle(dir, 'baseline')).file, {
      allowUnsigned: true,
      actor: 'tester',
    });
    const before = storeDigest(store.db);
    // Text the case holds before the kills: labels and keys of what the baseline imported.
    const secrets = (
      store.db
        .prepare(`SELECT label FROM entities UNION SELECT key FROM entities`)
        .pluck()
        .all() as string[]
    ).filter((t) => t.length >= 6);
    expect(secrets.length).toBeGreaterThan(10);
    closeCase(store);
    const big = await writeGeneratedBundle({ out: join(dir, 'big.zip'), seed: 3, sellers: 6000 });

    const rng = rngFor(2024, 'kill points');
    const runs = 6;
    let killed = 0;
    let journals = 0;
    for (let i = 0; i < runs; i++) {
      const delay = Math.floor(rng() * 1500);
      const r = await importAndKill(casePath, big.file, delay);
      if (r.signal === 'SIGKILL' && !r.said.includes('done')) killed++;
      const journal = `${casePath}-journal`;
      if (existsSync(journal)) {
        journals++;
        const bytes = readFileSync(journal);
        for (const t of secrets) expect(bytes.includes(t), `"${t}" in the journal`).toBe(false);
      }
      const s = openCase(casePath, 'pass');
      expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(storeDigest(s.db), `content after kill ${i + 1} at +${delay} ms`).toBe(before);
      closeCase(s);
    }
    expect(killed).toBe(runs);
    // The kills fell inside the journalled write, so the journal check above ran.
    expect(journals).toBeGreaterThan(0);
  });
});
