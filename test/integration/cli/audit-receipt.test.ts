/**
 * `ringlens audit receipt` and `ringlens verify CASE --witness` (a receipt, a GraphML
 * export): as a user runs them. A
 * verify without a witness records nothing (an entry after a cut chain would seal it).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cliDemoCase, cliSandbox } from '../../support/cli';

describe('audit receipts from the command line', () => {
  it('writes a signed receipt, verifies against it, and never overwrites it', () => {
    const { dir, run } = cliSandbox();
    const c = join(dir, 'case.ringlens');
    cliDemoCase(run, c);
    const mk = run('audit', 'receipt', c, '--out', join(dir, 'head.json'));
    expect(mk.code, mk.err).toBe(0);
    expect(mk.out).toMatch(/head receipt written to .*head\.json: entry \d+, head [0-9a-f]{64}/);
    const again = run('audit', 'receipt', c, '--out', join(dir, 'head.json'));
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/already exists/);

    const entries = () => Number(/(\d+) entries/.exec(run('info', c).out)![1]);
    const before = entries();
    const plain = run('verify', c);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/audit chain intact/);
    expect(plain.out).toMatch(/no witness given/);
    expect(entries()).toBe(before);

    const witnessed = run('verify', c, '--witness', join(dir, 'head.json'));
    expect(witnessed.code, witnessed.out + witnessed.err).toBe(0);
    expect(witnessed.out).toMatch(
      /OK +witness .*head\.json: entry \d+ still has the witnessed hash/,
    );
    expect(entries()).toBe(before + 1);

    // An export that left the case witnesses it too, with no key needed.
    const gml = join(dir, 'case.graphml');
    const ex = run('export', c, '--format', 'graphml', '--out', gml);
    expect(ex.code, ex.err).toBe(0);
    const byExport = run('verify', c, '--witness', gml);
    expect(byExport.code, byExport.out + byExport.err).toBe(0);
    expect(byExport.out).toMatch(
      /OK +witness .*case\.graphml: entry \d+ still has the witnessed hash/,
    );
  }, 120_000);
});
