/**
 * A case file must be a standard SQLCipher 4 database: an independent SQLCipher 4 build
 * (@journeyapps/sqlcipher, compiled from source) opens it with the passphrase, and an
 * ordinary SQLite reader (Debian's sqlite3) cannot read it at all.
 */
import { describe, expect, it } from 'vitest';

import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { closeCase, createCase } from '../../../../electron/core/store/open';
import { tempDir } from '../../../support/temp';

const require = createRequire(import.meta.url);
const sqlcipher = require('@journeyapps/sqlcipher') as typeof import('@journeyapps/sqlcipher');

function makeCase(passphrase: string): string {
  const path = join(tempDir('ringlens-compat-'), 'compat.ringlens');
  const store = createCase(path, passphrase);
  store.db.prepare(`INSERT INTO settings (key, value) VALUES ('probe', '上海 warehouse')`).run();
  closeCase(store);
  return path;
}

function readWithSqlcipher4(
  path: string,
  passphrase: string,
): Promise<{ version: string; rows: unknown[] }> {
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(path, sqlcipher.OPEN_READONLY);
    db.serialize(() => {
      db.run(`PRAGMA key = '${passphrase.replaceAll("'", "''")}'`);
      db.get('PRAGMA cipher_version', (e1: Error | null, v: { cipher_version: string }) => {
        if (e1) return reject(e1);
        db.all(
          `SELECT key, value FROM settings WHERE key = 'probe'`,
          (e2: Error | null, rows: unknown[]) => {
            db.close();
            if (e2) reject(e2);
            else resolve({ version: v.cipher_version, rows });
          },
        );
      });
    });
  });
}

describe('SQLCipher 4 compatibility', () => {
  it('an independent SQLCipher 4 implementation opens the case with the passphrase', async () => {
    const path = makeCase("it's a passphrase");
    const { version, rows } = await readWithSqlcipher4(path, "it's a passphrase");
    expect(version).toMatch(/^4\./);
    expect(rows).toEqual([{ key: 'probe', value: '上海 warehouse' }]);
  });

  it('the same implementation cannot read it with a wrong passphrase', async () => {
    const path = makeCase('right');
    await expect(readWithSqlcipher4(path, 'wrong')).rejects.toThrow(/not a database|encrypted/i);
  });

  it("Debian's sqlite3 cannot read the file", () => {
    const path = makeCase('secret');
    const r = spawnSync('sqlite3', [path, 'SELECT count(*) FROM sqlite_schema;'], {
      encoding: 'utf8',
    });
    expect(r.error, 'sqlite3 must be installed (apt-get install sqlite3)').toBeUndefined();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/file is not a database/);
  });
});
