import { RinglensError } from '../../../shared/errors';

/**
 * What long work sees of its operation: where to report progress and where it may stop.
 * Work calls `checkpoint()` or `step()` only where stopping is safe (between rows of an
 * import, between phases of an export); a cancelled operation then throws CANCELLED, which
 * an import turns into a rollback and an export into no file at all. The registry that
 * cancels operations is api/operations.ts.
 */

export interface OperationContext {
  readonly signal: AbortSignal;
  /** Reports what the work is doing (sent to the UI as `operation.progress`). */
  progress(phase: string, done?: number, total?: number): void;
  /** Throws CANCELLED if the person cancelled; call it only where stopping loses nothing. */
  checkpoint(): void;
  /**
   * Reports a new phase, lets waiting requests in (a cancel among them: synchronous work
   * cannot hear one), then checkpoints.
   */
  step(phase: string, done?: number, total?: number): Promise<void>;
}

/** For calls nobody can cancel (the CLI, tests, calls without an operation id). */
export const UNCANCELLABLE: OperationContext = {
  signal: new AbortController().signal,
  progress: () => undefined,
  checkpoint: () => undefined,
  step: () => Promise.resolve(),
};

/** Throws CANCELLED once `signal` is aborted. */
export function cancelCheck(signal: AbortSignal): () => void {
  return () => {
    if (signal.aborted)
      throw new RinglensError('CANCELLED', 'Cancelled: nothing was kept.', {
        hint: 'start it again when you are ready',
      });
  };
}

export const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));
