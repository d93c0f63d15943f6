/**
 * The engine's register of long actions: each call the UI names with an operation id gets an
 * AbortSignal and a progress reporter (sent as `operation.progress`); `cancel` aborts it, and
 * the work stops at its next checkpoint (util/operation-context.ts).
 */
import type { OperationProgress } from '../../../shared/api/operations';
import {
  cancelCheck,
  UNCANCELLABLE,
  yieldToEvents,
  type OperationContext,
} from '../util/operation-context';

export { UNCANCELLABLE, type OperationContext };

export class Operations {
  private readonly running = new Map<string, AbortController>();
  /**
   * Cancels that overtook their call (the cancel request can reach the engine before the call
   * it cancels): remembered, so the call starts cancelled. Ids are unique per call; a few
   * hundred is plenty.
   */
  private readonly early = new Set<string>();

  constructor(private readonly report: (p: OperationProgress) => void) {}

  /** Starts tracking `id`; the returned `end` must be called when the call settles. */
  begin(id: string | undefined): { context: OperationContext; end: () => void } {
    if (!id) return { context: UNCANCELLABLE, end: () => undefined };
    const controller = new AbortController();
    if (this.early.delete(id)) controller.abort();
    this.running.set(id, controller);
    const { signal } = controller;
    const checkpoint = cancelCheck(signal);
    const context: OperationContext = {
      signal,
      progress: (phase, done, total) =>
        this.report({
          operation: id,
          phase,
          ...(done !== undefined && { done }),
          ...(total !== undefined && { total }),
        }),
      checkpoint,
      step: async (phase, done, total) => {
        context.progress(phase, done, total);
        await yieldToEvents();
        checkpoint();
      },
    };
    return {
      context,
      end: () => {
        if (this.running.get(id) === controller) this.running.delete(id);
      },
    };
  }

  /**
   * True if the operation was running and will stop at its next checkpoint. An id not seen
   * yet is remembered, so a call that arrives after its own cancel never runs.
   */
  cancel(id: string): boolean {
    const controller = this.running.get(id);
    if (!controller) {
      this.early.add(id);
      if (this.early.size > 256) this.early.delete(this.early.values().next().value!);
      return false;
    }
    if (controller.signal.aborted) return false;
    controller.abort();
    return true;
  }

  get size(): number {
    return this.running.size;
  }
}
