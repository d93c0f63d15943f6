/**
 * Matches: candidate identity matches as clusters the investigator confirms or rejects,
 * each pair with its probability and every Fellegi-Sunter term in words. Rejected pairs
 * disappear for good; confirmed ones become ties in ring analysis.
 */
import { useState } from 'react';
import {
  estimateInWords,
  MATCH_KINDS,
  MATCH_KIND_LABELS,
  type MatchCandidate,
  type MatchKind,
  type MatchList,
} from '../../shared/identity/schemas';
import { useApi } from '../api/use-api';
import { ApiError, call } from '../api/client';
import { visibleControls } from '../../shared/visible-controls';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const signed = (w: number) => `${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(1)}`;

export function Matches() {
  const [kind, setKind] = useState<MatchKind | ''>('');
  const [min, setMin] = useState(0.9);
  const { data, error, reload } = useApi('matches.list', { ...(kind && { kind }), min }, [
    kind,
    min,
  ]);
  return (
    <div>
      <h1>Matches</h1>
      <p className="muted">
        Identifiers written differently that may be one: e-mails under their providers’ rules, names
        across scripts and pinyin, consecutive phone numbers, accounts, addresses, shop names,
        re-encoded product photos. Confirm a match to make it a tie in ring analysis; reject it and
        it is never proposed again. Every decision is in the audit log.
      </p>
      <div className="toolbar">
        <label>
          kind{' '}
          <select
            data-testid="matches-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as MatchKind | '')}
          >
            <option value="">all kinds</option>
            {MATCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {MATCH_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          at least{' '}
          <select
            data-testid="matches-min"
            value={min}
            onChange={(e) => setMin(Number(e.target.value))}
          >
            {[0.5, 0.8, 0.9, 0.95, 0.99].map((p) => (
              <option key={p} value={p}>
                {pct(p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <div className="error" data-testid="matches-error">
          {error.message}
        </div>
      )}
      {!data && !error && <div>loading…</div>}
      {data && <Clusters list={data} onDecided={reload} />}
    </div>
  );
}

function Clusters({ list, onDecided }: { list: MatchList; onDecided: () => void }) {
  if (!list.clusters.length)
    return (
      <p data-testid="matches-empty">No candidate matches at {pct(list.minProbability)} or more.</p>
    );
  return (
    <div data-testid="matches-clusters">
      <p className="muted small">
        {list.candidates.length} candidate pairs in {list.clusters.length} clusters ·{' '}
        {Object.entries(list.identifiers)
          .map(([k, n]) => `${n.toLocaleString('en')} ${MATCH_KIND_LABELS[k as MatchKind]}`)
          .join(' · ')}
      </p>
      {list.clusters.slice(0, 200).map((c) => (
        <section key={c.id} className="panel" data-testid="match-cluster">
          <h3>
            {c.id} · {MATCH_KIND_LABELS[c.kind]} · {c.members.length} identifiers · up to{' '}
            {pct(c.maxProbability)}
          </h3>
          <ul className="small">
            {c.members.map((m) => (
              <li key={m.key}>
                <code>{visibleControls(m.label)}</code>
              </li>
            ))}
          </ul>
          {c.pairs.slice(0, 12).map((i) => {
            const p = list.candidates[i]!;
            // Keyed by the pair itself: a typed reason never moves to another pair after a reload.
            return <Pair key={`${p.a.key}\n${p.b.key}`} p={p} onDecided={onDecided} />;
          })}
          {c.pairs.length > 12 && (
            <p className="muted small">… and {c.pairs.length - 12} more pairs</p>
          )}
        </section>
      ))}
      <details className="panel">
        <summary>
          Model parameters (m and u per comparison level:{' '}
          {list.estimates.some((e) => e.source === 'em')
            ? 'estimated from this case by EM where the data allows'
            : 'per-kind defaults'}
          )
        </summary>
        <ul className="small" data-testid="match-estimates">
          {list.estimates.map((e) => (
            <li key={e.kind}>{estimateInWords(e)}</li>
          ))}
        </ul>
        <table className="small">
          <thead>
            <tr>
              <th>kind</th>
              <th>comparison</th>
              <th>level</th>
              <th>m</th>
              <th>u</th>
              <th>weight</th>
              <th>source</th>
              <th>pairs</th>
              <th>default m</th>
              <th>default u</th>
            </tr>
          </thead>
          <tbody>
            {list.parameters.map((p) => (
              <tr key={`${p.kind}/${p.comparison}/${p.level}`} title={p.note}>
                <td>{p.kind}</td>
                <td>{p.comparison}</td>
                <td>{p.level}</td>
                <td>{p.m}</td>
                <td>{p.u}</td>
                <td>{signed(Math.log2(p.m / p.u))}</td>
                <td>{p.source === 'em' ? 'EM' : 'default'}</td>
                <td>{p.pairs}</td>
                <td>{p.defaultM}</td>
                <td>{p.defaultU}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

function Pair({ p, onDecided }: { p: MatchCandidate; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const decide = (decision: 'confirmed' | 'rejected') =>
    call('matches.decide', { a: p.a.key, b: p.b.key, decision, reason }).then(
      () => onDecided(),
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  return (
    <div className="match-pair" data-testid="match-pair">
      <div>
        <strong>{visibleControls(p.a.label)}</strong> ↔{' '}
        <strong>{visibleControls(p.b.label)}</strong>:{' '}
        <span data-testid="match-probability">{pct(p.probability)}</span>
      </div>
      <ul className="small match-terms">
        <li className="muted">
          prior (share of compared pairs that match): {signed(p.priorWeight)}
        </li>
        {p.terms.map((t) => (
          <li key={t.comparison}>
            {t.text}: {signed(t.weight)}{' '}
            <span className="muted">
              (m {t.m}, u {t.u})
            </span>
          </li>
        ))}
      </ul>
      {p.decision ? (
        <div className="small" data-testid="match-decision">
          Confirmed by {p.decision.decidedBy} on {p.decision.decidedAt.slice(0, 10)}:{' '}
          {p.decision.reason}
        </div>
      ) : (
        <div className="small">
          <input
            aria-label={`reason for ${p.a.label} and ${p.b.label}`}
            placeholder="reason (required)"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />{' '}
          <button
            data-testid="match-confirm"
            disabled={reason.trim().length < 3}
            onClick={() => void decide('confirmed')}
          >
            Confirm
          </button>{' '}
          <button
            data-testid="match-reject"
            disabled={reason.trim().length < 3}
            onClick={() => void decide('rejected')}
          >
            Reject
          </button>
          {error && <div className="error">{error}</div>}
        </div>
      )}
    </div>
  );
}
