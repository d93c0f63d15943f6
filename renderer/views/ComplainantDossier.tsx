import { useApi } from '../api/use-api';
import { ErrorMessage } from '../app/ErrorMessage';
import { EntityButton } from '../entity/EntityButton';

const OUTCOME_WORDS: Record<string, string> = {
  upheld: 'upheld',
  refuted: 'refuted by the seller',
  withdrawn: 'withdrawn',
  pending: 'pending',
  reinstated: 'listing reinstated',
};

/** One complainant: the DSA Art. 23(3) figures, every complaint, brands filed for vs represented. */
export function ComplainantDossierView({
  complainantKey,
  onOpenEntity,
  onExport,
}: {
  complainantKey: string;
  onOpenEntity: (id: number) => void;
  onExport: (key: string) => void;
}) {
  const { data, error } = useApi('complainant.get', { key: complainantKey }, [complainantKey]);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p role="status">Loading the dossier…</p>;
  const d = data.dossier;
  const unrepresented = data.filedFor.filter((f) => !f.represented);
  return (
    <div className="dossier" data-testid="complainant-dossier">
      <h1>
        {d.complainant.label}{' '}
        {d.flagged && <span className="badge flagged">suspected fraudulent complainant</span>}
      </h1>
      <p className="muted">
        {d.kind === 'agent' ? 'IP agent' : 'Rights holder'} · <code>{d.complainant.key}</code>
      </p>
      <div className="row">
        <button
          type="button"
          data-testid="dossier-export"
          onClick={() => onExport(d.complainant.key)}
        >
          Export civil-complainant packet…
        </button>
        <button type="button" onClick={() => onOpenEntity(d.complainant.id)}>
          Open in the entity panel
        </button>
      </div>
      <div className="cards">
        {[
          ['complaints', d.total],
          ['unfounded', `${d.unfounded} (${Math.round(d.unfoundedShare * 100)}%)`],
          ['listings removed', d.listingsRemoved],
          ['sales lost', d.salesLost.toLocaleString('en')],
          ['most in 14 days', d.maxComplaintsIn14Days],
          ['score', d.score],
        ].map(([k, v]) => (
          <div className="card" key={k}>
            <div className="big">{v}</div>
            <div>{k}</div>
          </div>
        ))}
      </div>
      <h2>Why it is {d.flagged ? '' : 'not '}flagged</h2>
      {d.reasons.length ? (
        <ul data-testid="dossier-reasons">
          {d.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">No factor crosses its threshold.</p>
      )}
      <h2>Brands filed for, against rights represented</h2>
      <table data-testid="dossier-brands">
        <caption className="muted small">
          {data.filedFor.length === 0
            ? 'None of the targeted listings infringes a registered right of any brand in this case: the complaints claim no right on record.'
            : unrepresented.length
              ? `${unrepresented.length} brand(s) complained for without a recorded mandate.`
              : 'Every brand complained for is one this complainant represents.'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Brand</th>
            <th scope="col">Complaints</th>
            <th scope="col">Represented</th>
          </tr>
        </thead>
        <tbody>
          {data.filedFor.map((f) => (
            <tr key={f.brand.id} className={f.represented ? '' : 'flagged'}>
              <td>
                <EntityButton entity={f.brand} onOpen={onOpenEntity} />
              </td>
              <td>{f.complaints}</td>
              <td>{f.represented ? 'yes' : 'no mandate recorded'}</td>
            </tr>
          ))}
          {data.represents
            .filter((r) => !data.filedFor.some((f) => f.brand.id === r.id))
            .map((r) => (
              <tr key={r.id}>
                <td>
                  <EntityButton entity={r} onOpen={onOpenEntity} />
                </td>
                <td>0</td>
                <td>yes</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h2>Complaints ({data.complaints.length})</h2>
      <table data-testid="dossier-complaints">
        <thead>
          <tr>
            <th scope="col">Filed</th>
            <th scope="col">Complaint</th>
            <th scope="col">Target</th>
            <th scope="col">Shop</th>
            <th scope="col">Brand (right infringed)</th>
            <th scope="col">Outcome</th>
            <th scope="col">Listings removed</th>
            <th scope="col">Sales lost</th>
          </tr>
        </thead>
        <tbody>
          {data.complaints.map((c) => (
            <tr key={c.complaint.id}>
              <td>{c.filedAt}</td>
              <td>
                <EntityButton
                  entity={{
                    ...c.complaint,
                    label: `Complaint ${c.complaint.key.replace(/^complaint:/, '')}`,
                  }}
                  onOpen={onOpenEntity}
                />
              </td>
              <td>
                {c.targets.map((t) => (
                  <EntityButton key={t.id} entity={t} onOpen={onOpenEntity} />
                ))}
              </td>
              <td>
                {c.shops.map((s) => (
                  <EntityButton key={s.id} entity={s} onOpen={onOpenEntity} />
                ))}
              </td>
              <td>{c.brands.map((b) => b.label).join(', ') || 'no right on record'}</td>
              <td>
                {OUTCOME_WORDS[c.outcome] ?? c.outcome}
                {c.resolvedAt ? ` (${c.resolvedAt})` : ''}
              </td>
              <td>{c.listingsRemoved}</td>
              <td>
                {c.salesLost ? `${c.salesLost.toLocaleString('en')} ${c.currency ?? ''}` : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
