/** The SQLCipher settings every case connection uses, in one place. */
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';

/**
 * In the desktop app the SQLCipher module is a separate build for Electron's ABI
 * (scripts/native-for-electron.mjs); Node (tests, CLI, web mode) uses the one in node_modules.
 */
const nativeBinding = process.env.RINGLENS_NATIVE_BINDING;
export const driverOptions = nativeBinding ? { nativeBinding } : {};

export function applyKey(db: Db, passphrase: string): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma(`legacy = 4`);
  db.key(Buffer.from(passphrase, 'utf8'));
}

export function tune(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 256 MiB page cache (an upper bound; pages are allocated as used): SQLCipher decrypts per page, so a warm cache is most of its speed.
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
}
