/**
 * The investigator's override on one identifier, from the Rings view: keep a suppressed hub
 * as a tie ("not a hub"), or undo an earlier decision. A reason is required; the engine
 * records it in the audit log.
 */
import { useState } from 'react';
import { call } from '../api/client';
import type { SuppressedHub } from '../../shared/analysis/schemas';

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

interface Decision {
  key: string;
  decision: 'hub' | 'not-hub';
  reason: string;
  by: string;
  at: string;
}

/** The case's hub decisions (from the analysis record), each with an undo. */
export function HubDecisions({ record, onChanged }: { record: unknown; onChanged: () => void }) {
  const list =
    (record as { parameters?: { hubOverrides?: Decision[] } }).parameters?.hubOverrides ?? [];
  if (!list.length) return null;
  return (
    <>
      <h3>Your hub decisions ({list.length})</h3>
      <ul className="hubs" data-testid="hub-decisions">
        {list.map((d) => (
          <li key={d.key}>
            <strong>{d.key}</strong>: {d.decision === 'hub' ? 'always a hub' : 'never a hub'} —{' '}
            {d.reason} ({d.by}, {d.at.slice(0, 10)}){' '}
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
          </li>
        ))}
      </ul>
    </>
  );
}
