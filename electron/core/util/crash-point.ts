/**
 * Named instants where a test may kill this process (SIGKILL, no clean-up), to prove that
 * a crash or power cut at that instant loses nothing. Inert unless RINGLENS_CRASH_AT names
 * the point; the kill tests in test/integration/core/store/ set it in a child process.
 */
export function crashPoint(name: string): void {
  if (traceCrashPoints())
    process.stderr.write(`crash-point ${name} ${performance.now().toFixed(1)}\n`);
  if (process.env.RINGLENS_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

/** With RINGLENS_CRASH_TRACE=1 each point reached is written to stderr, to time the phases. */
export function traceCrashPoints(): boolean {
  return process.env.RINGLENS_CRASH_TRACE === '1';
}
