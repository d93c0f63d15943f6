import type { Migration } from '../migrate';

/** CSV mappings saved in the case, by name, so the next spreadsheet of the same kind imports the same way. */
export const migration006: Migration = {
  version: 6,
  name: 'saved CSV mappings',
  up(db) {
    db.exec(`
      CREATE TABLE csv_mappings (
        name TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
