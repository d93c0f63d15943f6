/**
 * The degree distribution of each identifier type with its hub threshold drawn on it: how
 * many identifiers touch 1, 2, 3 ... accounts (both axes logarithmic, as such counts are
 * heavy-tailed), the bars past the threshold in the hub colour, and the rule that set it.
 */
import type { HubThresholdOfType } from '../../shared/analysis/schemas';

const W = 300;
const H = 120;
const PAD = { left: 34, right: 10, top: 18, bottom: 26 };

const RULE_TEXT: Record<HubThresholdOfType['rule'], string> = {
  floor: 'set by the floor',
  outlier: 'outlier limit (median + k·MAD of log-degree)',
  share: 'share of member accounts',
  kind: 'the whole kind is shared by crowds',
  fixed: 'fixed for this analysis',
};

function TypeChart({ t }: { t: HubThresholdOfType }) {
  const maxDegree = Math.max(t.threshold + 1, ...t.histogram.map(([d]) => d));
  const maxCount = Math.max(1, ...t.histogram.map(([, n]) => n));
  const lx = (d: number) =>
    PAD.left + (Math.log10(d) / Math.log10(maxDegree * 1.2)) * (W - PAD.left - PAD.right);
  const ly = (n: number) =>
    H - PAD.bottom - (Math.log10(1 + n) / Math.log10(1 + maxCount)) * (H - PAD.top - PAD.bottom);
  const ticks = [1, 10, 100, 1000, 10000, 100000].filter((d) => d <= maxDegree * 1.2);
  const thresholdX = lx(Math.max(1, t.threshold + 0.5));
  const hubs = t.histogram.filter(([d]) => d > t.threshold).reduce((s, [, n]) => s + n, 0);
  return (
    <figure className="hub-chart" data-testid={`hub-chart-${t.type}`}>
      <figcaption>
        <strong>{t.label}</strong>: threshold {t.threshold} ({RULE_TEXT[t.rule]}); {hubs} past it
      </figcaption>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${t.label}: accounts touched per identifier, hub threshold ${t.threshold}`}
      >
        <line
          x1={PAD.left}
          y1={H - PAD.bottom}
          x2={W - PAD.right}
          y2={H - PAD.bottom}
          className="axis"
        />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} className="axis" />
        {ticks.map((d) => (
          <text key={d} x={lx(d)} y={H - PAD.bottom + 12} className="tick" textAnchor="middle">
            {d >= 1000 ? `${d / 1000}k` : d}
          </text>
        ))}
        <text x={(W + PAD.left) / 2} y={H - 2} className="tick" textAnchor="middle">
          accounts touched
        </text>
        <text x={4} y={PAD.top - 6} className="tick">
          identifiers (max {maxCount})
        </text>
        {t.histogram.map(([d, n]) => (
          <line
            key={d}
            x1={lx(d)}
            x2={lx(d)}
            y1={H - PAD.bottom}
            y2={ly(n)}
            className={d > t.threshold ? 'bar hub' : 'bar'}
          >
            <title>{`${n} ${n === 1 ? 'identifier touches' : 'identifiers touch'} ${d} accounts`}</title>
          </line>
        ))}
        <line
          x1={thresholdX}
          x2={thresholdX}
          y1={PAD.top - 4}
          y2={H - PAD.bottom}
          className="threshold"
        />
        <text x={Math.min(thresholdX + 3, W - 60)} y={PAD.top + 6} className="threshold-label">
          hub &gt; {t.threshold}
        </text>
      </svg>
    </figure>
  );
}

export function HubDistribution({ thresholds }: { thresholds: readonly HubThresholdOfType[] }) {
  if (!thresholds.length) return null;
  return (
    <div className="hub-distribution" data-testid="hub-distribution">
      {thresholds.map((t) => (
        <TypeChart key={t.type} t={t} />
      ))}
    </div>
  );
}
