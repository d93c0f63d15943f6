import type { Migration } from '../migrate';
import { resetKeptDigests } from '../../audit/content-digest';
import { BUNDLE_SCOPE_SQL } from '../../bundle/issuer-scope';

/**
 * Audit anchoring (see audit/content-digest.ts): a running digest per content table, kept
 * by each Ringlens connection's TEMP triggers, and a column in which every later audit
 * entry commits to those digests. Entries written before this migration have none.
 *
 * Issuer-scoped row ids (see bundle/issuer-scope.ts): `id_claims` says which entity a row id
 * names within one issuer's scope. Existing ids are claimed for the issuer of the first
 * bundle that stated their entity.
 */
export const migration008: Migration = {
  version: 8,
  name: 'content digests committed by audit entries',
  up(db) {
    db.exec(`
      CREATE TABLE content_digest (tbl TEXT PRIMARY KEY, total TEXT NOT NULL) STRICT;
      ALTER TABLE audit_log ADD COLUMN content TEXT;
      CREATE TABLE id_claims (
        scope TEXT NOT NULL,
        id TEXT NOT NULL,
        entity INTEGER NOT NULL REFERENCES entities(id),
        PRIMARY KEY (scope, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX id_claims_entity ON id_claims (entity);
      CREATE TEMP TABLE first_scope AS
        SELECT s.entity AS entity, ${BUNDLE_SCOPE_SQL} AS scope
        FROM (SELECT entity, min(bundle) AS bundle FROM statements WHERE entity IS NOT NULL GROUP BY entity) s
        JOIN bundles b ON b.id = s.bundle;
      INSERT OR IGNORE INTO id_claims (scope, id, entity)
        SELECT f.scope, e.key, e.id FROM entities e JOIN first_scope f ON f.entity = e.id
        WHERE instr(e.key, '|') = 0;
      INSERT OR IGNORE INTO id_claims (scope, id, entity)
        SELECT f.scope, a.alias, a.entity FROM entity_aliases a JOIN first_scope f ON f.entity = a.entity;
      DROP TABLE temp.first_scope;
    `);
    resetKeptDigests(db);
  },
};
