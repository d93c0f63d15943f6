/**
 * A bulk write under a rollback journal. In WAL mode every page an import writes goes to
 * the WAL and then, at the checkpoint that follows COMMIT (or at close), a second time
 * into the case file; under a rollback journal the new pages are written once, in place,
 * and only the pages that held rows before the import are copied to the journal. Both are
 * all or nothing: a crash mid-import leaves a journal that the next open rolls back.
 * Measured on the rows a 1M-row import keeps (bench/workers/import-floor.ts): 9.6 s in WAL,
 * of which 2.7 s checkpoint; 6.9 s under the journal.
 *
 * Every pragma names `main`: unqualified, `journal_mode` would also set the TEMP database's
 * (where the content-digest triggers live), and after the switch back an unqualified
 * `wal_checkpoint` fails with "database table is locked" until the next write (SQLite
 * 3.53 here), which broke closing the case right after an import.
 *
 * While it lasts, another process cannot read the case (WAL lets it). If another
 * connection has the case open when it starts, the mode cannot change and the write stays
 * in WAL: slower, otherwise the same.
 */
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';

/** Switches `db` to a rollback journal; the returned function switches it back to WAL. */
export function rollbackJournalForBulkWrite(db: Db): () => void {
  if (db.pragma('main.journal_mode', { simple: true }) !== 'wal') return () => {};
  let mode: unknown;
  try {
    mode = db.pragma('main.journal_mode = DELETE', { simple: true });
  } catch {
    return () => {};
  }
  if (mode !== 'delete') return () => {};
  const synchronous = db.pragma('main.synchronous', { simple: true }) as number;
  // FULL, as SQLite advises for a rollback journal: NORMAL could leave a power cut at the
  // wrong moment with a damaged file. It costs nothing measurable here (1.03 s against
  // 1.07 s for the COMMIT of 2.7M rows).
  db.pragma('main.synchronous = FULL');
  return () => {
    db.pragma(`main.synchronous = ${synchronous}`);
    db.pragma('main.journal_mode = WAL');
  };
}
