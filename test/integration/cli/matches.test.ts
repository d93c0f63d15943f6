/**
 * `ringlens matches` and `ringlens match` as a script runs them: bad input (an unknown kind,
 * a pair that does not exist) gets a clear message and a stable exit code and changes
 * nothing; the list shows the model's parameters and where they come from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cliDemoCase, cliSandbox, CLI_PASSPHRASE, type CliRun } from '../../support/cli';
import { closeCase, openCase } from '../../../electron/core/store/open';
import { auditHead } from '../../../electron/core/audit/log';
import { EXIT } from '../../../electron/cli/exit-codes';
import { MATCH_KINDS, MatchList } from '../../../shared/identity/schemas';

let dir: string;
let run: (...args: string[]) => CliRun;
let file: string;
beforeAll(() => {
  ({ dir, run } = cliSandbox());
  file = join(dir, 'case.ringlens');
  cliDemoCase(run, file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function caseState() {
  const store = openCase(file, CLI_PASSPHRASE);
  try {
    return {
      head: auditHead(store.db),
      decisions: store.db.prepare('SELECT * FROM identity_decisions ORDER BY a_key, b_key').all(),
    };
  } finally {
    closeCase(store);
  }
}

describe('ringlens matches / match', () => {
  it('refuses an unknown kind by name, listing the kinds, and changes nothing', () => {
    const before = caseState();
    const r = run('matches', file, '--kind', 'fax');
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toContain(`unknown kind “fax”: use one of ${MATCH_KINDS.join(', ')}`);
    expect(r.out).toBe('');
    expect(caseState()).toEqual(before);
  });

  it('refuses a pair that does not exist, naming the missing identifier, and changes nothing', () => {
    const before = caseState();
    const missing = run(
      'match',
      file,
      'confirm',
      'email|nobody@example.com',
      'email|also-nobody@example.com',
      '--reason',
      'same person',
    );
    expect(missing.code).toBe(EXIT.NOT_FOUND);
    expect(missing.err).toContain('no identifier “email|nobody@example.com” in this case');
    expect(missing.err).toContain('ringlens matches CASE --json');
    const badDecision = run('match', file, 'maybe', 'a', 'b', '--reason', 'why not');
    expect(badDecision.code).toBe(EXIT.USAGE);
    expect(badDecision.err).toContain('the decision must be confirm or reject, not “maybe”');
    expect(caseState()).toEqual(before);
  });

  it('lists candidates with the m and u in force and where each comes from', () => {
    const r = run('matches', file, '--json');
    expect(r.code).toBe(0);
    const list = MatchList.parse(JSON.parse(r.out));
    expect(list.estimates.map((e) => e.kind)).toEqual([...MATCH_KINDS]);
    for (const e of list.estimates)
      if (e.source === 'default') expect(e.reason, e.kind).toBeTruthy();
    expect(
      list.parameters.every((p) => p.source === 'em' || (p.m === p.defaultM && p.u === p.defaultU)),
    ).toBe(true);
    const text = run('matches', file, '--kind', 'email');
    expect(text.code).toBe(0);
    expect(text.out).toContain('model (m and u per comparison level in --json):');
    expect(text.out).toContain('e-mail addresses: per-kind m and u kept');
  });
});
