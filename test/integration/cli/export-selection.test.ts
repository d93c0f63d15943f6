/** `ringlens export --format graphml|gexf|ftm --entities KEYS`: a selection, audited. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/bundles';
import { demoBundlePath } from '../../../electron/core/demo/paths';
import { closeCase, openCase } from '../../../electron/core/store/open';
import { listAudit } from '../../../electron/core/audit/log';

const cli = join(import.meta.dirname, '../../../bin/ringlens.mjs');

describe('ringlens export of a selection', () => {
  it('writes the chosen entities with the links among them, refuses an unknown key, and records the export', () => {
    const dir = tempDir();
    const pass = join(dir, 'pass');
    writeFileSync(pass, 'a long enough passphrase\n');
    const env = { ...process.env, RINGLENS_PASSPHRASE_FILE: pass };
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
    const c = join(dir, 'c.ringlens');
    run('init', c);
    run('import', c, demoBundlePath(), '--accept-signer');
    const ring = (JSON.parse(run('rings', c, '--json').stdout) as { rings: { sellers: { key: string }[]; shops: { key: string }[] }[] }).rings[0]!;
    const keys = [ring.sellers[0]!.key, ring.shops[0]!.key];
    const out = join(dir, 'sel.gexf');
    const r = run('export', c, '--format', 'gexf', '--entities', keys.join(','), '--out', out, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, format: 'gexf', nodes: 2 });
    const gexf = readFileSync(out, 'utf8');
    for (const k of keys) expect(gexf).toContain(`id="${k}"`);
    const ftm = join(dir, 'sel.ftm.jsonl');
    expect(run('export', c, '--format', 'ftm', '--entities', keys.join(','), '--out', ftm).status).toBe(0);
    expect(readFileSync(ftm, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2);
    const bad = run('export', c, '--format', 'graphml', '--entities', 'shop:nope', '--out', join(dir, 'x.graphml'));
    expect(bad.status).toBe(4);
    expect(bad.stderr).toMatch(/no entity "shop:nope"/);
    const both = run('export', c, '--format', 'graphml', '--entities', keys[0]!, '--ring', 'R-0001', '--out', join(dir, 'y.graphml'));
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/a ring or a selection, not both/);
    const store = openCase(c, 'a long enough passphrase');
    try {
      const exports = listAudit(store.db, { afterSeq: 0, limit: 1000 }).filter((e) => e.action === 'interop.export');
      expect(exports.map((e) => e.details.format)).toEqual(['gexf', 'ftm']);
      expect(exports[0]!.details.sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      closeCase(store);
    }
  });
});
