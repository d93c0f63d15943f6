/**
 * A long action seen from the UI: one at a time per view, named by an operation id so the
 * engine can report its progress and the person can cancel it (shared/api/operations.ts).
 * Starting a new action clears the previous result and error, so a stale "Wrote …" never
 * stays above a new failure.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationProgress } from '../../shared/api/operations';
import { call, on } from '../api/client';

export interface LongAction<T> {
  readonly busy: boolean;
  readonly progress: OperationProgress | undefined;
  readonly result: T | undefined;
  readonly error: unknown;
  /** Seconds since the action started (for "still working" feedback). */
  readonly seconds: number;
  readonly cancelling: boolean;
  run(work: (operation: string) => Promise<T>): Promise<void>;
  cancel(): void;
  /** Clears result and error (when the form changes under them). */
  reset(): void;
}

let counter = 0;
function nextOperationId(): string {
  counter += 1;
  return `op-${Date.now().toString(36)}-${counter}`;
}

export function useLongAction<T>(): LongAction<T> {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<OperationProgress>();
  const [result, setResult] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [seconds, setSeconds] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const current = useRef<string | undefined>(undefined);

  useEffect(
    () =>
      on('operation.progress', (p) => {
        if (p.operation === current.current) setProgress(p);
      }),
    [],
  );
  useEffect(() => {
    if (!busy) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [busy]);

  const run = useCallback(async (work: (operation: string) => Promise<T>) => {
    const id = nextOperationId();
    current.current = id;
    setBusy(true);
    setCancelling(false);
    setProgress(undefined);
    setResult(undefined);
    setError(undefined);
    setSeconds(0);
    try {
      const value = await work(id);
      if (current.current === id) setResult(value);
    } catch (e) {
      if (current.current === id) setError(e);
    } finally {
      if (current.current === id) {
        current.current = undefined;
        setBusy(false);
      }
    }
  }, []);

  const cancel = useCallback(() => {
    const id = current.current;
    if (!id) return;
    setCancelling(true);
    void call('operation.cancel', { operation: id }).catch(() => undefined);
  }, []);

  const reset = useCallback(() => {
    setResult(undefined);
    setError(undefined);
  }, []);

  return { busy, progress, result, error, seconds, cancelling, run, cancel, reset };
}
