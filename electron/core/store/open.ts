/**
 * Opening, creating, unlocking and re-keying a case file.
 *
 * A case is one SQLite file encrypted in SQLCipher 4 mode (SQLite3MultipleCiphers'
 * `sqlcipher` cipher with `legacy=4`), so stock SQLCipher 4 tools open it with the
 * passphrase. The key is applied, then proven with a first read: SQLCipher only notices
 * a wrong key when a page is read, and we must never hand back an empty store instead.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, openSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RinglensError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrate';
import {
  computeContentDigests,
  keepContentDigests,
  keptContentDigests,
  resetKeptDigests,
} from '../audit/content-digest';
import { appendAudit } from '../audit/log';
import { applyKey, driverOptions, tune } from './sqlcipher';

export const CASE_EXTENSION = '.ringlens';

export interface CaseStore {
  readonly path: string;
  readonly db: Db;
}

function assertEncrypting(db: Db): void {
  const cipher = db.pragma('cipher', { simple: true });
  if (typeof cipher !== 'string' || cipher.toLowerCase() !== 'sqlcipher') {
    throw new RinglensError(
      'NOT_ENCRYPTED',
      'the SQLite build in use does not encrypt; refusing to write a plaintext case',
    );
  }
}

function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new RinglensError('INVALID_ARGUMENT', 'a passphrase is required', {
      field: 'passphrase',
    });
  }
}

/** Why a new case file could not be made, in the user's terms (not always "it exists"). */
function createFailure(path: string, e: unknown): RinglensError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EEXIST')
    return new RinglensError('CASE_EXISTS', `a file already exists at ${path}`, {
      hint: 'choose a new file name, or open the existing case',
      cause: e,
    });
  const why =
    code === 'ENOENT'
      ? `the folder ${dirname(path)} does not exist`
      : code === 'EACCES' || code === 'EPERM'
        ? `you may not write in ${dirname(path)}`
        : code === 'ENOTDIR'
          ? `a part of ${dirname(path)} is a file, not a folder`
          : `the file system refused (${code ?? String(e)})`;
  return new RinglensError('IO_ERROR', `cannot create the case at ${path}: ${why}`, {
    hint: 'choose a folder that exists and that you may write in',
    cause: e,
  });
}

/** Creates a new, empty, encrypted case. Refuses to overwrite an existing file. */
export function createCase(path: string, passphrase: string): CaseStore {
  checkPassphrase(passphrase);
  if (existsSync(path)) {
    throw new RinglensError('CASE_EXISTS', `a file already exists at ${path}`, {
      hint: 'choose a new file name, or open the existing case',
    });
  }
  // Created empty with owner-only permissions (SQLite's -wal and -shm files copy them), and
  // exclusively, so a file that appeared since the check above is never overwritten.
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (e) {
    throw createFailure(path, e);
  }
  chmodSync(path, 0o600);
  const db = new Database(path, driverOptions);
  try {
    applyKey(db, passphrase);
    assertEncrypting(db);
    tune(db);
    migrate(db);
    keepContentDigests(db);
    db.prepare(
      `INSERT INTO case_meta (key, value) VALUES ('created_at', ?), ('format', 'ringlens-case')`,
    ).run(new Date().toISOString());
    return { path, db };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Opens and unlocks an existing case, migrating it to the current schema. */
export function openCase(
  path: string,
  passphrase: string,
  options: { readonly?: boolean } = {},
): CaseStore {
  checkPassphrase(passphrase);
  if (!existsSync(path)) {
    throw new RinglensError('CASE_NOT_FOUND', `no case file at ${path}`, {
      hint: 'check the path, or create a case with `ringlens init`',
    });
  }
  const db = new Database(path, {
    ...driverOptions,
    fileMustExist: true,
    readonly: options.readonly ?? false,
  });
  try {
    applyKey(db, passphrase);
    assertEncrypting(db);
    try {
      // The first read is what proves the key.
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (e) {
      const msg = (e as Error).message;
      if (/not a database|file is encrypted|SQLITE_NOTADB/i.test(msg)) {
        throw new RinglensError(
          'WRONG_PASSPHRASE',
          'the passphrase does not unlock this case (or the file is not a Ringlens case)',
          {
            hint: 'check the passphrase; nothing was changed',
            cause: e,
          },
        );
      }
      throw e;
    }
    if (!options.readonly) tune(db);
    const meta = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'case_meta'`)
      .get();
    if (!meta)
      throw new RinglensError(
        'NOT_A_CASE',
        `${path} is an SQLite database but not a Ringlens case`,
      );
    if (!options.readonly) {
      migrateKeepingDigests(db);
      keepContentDigests(db);
      removeRekeyLeftovers(path);
    }
    return { path, db };
  } catch (e) {
    db.close();
    throw e;
  }
}

const sameDigests = (a: Record<string, string> | null, b: Record<string, string>) =>
  a !== null && Object.entries(b).every(([t, d]) => a[t] === d);

/**
 * Migrations run outside the connection's digest triggers: a migration after schema 8 that
 * rewrites content rows would leave the kept digests behind. When the content was intact
 * before migrating, the kept digests are brought up to date and the change is audited; a
 * case already edited behind the log is left as it is, for `verify` to report.
 */
function migrateKeepingDigests(db: Db): void {
  const from = schemaVersion(db);
  if (from >= LATEST_SCHEMA_VERSION) return void migrate(db);
  const intactBefore = from < 8 || sameDigests(keptContentDigests(db), computeContentDigests(db));
  migrate(db);
  if (!intactBefore) return;
  if (sameDigests(keptContentDigests(db), computeContentDigests(db))) return;
  db.transaction(() => {
    resetKeptDigests(db);
    appendAudit(db, {
      actor: 'ringlens',
      action: 'case.migrate',
      object: 'case',
      details: { from, to: LATEST_SCHEMA_VERSION },
    });
  })();
}

/** Closes the store, checkpointing the WAL so the case is one self-contained file again. */
export function closeCase(store: CaseStore): void {
  if (!store.db.open) return;
  try {
    if (!store.db.readonly) store.db.pragma('main.wal_checkpoint(TRUNCATE)');
  } finally {
    store.db.close();
  }
}

/** The temporary copy a re-key writes beside the case (see rekey.ts). */
export const REKEY_MARK = '.rekey-';

/**
 * A re-key killed before its rename leaves its temporary copy (encrypted, with the old or
 * the new key) beside the case; the case itself is whole. Removed at the next open.
 */
export function removeRekeyLeftovers(path: string): void {
  const prefix = `.${basename(path)}${REKEY_MARK}`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith(prefix)) rmSync(join(dirname(path), name), { force: true });
}
