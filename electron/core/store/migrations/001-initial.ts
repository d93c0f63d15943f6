import type { Migration } from '../migrate';

/**
 * The first schema. Provenance model: every bundle row becomes one `statements` row that
 * names its bundle, file and line and holds the properties exactly as that row asserted
 * them, so each entity, link and property value can be footnoted back to its source.
 * `entities.props` is only the merged view (later statements patch earlier ones).
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE case_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE bundles (
        id INTEGER PRIMARY KEY,
        bundle_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'lead-bundle',
        sha256 TEXT NOT NULL UNIQUE,
        manifest_sha256 TEXT NOT NULL,
        format_version INTEGER NOT NULL,
        issuer TEXT NOT NULL,
        signature TEXT NOT NULL CHECK (signature IN ('trusted', 'accepted', 'unsigned')),
        signer_fingerprint TEXT,
        created_at TEXT NOT NULL,
        description TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        entity_rows INTEGER NOT NULL,
        link_rows INTEGER NOT NULL,
        evidence_files INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE bundle_files (
        id INTEGER PRIMARY KEY,
        bundle INTEGER NOT NULL REFERENCES bundles(id),
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        role TEXT NOT NULL,
        UNIQUE (bundle, path)
      ) STRICT;

      CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        label TEXT NOT NULL,
        props TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX entities_type ON entities (type);

      -- Row ids used by bundles; several ids may name one entity after identifier resolution.
      CREATE TABLE entity_aliases (
        alias TEXT PRIMARY KEY,
        entity INTEGER NOT NULL REFERENCES entities(id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX entity_aliases_entity ON entity_aliases (entity);

      CREATE TABLE links (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        src INTEGER NOT NULL REFERENCES entities(id),
        dst INTEGER NOT NULL REFERENCES entities(id),
        label TEXT NOT NULL DEFAULT '',
        props TEXT NOT NULL DEFAULT '{}',
        UNIQUE (src, dst, type, label)
      ) STRICT;
      CREATE INDEX links_dst ON links (dst);

      CREATE TABLE statements (
        id INTEGER PRIMARY KEY,
        bundle INTEGER NOT NULL REFERENCES bundles(id),
        file INTEGER NOT NULL REFERENCES bundle_files(id),
        line INTEGER NOT NULL,
        entity INTEGER REFERENCES entities(id),
        link INTEGER REFERENCES links(id),
        props TEXT NOT NULL,
        CHECK ((entity IS NULL) <> (link IS NULL))
      ) STRICT;
      CREATE INDEX statements_entity ON statements (entity) WHERE entity IS NOT NULL;
      CREATE INDEX statements_link ON statements (link) WHERE link IS NOT NULL;

      -- Evidence files live here and nowhere else on disk: the store is the only copy.
      CREATE TABLE evidence_blobs (
        sha256 TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        object TEXT NOT NULL,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE trusted_keys (
        fingerprint TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        public_key_pem TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        object TEXT NOT NULL,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX notes_object ON notes (object);

      CREATE TABLE tags (
        object TEXT NOT NULL,
        tag TEXT NOT NULL,
        PRIMARY KEY (object, tag)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    `);
  },
};
