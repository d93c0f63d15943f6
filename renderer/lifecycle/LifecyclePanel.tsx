/**
 * One ring's or lead's lifecycle: its status with the moves the engine allows, who has
 * it, the seller's refutation window, the history of changes and the outcomes. Every
 * action here goes through the API and lands in the audit log.
 */
import { useState } from 'react';
import type { LifecycleDetail } from '../../shared/api/contract';
import {
  CLOSE_REASONS,
  OUTCOME_KINDS,
  OUTCOME_LABELS,
  STATUS_LABELS,
  type CloseReason,
  type LifecycleStatus,
  type OutcomeKind,
  type SubjectRef,
} from '../../shared/lifecycle/schemas';
import { useApi } from '../api/use-api';
import { ApiError, call } from '../api/client';
import { OUTCOME_FIELDS, fieldLabel } from './outcome-fields';
import { formatValue } from '../../shared/format-value';

export function StatusBadge({ status }: { status: LifecycleStatus }) {
  return (
    <span className={`lc-status lc-${status}`} data-testid="status-badge">
      {STATUS_LABELS[status]}
    </span>
  );
}

export function LifecyclePanel({
  subject,
  onChanged,
}: {
  subject: SubjectRef;
  onChanged?: () => void;
}) {
  const loaded = useApi('lifecycle.get', { subject }, [subject.kind, subject.id]);
  const [detail, setDetail] = useState<LifecycleDetail>();
  const [error, setError] = useState<string>();
  const [leadsNote, setLeadsNote] = useState<string>();
  const d =
    detail && detail.item.subject.id === subject.id && detail.item.subject.kind === subject.kind
      ? detail
      : loaded.data;
  if (loaded.error) return <div className="error">{loaded.error.message}</div>;
  if (!d) return <div>loading…</div>;
  const apply = (p: Promise<LifecycleDetail>) => {
    setError(undefined);
    p.then(
      (r) => (setDetail(r), onChanged?.()),
      (e: unknown) => setError(describe(e)),
    );
  };
  const i = d.item;
  return (
    <div className="lifecycle" data-testid="lifecycle-panel">
      <h2>
        {i.label} <StatusBadge status={i.status} />
        {i.closeReason && (
          <span className="muted small"> ({i.closeReason.replaceAll('_', ' ')})</span>
        )}
      </h2>
      <p className="muted small">
        {i.subject.kind === 'ring' ? 'Ring' : 'Lead'} · origin {i.origin} · {i.members}{' '}
        {i.subject.kind === 'ring' ? 'member accounts' : 'flagged accounts'}
        {i.related.length > 0 && (
          <>
            {' '}
            · {i.subject.kind === 'ring' ? 'leads' : 'ring'} {i.related.join(', ')}
          </>
        )}
      </p>
      {error && (
        <div className="error" data-testid="lifecycle-error">
          {error}
        </div>
      )}
      <StatusMove
        next={d.next}
        leads={i.subject.kind === 'ring' ? i.related : []}
        onMove={(status, reason, closeReason, withLeads) => {
          setLeadsNote(undefined);
          apply(
            call('lifecycle.setStatus', {
              subject,
              status,
              reason,
              withLeads,
              ...(closeReason ? { closeReason } : {}),
            }).then((r) => {
              if (r.leads)
                setLeadsNote(
                  [
                    r.leads.moved.length ? `moved with it: ${r.leads.moved.join(', ')}` : '',
                    ...r.leads.skipped.map((x) => `${x.lead} stays: ${x.because}`),
                  ]
                    .filter(Boolean)
                    .join('; '),
                );
              return r;
            }),
          );
        }}
      />
      {leadsNote && (
        <p className="muted small" data-testid="leads-note">
          {leadsNote}
        </p>
      )}
      <Assignment
        assignee={i.assignee}
        onSave={(assignee) => apply(call('lifecycle.assign', { subject, assignee }))}
      />
      <Refutation
        item={i}
        onSave={(noticeAt, refutedAt) =>
          apply(call('lifecycle.notice', { subject, noticeAt, refutedAt }))
        }
      />
      <h3>History</h3>
      <table className="compact" data-testid="status-history">
        <thead>
          <tr>
            <th>when</th>
            <th>from</th>
            <th>to</th>
            <th>by</th>
            <th>why</th>
          </tr>
        </thead>
        <tbody>
          {d.history.map((h, k) => (
            <tr key={k}>
              <td>{h.at.slice(0, 16).replace('T', ' ')}</td>
              <td>{STATUS_LABELS[h.from]}</td>
              <td>{STATUS_LABELS[h.to]}</td>
              <td>{h.actor}</td>
              <td>
                {h.reason}
                {h.closeReason ? ` [${h.closeReason}]` : ''}
              </td>
            </tr>
          ))}
          {d.history.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                no changes yet
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h3>Outcomes</h3>
      <Outcomes
        detail={d}
        onWithdraw={(id, reason) => {
          setError(undefined);
          call('outcomes.withdraw', { id, reason }).then(
            () => apply(call('lifecycle.get', { subject })),
            (e: unknown) => setError(describe(e)),
          );
        }}
      />
      <OutcomeForm subject={subject} onAdded={() => apply(call('lifecycle.get', { subject }))} />
    </div>
  );
}

function describe(e: unknown): string {
  if (e instanceof ApiError)
    return `${e.message}${e.info.field ? ` (field ${e.info.field})` : ''}${e.info.hint ? ` — ${e.info.hint}` : ''}`;
  return String(e);
}

function StatusMove({
  next,
  leads,
  onMove,
}: {
  next: readonly LifecycleStatus[];
  leads: readonly string[];
  onMove: (
    s: LifecycleStatus,
    reason: string,
    closeReason: CloseReason | undefined,
    withLeads: boolean,
  ) => void;
}) {
  const [target, setTarget] = useState<LifecycleStatus>();
  const [withLeads, setWithLeads] = useState(true);
  const [reason, setReason] = useState('');
  const [closeReason, setCloseReason] = useState<CloseReason>('outcome_achieved');
  return (
    <div className="panel" data-testid="status-move">
      <span>Move to: </span>
      {next.map((s) => (
        <button
          key={s}
          data-testid={`move-${s}`}
          className={target === s ? 'active' : ''}
          onClick={() => setTarget(s)}
        >
          {STATUS_LABELS[s]}
        </button>
      ))}
      {target && (
        <div>
          <label>
            Why
            <input
              data-testid="status-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="the reason is recorded in the audit log"
              size={60}
            />
          </label>
          {target === 'closed' && (
            <label>
              Close reason
              <select
                data-testid="close-reason"
                value={closeReason}
                onChange={(e) => setCloseReason(e.target.value as CloseReason)}
              >
                {CLOSE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {r.replaceAll('_', ' ')}
                  </option>
                ))}
              </select>
            </label>
          )}
          {leads.length > 0 && (
            <label>
              <input
                type="checkbox"
                data-testid="with-leads"
                checked={withLeads}
                onChange={(e) => setWithLeads(e.target.checked)}
              />{' '}
              also move its lead{leads.length > 1 ? 's' : ''} ({leads.join(', ')})
            </label>
          )}
          <button
            data-testid="status-apply"
            disabled={reason.trim().length < 3}
            onClick={() => (
              onMove(
                target,
                reason,
                target === 'closed' ? closeReason : undefined,
                leads.length > 0 && withLeads,
              ),
              setTarget(undefined),
              setReason('')
            )}
          >
            Record: {STATUS_LABELS[target]}
          </button>
        </div>
      )}
    </div>
  );
}

