/** Every API method validates its input with the contract, whichever shell calls it. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { API, METHODS } from '../../../../shared/api/contract';
import { Session } from '../../../../electron/core/api/session';
import { createHandlers, dispatch } from '../../../../electron/core/api/handlers';
import { tempDir } from '../../../support/bundles';

const session = new Session('tester', () => undefined);
const handlers = createHandlers(session, { openDemo: () => Promise.resolve(undefined) });

describe('API contract', () => {
  it('has a handler for every method and nothing else', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
  });

  it.each(METHODS)('%s rejects arguments outside its schema', async (method) => {
    for (const bad of [{ unexpected: true }, 'a string', 42, [1, 2]]) {
      const r = await dispatch(session, handlers, method, bad);
      expect(r, `${method} with ${JSON.stringify(bad)}`).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    }
  });

  it('rejects unknown methods and wrongly typed fields, naming the field', async () => {
    expect(await dispatch(session, handlers, 'fs.readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(
      await dispatch(session, handlers, 'entity.get', { id: '1; DROP TABLE entities' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'id' } });
    expect(
      await dispatch(session, handlers, 'ring.get', { ringId: '../../etc/passwd' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'ringId' } });
  });

  it('returns errors as data: no case open, wrong passphrase', async () => {
    expect(await dispatch(session, handlers, 'case.summary', {})).toMatchObject({
      ok: false,
      error: { code: 'CASE_NOT_FOUND' },
    });
    const path = join(tempDir(), 'c.ringlens');
    expect(
      await dispatch(session, handlers, 'case.create', { path, passphrase: 'right one' }),
    ).toMatchObject({ ok: true });
    await dispatch(session, handlers, 'case.lock', {});
    const wrong = await dispatch(session, handlers, 'case.unlock', { passphrase: 'wrong one' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(JSON.stringify(wrong)).not.toContain('wrong one');
    expect(await dispatch(session, handlers, 'case.summary', {})).toMatchObject({
      ok: false,
      error: { code: 'CASE_LOCKED' },
    });
    expect(
      await dispatch(session, handlers, 'case.unlock', { passphrase: 'right one' }),
    ).toMatchObject({ ok: true, value: { locked: false } });
    session.close();
  });

  it('drops the key after the idle time', async () => {
    const s = new Session('tester', () => undefined);
    const h = createHandlers(s, { openDemo: () => Promise.resolve(undefined) });
    await dispatch(s, h, 'case.create', {
      path: join(tempDir(), 'idle.ringlens'),
      passphrase: 'pass',
    });
    s.autoLockMinutes = 0.001;
    await dispatch(s, h, 'case.setAutoLock', { minutes: 1 });
    s.autoLockMinutes = 0.0005; // 30 ms, set directly: the contract's minimum is a minute
    s.db();
    await new Promise((r) => setTimeout(r, 200));
    expect(s.status()).toMatchObject({ locked: true, open: false });
    s.close();
  });

  it('schemas are objects with strict inputs', () => {
    for (const m of METHODS) expect(API[m].input.safeParse({ surplus: 1 }).success).toBe(false);
  });
});
