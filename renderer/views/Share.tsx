import { useState } from 'react';
import type { Output } from '../../shared/api/contract';
import { CsvMapping } from '../../shared/interop/csv-mapping';
import { formatError } from '../../shared/errors';
import { ApiError, call } from '../api/client';
import { useApi } from '../api/use-api';
import { MappingEditor, draftToMapping, type MappingDraft } from '../interop/MappingEditor';

const FIRST_DRAFT: MappingDraft = {
  name: 'New mapping',
  entities: [{ type: 'seller', id: '', props: {} }],
  links: [],
};

export function Share() {
  const rings = useApi('rings.list', {});
  const saved = useApi('csv.mappings', {});
  const [csvPath, setCsvPath] = useState('');
  const [head, setHead] = useState<Output<'csv.head'>>();
  const [draft, setDraft] = useState<MappingDraft>(FIRST_DRAFT);
  const [jsonText, setJsonText] = useState<string>();
  const [savedAs, setSavedAs] = useState<string>();
  const [preview, setPreview] = useState<Output<'csv.preview'>>();
  const [allowUnsigned, setAllowUnsigned] = useState(false);
  const [imported, setImported] = useState<Output<'csv.import'>>();
  const [format, setFormat] = useState<'ftm' | 'graphml' | 'gexf' | 'review'>('review');
  const [ring, setRing] = useState('');
  const [redact, setRedact] = useState(false);
  const [out, setOut] = useState('');
  const [exported, setExported] = useState<Output<'interop.export'>>();
  const [error, setError] = useState('');
  const fail = (e: unknown) => setError(e instanceof ApiError ? formatError(e.info) : String(e));
  const mapping = () => {
    const parsed = CsvMapping.safeParse(draftToMapping(draft));
    if (!parsed.success)
      throw new Error(
        `mapping: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`,
      );
    return parsed.data;
  };
  const edit = (d: MappingDraft) => (
    setDraft(d),
    setJsonText(undefined),
    setPreview(undefined),
    setSavedAs(undefined)
  );
  const ringId = ring || rings.data?.rings[0]?.id;
  return (
    <div className="share" data-testid="share">
      <h1>Import a CSV through a mapping</h1>
      <p className="muted">
        A brand's spreadsheet or a police list: say which columns make which entities, preview the
        first rows and the errors, then import (all or nothing).
      </p>
      <div className="row">
        <label>
          CSV file
          <input
            data-testid="csv-path"
            value={csvPath}
            onChange={(e) => setCsvPath(e.target.value)}
            placeholder="/path/to/export.csv"
            size={50}
          />
        </label>
        <button
          data-testid="csv-read"
          disabled={!csvPath}
          onClick={() => {
            setError('');
            void call('csv.head', { csvPath }).then(setHead, fail);
          }}
        >
          Read columns
        </button>
        <label>
          Saved mappings
          <select
            data-testid="mapping-saved"
            value=""
            onChange={(e) => {
              const m = saved.data?.find((x) => x.name === e.target.value);
              if (m) edit(m);
            }}
          >
            <option value="">{saved.data?.length ? 'load…' : 'none saved in this case'}</option>
            {saved.data?.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {head && (
        <table className="compact" data-testid="csv-head">
          <thead>
            <tr>
              {head.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {head.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, k) => (
                  <td key={k}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MappingEditor columns={head?.columns ?? []} draft={draft} onChange={edit} />
      <details>
        <summary>
          The mapping as JSON (for <code>ringlens import --mapping FILE</code>)
        </summary>
        <textarea
          data-testid="csv-mapping"
          rows={10}
          cols={90}
          value={jsonText ?? JSON.stringify(draftToMapping(draft), null, 2)}
          onChange={(e) => {
            setJsonText(e.target.value);
            try {
              const parsed = CsvMapping.safeParse(JSON.parse(e.target.value));
              if (parsed.success) {
                setDraft(parsed.data);
                setPreview(undefined);
              }
            } catch {
              // Half-typed JSON: keep the text, keep the last valid draft.
            }
          }}
        />
      </details>
      <div className="row">
        <button
          data-testid="mapping-save"
          onClick={() => {
            setError('');
            try {
              void call('csv.saveMapping', { mapping: mapping() }).then(
                (r) => (setSavedAs(`${r.name} (sha256 ${r.sha256.slice(0, 12)}…)`), saved.reload()),
                fail,
              );
            } catch (e) {
              fail(e);
            }
          }}
        >
          Save mapping in this case
        </button>
        {savedAs && <span data-testid="mapping-saved-as">saved as {savedAs}</span>}
      </div>
      <div className="row">
        <button
          data-testid="csv-preview"
          onClick={() => {
            setError('');
            try {
              void call('csv.preview', { csvPath, mapping: mapping() }).then(setPreview, fail);
            } catch (e) {
              fail(e);
            }
          }}
        >
          Preview
        </button>
        <label>
          <input
            type="checkbox"
            checked={allowUnsigned}
            onChange={(e) => setAllowUnsigned(e.target.checked)}
          />{' '}
          I know where this unsigned file came from
        </label>
        <button
          data-testid="csv-import"
          disabled={!preview || preview.errors.length > 0}
          onClick={() => {
            setError('');
            try {
              void call('csv.import', { csvPath, mapping: mapping(), allowUnsigned }).then(
                setImported,
                fail,
              );
            } catch (e) {
              fail(e);
            }
          }}
        >
          Import
        </button>
      </div>
      {preview && (
        <div className="report" data-testid="csv-preview-panel">
          <p>{preview.total} entities in all; the first rows map to:</p>
          <table>
            <thead>
              <tr>
                <th>type</th>
                <th>id</th>
                <th>properties</th>
              </tr>
            </thead>
            <tbody>
              {preview.entities.map((e) => (
                <tr key={e.id}>
                  <td>{e.type}</td>
                  <td>{e.id}</td>
                  <td>
                    <code>{JSON.stringify(e.props)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <thead>
              <tr>
                <th>link</th>
                <th>from</th>
                <th>to</th>
              </tr>
            </thead>
            <tbody>
              {preview.links.map((l, i) => (
                <tr key={i}>
                  <td>{l.type}</td>
                  <td>{l.from}</td>
                  <td>{l.to}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.errors.length > 0 && (
            <ul className="advice">
              {preview.errors.map((e, i) => (
                <li key={i}>
                  line {e.line}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {imported && (
        <div className="result" data-testid="csv-result">
          {imported.alreadyImported
            ? 'Already in this case; nothing changed.'
            : `Imported ${imported.entityRows} entities and ${imported.linkRows} links (${imported.newEntities} new).`}
        </div>
      )}

      <h1>Export for other tools and people</h1>
      <div className="form-grid">
        <label>
          Format
          <select
            data-testid="share-format"
            value={format}
            onChange={(e) => setFormat(e.target.value as typeof format)}
          >
            <option value="review">Field-officer review pack (offline HTML)</option>
            <option value="ftm">FollowTheMoney (Aleph)</option>
            <option value="graphml">GraphML (Gephi, Cytoscape desktop)</option>
            <option value="gexf">GEXF (Gephi)</option>
          </select>
        </label>
        <label>
          Ring
          <select value={ringId ?? ''} onChange={(e) => setRing(e.target.value)}>
            {format !== 'review' && <option value="">the whole case</option>}
            {rings.data?.rings.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} — {r.shops.length} shops
              </option>
            ))}
          </select>
        </label>
        {format === 'review' && (
          <label>
            <span>
              <input
                type="checkbox"
                checked={redact}
                onChange={(e) => setRedact(e.target.checked)}
              />{' '}
              mask third parties' personal data
            </span>
          </label>
        )}
        <label>
          Write to
          <input
            data-testid="share-out"
            value={out}
            onChange={(e) => setOut(e.target.value)}
            placeholder="/path/to/file"
          />
        </label>
      </div>
      <button
        data-testid="share-export"
        disabled={!out}
        onClick={() => {
          setError('');
          void call('interop.export', {
            format,
            ...(ring || format === 'review' ? { ringId: ringId! } : {}),
            redact,
            out,
          }).then(setExported, fail);
        }}
      >
        Export
      </button>
      {exported && (
        <div className="result" data-testid="share-result">
          Wrote {exported.file} ({exported.items} items), SHA-256 <code>{exported.sha256}</code>.
        </div>
      )}
      {error && <div className="error">{error}</div>}
    </div>
  );
}
