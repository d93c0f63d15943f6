/**
 * Where ring analysis spends its time, phase by phase, for the benchmark: CPU time (the
 * steadier figure on a shared machine) and wall time per named phase, added up in `out`.
 * Without `out` it does nothing, so analysis pays nothing for it.
 */
export interface PhaseTime {
  cpu: number;
  wall: number;
}
export type PhaseTimes = Record<string, PhaseTime>;

export function phaseClock(out: PhaseTimes | undefined): (phase: string) => void {
  if (!out) return () => {};
  let cpu = process.cpuUsage();
  let wall = performance.now();
  return (phase) => {
    const c = process.cpuUsage(cpu);
    const w = performance.now();
    const t = (out[phase] ??= { cpu: 0, wall: 0 });
    t.cpu += (c.user + c.system) / 1e6;
    t.wall += (w - wall) / 1000;
    cpu = process.cpuUsage();
    wall = performance.now();
  };
}
