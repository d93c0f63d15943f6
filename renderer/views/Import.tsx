import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../shared/api/contract';
import type { ImportProgress } from '../../shared/bundle/import-report';
import { call, isDesktop, on, pathForFile } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { useLongAction } from '../app/long-action';
import { FileField, type FileValue } from '../app/FileField';

export function Import({ onImported, onRings }: { onImported: () => void; onRings: () => void }) {
  const [file, setFile] = useState<FileValue>();
  const path = file?.value ?? '';
  const setPath = (p: string) => setFile(p ? { value: p } : undefined);
  const [report, setReport] = useState<Output<'bundle.inspect'>>();
  const [progress, setProgress] = useState<ImportProgress>();
  const importing = useLongAction<Output<'bundle.import'>>();
  const { result } = importing;
  const [error, setError] = useState<unknown>();
  const [allowUnsigned, setAllowUnsigned] = useState(false);
  const [acceptSigner, setAcceptSigner] = useState(false);
  const busy = importing.busy;
  useEffect(() => on('import.progress', setProgress), []);
  // The report above can be long: when an import starts, bring its progress and Cancel into view.
  const progressRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (busy) progressRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [busy]);
  const fail = (e: unknown) => setError(e);
  const inspect = async (p = path) => {
    setError(undefined);
    setAllowUnsigned(false);
    setAcceptSigner(false);
    importing.reset();
    setReport(undefined);
    try {
      setReport(await call('bundle.inspect', { path: p }));
    } catch (e) {
      fail(e);
    }
  };
  const run = () => {
    setError(undefined);
    setProgress(undefined);
    return importing.run(async (operation) => {
      const r = await call('bundle.import', { path, allowUnsigned, acceptSigner }, { operation });
      onImported();
      return r;
    });
  };
  const importBlocked = !report
    ? 'Verify the bundle first.'
    : busy
      ? 'The import is running.'
      : report.alreadyImported
        ? 'This bundle is already in the case.'
        : !report.signature.present && !allowUnsigned
          ? 'This bundle is unsigned: tick "I know where this unsigned bundle came from" to import it.'
          : report.signature.present && !report.signature.valid
            ? 'The signature does not match the bundle: it was altered after signing and cannot be imported.'
            : report.signature.present && !report.signature.trusted && !acceptSigner
              ? 'The signer is not trusted in this case yet: tick "Accept this signer" to import it.'
              : '';
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
        } else
          setError(
            'Dropping files works in the desktop app. Here, use Browse… to choose the bundle.',
          );
      }}
    >
      <h1>Import a lead bundle</h1>
      <p className="muted">
        {isDesktop
          ? 'Drop a bundle here or choose it with Browse….'
          : 'Choose a bundle with Browse….'}{' '}
        A lead bundle (.zip) or a FollowTheMoney stream (.jsonl). It is verified (hashes, signature,
        every row) and imported all or nothing.
      </p>
      <div className="row">
        <FileField
          label="Bundle file"
          purpose="bundle"
          value={file}
          onChange={(v) => (setFile(v), setReport(undefined), importing.reset())}
          testid="bundle-path"
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
            disabled={!!importBlocked}
            aria-describedby="import-rule"
            onClick={() => void run()}
          >
            {busy ? 'Importing…' : report.alreadyImported ? 'Already imported' : 'Import'}
          </button>
          {importBlocked && (
            <p className="muted small" id="import-rule" data-testid="import-rule">
              {importBlocked}
            </p>
          )}
        </div>
      )}
      {(busy || progress) && (
        <div className="progress-wrap" ref={progressRef}>
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
            {importing.cancelling
              ? 'Cancelling: the import rolls back, the case stays as it was…'
              : progress
                ? `${progress.phase} · ${progress.rows.toLocaleString('en')} rows · ${(progress.bytes / 1e6).toFixed(1)} of ${(progress.totalBytes / 1e6).toFixed(1)} MB`
                : 'starting…'}
          </div>
          {busy && (
            <button
              type="button"
              data-testid="import-cancel"
              disabled={importing.cancelling}
              onClick={() => importing.cancel()}
            >
              Cancel
            </button>
          )}
        </div>
      )}
      {result && (
        <div className="result" role="status" data-testid="import-result">
          {result.alreadyImported
            ? 'Already in this case; nothing changed.'
            : `Imported ${result.entityRows.toLocaleString('en')} entity rows (${result.newEntities} new, ${result.mergedEntities} merged), ${result.linkRows.toLocaleString('en')} link rows, ${result.evidenceFiles} evidence files. Signature: ${result.signature}.`}{' '}
          <button type="button" data-testid="go-to-rings" onClick={onRings}>
            Go to the rings
          </button>
        </div>
      )}
      <ErrorMessage error={error ?? importing.error} testid="import-error" />
    </div>
  );
}
