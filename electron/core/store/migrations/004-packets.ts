import type { Migration } from '../migrate';

/**
 * Evidence packets: the examiner's signing key (kept only inside the encrypted case), the
 * case's Bates numbering, and the register of every packet produced (so a packet produced
 * again from the same inputs is the same packet, with the same numbers).
 */
export const migration004: Migration = {
  version: 4,
  name: 'evidence packets',
  up(db) {
    db.exec(`
      CREATE TABLE examiner_keys (
        fingerprint TEXT PRIMARY KEY,
        private_key_pem TEXT NOT NULL,
        public_key_pem TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE packets (
        packet_id TEXT PRIMARY KEY,
        input_hash TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        bates_first INTEGER NOT NULL,
        bates_last INTEGER NOT NULL,
        audit_head TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        exported_at TEXT NOT NULL,
        exported_by TEXT NOT NULL
      ) STRICT;
      INSERT INTO settings (key, value) VALUES ('bates.prefix', '"RL"') ON CONFLICT DO NOTHING;
    `);
  },
};
