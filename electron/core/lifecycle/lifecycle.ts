/**
 * The lifecycle in the store: statuses, assignment and the refutation window of each ring
 * and lead. Every change is one transaction that writes the new state, its history row
 * and an audit entry naming who and why.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import type {
  CloseReason,
  LifecycleItem,
  LifecycleStatus,
  StatusChange,
  SubjectRef,
} from '../../../shared/lifecycle/schemas';
import { appendAudit } from '../audit/log';
import { checkTransition, isOverdue, refutationDue } from './status-machine';
import { auditObject, listSubjects, requireSubject, type Subject } from './subjects';

interface StateRow {
  subject_kind: 'ring' | 'lead';
  subject_id: string;
  status: LifecycleStatus;
  close_reason: CloseReason | null;
  last_reason: string | null;
  assignee: string | null;
  notice_at: string | null;
  refuted_at: string | null;
  updated_at: string;
  updated_by: string;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

export function refutationDays(db: Database): number {
  const v = db
    .prepare(`SELECT value FROM settings WHERE key = 'lifecycle.refutationDays'`)
    .pluck()
    .get() as string | undefined;
  return v ? Number(JSON.parse(v)) : 3;
}

export function setRefutationDays(db: Database, days: number, actor: string): number {
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new RinglensError('INVALID_ARGUMENT', 'the refutation window must be 1 to 365 days', {
      field: 'days',
    });
  db.transaction(() => {
    const before = refutationDays(db);
    db.prepare(
      `INSERT INTO settings (key, value) VALUES ('lifecycle.refutationDays', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(JSON.stringify(days));
    appendAudit(db, {
      actor,
      action: 'lifecycle.settings',
      object: 'case',
      details: { refutationDays: { from: before, to: days } },
    });
  })();
  return days;
}

function stateOf(db: Database, s: SubjectRef): StateRow | undefined {
  return db
    .prepare('SELECT * FROM lifecycle WHERE subject_kind = ? AND subject_id = ?')
    .get(s.kind, s.id) as StateRow | undefined;
}

function writeState(
  db: Database,
  s: SubjectRef,
  patch: Partial<Omit<StateRow, 'subject_kind' | 'subject_id'>>,
  actor: string,
  at: string,
): void {
  const prev = stateOf(db, s);
  const next = {
    status: prev?.status ?? 'new',
    close_reason: prev?.close_reason ?? null,
    last_reason: prev?.last_reason ?? null,
    assignee: prev?.assignee ?? null,
    notice_at: prev?.notice_at ?? null,
    refuted_at: prev?.refuted_at ?? null,
    ...patch,
    updated_at: at,
    updated_by: actor,
  };
  db.prepare(
    `INSERT INTO lifecycle (subject_kind, subject_id, status, close_reason, last_reason, assignee, notice_at, refuted_at, updated_at, updated_by)
     VALUES (@kind, @id, @status, @close_reason, @last_reason, @assignee, @notice_at, @refuted_at, @updated_at, @updated_by)
     ON CONFLICT (subject_kind, subject_id) DO UPDATE SET status = excluded.status, close_reason = excluded.close_reason, last_reason = excluded.last_reason,
       assignee = excluded.assignee, notice_at = excluded.notice_at, refuted_at = excluded.refuted_at, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run({ kind: s.kind, id: s.id, ...next });
}

const describe = (s: SubjectRef) => (s.kind === 'ring' ? `ring ${s.id}` : `lead ${s.id}`);

export interface ChangeOptions {
  readonly actor: string;
  /** Defaults to now; tests and imports of history pass a fixed time. */
  readonly at?: string;
}

/** Moves a ring or lead to a new status, if the lifecycle allows it; recorded with who and why. */
export function setStatus(
  db: Database,
  s: SubjectRef,
  to: LifecycleStatus,
  reason: string,
  closeReason: CloseReason | null,
  o: ChangeOptions,
): void {
  const why = reason.trim();
  if (why.length < 3)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      'say why the status changes (at least 3 characters)',
      { field: 'reason' },
    );
  requireSubject(db, s);
  const at = o.at ?? new Date().toISOString();
  db.transaction(() => {
    const from = stateOf(db, s)?.status ?? 'new';
    checkTransition(describe(s), from, to, closeReason);
    writeState(
      db,
      s,
      { status: to, close_reason: to === 'closed' ? closeReason : null, last_reason: why },
      o.actor,
      at,
    );
    db.prepare(
      'INSERT INTO status_history (subject_kind, subject_id, from_status, to_status, reason, close_reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(s.kind, s.id, from, to, why, closeReason, o.actor, at);
    appendAudit(db, {
      actor: o.actor,
      action: 'lifecycle.status',
      object: auditObject(s),
      details: { from, to, reason: why, ...(closeReason ? { closeReason } : {}) },
      at,
    });
  })();
}

/**
 * Moves a ring and, with it, the leads that flag it: the ring's move must be legal; each
 * lead follows where its own status allows that move (same reason, noting the ring), and
 * the leads that cannot follow are returned with why, untouched. One transaction.
 */
export function setRingStatusWithLeads(
  db: Database,
  ringId: string,
  to: LifecycleStatus,
  reason: string,
  closeReason: CloseReason | null,
  o: ChangeOptions,
): { moved: string[]; skipped: { lead: string; because: string }[] } {
  const leads = listSubjects(db).find((x) => x.kind === 'ring' && x.id === ringId)?.related ?? [];
  return db.transaction(() => {
    setStatus(db, { kind: 'ring', id: ringId }, to, reason, closeReason, o);
    const moved: string[] = [];
    const skipped: { lead: string; because: string }[] = [];
    for (const lead of leads) {
      try {
        setStatus(
          db,
          { kind: 'lead', id: lead },
          to,
          `${reason.trim()} (with ring ${ringId})`,
          closeReason,
          o,
        );
        moved.push(lead);
      } catch (e) {
        if (!(e instanceof RinglensError)) throw e;
        skipped.push({ lead, because: e.message });
      }
    }
    return { moved, skipped };
  })();
}

