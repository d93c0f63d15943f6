import { visibleControls } from '../../shared/visible-controls';
import { useState } from 'react';
import { LifecyclePanel, StatusBadge } from '../lifecycle/LifecyclePanel';
import { call } from '../api/client';
import { useApi } from '../api/use-api';
import { useIdleAfter } from '../app/use-idle-after';
import { GraphView } from '../graph/GraphView';
import { CaseOverview } from '../graph/CaseOverview';
import { HubDistribution } from './HubDistribution';
import { HubDecision, HubDecisions, typeLabel } from './HubDecision';
import { EntityButton } from '../entity/EntityButton';
import { cell, humanise } from './Entities';

export function Rings({
  selected,
  onSelectRing,
  onOpenEntity,
}: {
  selected: string | null;
  onSelectRing: (id: string) => void;
  onOpenEntity: (id: number) => void;
}) {
  const list = useApi('rings.list', {});
  // The case overview shows until a ring is chosen, and again from its button.
  const [overview, setOverview] = useState(false);
  const lifecycle = useApi('lifecycle.list', {});
  const stateOf = new Map(
    (lifecycle.data?.items ?? [])
      .filter((i) => i.subject.kind === 'ring')
      .map((i) => [i.subject.id, i]),
  );
  if (list.error) return <div className="error">{list.error.message}</div>;
  if (!list.data) return <div>analysing…</div>;
  const a = list.data;
  return (
    <div className="rings">
      <div className="ring-list" data-testid="ring-list">
        <h2>Rings ({a.rings.length})</h2>
        <button
          type="button"
          data-testid="open-overview"
          aria-pressed={overview || !selected}
          onClick={() => setOverview(true)}
        >
          Case overview: all rings
        </button>
        {a.profile && (
          <div className="muted" data-testid="analysis-profile">
            Profile: {a.profile} · {a.memberAccounts ?? 0} member accounts
          </div>
        )}
        {a.rings.map((r) => (
          <button
            type="button"
            key={r.id}
            className={`ring-item${r.id === selected ? ' active' : ''}`}
            aria-pressed={r.id === selected}
            data-testid={`ring-${r.id}`}
            onClick={() => (performance.mark('ring click'), setOverview(false), onSelectRing(r.id))}
          >
            <strong>
              #{r.rank} {r.id}
            </strong>{' '}
            <span className="score">{r.score.toFixed(1)}</span>{' '}
            {stateOf.get(r.id) && <StatusBadge status={stateOf.get(r.id)!.status} />}
            {stateOf.get(r.id)?.overdue && <span className="sig bad"> OVERDUE</span>}
            <div className="muted">
              {a.profile && a.profile !== 'marketplace'
                ? `${r.members?.length ?? 0} members`
                : `${r.sellers.length} sellers · ${r.shops.length} shops`}{' '}
              ·{' '}
              {[...new Set(r.identifiers.map((i) => typeLabel(i.type)))].join(', ') ||
                'direct links'}
              {r.oversized && <span className="sig bad"> OVERSIZED</span>}
            </div>
          </button>
        ))}
        <h3>Hub thresholds by identifier type</h3>
        <HubDistribution thresholds={a.hubThresholds ?? []} />
        <h3>Suppressed hubs ({a.suppressedHubs.length})</h3>
        <ul className="hubs" data-testid="hubs">
          {a.suppressedHubs.map((h) => (
            <li key={h.key}>
              <strong title={h.key}>{visibleControls(h.label)}</strong> ({typeLabel(h.type)},{' '}
              {h.degree} accounts): {h.detail} <HubDecision hub={h} onChanged={list.reload} />
            </li>
          ))}
        </ul>
        <HubDecisions decisions={a.hubDecisions ?? []} onChanged={list.reload} />
        <details>
          <summary>Analysis record</summary>
          <dl className="record" data-testid="analysis-record">
            {Object.entries(a.record).map(([k, v]) => (
              <div key={k}>
                <dt>{humanise(k)}</dt>
                <dd>{cell(v)}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
      <div className="ring-detail">
        {selected && !overview ? (
          <RingDetail ringId={selected} onOpenEntity={onOpenEntity} />
        ) : (
          <CaseOverview
            requested={overview}
            onOpenRing={(id) => (setOverview(false), onSelectRing(id))}
          />
        )}
      </div>
    </div>
  );
}

function RingDetail({
  ringId,
  onOpenEntity,
}: {
  ringId: string;
  onOpenEntity: (id: number) => void;
}) {
  const { data, error } = useApi('ring.get', { ringId }, [ringId]);
  // Probable identity matches join the drawn graph when found. Finding them can take the
  // engine a second or more (1.3 s on a 3,505-node ring), which on a two-core laptop slowed
  // the first frame: they are asked for once the browser is idle after the ring arrives.
  // While another ring's data is still held (a switch), this ring is not in yet.
  const drawn = useIdleAfter(data?.ring.id === ringId, ringId);
  const probable = useApi('ring.probable', { ringId }, [ringId], drawn);
  const [tab, setTab] = useState<'graph' | 'why' | 'score' | 'timeline' | 'lifecycle'>('graph');
  if (error) return <div className="error">{error.message}</div>;
  if (!data) return <div>loading {ringId}…</div>;
  const { ring, explanation } = data;
  return (
    <div data-testid="ring-detail">
      <h1>
        {ring.id}{' '}
        <span className="score">
          score {ring.score.toFixed(1)} · rank {ring.rank}
        </span>
      </h1>
      <p className="summary">{explanation.summary}</p>
      <div className="tabs">
        {(['graph', 'why', 'score', 'timeline', 'lifecycle'] as const).map((t) => (
          <button
            key={t}
            className={tab === t ? 'active' : ''}
            data-testid={`tab-${t}`}
            onClick={() => setTab(t)}
          >
            {t === 'why' ? 'shared identifiers' : t}
          </button>
        ))}
      </div>
      {tab === 'graph' && (
        <GraphView
          elements={data.graph}
          positions={data.positions}
          late={probable.data ?? null}
          onSelect={onOpenEntity}
          onSavePositions={(p) => void call('ring.savePositions', { ringId, positions: p })}
        />
      )}
      {tab === 'score' && (
        <table data-testid="score-breakdown">
          <thead>
            <tr>
              <th>term</th>
              <th>value</th>
              <th>weight</th>
              <th>contribution</th>
            </tr>
          </thead>
          <tbody>
            {ring.terms.map((t) => (
              <tr key={t.term}>
                <td>{t.label}</td>
                <td>{t.value}</td>
                <td>{t.weight}</td>
                <td>{t.contribution}</td>
              </tr>
            ))}
            <tr>
              <th>total</th>
              <td />
              <td />
              <th>{ring.score}</th>
            </tr>
          </tbody>
        </table>
      )}
      {tab === 'why' && (
        <ol className="shared">
          {explanation.sharedIdentifiers.map((s) => (
            <li key={s.identifier.key}>
              <strong>
                {typeLabel(s.identifier.type)}{' '}
                <EntityButton entity={s.identifier} onOpen={onOpenEntity} />
              </strong>{' '}
              shared by{' '}
              {s.members.map((m) => (
                <EntityButton key={m.key} entity={m} onOpen={onOpenEntity} />
              ))}
              <ul>
                {s.links.map((l, i) => (
                  <li key={i} className="muted">
                    {visibleControls(l.from.label)} — {l.type} → {visibleControls(l.to.label)}:{' '}
                    {l.sources
                      .map((src) => `${src.bundleId} ${src.file}:${src.line} (${src.signature})`)
                      .join('; ')}
                  </li>
                ))}
              </ul>
            </li>
          ))}
          <h3>Leaders</h3>
          {explanation.leaders.map((l) => (
            <li key={l.entity.key}>
              <EntityButton entity={l.entity} onOpen={onOpenEntity} />: degree {l.degree},
              betweenness {l.betweenness}
              {l.articulation ? ', articulation point' : ''}
            </li>
          ))}
        </ol>
      )}
      {tab === 'timeline' && <RingTimeline ringId={ringId} />}
      {tab === 'lifecycle' && <LifecyclePanel subject={{ kind: 'ring', id: ringId }} />}
    </div>
  );
}

function Timeline({ events }: { events: { at: string; kind: string; text: string }[] }) {
  if (!events.length) return <p className="muted">no dated events</p>;
  const t0 = Date.parse(events[0]!.at);
  const t1 = Date.parse(events.at(-1)!.at);
  const span = Math.max(1, t1 - t0);
  return (
    <div className="timeline" data-testid="timeline">
      <div className="axis">
        {events.map((e, i) => (
          <span
            key={i}
            className={`tick ${e.kind.replace(/\s/g, '-')}`}
            style={{ left: `${((Date.parse(e.at) - t0) / span) * 100}%` }}
            title={`${e.at}: ${e.text}`}
          />
        ))}
      </div>
      <div className="axis-labels">
        <span>{events[0]!.at}</span>
        <span>{events.at(-1)!.at}</span>
      </div>
      <ul>
        {events.map((e, i) => (
          <li key={i}>
            <code>{e.at}</code> <em>{e.kind}</em> — {e.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The timeline is computed only when its tab is opened: for a big ring it is the slowest part. */
function RingTimeline({ ringId }: { ringId: string }) {
  const { data, error } = useApi('ring.timeline', { ringId }, [ringId]);
  if (error) return <div className="error">{error.message}</div>;
  if (!data) return <div>loading the timeline…</div>;
  return (
    <>
      <Timeline events={data.events} />
      {data.total > data.events.length && (
        <p className="muted">
          showing the first {data.events.length.toLocaleString('en')} of{' '}
          {data.total.toLocaleString('en')} events; the CLI (`ringlens ring --json`) and packets
          carry all of them
        </p>
      )}
    </>
  );
}
