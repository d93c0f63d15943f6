import { describe, expect, it, beforeEach } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { rekeyCase } from '../../../../electron/core/store/rekey';
import { closeCase, createCase, openCase } from '../../../../electron/core/store/open';
import { LATEST_SCHEMA_VERSION } from '../../../../electron/core/store/migrate';
import { importBundle } from '../../../../electron/core/bundle/import';
import { smallBundle } from '../../../support/bundles';
import { tempDir } from '../../../support/temp';

let dir: string;
beforeEach(() => {
  dir = tempDir('ringlens-store-');
});

describe('case store', () => {
  it('writes no plaintext: the SQLite header and stored values are not readable in the file', () => {
    const path = join(dir, 'a.ringlens');
    const store = createCase(path, 'correct horse');
    store.db
      .prepare(`INSERT INTO settings (key, value) VALUES ('marker', 'PLAINTEXT-MARKER-深圳')`)
      .run();
    closeCase(store);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from('PLAINTEXT-MARKER'))).toBe(false);
    expect(bytes.includes(Buffer.from('深圳'))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
  });

  it('refuses a wrong passphrase with a specific error and leaves the file untouched', () => {
    const path = join(dir, 'b.ringlens');
    closeCase(createCase(path, 'right'));
    const before = readFileSync(path);
    expect(() => openCase(path, 'wrong')).toThrowError(
      expect.objectContaining({ code: 'WRONG_PASSPHRASE' }),
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('re-keys: the old passphrase stops working, the new one opens the same data', () => {
    const path = join(dir, 'c.ringlens');
    const store = createCase(path, 'old-pass');
    store.db.prepare(`INSERT INTO settings (key, value) VALUES ('k', 'kept')`).run();
    closeCase(rekeyCase(store, 'old-pass', 'new-pass', { actor: 'test' }));
    expect(() => openCase(path, 'old-pass')).toThrowError(
      expect.objectContaining({ code: 'WRONG_PASSPHRASE' }),
    );
    const reopened = openCase(path, 'new-pass');
    expect(reopened.db.prepare(`SELECT value FROM settings WHERE key = 'k'`).get()).toEqual({
      value: 'kept',
    });
    closeCase(reopened);
  });

  it('uses WAL, foreign keys and records the schema version', () => {
    const store = createCase(join(dir, 'd.ringlens'), 'p');
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    closeCase(store);
  });

  it('refuses a case written by a newer schema', () => {
    const path = join(dir, 'e.ringlens');
    const store = createCase(path, 'p');
    store.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    closeCase(store);
    expect(() => openCase(path, 'p')).toThrowError(
      expect.objectContaining({ code: 'SCHEMA_TOO_NEW' }),
    );
  });

  it('refuses to overwrite an existing file and to open a missing one', () => {
    const path = join(dir, 'f.ringlens');
    writeFileSync(path, 'something precious');
    expect(() => createCase(path, 'p')).toThrowError(
      expect.objectContaining({ code: 'CASE_EXISTS' }),
    );
    expect(readFileSync(path, 'utf8')).toBe('something precious');
    expect(() => openCase(join(dir, 'missing.ringlens'), 'p')).toThrowError(
      expect.objectContaining({ code: 'CASE_NOT_FOUND' }),
    );
  });

  it('says a missing folder is missing, not that a file exists', () => {
    const dir = tempDir();
    const path = join(dir, 'no-such-folder', 'c.ringlens');
    expect(() => createCase(path, 'p')).toThrowError(
      expect.objectContaining({
        code: 'IO_ERROR',
        message: `cannot create the case at ${path}: the folder ${join(dir, 'no-such-folder')} does not exist`,
      }),
    );
  });

  // A case deleted by hand can leave its journal or WAL behind. A new case of the same name
  // must start empty, not replay pages written under another key: SQLite drops the leftovers
  // of a zero-length database file, which is what createCase opens.
  it("starts a new case clean beside a deleted case's leftover journal or WAL", async () => {
    const old = join(dir, 'old.ringlens');
    const store = createCase(old, 'old passphrase');
    store.db.prepare(`INSERT INTO settings (key, value) VALUES ('marker', 'old')`).run();
    // The old case's WAL and index as they stand while it is open, with frames not yet
    // checkpointed; and its hot rollback journal, copied mid-import before COMMIT.
    const leftovers: Record<string, Buffer> = {
      '-wal': readFileSync(`${old}-wal`),
      '-shm': readFileSync(`${old}-shm`),
    };
    await importBundle(store, (await smallBundle(dir, 'one')).file, {
      allowUnsigned: true,
      actor: 'tester',
      inTransaction: { after: () => void (leftovers['-journal'] = readFileSync(`${old}-journal`)) },
    });
    closeCase(store);
    expect(leftovers['-wal']!.length).toBeGreaterThan(32);
    expect(leftovers['-journal']!.length).toBeGreaterThan(512);
    for (const kind of [['-wal', '-shm'], ['-journal']]) {
      const path = join(dir, `new${kind[0]}.ringlens`);
      for (const k of kind) writeFileSync(`${path}${k}`, leftovers[k]!);
      const fresh = createCase(path, 'new passphrase');
      expect(fresh.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(fresh.db.prepare('SELECT count(*) FROM entities').pluck().get()).toBe(0);
      expect(
        fresh.db.prepare(`SELECT count(*) FROM settings WHERE key = 'marker'`).pluck().get(),
      ).toBe(0);
      closeCase(fresh);
      const again = openCase(path, 'new passphrase');
      expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(again.db.prepare('SELECT count(*) FROM entities').pluck().get()).toBe(0);
      closeCase(again);
      expect(existsSync(`${path}-journal`), kind[0]).toBe(false);
    }
  });

  it('a plain unencrypted SQLite file is not mistaken for a case', () => {
    const path = join(dir, 'plain.db');
    const plain = new Database(path);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expect(() => openCase(path, 'p')).toThrowError(
      expect.objectContaining({ code: 'WRONG_PASSPHRASE' }),
    );
  });
});

describe('case file permissions', () => {
  it.skipIf(process.platform === 'win32')(
    'creates the case owner-only (0600), and its WAL with it',
    () => {
      const path = join(dir, 'perm.ringlens');
      const store = createCase(path, 'p');
      store.db.prepare(`INSERT INTO settings (key, value) VALUES ('k', 'v')`).run();
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(path + '-wal').mode & 0o777).toBe(0o600);
      closeCase(store);
    },
  );

  it.skipIf(process.platform === 'win32')('keeps a re-keyed case owner-only (0600)', () => {
    const path = join(dir, 'perm2.ringlens');
    const store = createCase(path, 'p');
    closeCase(rekeyCase(store, 'p', 'q', { actor: 'test' }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
