import { useState } from 'react';
import type { Output } from '../../shared/api/contract';
import type { PacketType } from '../../shared/evidence/schemas';
import { call } from '../api/client';
import { useApi } from '../api/use-api';
import { ErrorMessage } from '../app/ErrorMessage';
import { FileField, ResultActions, type FileValue } from '../app/FileField';
import { BusyState } from '../app/BusyState';
import { useLongAction } from '../app/long-action';
import { visibleControls } from '../../shared/visible-controls';
import { ExportMatter } from './ExportMatter';

const TYPES: { value: PacketType; label: string }[] = [
  { value: 'referral', label: 'Law-enforcement referral (full detail)' },
  {
    value: 'civil-sellers',
    label: 'Civil suit against sellers (defendants, interrelation, infringement)',
  },
  { value: 'civil-complainant', label: 'Civil suit against a fraudulent complainant' },
  { value: 'brand-share', label: 'Brand-owner share (third-party personal data redacted)' },
];

export function Export({
  ringId,
  complainantKey = null,
}: {
  ringId: string | null;
  complainantKey?: string | null;
}) {
  const rings = useApi('rings.list', {});
  const complainants = useApi('complainants.list', {});
  const [type, setType] = useState<PacketType>(complainantKey ? 'civil-complainant' : 'referral');
  const [ring, setRing] = useState(ringId ?? '');
  const [complainant, setComplainant] = useState(complainantKey ?? '');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [preparer, setPreparer] = useState('');
  const [outFile, setOutFile] = useState<FileValue>();
  const out = outFile?.value ?? '';
  const [preview, setPreview] = useState<Output<'packet.preview'>>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const exporting = useLongAction<Output<'packet.export'>>();
  const { busy, result } = exporting;
  const [previewError, setPreviewError] = useState<unknown>();
  const subject =
    type === 'civil-complainant'
      ? { complainant }
      : { ringId: ring || (rings.data?.rings[0]?.id ?? '') };
  // No preparer typed: the case's examiner profile names the declarant (never a placeholder).
  const base = { type, date, ...(preparer && { preparer }), ...subject };
  const fail = (e: unknown) => setPreviewError(e);
  const exportBlocked = !preview
    ? 'Preview the packet first.'
    : !out
      ? 'Choose where to write the packet first.'
      : busy
        ? 'The export is running.'
        : '';
  return (
    <div className="export" data-testid="export">
      <h1>Export an evidence packet</h1>
      <ExportMatter onChange={() => (setPreview(undefined), exporting.reset())} />
      <div className="form-grid">
        <label>
          Packet type
          <select
            data-testid="packet-type"
            value={type}
            onChange={(e) => (
              setType(e.target.value as PacketType),
              setPreview(undefined),
              exporting.reset()
            )}
          >
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {type === 'civil-complainant' ? (
          <label>
            Complainant
            <select
              data-testid="packet-complainant"
              value={complainant}
              onChange={(e) => (setComplainant(e.target.value), setPreview(undefined))}
            >
              <option value="">choose…</option>
              {complainants.data?.map((c) => (
                <option key={c.complainant.key} value={c.complainant.key}>
                  {c.flagged ? '(flagged) ' : ''}
                  {visibleControls(c.complainant.label)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            Ring
            <select
              data-testid="packet-ring"
              value={subject.ringId}
              onChange={(e) => (setRing(e.target.value), setPreview(undefined))}
            >
              {rings.data?.rings.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.id} — score {r.score.toFixed(1)}, {r.shops.length} shops
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Date printed in the packet
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          Prepared by
          <input
            data-testid="packet-preparer"
            value={preparer}
            onChange={(e) => setPreparer(e.target.value)}
            placeholder="the matter’s examiner, unless named here"
          />
        </label>
        <FileField
          label="Write to"
          purpose="packet"
          value={outFile}
          onChange={(v) => (setOutFile(v), exporting.reset())}
          testid="packet-out"
          suggestedName={`${type}-${subject.ringId ?? 'complainant'}.zip`}
          help="A new .zip file in an existing folder; the folder is checked before the packet is built."
        />
      </div>
      <div className="row">
        <button
          data-testid="packet-preview"
          onClick={() => {
            setPreviewError(undefined);
            exporting.reset();
            void call('packet.preview', base).then(
              (p) => (setPreview(p), setChosen(new Set(p.exhibits.map((x) => x.sha256)))),
              fail,
            );
          }}
        >
          Preview
        </button>
        <button
          data-testid="packet-export"
          disabled={!!exportBlocked}
          aria-describedby="export-rule"
          onClick={() => {
            setPreviewError(undefined);
            void exporting.run((operation) =>
              call('packet.export', { ...base, out, exhibits: [...chosen] }, { operation }),
            );
          }}
        >
          {busy ? 'Exporting…' : 'Export'}
        </button>
        {exportBlocked && !busy && (
          <span className="muted small" id="export-rule" data-testid="export-rule">
            {exportBlocked}
          </span>
        )}
        <BusyState
          action={exporting}
          what="Building the packet: PDF, exhibits, hashes and signature"
          testid="export-busy"
        />
      </div>
      {preview && (
        <div className="report" data-testid="packet-preview-panel">
          <h2>{preview.title}</h2>
          <p>
            Redaction: <strong>{preview.redaction}</strong>
            {preview.masked
              ? ` (${preview.masked} values masked everywhere in the packet)`
              : ''} · {preview.defendants} defendants · {preview.sharedIdentifiers} shared
            identifiers · {preview.orders} orders · {preview.complaints} complaints
          </p>
          <h3>Sections</h3>
          <ol>
            {preview.sections.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          <h3>
            Exhibits ({chosen.size} of {preview.exhibits.length})
          </h3>
          {preview.exhibits.map((x) => (
            <label key={x.sha256} className="exhibit-choice">
              <input
                type="checkbox"
                checked={chosen.has(x.sha256)}
                onChange={() =>
                  setChosen((c) =>
                    c.has(x.sha256)
                      ? new Set([...c].filter((y) => y !== x.sha256))
                      : new Set([...c, x.sha256]),
                  )
                }
              />
              {x.number} {x.name} <code>{x.sha256.slice(0, 16)}…</code>
            </label>
          ))}
        </div>
      )}
      {result && (
        <div className="result" role="status" data-testid="packet-result">
          Wrote {result.file}: packet {result.packetId}, {result.pages} pages ({result.bates.first}–
          {result.bates.last}), {result.exhibits} exhibits, SHA-256 <code>{result.sha256}</code>.
          The export is recorded in the audit log. <ResultActions file={outFile} purpose="packet" />
        </div>
      )}
      <ErrorMessage error={previewError ?? exporting.error} testid="packet-error" />
    </div>
  );
}
