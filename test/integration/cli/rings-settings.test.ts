/**
 * Bad ring settings are refused with the setting's name and change nothing; the profile and
 * the per-type thresholds are shown; a hub decision is made from the CLI and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cliDemoCase, cliSandbox, type CliRun } from '../../support/cli';
import { openCase, closeCase } from '../../../electron/core/store/open';
import { analyseCase } from '../../../electron/core/graph/analyse';
import { listAudit } from '../../../electron/core/audit/log';
import { RinglensError } from '../../../shared/errors';
import { CLI_PASSPHRASE } from '../../support/cli';

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
      audit: listAudit(store.db).length,
      registry: store.db
        .prepare('SELECT ring_id, members FROM ring_registry ORDER BY ring_id')
        .all(),
      settings: store.db.prepare('SELECT key, value FROM settings ORDER BY key').all(),
    };
  } finally {
    closeCase(store);
  }
}

describe('ring settings', () => {
  it('refuses an unknown profile and a negative threshold by name, and changes nothing', () => {
    expect(run('rings', file).code).toBe(0);
    const before = caseState();
    const profile = run('rings', file, '--profile', 'shops-only');
    expect(profile.code).not.toBe(0);
    expect(profile.err).toContain('--profile must be one of marketplace, corporate, account');
    expect(profile.err).toContain('shops-only');
    const negative = run('rings', file, '--hub-threshold', '-5');
    expect(negative.code).not.toBe(0);
    expect(negative.err).toContain('--hub-threshold');
    expect(caseState()).toEqual(before);

    // The engine itself refuses the same, naming the setting, before it writes anything.
    const store = openCase(file, CLI_PASSPHRASE);
    try {
      for (const [bad, name] of [
        [{ hubThreshold: -1 }, 'hubThreshold'],
        [{ profile: 'shops-only' }, 'profile'],
        [{ hubShare: 2 }, 'hubShare'],
        [{ maxRingSize: 0 }, 'maxRingSize'],
      ] as const) {
        let error: unknown;
        try {
          analyseCase(store.db, bad as never);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(RinglensError);
        expect((error as RinglensError).code).toBe('INVALID_ARGUMENT');
        expect((error as RinglensError).message).toContain(`“${name}”`);
        expect((error as RinglensError).location.field).toBe(name);
      }
    } finally {
      closeCase(store);
    }
    expect(caseState()).toEqual(before);
  });

  it('shows the profile and the threshold of every identifier type', () => {
    const r = run('rings', file);
    expect(r.out).toMatch(/^profile: marketplace \(seller, shop\); \d+ member accounts/);
    expect(r.out).toMatch(/hub thresholds by type:\n {2}[a-z]/);
    const json = JSON.parse(run('rings', file, '--json').out) as {
      profile: string;
      hubThresholds: { type: string; threshold: number; histogram: unknown[] }[];
    };
    expect(json.profile).toBe('marketplace');
    expect(json.hubThresholds.length).toBeGreaterThan(2);
  });

  it('records a hub decision made from the CLI in the audit log, and refuses one without a reason', () => {
    const rings = JSON.parse(run('rings', file, '--json').out) as {
      rings: { identifiers: { key: string }[] }[];
    };
    const key = rings.rings[0]!.identifiers[0]!.key;
    const noReason = run('hub', file, key, '--hub');
    expect(noReason.code).not.toBe(0);
    expect(noReason.err).toContain('reason');
    expect(run('hub', file, key, '--hub', '--reason', 'the platform’s own warehouse').code).toBe(0);
    const after = JSON.parse(run('rings', file, '--json').out) as {
      suppressedHubs: { key: string; reason: string }[];
    };
    expect(after.suppressedHubs).toContainEqual(
      expect.objectContaining({ key, reason: 'override' }),
    );
    const store = openCase(file, CLI_PASSPHRASE);
    try {
      expect(listAudit(store.db).at(-1)).toMatchObject({
        action: 'ring.hub-override',
        object: key,
      });
    } finally {
      closeCase(store);
    }
  });
});
