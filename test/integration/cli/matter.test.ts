/**
 * `ringlens matter`: the custodian of records (the FRE 902(11) declarant) and the referral
 * jurisdiction are set from the command line, shown back, and refused in the user's terms
 * when malformed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cliDemoCase, cliSandbox, type CliRun } from '../../support/cli';

let run: (...args: string[]) => CliRun;
let file: string;

beforeAll(() => {
  const s = cliSandbox();
  run = s.run;
  file = join(s.dir, 'case.ringlens');
  cliDemoCase(run, file);
}, 120_000);

describe('ringlens matter', () => {
  it('sets the custodian of records and the referral jurisdiction', () => {
    const r = run(
      'matter',
      file,
      '--custodian-name',
      'Li Ming',
      '--custodian-title',
      'Records Custodian',
      '--custodian-organisation',
      'ExampleMarket Ltd',
      '--jurisdiction',
      'cn',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('custodian of records: Li Ming, Records Custodian, ExampleMarket Ltd');
    expect(r.out).toContain('referral jurisdiction: CN');
    const json = run('matter', file, '--json');
    expect(JSON.parse(json.out)).toMatchObject({
      custodian: { name: 'Li Ming', title: 'Records Custodian', organisation: 'ExampleMarket Ltd' },
      jurisdiction: 'CN',
    });
  });

  it('refuses a custodian without a name and a jurisdiction that is not a country code', () => {
    const fresh = cliSandbox();
    const f = join(fresh.dir, 'c.ringlens');
    cliDemoCase(fresh.run, f);
    const noName = fresh.run('matter', f, '--custodian-title', 'Records Custodian');
    expect(noName.code).not.toBe(0);
    expect(noName.err).toContain('the custodian profile needs a name');
    const bad = run('matter', file, '--jurisdiction', 'China');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/jurisdiction/);
  });
});
