/**
 * Issue 18, "busy and done states ... a spinner and Cancel": a long action named by an
 * operation id reports its phases and stops when the person cancels, keeping nothing: a
 * cancelled import leaves the case as it was, a cancelled export leaves no file and no
 * audit entry. The cancel itself overtakes the queued work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../../../../electron/core/api/session';
import { createHandlers, dispatch } from '../../../../electron/core/api/handlers';
import { writeGeneratedBundle } from '../../../../electron/core/generate/write-generated';
import type { EventName, EventPayload } from '../../../../shared/api/contract';
import { storeDigest } from '../../../support/digest';
import { tempDir } from '../../../support/bundles';

const PASS = 'a long and unusual passphrase 2025';
const TODAY = new Date().toISOString().slice(0, 10);

type Listener = (event: EventName, payload: unknown) => void;

function engine() {
  let listener: Listener = () => undefined;
  const events: { event: EventName; payload: unknown }[] = [];
  const session = new Session('tester', <E extends EventName>(event: E, p: EventPayload<E>) => {
    events.push({ event, payload: p });
    listener(event, p);
  });
  const handlers = createHandlers(session, { openDemo: () => Promise.resolve(undefined) });
  const call = (method: string, input: unknown, operation?: string) =>
    dispatch(session, handlers, method, input, operation ? { operation } : {});
  return { session, call, events, onEvent: (l: Listener) => (listener = l) };
}

let bundle: string;
let dir: string;
beforeAll(async () => {
  dir = tempDir('ringlens-operations-');
  bundle = (await writeGeneratedBundle({ out: join(dir, 'b.zip'), seed: 7, sellers: 400 })).file;
});

describe('cancelling long actions', () => {
  it('a cancelled import rolls back: the case is byte-for-byte as it was', async () => {
    const { session, call, onEvent } = engine();
    await call('case.create', { path: join(dir, 'import.ringlens'), passphrase: PASS });
    const before = storeDigest(session.db());
    onEvent((event, p) => {
      if (event === 'import.progress' && (p as { phase: string }).phase === 'entities')
        session.operations.cancel('op-import-1');
    });
    const r = await call('bundle.import', { path: bundle, allowUnsigned: true }, 'op-import-1');
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    if (!r.ok) expect(r.error.message).toBe('Cancelled: nothing was kept.');
    expect(storeDigest(session.db())).toBe(before);
    // Nothing is left half-done: the same import runs to the end afterwards.
    onEvent(() => undefined);
    const again = await call('bundle.import', { path: bundle, allowUnsigned: true }, 'op-import-2');
    expect(again).toMatchObject({ ok: true, value: { alreadyImported: false } });
    expect(session.operations.size).toBe(0);
    session.close();
  });

  it('a cancelled packet export writes no file and records nothing', async () => {
    const { session, call, events, onEvent } = engine();
    await call('case.create', { path: join(dir, 'export.ringlens'), passphrase: PASS });
    await call('bundle.import', { path: bundle, allowUnsigned: true });
    const out = join(dir, 'referral.zip');
    // Ring analysis registers ring ids on first use; run it first, so the digest sees the export only.
    await call('rings.list', {});
    const before = storeDigest(session.db());
    onEvent((event, p) => {
      if (event === 'operation.progress' && (p as { phase: string }).phase === 'drawing the PDF')
        session.operations.cancel('op-export-1');
    });
    const input = { type: 'referral', ringId: 'R-0001', date: TODAY, preparer: 'J. Examiner', out };
    const r = await call('packet.export', input, 'op-export-1');
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(existsSync(out)).toBe(false);
    expect(storeDigest(session.db())).toBe(before);
    // The person saw what the engine was doing, in words, up to the cancel.
    const phases = events
      .filter((e) => e.event === 'operation.progress')
      .map((e) => (e.payload as { phase: string }).phase);
    expect(phases).toEqual(['gathering the evidence', 'drawing the PDF']);

    onEvent(() => undefined);
    events.length = 0;
    const done = await call('packet.export', input, 'op-export-2');
    expect(done).toMatchObject({ ok: true });
    expect(existsSync(out)).toBe(true);
    expect(
      events
        .filter((e) => e.event === 'operation.progress')
        .map((e) => (e.payload as { phase: string }).phase),
    ).toEqual(['gathering the evidence', 'drawing the PDF', 'writing the packet']);
    session.close();
  });

  it('a cancel overtakes the queue and stops a review-pack export: no file, no audit entry', async () => {
    const { session, call } = engine();
    await call('case.create', { path: join(dir, 'share.ringlens'), passphrase: PASS });
    await call('bundle.import', { path: bundle, allowUnsigned: true });
    const out = join(dir, 'review.html');
    const audited = () =>
      session.db().prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const before = audited();
    const order: string[] = [];
    const exporting = call(
      'interop.export',
      { format: 'review', ringId: 'R-0001', out },
      'op-share-1',
    ).then((r) => (order.push('export'), r));
    const cancel = await call('operation.cancel', { operation: 'op-share-1' }).then(
      (r) => (order.push('cancel'), r),
    );
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    expect(await exporting).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(order).toEqual(['cancel', 'export']);
    expect(existsSync(out)).toBe(false);
    expect(audited()).toBe(before);
    // Cancelling what has ended (or never ran) says so rather than pretending.
    expect(await call('operation.cancel', { operation: 'op-share-1' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
    expect(await call('interop.export', { format: 'review', ringId: 'R-0001', out })).toMatchObject(
      { ok: true },
    );
    expect(existsSync(out)).toBe(true);
    expect(audited()).toBe(before + 1);
    session.close();
  });

  it('a cancel that reaches the engine before its call still stops it', async () => {
    const { session, call } = engine();
    await call('case.create', { path: join(dir, 'early.ringlens'), passphrase: PASS });
    expect(await call('operation.cancel', { operation: 'op-early-1' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
    const out = join(dir, 'early.graphml');
    const r = await call('interop.export', { format: 'graphml', out }, 'op-early-1');
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(existsSync(out)).toBe(false);
    session.close();
  });

  it('an export whose file cannot be written leaves no audit entry claiming it', async () => {
    const { session, call } = engine();
    await call('case.create', { path: join(dir, 'eisdir.ringlens'), passphrase: PASS });
    await call('bundle.import', { path: bundle, allowUnsigned: true });
    const audited = () =>
      session.db().prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const before = audited();
    // A file name inside a path whose parent is a file: the write fails after the build.
    const r = await call('interop.export', {
      format: 'graphml',
      ringId: 'R-0001',
      out: join(bundle, 'x.graphml'),
    });
    expect(r.ok).toBe(false);
    expect(audited()).toBe(before);
    session.close();
  });
});
