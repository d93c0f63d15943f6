import type { Migration } from '../migrate';

/**
 * The investigator's decisions on candidate identity matches. Pairs are named by entity
 * keys (which identifier resolution derives from the values themselves), so a decision
 * survives re-import and re-analysis; `a_key < b_key` keeps one row per pair. Every
 * change is also in the audit log, which keeps the history this table overwrites.
 */
export const migration007: Migration = {
  version: 7,
  name: 'identity match decisions',
  up(db) {
    db.exec(`
      CREATE TABLE identity_decisions (
        a_key TEXT NOT NULL,
        b_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
        reason TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        probability REAL NOT NULL,
        terms TEXT NOT NULL,
        PRIMARY KEY (a_key, b_key),
        CHECK (a_key < b_key)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
