/**
 * What a running long action shows: what the engine is doing, a progress bar where it can
 * count, the time so far, and Cancel. Announced politely to screen readers.
 */
import type { LongAction } from './long-action';

export function BusyState({
  action,
  what,
  testid,
}: {
  action: LongAction<unknown>;
  /** The action in words, shown until the engine reports a phase: "Building the packet". */
  what: string;
  testid: string;
}) {
  if (!action.busy) return null;
  const p = action.progress;
  const percent =
    p?.total !== undefined && p.total > 0 && p.done !== undefined
      ? Math.min(100, Math.round((p.done / p.total) * 100))
      : undefined;
  return (
    <div className="busy-state" data-testid={testid}>
      <div role="status" className="busy">
        <span className="spinner" aria-hidden="true" />{' '}
        {action.cancelling ? 'Cancelling…' : `${p?.phase ?? what}…`}
        {action.seconds >= 2 && <span className="muted"> ({action.seconds} s)</span>}
      </div>
      {percent !== undefined && (
        <div
          className="progress"
          role="progressbar"
          aria-label={p?.phase ?? what}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="bar" style={{ width: `${percent}%` }} />
        </div>
      )}
      <button
        type="button"
        data-testid={`${testid}-cancel`}
        disabled={action.cancelling}
        onClick={() => action.cancel()}
      >
        Cancel
      </button>
    </div>
  );
}
