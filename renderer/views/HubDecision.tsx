/**
 * The investigator's override on one identifier, from the Rings view: keep a suppressed hub
 * as a tie ("not a hub"), or undo an earlier decision. A reason is required; the engine
 * records it in the audit log.
 */
import { useState } from 'react';
import { call } from '../api/client';
import type { HubDecisionOfCase, SuppressedHub } from '../../shared/analysis/schemas';
import { ENTITY_INFO, type EntityType } from '../../shared/domain/entity-types';
import { humanise } from './Entities';

/** A type as a person says it: “address”, “company”, “product photo”. */
export const typeLabel = (t: string) =>
  t === 'image_fingerprint'
    ? 'product photo'
    : (ENTITY_INFO[t as EntityType]?.label.toLowerCase() ?? humanise(t));

export function HubDecision({ hub, onChanged }: { hub: SuppressedHub; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'not-hub' | null) => {
    try {
      await call('rings.setHubDecision', { key: hub.key, decision, reason });
      setOpen(false);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  if (hub.reason === 'override')
    return (
      <button type="button" data-testid={`hub-undo-${hub.key}`} onClick={() => void decide(null)}>
        Undo decision
      </button>
    );
  if (!open)
    return (
      <button type="button" data-testid={`hub-override-${hub.key}`} onClick={() => setOpen(true)}>
        Not a hub…
      </button>
    );
  return (
    <span className="hub-decision">
      <input
        aria-label={`why ${hub.label} is not a hub`}
        data-testid="hub-reason"
        placeholder="why it is not a hub (recorded in the audit log)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        data-testid="hub-save"
        disabled={!reason.trim()}
        onClick={() => void decide('not-hub')}
      >
        Keep as a tie
      </button>
      {error && <span className="error">{error}</span>}
    </span>
  );
}

/** The case's hub decisions, each by the identifier's label and type (key on request), with an undo. */
export function HubDecisions({
  decisions,
  onChanged,
}: {
  decisions: readonly HubDecisionOfCase[];
  onChanged: () => void;
}) {
  if (!decisions.length) return null;
  return (
    <>
      <h3>Your hub decisions ({decisions.length})</h3>
      <ul className="hubs" data-testid="hub-decisions">
        {decisions.map((d) => (
          <li key={d.key} data-testid={`decision-${d.key}`}>
            <strong title={d.key}>{d.label}</strong>{' '}
            <span className="muted">({typeLabel(d.type)})</span>:{' '}
            {d.decision === 'hub' ? 'always a hub' : 'never a hub'} — {d.reason} ({d.by},{' '}
            {d.at.slice(0, 10)}){' '}
            <button
              type="button"
              data-testid={`decision-undo-${d.key}`}
              onClick={() =>
                void call('rings.setHubDecision', { key: d.key, decision: null, reason: '' }).then(
                  onChanged,
                )
              }
            >
              Undo
            </button>
            <details className="decision-key">
              <summary>identifier key</summary>
              <code data-testid="decision-key">{d.key}</code>
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}
