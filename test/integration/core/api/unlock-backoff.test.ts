/**
 * Wrong passphrases through the API back off: after three, the next attempt is refused
 * unchecked (even with the right passphrase) until the wait is over, and the wait doubles.
 * Real SQLCipher case; the clock is the throttle's injected one so no test sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCase, createCase, openCase } from '../../../../electron/core/store/open';
import { UnlockThrottle } from '../../../../electron/core/store/unlock-throttle';
import { Session } from '../../../../electron/core/api/session';

let dir: string;
let path: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringlens-backoff-'));
  path = join(dir, 'c.ringlens');
  closeCase(createCase(path, 'right'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('unlock back-off', () => {
  it('refuses attempts during the back-off, doubling it, and resets after success', () => {
    let now = 1_000_000;
    const t = new UnlockThrottle(() => now);
    const tryWith = (p: string) => t.attempt(path, () => openCase(path, p, { readonly: true }));
    for (let i = 0; i < 3; i++) expect(() => tryWith('wrong')).toThrowError(/does not unlock/);
    expect(() => tryWith('wrong')).toThrowError(/does not unlock/); // 4th: checked, starts 1 s
    expect(() => tryWith('right')).toThrowError(/wait 1 s before the next attempt/);
    now += 1000;
    expect(() => tryWith('wrong')).toThrowError(/does not unlock/); // 5th: 2 s
    now += 1500;
    expect(() => tryWith('right')).toThrowError(/wait 1 s/);
    now += 500;
    closeCase(tryWith('right'));
    expect(() => tryWith('wrong')).toThrowError(/does not unlock/); // counting starts afresh
    closeCase(tryWith('right'));
  });

  it('is wired into the session: the fifth quick guess through case.open is refused unchecked', () => {
    const session = new Session('tester', () => undefined);
    for (let i = 0; i < 4; i++)
      expect(() => session.open(path, `guess-${i}`)).toThrowError(/does not unlock/);
    expect(() => session.open(path, 'right')).toThrowError(/before the next attempt/);
    session.close();
  });
});
