import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import { MIGRATIONS } from './migrations';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the store to the latest schema, each migration in its own transaction with the
 * version bump, so a crash leaves the store at a recorded version. Refuses a store
 * written by a newer Ringlens rather than guessing at its tables.
 */
export function migrate(db: Database): { from: number; to: number } {
  MIGRATIONS.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const from = schemaVersion(db);
  if (from > LATEST_SCHEMA_VERSION) {
    throw new RinglensError(
      'SCHEMA_TOO_NEW',
      `this case was written by a newer Ringlens (schema version ${from}; this build knows up to ${LATEST_SCHEMA_VERSION})`,
      { hint: 'open it with a newer version of Ringlens' },
    );
  }
  for (const m of MIGRATIONS.slice(from)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: LATEST_SCHEMA_VERSION };
}
