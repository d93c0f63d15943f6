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
import { existsSync } from 'node:fs';
import { RinglensError } from '../../../shared/errors';
import { migrate } from './migrate';

export const CASE_EXTENSION = '.ringlens';

/**
 * In the desktop app the SQLCipher module is a separate build for Electron's ABI
 * (scripts/native-for-electron.mjs); Node (tests, CLI, web mode) uses the one in node_modules.
 */
const nativeBinding = process.env.RINGLENS_NATIVE_BINDING;
const driverOptions = nativeBinding ? { nativeBinding } : {};

export interface CaseStore {
  readonly path: string;
  readonly db: Db;
}

function applyKey(db: Db, passphrase: string): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma(`legacy = 4`);
  db.key(Buffer.from(passphrase, 'utf8'));
}

function tune(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 256 MiB page cache (an upper bound; pages are allocated as used): SQLCipher decrypts per page, so a warm cache is most of its speed.
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
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

/** Creates a new, empty, encrypted case. Refuses to overwrite an existing file. */
export function createCase(path: string, passphrase: string): CaseStore {
  checkPassphrase(passphrase);
  if (existsSync(path)) {
    throw new RinglensError('CASE_EXISTS', `a file already exists at ${path}`, {
      hint: 'choose a new file name, or open the existing case',
    });
  }
  const db = new Database(path, driverOptions);
  try {
    applyKey(db, passphrase);
    assertEncrypting(db);
    tune(db);
    migrate(db);
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
    if (!options.readonly) migrate(db);
    return { path, db };
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Changes the passphrase. SQLite3MultipleCiphers cannot re-key a database in WAL mode,
 * so the journal is switched to DELETE for the re-key and back afterwards.
 */
export function changePassphrase(store: CaseStore, newPassphrase: string): void {
  checkPassphrase(newPassphrase);
  const { db } = store;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    db.rekey(Buffer.from(newPassphrase, 'utf8'));
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

/** Closes the store, checkpointing the WAL so the case is one self-contained file again. */
export function closeCase(store: CaseStore): void {
  if (!store.db.open) return;
  try {
    if (!store.db.readonly) store.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.db.close();
  }
}
