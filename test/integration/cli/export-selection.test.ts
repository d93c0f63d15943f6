/** `ringlens export --format graphml|gexf|ftm --entities KEYS`: a selection, audited. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_PASSPHRASE, cliDemoCase, cliSandbox } from '../../support/cli';
import { closeCase, openCase } from '../../../electron/core/store/open';
import { listAudit } from '../../../electron/core/audit/log';

describe('ringlens export of a selection', () => {
  it('writes the chosen entities with the links among them, refuses an unknown key, and records the export', () => {
    const { dir, run } = cliSandbox();
    const c = join(dir, 'c.ringlens');
    cliDemoCase(run, c);
    const ring = (
      JSON.parse(run('rings', c, '--json').out) as {
        rings: { sellers: { key: string }[]; shops: { key: string }[] }[];
      }
    ).rings[0]!;
    const keys = [ring.sellers[0]!.key, ring.shops[0]!.key];
    const out = join(dir, 'sel.gexf');
    const r = run(
      'export',
      c,
      '--format',
      'gexf',
      '--entities',
      keys.join(','),
      '--out',
      out,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, format: 'gexf', nodes: 2 });
    const gexf = readFileSync(out, 'utf8');
    for (const k of keys) expect(gexf).toContain(`id="${k}"`);
    const ftm = join(dir, 'sel.ftm.jsonl');
    expect(
      run('export', c, '--format', 'ftm', '--entities', keys.join(','), '--out', ftm).code,
    ).toBe(0);
    expect(readFileSync(ftm, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2);
    const bad = run(
      'export',
      c,
      '--format',
      'graphml',
      '--entities',
      'shop:nope',
      '--out',
      join(dir, 'x.graphml'),
    );
    expect(bad.code).toBe(4);
    expect(bad.err).toMatch(/no entity "shop:nope"/);
    const both = run(
      'export',
      c,
      '--format',
      'graphml',
      '--entities',
      keys[0]!,
      '--ring',
      'R-0001',
      '--out',
      join(dir, 'y.graphml'),
    );
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/a ring or a selection, not both/);
    const store = openCase(c, CLI_PASSPHRASE);
    try {
      const exports = listAudit(store.db, { afterSeq: 0, limit: 1000 }).filter(
        (e) => e.action === 'interop.export',
      );
      expect(exports.map((e) => e.details.format)).toEqual(['gexf', 'ftm']);
      expect(exports[0]!.details.sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      closeCase(store);
    }
  });
});
