/**
 * The investigator's worklist: every ring and lead with its status, who has it and when
 * the seller's refutation window ends (overdue ones first and marked), and the lifecycle
 * panel of the one selected. Outcomes come in and go out as CSV here too.
 */
import { useMemo, useState } from 'react';
import {
  LIFECYCLE_STATUSES,
  STATUS_LABELS,
  type LifecycleStatus,
  type SubjectRef,
} from '../../shared/lifecycle/schemas';
import { useApi } from '../api/use-api';
import { call } from '../api/client';
import { LifecyclePanel, StatusBadge } from '../lifecycle/LifecyclePanel';
import { visibleControls } from '../../shared/visible-controls';

export function Worklist({ initial }: { initial?: SubjectRef | null }) {
  const { data, error, reload } = useApi('lifecycle.list', {});
  const [selected, setSelected] = useState<SubjectRef | null>(initial ?? null);
  const [status, setStatus] = useState<LifecycleStatus | ''>('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const items = useMemo(
    () =>
      (data?.items ?? [])
        .filter((i) => (!status || i.status === status) && (!overdueOnly || i.overdue))
        .sort(
          (a, b) =>
            Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'),
        ),
    [data, status, overdueOnly],
  );
  if (error) return <div className="error">{error.message}</div>;
  if (!data) return <div>loading…</div>;
  const overdue = data.items.filter((i) => i.overdue).length;
  return (
    <div className="split">
      <div>
        <h1>Worklist</h1>
        <p>
          {data.items.length} rings and leads;{' '}
          <span className={overdue ? 'sig bad' : ''} data-testid="overdue-count">
            {overdue} overdue
          </span>{' '}
          (refutation window {data.refutationDays} days after notice; today {data.today}).
        </p>
        <div className="toolbar">
          <label>
            Status
            <select
              data-testid="worklist-status"
              value={status}
              onChange={(e) => setStatus(e.target.value as LifecycleStatus | '')}
            >
              <option value="">all</option>
              {LIFECYCLE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              checked={overdueOnly}
              onChange={(e) => setOverdueOnly(e.target.checked)}
            />{' '}
            overdue only
          </label>
          <RefutationDays days={data.refutationDays} onSaved={reload} />
        </div>
        <table data-testid="worklist">
          <thead>
            <tr>
              <th>subject</th>
              <th>status</th>
              <th>assignee</th>
              <th>refute by</th>
              <th>origin</th>
              <th>outcomes</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr
                key={`${i.subject.kind}:${i.subject.id}`}
                data-testid={`worklist-${i.subject.id}`}
                className={`${i.overdue ? 'overdue' : ''} ${selected?.id === i.subject.id && selected.kind === i.subject.kind ? 'selected' : ''}`}
                onClick={() => setSelected(i.subject)}
              >
                <td>
                  {visibleControls(i.label)}
                  <div className="muted small">
                    {i.subject.kind} {i.subject.id}
                    {i.related.length ? ` · ${i.related.join(', ')}` : ''}
                  </div>
                </td>
                <td>
                  <StatusBadge status={i.status} />
                </td>
                <td>{i.assignee ?? '–'}</td>
                <td>
                  {i.dueAt ?? '–'}
                  {i.overdue && <span className="sig bad"> OVERDUE</span>}
                </td>
                <td>{i.origin}</td>
                <td>{i.outcomes}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <OutcomesCsv onImported={reload} />
      </div>
      <div>
        {selected ? (
          <LifecyclePanel subject={selected} onChanged={reload} />
        ) : (
          <p className="muted">Select a ring or lead.</p>
        )}
      </div>
    </div>
  );
}

function RefutationDays({ days, onSaved }: { days: number; onSaved: () => void }) {
  const [value, setValue] = useState(String(days));
  return (
    <label>
      Refutation window
      <input
        type="number"
        min={1}
        max={365}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        style={{ width: '4em' }}
      />{' '}
      days
      <button
        disabled={Number(value) === days}
        onClick={() =>
          void call('lifecycle.setRefutationDays', { days: Number(value) }).then(onSaved)
        }
      >
        Set
      </button>
    </label>
  );
}

function OutcomesCsv({ onImported }: { onImported: () => void }) {
  const [path, setPath] = useState('');
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const run = (p: Promise<string>) => {
    setError(undefined);
    setMessage(undefined);
    p.then(setMessage, (e: Error & { info?: { line?: number; field?: string } }) =>
      setError(
        `${e.message}${e.info?.line ? ` (line ${e.info.line}${e.info.field ? `, column ${e.info.field}` : ''})` : ''}`,
      ),
    );
  };
  return (
    <details className="panel">
      <summary>Outcomes as CSV</summary>
      <label>
        File
        <input
          data-testid="outcomes-csv-path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/path/to/outcomes.csv"
        />
      </label>
      <button
        data-testid="outcomes-csv-import"
        disabled={!path}
        onClick={() =>
          run(
            call('outcomes.importCsv', { path }).then(
              (r) => (
                onImported(),
                `imported ${r.imported} of ${r.rows} outcomes (${r.unchanged} already recorded)`
              ),
            ),
          )
        }
      >
        Import
      </button>
      <button
        data-testid="outcomes-csv-export"
        disabled={!path}
        onClick={() =>
          run(
            call('outcomes.exportCsv', { out: path }).then(
              (r) => `wrote ${r.rows} outcomes to ${r.file} (sha256 ${r.sha256.slice(0, 16)}…)`,
            ),
          )
        }
      >
        Export
      </button>
      {message && <p data-testid="outcomes-csv-message">{message}</p>}
      {error && <div className="error">{error}</div>}
    </details>
  );
}
