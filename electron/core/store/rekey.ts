/**
 * Changing a case's passphrase without ever risking the case.
 *
 * SQLCipher's in-place re-key rewrites page 1 with the new salt before it commits, so a
 * crash in the middle leaves a journal neither key can roll back: the case looks lost.
 * Instead the case is copied into a fresh file beside it (still under the old key), the
 * copy is re-keyed, the `case.rekey` audit entry is written into the copy, the copy is
 * flushed and proven to open with the new passphrase, and only then renamed over the case
 * in one atomic step. At every instant the case's name holds either the old case (old
 * passphrase, no `case.rekey` entry) or the new one (new passphrase, with the entry).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RinglensError } from '../../../shared/errors';
import { appendAudit, verifyAuditChain } from '../audit/log';
import { crashPoint } from '../util/crash-point';
import { fsyncDir, fsyncPath } from '../util/durable-file';
import { closeCase, openCase, REKEY_MARK, type CaseStore } from './open';
import { applyKey, driverOptions } from './sqlcipher';

export interface RekeyOptions {
  readonly actor: string;
  readonly at?: string;
}

/**
 * Re-keys the case `store` has open (with `oldPassphrase`). The old store is closed; the returned one is the same
 * case under the new passphrase. On any failure before the rename the case is untouched
 * and still open under the old passphrase as `store`.
 */
export function rekeyCase(
  store: CaseStore,
  oldPassphrase: string,
  newPassphrase: string,
  options: RekeyOptions,
): CaseStore {
  if (typeof newPassphrase !== 'string' || newPassphrase.length === 0)
    throw new RinglensError('INVALID_ARGUMENT', 'a new passphrase is required', {
      field: 'passphrase',
    });
  if (store.db.readonly)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      'the case is open read-only; it cannot be re-keyed',
    );
  const path = store.path;
  const copy = join(
    dirname(path),
    `.${basename(path)}${REKEY_MARK}${randomBytes(6).toString('hex')}`,
  );
  crashPoint('rekey.start');
  try {
    // Phase 1: a fresh copy under the old key. Pre-created empty with owner-only rights.
    store.db.pragma('main.wal_checkpoint(TRUNCATE)');
    closeSync(openSync(copy, 'wx', 0o600));
    store.db.prepare('VACUUM INTO ?').run(copy);
    chmodSync(copy, 0o600);
    crashPoint('rekey.copied');

    // Phase 2: re-key the copy (in place is safe here: the copy is disposable) and record it.
    const db = new Database(copy, { ...driverOptions, fileMustExist: true });
    try {
      applyKey(db, oldPassphrase);
      db.pragma('journal_mode = DELETE');
      db.rekey(Buffer.from(newPassphrase, 'utf8'));
      crashPoint('rekey.rekeyed');
      appendAudit(db, {
        actor: options.actor,
        action: 'case.rekey',
        object: 'case',
        ...(options.at ? { at: options.at } : {}),
      });
      crashPoint('rekey.audited');
    } finally {
      db.close();
    }

    // Phase 3: flush it and prove it opens with the new passphrase and is whole.
    fsyncPath(copy);
    crashPoint('rekey.synced');
    verifyCopy(copy, newPassphrase);
    crashPoint('rekey.verified');

    // Phase 4: swap. The old connection is closed first so its WAL is folded in and gone;
    // a leftover WAL beside the name would otherwise be replayed into the new file.
    closeCase(store);
    for (const side of ['-wal', '-journal'])
      if (existsSync(path + side) && statSync(path + side).size > 0)
        throw new RinglensError(
          'INTERNAL',
          `the case's ${side.slice(1)} file is still in use; close other programs using ${path} and try again`,
        );
    rmSync(path + '-wal', { force: true });
    rmSync(path + '-shm', { force: true });
    crashPoint('rekey.closed');
    renameSync(copy, path);
    crashPoint('rekey.renamed');
    fsyncDir(dirname(path));
    crashPoint('rekey.dir-synced');
  } catch (e) {
    rmSync(copy, { force: true });
    rmSync(copy + '-journal', { force: true });
    throw e;
  }
  return openCase(path, newPassphrase);
}

function verifyCopy(copy: string, passphrase: string): void {
  const db = new Database(copy, { ...driverOptions, fileMustExist: true, readonly: true });
  try {
    applyKey(db, passphrase);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new RinglensError(
        'INTERNAL',
        `the re-keyed copy failed its check (${String(check)}); the case was not changed`,
      );
    const chain = verifyAuditChain(db);
    if (!chain.ok)
      throw new RinglensError(
        'INTERNAL',
        `the re-keyed copy's audit chain does not hold (${chain.reason}); the case was not changed`,
      );
  } finally {
    db.close();
  }
}
