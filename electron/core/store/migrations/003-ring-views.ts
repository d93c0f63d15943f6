import type { Migration } from '../migrate';

/** Node positions an investigator arranged for a ring's graph: the figure packets reuse. */
export const migration003: Migration = {
  version: 3,
  name: 'ring views',
  up(db) {
    db.exec(`
      CREATE TABLE ring_views (
        ring_id TEXT PRIMARY KEY,
        positions TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
