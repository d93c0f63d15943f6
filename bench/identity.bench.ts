/**
 * Identity resolution: quality on the evasion generator (precision, recall, ring recovery
 * before and after confirming true candidates) and candidate generation at 1M identifiers.
 */
import { join } from 'node:path';
import { runWorker, sizesFromEnv, type BenchModule, type Figure } from './harness';

interface Pairwise {
  precision: number;
  recall: number;
}
interface Recovery {
  meanPrecision: number;
  meanRecall: number;
  minRecall: number;
  recovered: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export const identityBench: BenchModule = {
  name: 'identity',
  run() {
    const figures: Figure[] = [];
    const q = runWorker<{
      sellers: number;
      rings: number;
      pairs: Pairwise;
      clusters: Pairwise;
      before: Recovery;
      after: Recovery;
      listSeconds: number;
      emKinds: string[];
    }>(join(import.meta.dirname, 'workers', 'identity-quality.ts'), ['1500']);
    const c = `evasion, ${q.sellers} sellers, ${q.rings} rings`;
    const f = (
      metric: string,
      value: number,
      unit: string,
      target?: string,
      pass?: boolean,
    ): Figure => ({
      bench: 'identity',
      case: c,
      metric,
      value,
      unit,
      ...(target !== undefined && { target, pass }),
    });
    figures.push(
      f(
        'pairwise precision (clusters, p ≥ 0.9)',
        r3(q.clusters.precision),
        '',
        '≥ 0.95',
        q.clusters.precision >= 0.95,
      ),
      f(
        'pairwise recall (clusters, p ≥ 0.9)',
        r3(q.clusters.recall),
        '',
        '≥ 0.90',
        q.clusters.recall >= 0.9,
      ),
      f('pairwise precision (candidate pairs)', r3(q.pairs.precision), ''),
      f('pairwise recall (candidate pairs)', r3(q.pairs.recall), ''),
      f('ring recall today (no resolution)', r3(q.before.meanRecall), ''),
      f('rings recovered today (P, R ≥ 0.95)', q.before.recovered, 'rings'),
      f(
        'ring precision after confirming',
        r3(q.after.meanPrecision),
        '',
        '≥ 0.95',
        q.after.meanPrecision >= 0.95,
      ),
      f(
        'ring recall after confirming',
        r3(q.after.meanRecall),
        '',
        '≥ 0.95',
        q.after.meanRecall >= 0.95,
      ),
      f('rings recovered after confirming', q.after.recovered, 'rings'),
      f('matches list (all kinds)', r3(q.listSeconds), 's'),
      f(
        `kinds with m/u estimated by EM (${q.emKinds.join(', ') || 'none'})`,
        q.emKinds.length,
        'kinds',
      ),
    );
    for (const n of sizesFromEnv([1_000_000])) {
      const r = runWorker<{ identifiers: number; seconds: number; cpuSeconds: number }>(
        join(import.meta.dirname, 'workers', 'identity-scale.ts'),
        [String(n)],
      );
      const label = `${r.identifiers.toLocaleString('en')} identifiers`;
      figures.push(
        {
          bench: 'identity',
          case: label,
          metric: 'candidate generation, all kinds (wall)',
          value: r3(r.seconds),
          unit: 's',
          ...(n >= 1_000_000 && { target: '< 60 s', pass: r.seconds < 60 }),
        },
        { bench: 'identity', case: label, metric: 'CPU time', value: r3(r.cpuSeconds), unit: 's' },
        {
          bench: 'identity',
          case: label,
          metric: 'peak memory',
          value: r.maxRssMiB,
          unit: 'MiB',
          ...(n >= 1_000_000 && { target: '< 1 GB', pass: r.maxRssMiB < 1024 }),
        },
      );
    }
    return Promise.resolve(figures);
  },
};
