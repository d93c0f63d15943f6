import type { Migration } from '../migrate';

/**
 * The case's current ring analysis kept in the (encrypted) case (graph/analysis-cache.ts),
 * so an export or a listing in a fresh process (the CLI) reuses it instead of running the
 * whole analysis again. It is derived data, trusted only while its key (the graph, settings,
 * profile, warning list, hub decisions, identity decisions, graph generation, statements
 * and Ringlens version) still matches; anything else means a fresh analysis. `runs` counts
 * the analyses stored, so a reader can tell a reuse from a new run.
 */
export const migration010: Migration = {
  version: 10,
  name: 'analysis cache',
  up(db) {
    db.exec(`
      CREATE TABLE analysis_cache (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        format INTEGER NOT NULL,
        cache_key TEXT NOT NULL,
        data BLOB NOT NULL,
        runs INTEGER NOT NULL,
        stored_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
