import { useEffect, useState } from 'react';
import type { Output } from '../../shared/api/contract';
import type { ImportProgress } from '../../shared/bundle/import-report';
import { formatError } from '../../shared/errors';
import { ApiError, call, on, pathForFile } from '../api/client';

export function Import({ onImported }: { onImported: () => void }) {
  const [path, setPath] = useState('');
  const [report, setReport] = useState<Output<'bundle.inspect'>>();
  const [progress, setProgress] = useState<ImportProgress>();
  const [result, setResult] = useState<Output<'bundle.import'>>();
  const [error, setError] = useState('');
  const [allowUnsigned, setAllowUnsigned] = useState(false);
  const [acceptSigner, setAcceptSigner] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => on('import.progress', setProgress), []);
  const fail = (e: unknown) => setError(e instanceof ApiError ? formatError(e.info) : String(e));
  const inspect = async (p = path) => {
    setError('');
    setResult(undefined);
    setReport(undefined);
    try {
      setReport(await call('bundle.inspect', { path: p }));
    } catch (e) {
      fail(e);
    }
  };
  const run = async () => {
    setBusy(true);
    setError('');
    setProgress(undefined);
    try {
      setResult(await call('bundle.import', { path, allowUnsigned, acceptSigner }));
      onImported();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      className="import"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const f = e.dataTransfer.files[0];
        const p = f && pathForFile(f);
        if (p) {
          setPath(p);
          void inspect(p);
        } else setError('drop works in the desktop app; in the browser, type the bundle’s path');
      }}
    >
      <h1>Import a lead bundle</h1>
      <p className="muted">
        Drop a bundle here or give its path. It is verified (hashes, signature, every row) and
        imported all or nothing.
      </p>
      <div className="row">
        <input
          data-testid="bundle-path"
          className="grow"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/path/to/bundle.rlb.zip"
        />
        <button
          data-testid="use-demo-bundle"
          onClick={() =>
            void call('bundle.demoPath', {}).then((d) => (setPath(d.path), void inspect(d.path)))
          }
        >
          Demo bundle
        </button>
        <button data-testid="inspect" disabled={!path} onClick={() => void inspect()}>
          Verify
        </button>
      </div>
      {report && (
        <div className="report" data-testid="verification-report">
          <h2>{report.bundleId}</h2>
          <p>
            {report.issuer.name} · created {report.createdAt} · {report.counts.entities} entities,{' '}
            {report.counts.links} links, {report.counts.evidence} evidence files
          </p>
          <p>
            Signature:{' '}
            {!report.signature.present ? (
              <span className="sig unsigned">UNSIGNED</span>
            ) : report.signature.valid ? (
              <span className={`sig ${report.signature.trusted ? 'trusted' : 'accepted'}`}>
                {report.signature.trusted ? 'valid, trusted issuer' : 'valid, unknown issuer'}
              </span>
            ) : (
              <span className="sig bad">INVALID</span>
            )}{' '}
            {report.signature.fingerprint && <code>{report.signature.fingerprint}</code>}
          </p>
          <table>
            <thead>
              <tr>
                <th>file</th>
                <th>role</th>
                <th>bytes</th>
                <th>sha256</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {report.files.slice(0, 50).map((f) => (
                <tr key={f.path}>
                  <td>{f.path}</td>
                  <td>{f.role}</td>
                  <td>{f.size.toLocaleString('en')}</td>
                  <td>
                    <code>{f.declaredSha256.slice(0, 16)}…</code>
                  </td>
                  <td>{f.ok ? '✓' : `✗ ${f.problem ?? ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.problems.length > 0 && (
            <ul className="advice">
              {report.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {!report.signature.present && (
            <label>
              <input
                type="checkbox"
                checked={allowUnsigned}
                onChange={(e) => setAllowUnsigned(e.target.checked)}
              />{' '}
              I know where this unsigned bundle came from (it stays marked unsigned)
            </label>
          )}
          {report.signature.present && report.signature.valid && !report.signature.trusted && (
            <label>
              <input
                type="checkbox"
                checked={acceptSigner}
                onChange={(e) => setAcceptSigner(e.target.checked)}
              />{' '}
              Accept this signer for this bundle (recorded in the audit log)
            </label>
          )}
          <button
            data-testid="import"
            disabled={busy || report.alreadyImported}
            onClick={() => void run()}
          >
            {report.alreadyImported ? 'Already imported' : 'Import'}
          </button>
        </div>
      )}
      {(busy || progress) && (
        <div className="progress-wrap">
          <div
            className="progress"
            role="progressbar"
            data-testid="import-progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress?.percent ?? 0)}
          >
            <div className="bar" style={{ width: `${progress?.percent ?? 0}%` }} />
          </div>
          <div className="muted">
            {progress
              ? `${progress.phase} · ${progress.rows.toLocaleString('en')} rows · ${(progress.bytes / 1e6).toFixed(1)} of ${(progress.totalBytes / 1e6).toFixed(1)} MB`
              : 'starting…'}
          </div>
        </div>
      )}
      {result && (
        <div className="result" data-testid="import-result">
          {result.alreadyImported
            ? 'Already in this case; nothing changed.'
            : `Imported ${result.entityRows.toLocaleString('en')} entity rows (${result.newEntities} new, ${result.mergedEntities} merged), ${result.linkRows.toLocaleString('en')} link rows, ${result.evidenceFiles} evidence files. Signature: ${result.signature}.`}
        </div>
      )}
      {error && (
        <div className="error" data-testid="import-error">
          {error}
        </div>
      )}
    </div>
  );
}
