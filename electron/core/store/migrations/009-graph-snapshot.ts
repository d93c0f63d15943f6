import type { Migration } from '../migrate';

/**
 * The link graph's typed arrays kept in the case (graph/graph-snapshot.ts), so ring analysis
 * reads a few blobs instead of every link and listing. It is derived data: the case's rows
 * stay the record, and the snapshot is trusted only while `graph_generation` still has the
 * value it was built at. The triggers bump the generation on every change a snapshot could
 * not follow by appending (an entity's type, id or properties, which hold listing photos and
 * the facts scoring reads; any link changed or deleted); rows added after it are read on top
 * of it by id. An import that re-sends an entity unchanged leaves its properties as they are.
 */
export const migration009: Migration = {
  version: 9,
  name: 'graph snapshot',
  up(db) {
    db.exec(`
      CREATE TABLE graph_generation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        n INTEGER NOT NULL
      ) STRICT;
      INSERT INTO graph_generation (id, n) VALUES (1, 0);

      CREATE TABLE graph_snapshot (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        format INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        max_entity_id INTEGER NOT NULL,
        max_link_id INTEGER NOT NULL,
        node_type BLOB NOT NULL,
        edge_src BLOB NOT NULL,
        edge_dst BLOB NOT NULL,
        edge_type BLOB NOT NULL,
        edge_link_id BLOB NOT NULL,
        fp_listing BLOB NOT NULL,
        fp_distinct TEXT NOT NULL,
        fp_index BLOB NOT NULL,
        fact_date_index BLOB NOT NULL,
        fact_dates TEXT NOT NULL,
        fact_flags BLOB NOT NULL,
        fact_amount BLOB NOT NULL
      ) STRICT;

      CREATE TRIGGER graph_entity_changed AFTER UPDATE OF id, type, props ON entities
        WHEN old.id IS NOT new.id OR old.type IS NOT new.type
          OR old.props IS NOT new.props
        BEGIN UPDATE graph_generation SET n = n + 1; END;
      CREATE TRIGGER graph_entity_deleted AFTER DELETE ON entities
        BEGIN UPDATE graph_generation SET n = n + 1; END;
      CREATE TRIGGER graph_link_changed AFTER UPDATE OF id, type, src, dst ON links
        WHEN old.id IS NOT new.id OR old.type IS NOT new.type OR old.src IS NOT new.src OR old.dst IS NOT new.dst
        BEGIN UPDATE graph_generation SET n = n + 1; END;
      CREATE TRIGGER graph_link_deleted AFTER DELETE ON links
        BEGIN UPDATE graph_generation SET n = n + 1; END;
    `);
  },
};
