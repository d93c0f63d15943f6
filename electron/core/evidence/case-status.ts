/**
 * What has been done about a ring so far, for its packets: the lifecycle status with its
 * history (who moved it, when and why) and the outcomes recorded (referrals, raids,
 * platform actions…). Police and courts ask what the platform already did.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { OUTCOME_LABELS, STATUS_LABELS } from '../../../shared/lifecycle/schemas';
import { lifecycleItem, statusHistory } from '../lifecycle/lifecycle';
import { listOutcomes } from '../lifecycle/outcomes';
import type { Redactor } from './redaction';

export interface CaseStatus {
  readonly status: string;
  readonly assignee: string;
  readonly history: readonly { at: string; from: string; to: string; by: string; reason: string }[];
  readonly outcomes: readonly {
    outcome: string;
    date: string;
    kind: string;
    details: string;
    recordedBy: string;
  }[];
}

/** The ring's case status, or null while nothing has been recorded about it. */
export function caseStatusOf(db: Database, ringId: string, redact: Redactor): CaseStatus | null {
  const subject = { kind: 'ring', id: ringId } as const;
  const history = statusHistory(db, subject);
  const outcomes = listOutcomes(db, { subject });
  if (history.length === 0 && outcomes.length === 0) return null;
  const item = lifecycleItem(db, subject);
  return {
    status: `${STATUS_LABELS[item.status]}${item.closeReason ? ` (${item.closeReason.replaceAll('_', ' ')})` : ''}`,
    assignee: item.assignee ?? '',
    history: history.map((h) => ({
      at: h.at,
      from: STATUS_LABELS[h.from],
      to: STATUS_LABELS[h.to],
      by: h.actor,
      reason: h.reason,
    })),
    outcomes: outcomes.map((o) => {
      const d = o.data as Record<string, unknown>;
      const details = Object.entries(d)
        .filter(([k]) => !['id', 'subject', 'kind', 'date'].includes(k))
        .map(
          ([k, v]) =>
            `${k}: ${k === 'officer' ? redact.field('outcome', 'officer', String(v)) : String(v)}`,
        )
        .join('; ');
      return {
        outcome: o.id,
        date: o.data.date,
        kind: OUTCOME_LABELS[o.data.kind],
        details,
        recordedBy: o.recordedBy,
      };
    }),
  };
}
