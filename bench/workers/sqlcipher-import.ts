// The encrypted ceiling: what `.import` does (one prepared INSERT per CSV row, one
// transaction, one index, a rollback journal), through the same SQLCipher driver, key and
// cache as a case. Debian's sqlite3 CLI cannot open an SQLCipher file, so this is the
// `.import` of an equally encrypted DB.
// The CSV is parsed before the clock starts: only SQLite's and the cipher's work is timed,
// CEILING_RUNS times (harness.ts), each into a fresh file; the fastest run is the ceiling.
// Args: csvPath dbPath (the CSV written by sqlite-cli-import.ts)
import Database from 'better-sqlite3-multiple-ciphers';
import { readFileSync, rmSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { applyKey, tune } from '../../electron/core/store/sqlcipher';
import { removeDb } from './remove-db';
import { CEILING_RUNS } from '../harness';

const [csvPath, dbPath] = process.argv.slice(2) as [string, string];
const rows: string[][] = parse(readFileSync(csvPath));

function oneRun(): number {
  removeDb(dbPath);
  const db = new Database(dbPath);
  applyKey(db, 'bench passphrase');
  tune(db);
  // The sqlite3 CLI's own journal: a rollback journal, synchronous FULL (its defaults).
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE rows (id TEXT, type TEXT, ref TEXT, props TEXT); CREATE INDEX rows_id ON rows (id);',
  );
  const insert = db.prepare('INSERT INTO rows VALUES (?, ?, ?, ?)');
  const t0 = performance.now();
  db.exec('BEGIN');
  for (const r of rows) insert.run(r[0], r[1], r[2], r[3]);
  db.exec('COMMIT');
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  removeDb(dbPath);
  return seconds;
}

const runs = Array.from({ length: CEILING_RUNS }, oneRun);
rmSync(csvPath, { force: true });
console.log(JSON.stringify({ rows: rows.length, seconds: Math.min(...runs), runs }));
