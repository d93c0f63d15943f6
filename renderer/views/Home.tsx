import { useApi } from '../api/use-api';
import { ErrorMessage } from '../app/ErrorMessage';

export function Home({
  onRing,
  onComplainant,
}: {
  onRing: (id: string) => void;
  onComplainant: (key: string) => void;
}) {
  const summary = useApi('case.summary', {});
  const rings = useApi('rings.list', {});
  const complainants = useApi('complainants.list', {});
  const lifecycle = useApi('lifecycle.list', {});
  const s = summary.data;
  const overdue = lifecycle.data?.items.filter((i) => i.overdue).length;
  const open = lifecycle.data?.items.filter(
    (i) => i.status !== 'closed' && i.status !== 'new',
  ).length;
  if (summary.error) return <ErrorMessage error={summary.error} />;
  if (!s) return <div>loading…</div>;
  return (
    <div className="home" data-testid="home">
      <h1>Case</h1>
      <p className="muted">{s.path}</p>
      <div className="cards">
        {[
          ['entities', s.totals.entities],
          ['links', s.totals.links],
          ['evidence files', s.totals.evidenceFiles],
          ['sellers', s.entities.seller ?? 0],
          ['shops', s.entities.shop ?? 0],
          ['rings', rings.data?.rings.length ?? '…'],
          ['in progress', open ?? '…'],
          ['overdue refutation windows', overdue ?? '…'],
        ].map(([k, v]) => (
          <div className="card" key={k}>
            <div className="big">{typeof v === 'number' ? v.toLocaleString('en') : v}</div>
            <div>{k}</div>
          </div>
        ))}
      </div>
      <h2>Imports</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Bundle</th>
            <th scope="col">Issuer</th>
            <th scope="col">Signature</th>
            <th scope="col">Signer</th>
            <th scope="col">Imported</th>
            <th scope="col">By</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {s.bundles.map((b) => (
            <tr key={b.sha256}>
              <td>{b.bundleId}</td>
              <td>{b.issuer}</td>
              <td>
                <span className={`sig ${b.signature}`}>
                  {b.signature === 'unsigned' ? 'UNSIGNED' : b.signature}
                </span>
              </td>
              <td>
                <code>{b.signerFingerprint?.slice(0, 16) ?? '—'}</code>
              </td>
              <td>{b.importedAt}</td>
              <td>{b.importedBy}</td>
              <td>{(b.entityRows + b.linkRows).toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="two-col">
        <div>
          <h2>Top rings</h2>
          <ol>
            {rings.data?.rings.slice(0, 5).map((r) => (
              <li key={r.id}>
                <button type="button" className="entity-link" onClick={() => onRing(r.id)}>
                  {r.id}
                </button>{' '}
                — score {r.score.toFixed(1)}, {r.sellers.length} sellers, {r.shops.length} shops
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h2>Suspected fraudulent complainants</h2>
          <ul>
            {complainants.data
              ?.filter((c) => c.flagged)
              .map((c) => (
                <li key={c.complainant.id}>
                  <button
                    type="button"
                    className="entity-link"
                    onClick={() => onComplainant(c.complainant.key)}
                  >
                    <strong>{c.complainant.label}</strong>
                  </button>
                  : {c.unfounded} of {c.total} complaints unfounded
                </li>
              ))}
            {complainants.data && !complainants.data.some((c) => c.flagged) && (
              <li className="muted">none flagged</li>
            )}
          </ul>
        </div>
      </div>
      <h2>Audit log head</h2>
      <p>
        {s.audit.entries} entries · <code data-testid="audit-head">{s.audit.head}</code>
      </p>
    </div>
  );
}