function Assignment({
  assignee,
  onSave,
}: {
  assignee: string | null;
  onSave: (a: string | null) => void;
}) {
  const [value, setValue] = useState(assignee ?? '');
  return (
    <div className="panel">
      <label>
        Assigned to
        <input
          data-testid="assignee"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="investigator"
        />
      </label>
      <button
        data-testid="assign-save"
        disabled={(value.trim() || null) === assignee}
        onClick={() => onSave(value.trim() || null)}
      >
        Save
      </button>
    </div>
  );
}

function Refutation({
  item,
  onSave,
}: {
  item: LifecycleDetail['item'];
  onSave: (noticeAt: string | null, refutedAt: string | null) => void;
}) {
  const [notice, setNotice] = useState(item.noticeAt ?? '');
  const [refuted, setRefuted] = useState(item.refutedAt ?? '');
  return (
    <div className={`panel${item.overdue ? ' overdue' : ''}`} data-testid="refutation">
      <label>
        Seller notified
        <input
          type="date"
          data-testid="notice-at"
          value={notice}
          onChange={(e) => setNotice(e.target.value)}
        />
      </label>
      <label>
        Refuted
        <input
          type="date"
          data-testid="refuted-at"
          value={refuted}
          onChange={(e) => setRefuted(e.target.value)}
        />
      </label>
      <button data-testid="notice-save" onClick={() => onSave(notice || null, refuted || null)}>
        Save
      </button>
      {item.dueAt && (
        <span>
          {' '}
          refute by <strong data-testid="due-at">{item.dueAt}</strong>
          {item.overdue && <span className="sig bad"> OVERDUE</span>}
        </span>
      )}
    </div>
  );
}

