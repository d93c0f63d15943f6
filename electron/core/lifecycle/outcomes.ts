/**
 * Outcomes in the store: referrals, law-enforcement, civil and platform results recorded
 * against a ring or lead. An outcome's id is a hash of its content unless one is given, so
 * entering or importing the same outcome twice records it once. Outcomes are withdrawn
 * (with a reason, audited), never deleted.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import { OutcomeInput, type Outcome, type SubjectRef } from '../../../shared/lifecycle/schemas';
import { appendAudit } from '../audit/log';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { auditObject, requireSubject } from './subjects';
import type { ChangeOptions } from './lifecycle';

export function outcomeId(data: OutcomeInput): string {
  const { id: _ignored, ...content } = data;
  return `O-${sha256Hex(canonicalJson(content)).slice(0, 12)}`;
}

interface OutcomeRow {
  outcome_id: string;
  data: string;
  recorded_by: string;
  recorded_at: string;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
}
const fromRow = (r: OutcomeRow): Outcome => ({
  id: r.outcome_id,
  data: JSON.parse(r.data) as OutcomeInput,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  withdrawn: r.withdrawn_at
    ? { by: r.withdrawn_by!, at: r.withdrawn_at, reason: r.withdrawn_reason ?? '' }
    : null,
});

/** Checks what an outcome points at inside the case: its subject, the graph entity of a closed location, the seller or shop of a platform action. */
function requireReferences(db: Database, data: OutcomeInput): void {
  requireSubject(db, data.subject);
  if (data.kind === 'location_closed' && data.entityKey) {
    const t = db.prepare('SELECT type FROM entities WHERE key = ?').pluck().get(data.entityKey) as
      string | undefined;
    if (!t)
      throw new RinglensError(
        'NOT_FOUND',
        `no entity "${data.entityKey}" in this case to tie the closed location to`,
        {
          field: 'entityKey',
          hint: 'give the key of a warehouse, shop, company or person in the graph, or leave it blank',
        },
      );
  }
  if (data.kind === 'platform_action') {
    const t = db.prepare('SELECT type FROM entities WHERE key = ?').pluck().get(data.target) as
      string | undefined;
    if (t !== 'seller' && t !== 'shop')
      throw new RinglensError(
        'NOT_FOUND',
        t
          ? `"${data.target}" is a ${t}, not a seller or shop`
          : `no seller or shop "${data.target}" in this case`,
        {
          field: 'target',
          hint: 'platform actions are taken against a seller or a shop: give its entity key',
        },
      );
  }
  if ((data.kind === 'seizure' || data.kind === 'accounts_frozen') && data.amount === undefined)
    throw new RinglensError('INVALID_ARGUMENT', 'needs an amount', { field: 'amount' });
  if ('amount' in data && data.amount !== undefined && !('currency' in data && data.currency))
    throw new RinglensError('INVALID_ARGUMENT', 'an amount needs its currency', {
      field: 'currency',
    });
}

export interface RecordOptions extends ChangeOptions {
  /** Who recorded it originally and when, kept when outcomes are imported from another case's CSV. */
  readonly recorded?: { by: string; at: string };
  /**
   * A CSV import records one audit entry for the whole file (its hash, the rows and the
   * ids imported) instead of one per row; everything else audits each outcome.
   */
  readonly auditEach?: boolean;
  /** Subjects already checked in this import, so a file of 100k rows does not look each one up again. */
  readonly checked?: Set<string>;
}

