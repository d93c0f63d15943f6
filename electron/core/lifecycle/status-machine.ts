/**
 * The lifecycle rules as pure functions: which status changes are allowed, when the
 * seller's refutation window ends, and which leads are overdue. The store module applies
 * them; the UI reads the same transition table to offer only legal moves.
 */
import { RinglensError } from '../../../shared/errors';
import {
  STATUS_LABELS,
  TRANSITIONS,
  type CloseReason,
  type LifecycleStatus,
} from '../../../shared/lifecycle/schemas';

/** Throws a specific error for a move the lifecycle does not allow; returns nothing when it is legal. */
export function checkTransition(
  subject: string,
  from: LifecycleStatus,
  to: LifecycleStatus,
  closeReason: CloseReason | null | undefined,
): void {
  const allowed = TRANSITIONS[from];
  if (from === to) {
    throw new RinglensError('INVALID_ARGUMENT', `${subject} is already "${STATUS_LABELS[to]}"`, {
      field: 'status',
    });
  }
  if (!allowed.includes(to)) {
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `${subject} cannot move from "${STATUS_LABELS[from]}" to "${STATUS_LABELS[to]}"`,
      {
        field: 'status',
        hint: `from "${STATUS_LABELS[from]}" it can move to: ${allowed.map((s) => `${s} (${STATUS_LABELS[s]})`).join(', ')}`,
      },
    );
  }
  if (to === 'closed' && !closeReason) {
    throw new RinglensError('INVALID_ARGUMENT', `closing ${subject} needs a close reason`, {
      field: 'closeReason',
      hint: 'give one of outcome_achieved, seller_refuted, insufficient_evidence, duplicate, no_jurisdiction, platform_action_only, other',
    });
  }
  if (to !== 'closed' && closeReason) {
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `a close reason only goes with the status "closed"`,
      { field: 'closeReason' },
    );
  }
}

const DAY_MS = 86_400_000;

/** The last day a seller notified on `noticeAt` (YYYY-MM-DD) may refute: `days` days later. */
export function refutationDue(noticeAt: string, days: number): string {
  return new Date(Date.parse(`${noticeAt.slice(0, 10)}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** Statuses at which the case has left the investigator's desk, so a lapsed window no longer needs action. */
const SETTLED: ReadonlySet<LifecycleStatus> = new Set(['referred', 'civil_suit', 'closed']);

/**
 * Overdue: the refutation window has ended (today is after the due day), the seller has not
 * refuted, and the case still waits for the investigator's next step.
 */
export function isOverdue(
  state: { status: LifecycleStatus; dueAt: string | null; refutedAt: string | null },
  today: string,
): boolean {
  return (
    state.dueAt !== null &&
    state.refutedAt === null &&
    !SETTLED.has(state.status) &&
    today > state.dueAt
  );
}