function Outcomes({
  detail,
  onWithdraw,
}: {
  detail: LifecycleDetail;
  onWithdraw: (id: string, reason: string) => void;
}) {
  const [withdrawing, setWithdrawing] = useState<string>();
  const [reason, setReason] = useState('');
  return (
    <table className="compact" data-testid="outcomes">
      <thead>
        <tr>
          <th>date</th>
          <th>outcome</th>
          <th>details</th>
          <th>recorded</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {detail.outcomes.map((o) => (
          <tr key={o.id} className={o.withdrawn ? 'withdrawn' : ''}>
            <td>{o.data.date}</td>
            <td>{OUTCOME_LABELS[o.data.kind]}</td>
            <td>
              {Object.entries(o.data)
                .filter(([k]) => !['id', 'subject', 'kind', 'date'].includes(k))
                .map(([k, v]) => `${fieldLabel(k)}: ${formatValue(v)}`)
                .join('; ')}
            </td>
            <td className="small">
              {o.recordedBy}, {o.recordedAt.slice(0, 10)}
              {o.withdrawn && (
                <>
                  {' '}
                  · withdrawn by {o.withdrawn.by}: {o.withdrawn.reason}
                </>
              )}
            </td>
            <td>
              {!o.withdrawn && withdrawing !== o.id && (
                <button onClick={() => setWithdrawing(o.id)}>withdraw</button>
              )}
              {withdrawing === o.id && (
                <>
                  <input
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    placeholder="why"
                  />
                  <button
                    disabled={reason.trim().length < 3}
                    onClick={() => (
                      onWithdraw(o.id, reason),
                      setWithdrawing(undefined),
                      setReason('')
                    )}
                  >
                    confirm
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
        {detail.outcomes.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              no outcomes recorded
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function OutcomeForm({ subject, onAdded }: { subject: SubjectRef; onAdded: () => void }) {
  const [kind, setKind] = useState<OutcomeKind>('referral');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [values, setValues] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const packets = useApi('packets.list', {});
  const rings = useApi('rings.list', {});
  // For a ring, offer its own accounts and identifiers where an outcome names a graph entity.
  const ring =
    subject.kind === 'ring' ? rings.data?.rings.find((r) => r.id === subject.id) : undefined;
  const suggestions: Record<string, { key: string; label: string }[]> = ring
    ? {
        target: [...ring.shops, ...ring.sellers],
        entityKey: [
          ...ring.identifiers.filter((i) => ['warehouse', 'company', 'person'].includes(i.type)),
          ...ring.shops,
        ],
      }
    : {};
  const fields = OUTCOME_FIELDS[kind];
  const submit = () => {
    const outcome: Record<string, unknown> = {
      kind,
      subject,
      date,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    for (const f of fields) {
      const v = (values[f.name] ?? '').trim();
      if (v) outcome[f.name] = f.kind === 'number' ? Number(v) : v;
    }
    setError(undefined);
    call('outcomes.add', { outcome } as never).then(
      () => (setValues({}), setNote(''), onAdded()),
      (e: unknown) => setError(describe(e)),
    );
  };
  return (
    <div className="panel outcome-form" data-testid="outcome-form">
      <h3>Record an outcome</h3>
      <label>
        Kind
        <select
          data-testid="outcome-kind"
          value={kind}
          onChange={(e) => (setKind(e.target.value as OutcomeKind), setValues({}))}
        >
          {OUTCOME_KINDS.map((k) => (
            <option key={k} value={k}>
              {OUTCOME_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Date
        <input
          type="date"
          data-testid="outcome-date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      {fields.map((f) => (
        <label key={f.name}>
          {fieldLabel(f.name)}
          {f.required ? ' *' : ''}
          {f.kind === 'choice' ? (
            <select
              data-testid={`outcome-${f.name}`}
              value={values[f.name] ?? ''}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            >
              <option value="">–</option>
              {f.choices.map((c) => (
                <option key={c} value={c}>
                  {c.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          ) : f.name === 'packetSha256' && packets.data?.length ? (
            <select
              data-testid="outcome-packetSha256"
              value={values[f.name] ?? ''}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            >
              <option value="">–</option>
              {packets.data.map((p) => (
                <option key={p.sha256} value={p.sha256}>
                  {p.type} {p.bates} ({p.sha256.slice(0, 12)}…)
                </option>
              ))}
            </select>
          ) : (
            <>
              <input
                data-testid={`outcome-${f.name}`}
                type={f.kind === 'number' ? 'number' : 'text'}
                list={suggestions[f.name] ? `suggest-${f.name}` : undefined}
                value={values[f.name] ?? ''}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              />
              {suggestions[f.name] && (
                <datalist id={`suggest-${f.name}`}>
                  {suggestions[f.name]!.map((x) => (
                    <option key={x.key} value={x.key}>
                      {x.label}
                    </option>
                  ))}
                </datalist>
              )}
            </>
          )}
        </label>
      ))}
      <label>
        Note
        <input data-testid="outcome-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button data-testid="outcome-add" onClick={submit}>
        Record outcome
      </button>
      {error && (
        <div className="error" data-testid="outcome-error">
          {error}
        </div>
      )}
    </div>
  );
}