/** Records one outcome (in the caller's transaction, if any). Returns it and whether it was new. */
export function recordOutcome(
  db: Database,
  input: OutcomeInput,
  o: RecordOptions,
): { outcome: Outcome; created: boolean } {
  const parsed = OutcomeInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `${issue.path.join('.') || 'outcome'}: ${issue.message}`,
      { field: issue.path.join('.') },
    );
  }
  const data = parsed.data;
  const subjectKey = `${data.subject.kind}:${data.subject.id}`;
  if (
    o.checked?.has(subjectKey) &&
    data.kind !== 'location_closed' &&
    data.kind !== 'platform_action'
  ) {
    // The subject is known to exist; amounts still need their currency.
    if ('amount' in data && data.amount !== undefined && !('currency' in data && data.currency))
      throw new RinglensError('INVALID_ARGUMENT', 'an amount needs its currency', {
        field: 'currency',
      });
  } else {
    requireReferences(db, data);
    o.checked?.add(subjectKey);
  }
  const id = data.id ?? outcomeId(data);
  const stored = { ...data, id };
  const run = () => {
    const existing = db.prepare('SELECT * FROM outcomes WHERE outcome_id = ?').get(id) as
      OutcomeRow | undefined;
    if (existing) {
      if (canonicalJson(JSON.parse(existing.data)) !== canonicalJson(stored)) {
        throw new RinglensError(
          'BUNDLE_CONFLICT',
          `outcome ${id} is already recorded with different content`,
          {
            field: 'id',
            hint: 'give the corrected outcome a new id (or none), and withdraw the old one',
          },
        );
      }
      return { outcome: fromRow(existing), created: false };
    }
    const at = o.at ?? new Date().toISOString();
    const recordedBy = o.recorded?.by ?? o.actor;
    const recordedAt = o.recorded?.at ?? at;
    db.prepare(
      'INSERT INTO outcomes (outcome_id, subject_kind, subject_id, kind, date, data, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      id,
      data.subject.kind,
      data.subject.id,
      data.kind,
      data.date,
      canonicalJson(stored),
      recordedBy,
      recordedAt,
    );
    if (o.auditEach !== false)
      appendAudit(db, {
        actor: o.actor,
        action: 'outcome.add',
        object: auditObject(data.subject),
        details: { outcome: stored, ...(o.recorded ? { recordedBy, recordedAt } : {}) },
        at,
      });
    return {
      outcome: { id, data: stored, recordedBy, recordedAt, withdrawn: null },
      created: true,
    };
  };
  return db.inTransaction ? run() : db.transaction(run)();
}

export function withdrawOutcome(
  db: Database,
  id: string,
  reason: string,
  o: ChangeOptions,
): Outcome {
  const why = reason.trim();
  if (why.length < 3)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      'say why the outcome is withdrawn (at least 3 characters)',
      { field: 'reason' },
    );
  return db.transaction(() => {
    const row = db.prepare('SELECT * FROM outcomes WHERE outcome_id = ?').get(id) as
      OutcomeRow | undefined;
    if (!row) throw new RinglensError('NOT_FOUND', `no outcome ${id} in this case`);
    if (row.withdrawn_at)
      throw new RinglensError(
        'INVALID_ARGUMENT',
        `outcome ${id} was already withdrawn on ${row.withdrawn_at}`,
      );
    const at = o.at ?? new Date().toISOString();
    db.prepare(
      'UPDATE outcomes SET withdrawn_by = ?, withdrawn_at = ?, withdrawn_reason = ? WHERE outcome_id = ?',
    ).run(o.actor, at, why, id);
    const data = JSON.parse(row.data) as OutcomeInput;
    appendAudit(db, {
      actor: o.actor,
      action: 'outcome.withdraw',
      object: auditObject(data.subject),
      details: { outcomeId: id, reason: why },
      at,
    });
    return fromRow(db.prepare('SELECT * FROM outcomes WHERE outcome_id = ?').get(id) as OutcomeRow);
  })();
}

/** Outcomes, optionally of one ring or lead, or naming one entity (a platform action's seller or shop, a closed location's graph entity). */
export function listOutcomes(
  db: Database,
  opts: { subject?: SubjectRef; target?: string; includeWithdrawn?: boolean } = {},
): Outcome[] {
  const where = [
    opts.subject ? 'subject_kind = @kind AND subject_id = @id' : '',
    opts.target
      ? `(json_extract(data, '$.target') = @target OR json_extract(data, '$.entityKey') = @target)`
      : '',
    opts.includeWithdrawn ? '' : 'withdrawn_at IS NULL',
  ].filter(Boolean);
  const sql = `SELECT * FROM outcomes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY date, outcome_id`;
  return (
    db.prepare(sql).all({
      ...(opts.subject ? { kind: opts.subject.kind, id: opts.subject.id } : {}),
      ...(opts.target ? { target: opts.target } : {}),
    }) as OutcomeRow[]
  ).map(fromRow);
}
