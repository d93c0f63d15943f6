/**
 * Timing spans of API work (how long a call waited in the session's queue, how long its
 * handler and the handler's phases took), kept in memory for whoever asks: the UI bench reads
 * them beside the renderer's performance marks to tell where a slow click went. Times are
 * wall-clock milliseconds since the epoch, so they line up with the browser's
 * `performance.timeOrigin + mark.startTime`. Nothing leaves the process.
 */

export interface TimingSpan {
  readonly name: string;
  /** Epoch milliseconds (fractional). */
  readonly start: number;
  readonly ms: number;
}

const KEEP = 500;
const spans: TimingSpan[] = [];

/** Now, in epoch milliseconds with sub-millisecond precision. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export function recordSpan(name: string, start: number, end = epochNow()): void {
  spans.push({ name, start, ms: end - start });
  if (spans.length > KEEP) spans.splice(0, spans.length - KEEP);
}

/** Runs `work` and records how long it took under `name`. */
export function timed<T>(name: string, work: () => T): T {
  const start = epochNow();
  try {
    return work();
  } finally {
    recordSpan(name, start);
  }
}

/** The spans recorded since `since` (epoch ms), oldest first. */
export function spansSince(since = 0): TimingSpan[] {
  return spans.filter((s) => s.start >= since);
}