export function assign(
  db: Database,
  s: SubjectRef,
  assignee: string | null,
  o: ChangeOptions,
): void {
  requireSubject(db, s);
  const at = o.at ?? new Date().toISOString();
  const who = assignee?.trim() || null;
  db.transaction(() => {
    const before = stateOf(db, s)?.assignee ?? null;
    if (before === who) return;
    writeState(db, s, { assignee: who }, o.actor, at);
    appendAudit(db, {
      actor: o.actor,
      action: 'lifecycle.assign',
      object: auditObject(s),
      details: { from: before, to: who },
      at,
    });
  })();
}

/** Records when the seller was notified (which starts the refutation window) and when they refuted, if they did. */
export function setNotice(
  db: Database,
  s: SubjectRef,
  notice: { noticeAt: string | null; refutedAt: string | null },
  o: ChangeOptions,
): void {
  requireSubject(db, s);
  if (notice.refutedAt && !notice.noticeAt)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      'a refutation needs the date the seller was notified',
      { field: 'noticeAt' },
    );
  if (notice.refutedAt && notice.noticeAt && notice.refutedAt < notice.noticeAt)
    throw new RinglensError('INVALID_ARGUMENT', 'the refutation cannot come before the notice', {
      field: 'refutedAt',
    });
  const at = o.at ?? new Date().toISOString();
  db.transaction(() => {
    const prev = stateOf(db, s);
    if (
      (prev?.notice_at ?? null) === notice.noticeAt &&
      (prev?.refuted_at ?? null) === notice.refutedAt
    )
      return;
    writeState(db, s, { notice_at: notice.noticeAt, refuted_at: notice.refutedAt }, o.actor, at);
    appendAudit(db, {
      actor: o.actor,
      action: 'lifecycle.notice',
      object: auditObject(s),
      details: {
        noticeAt: notice.noticeAt,
        refutedAt: notice.refutedAt,
        refutationDays: refutationDays(db),
      },
      at,
    });
  })();
}

export function statusHistory(
  db: Database,
  s?: SubjectRef,
): (StatusChange & { subject: SubjectRef })[] {
  const rows = (
    s
      ? db
          .prepare(
            'SELECT * FROM status_history WHERE subject_kind = ? AND subject_id = ? ORDER BY seq',
          )
          .all(s.kind, s.id)
      : db.prepare('SELECT * FROM status_history ORDER BY seq').all()
  ) as {
    subject_kind: 'ring' | 'lead';
    subject_id: string;
    from_status: LifecycleStatus;
    to_status: LifecycleStatus;
    reason: string;
    close_reason: CloseReason | null;
    actor: string;
    at: string;
  }[];
  return rows.map((r) => ({
    subject: { kind: r.subject_kind, id: r.subject_id },
    from: r.from_status,
    to: r.to_status,
    reason: r.reason,
    closeReason: r.close_reason,
    actor: r.actor,
    at: r.at,
  }));
}

/** Every ring and lead with its lifecycle state (untouched ones are "new"). */
export function lifecycleItems(
  db: Database,
  on: string = today(),
  subjects: readonly Subject[] = listSubjects(db),
): LifecycleItem[] {
  const days = refutationDays(db);
  const states = new Map(
    (db.prepare('SELECT * FROM lifecycle').all() as StateRow[]).map((r) => [
      `${r.subject_kind}:${r.subject_id}`,
      r,
    ]),
  );
  const outcomeCounts = new Map(
    (
      db
        .prepare(
          'SELECT subject_kind, subject_id, count(*) AS n FROM outcomes WHERE withdrawn_at IS NULL GROUP BY 1, 2',
        )
        .all() as { subject_kind: string; subject_id: string; n: number }[]
    ).map((r) => [`${r.subject_kind}:${r.subject_id}`, r.n]),
  );
  return subjects.map((sub) => {
    const st = states.get(`${sub.kind}:${sub.id}`);
    const status = st?.status ?? 'new';
    const noticeAt = st?.notice_at ?? null;
    const refutedAt = st?.refuted_at ?? null;
    const dueAt = noticeAt ? refutationDue(noticeAt, days) : null;
    return {
      subject: { kind: sub.kind, id: sub.id },
      label: sub.label,
      origin: sub.origin,
      members: sub.members,
      related: [...sub.related],
      status,
      closeReason: st?.close_reason ?? null,
      lastReason: st?.last_reason ?? null,
      assignee: st?.assignee ?? null,
      noticeAt,
      refutedAt,
      dueAt,
      overdue: isOverdue({ status, dueAt, refutedAt }, on),
      updatedAt: st?.updated_at ?? null,
      updatedBy: st?.updated_by ?? null,
      outcomes: outcomeCounts.get(`${sub.kind}:${sub.id}`) ?? 0,
    };
  });
}

export function lifecycleItem(db: Database, s: SubjectRef, on: string = today()): LifecycleItem {
  requireSubject(db, s);
  const item = lifecycleItems(db, on).find(
    (i) => i.subject.kind === s.kind && i.subject.id === s.id,
  );
  if (!item) throw new RinglensError('NOT_FOUND', `no ${s.kind} ${s.id} in this case`);
  return item;
}
