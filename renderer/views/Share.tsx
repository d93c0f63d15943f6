import { useState } from 'react';
import type { Output } from '../../shared/api/contract';
import { CsvMapping } from '../../shared/interop/csv-mapping';
import { call } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { BusyState } from '../app/BusyState';
import { useLongAction } from '../app/long-action';
import { FileField, ResultActions, type FileValue } from '../app/FileField';
import { useApi } from '../api/use-api';
import { MappingEditor, draftToMapping, type MappingDraft } from '../interop/MappingEditor';

const FIRST_DRAFT: MappingDraft = {
  name: 'New mapping',
  entities: [{ type: 'seller', id: '', props: {} }],
  links: [],
};

export function Share({ ringId: shownRing = null }: { ringId?: string | null }) {
  const rings = useApi('rings.list', {});
  const saved = useApi('csv.mappings', {});
  const [csvFile, setCsvFile] = useState<FileValue>();
  const csvPath = csvFile?.value ?? '';
  const [head, setHead] = useState<Output<'csv.head'>>();
  const [draft, setDraft] = useState<MappingDraft>(FIRST_DRAFT);
  const [jsonText, setJsonText] = useState<string>();
  const [savedAs, setSavedAs] = useState<string>();
  const [preview, setPreview] = useState<Output<'csv.preview'>>();
  const [allowUnsigned, setAllowUnsigned] = useState(false);
  const importAction = useLongAction<Output<'csv.import'>>();
  const imported = importAction.result;
  const [format, setFormat] = useState<'ftm' | 'graphml' | 'gexf' | 'review'>('review');
  // null: not chosen yet (the ring on screen, else the top ring); '': the whole case.
  const [ring, setRing] = useState<string | null>(shownRing);
  const [redact, setRedact] = useState(false);
  const [outFile, setOutFile] = useState<FileValue>();
  const out = outFile?.value ?? '';
  const exportAction = useLongAction<Output<'interop.export'>>();
  const { busy: exporting, result: exported } = exportAction;
  const [error, setError] = useState<unknown>();
  const fail = (e: unknown) => setError(e);
  /** A new action starts: the last action's result and error go. */
  const starting = () => (setError(undefined), exportAction.reset(), importAction.reset());
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
  // The scope the menu shows is the scope written: a review pack is always one ring.
  const firstRing = rings.data?.rings[0]?.id ?? '';
  const scope = ring === null || (ring === '' && format === 'review') ? firstRing : ring;
  return (
    <div className="share" data-testid="share">
      <h1>Import a CSV through a mapping</h1>
      <p className="muted">
        A brand's spreadsheet or a police list: say which columns make which entities, preview the
        first rows and the errors, then import (all or nothing).
      </p>
      <div className="row">
        <FileField
          label="CSV file"
          purpose="csv"
          value={csvFile}
          onChange={(v) => (setCsvFile(v), setHead(undefined), setPreview(undefined))}
          testid="csv-path"
        />
        <button
          data-testid="csv-read"
          disabled={!csvPath}
          title={csvPath ? '' : 'Choose a CSV file first.'}
          onClick={() => {
            starting();
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
      <MappingEditor
        columns={head?.columns ?? []}
        rows={head?.rows ?? []}
        draft={draft}
        onChange={edit}
      />
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
            starting();
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
          disabled={!csvPath}
          title={csvPath ? '' : 'Choose a CSV file first.'}
          onClick={() => {
            starting();
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
          disabled={!preview || preview.errors.length > 0 || !allowUnsigned || importAction.busy}
          aria-describedby="csv-import-rule"
          onClick={() => {
            starting();
            try {
              const input = { csvPath, mapping: mapping(), allowUnsigned };
              void importAction.run((operation) => call('csv.import', input, { operation }));
            } catch (e) {
              fail(e);
            }
          }}
        >
          {importAction.busy ? 'Importing…' : 'Import'}
        </button>
        <BusyState action={importAction} what="Importing the CSV" testid="csv-import-busy" />
        {(!preview || preview.errors.length > 0 || !allowUnsigned) && (
          <span className="muted small" id="csv-import-rule" data-testid="csv-import-rule">
            {!preview
              ? 'Preview the mapping first.'
              : preview.errors.length
                ? 'Fix the rows listed below first: the import is all or nothing.'
                : 'A CSV is unsigned: tick "I know where this unsigned file came from" first.'}
          </span>
        )}
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
            onChange={(e) => (setFormat(e.target.value as typeof format), exportAction.reset())}
          >
            <option value="review">Field-officer review pack (offline HTML)</option>
            <option value="ftm">FollowTheMoney (Aleph)</option>
            <option value="graphml">GraphML (Gephi, Cytoscape desktop)</option>
            <option value="gexf">GEXF (Gephi)</option>
          </select>
        </label>
        <label>
          Ring
          <select
            data-testid="share-ring"
            value={scope}
            onChange={(e) => (setRing(e.target.value), exportAction.reset())}
          >
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
        <FileField
          label="Write to"
          purpose="share"
          value={outFile}
          onChange={(v) => (setOutFile(v), exportAction.reset())}
          testid="share-out"
          suggestedName={`${scope || 'case'}.${format === 'review' ? 'html' : format === 'ftm' ? 'ftm.jsonl' : format}`}
        />
      </div>
      <div className="row">
        <button
          data-testid="share-export"
          disabled={!out || exporting || (format === 'review' && !scope)}
          title={!out ? 'Choose where to write first.' : ''}
          onClick={() => {
            starting();
            void exportAction.run((operation) =>
              call(
                'interop.export',
                { format, ...(scope ? { ringId: scope } : {}), redact, out },
                { operation },
              ),
            );
          }}
        >
          {exporting ? 'Exporting…' : `Export ${scope ? `ring ${scope}` : 'the whole case'}`}
        </button>
        <BusyState
          action={exportAction}
          what={`Writing ${scope || 'the whole case'}`}
          testid="share-busy"
        />
      </div>
      {exported && (
        <div className="result" role="status" data-testid="share-result">
          Wrote {exported.file} ({exported.items} items
          {scope ? ` of ring ${scope}` : ', the whole case'}), SHA-256{' '}
          <code>{exported.sha256}</code>. <ResultActions file={outFile} purpose="share" />
        </div>
      )}
      <ErrorMessage
        error={error ?? importAction.error ?? exportAction.error}
        testid="share-error"
      />
    </div>
  );
}
