/**
 * The legend: exactly the entity types drawn in the chart now (recomputed on every edit),
 * each swatch in the node's real shape and colour, with a switch to hide the type and one to
 * hide its labels.
 */
import { EDGE_KIND_VISUAL, shapePath } from '../../shared/graph/visual-language';
import { styleOf } from './visual-language';

export function Swatch({ type, size = 14 }: { type: string; size?: number }) {
  const v = styleOf(type);
  const r = size / 2 - 1;
  return (
    <svg
      width={size}
      height={size}
      className="graph-swatch"
      aria-hidden="true"
      data-shape={v.shape}
    >
      <path d={shapePath(v.shape, size / 2, size / 2, r)} fill={v.color} />
    </svg>
  );
}

export function Legend({
  types,
  hiddenTypes,
  unlabelledTypes,
  onToggleType,
  onToggleLabels,
  hasMembers,
  hasHubs,
  hasProbable = false,
}: {
  types: readonly { type: string; count: number }[];
  hiddenTypes: ReadonlySet<string>;
  unlabelledTypes: ReadonlySet<string>;
  onToggleType: (t: string) => void;
  onToggleLabels: (t: string) => void;
  hasMembers: boolean;
  hasHubs: boolean;
  hasProbable?: boolean;
}) {
  return (
    <div className="graph-legend" data-testid="graph-legend">
      {types.map(({ type, count }) => (
        <span key={type} className="graph-legend-item" data-type={type}>
          <label title={hiddenTypes.has(type) ? 'show this type' : 'hide this type'}>
            <input
              type="checkbox"
              checked={!hiddenTypes.has(type)}
              onChange={() => onToggleType(type)}
            />
            <Swatch type={type} />
            {styleOf(type).label} <span className="muted">{count}</span>
          </label>
          <button
            className={`graph-label-toggle${unlabelledTypes.has(type) ? '' : ' on'}`}
            data-testid={`labels-${type}`}
            onClick={() => onToggleLabels(type)}
            title={
              unlabelledTypes.has(type) ? 'show labels of this type' : 'hide labels of this type'
            }
            aria-pressed={!unlabelledTypes.has(type)}
          >
            Aa
          </button>
        </span>
      ))}
      {hasMembers && (
        <span className="graph-legend-item">
          <span className="graph-swatch-role member" /> ring member
        </span>
      )}
      {hasHubs && (
        <span className="graph-legend-item">
          <span className="graph-swatch-role hub" /> suppressed hub
        </span>
      )}
      {hasProbable && (
        <span className="graph-legend-item" data-testid="legend-probable">
          <svg width="22" height="8" aria-hidden="true">
            <line
              x1="0"
              y1="4"
              x2="22"
              y2="4"
              stroke={EDGE_KIND_VISUAL.probable_match.color}
              strokeWidth="2.4"
              strokeDasharray="5 3"
            />
          </svg>{' '}
          {EDGE_KIND_VISUAL.probable_match.label}
        </span>
      )}
    </div>
  );
}
