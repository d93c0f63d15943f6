import type { Migration } from '../migrate';

/**
 * From lead to outcome: the current lifecycle state of each lead and ring, the history of
 * every status change (append-only, like the audit log, so the funnel can be drawn over
 * time), and the outcomes recorded against them. Outcomes are never deleted: a mistaken
 * one is withdrawn with a reason and stays on record.
 */
export const migration005: Migration = {
  version: 5,
  name: 'lifecycle and outcomes',
  up(db) {
    db.exec(`
      CREATE TABLE lifecycle (
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('ring', 'lead')),
        subject_id TEXT NOT NULL,
        status TEXT NOT NULL,
        close_reason TEXT,
        last_reason TEXT,
        assignee TEXT,
        notice_at TEXT,
        refuted_at TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (subject_kind, subject_id)
      ) STRICT;
      CREATE TABLE status_history (
        seq INTEGER PRIMARY KEY,
        subject_kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        reason TEXT NOT NULL,
        close_reason TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX status_history_subject ON status_history (subject_kind, subject_id, seq);
      CREATE TRIGGER status_history_no_update BEFORE UPDATE ON status_history
        BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
      CREATE TRIGGER status_history_no_delete BEFORE DELETE ON status_history
        BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
      CREATE TABLE outcomes (
        outcome_id TEXT PRIMARY KEY,
        subject_kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        date TEXT NOT NULL,
        data TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        withdrawn_by TEXT,
        withdrawn_at TEXT,
        withdrawn_reason TEXT
      ) STRICT;
      CREATE INDEX outcomes_subject ON outcomes (subject_kind, subject_id);
      CREATE TRIGGER outcomes_no_delete BEFORE DELETE ON outcomes
        BEGIN SELECT RAISE(ABORT, 'outcomes are withdrawn, never deleted'); END;
      INSERT INTO settings (key, value) VALUES ('lifecycle.refutationDays', '3') ON CONFLICT DO NOTHING;
    `);
  },
};
