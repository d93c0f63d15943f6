import type { Migration } from '../migrate';

/**
 * Stable ring ids: each ring ever reported, with the member keys it had when last seen,
 * so a re-run or a new import can match its rings to these by overlap and keep the ids
 * that notes, statuses and packets point at.
 */
export const migration002: Migration = {
  version: 2,
  name: 'ring registry',
  up(db) {
    db.exec(`
      CREATE TABLE ring_registry (
        ring_id TEXT PRIMARY KEY,
        members TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
      ) STRICT;
    `);
  },
};
