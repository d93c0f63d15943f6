import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { useApi } from '../api/use-api';
import { OUTCOME_LABELS } from '../../shared/lifecycle/schemas';
import { styleOf } from '../graph/visual-language';
import { formatValue } from '../../shared/format-value';
import type { EntityDetail } from '../../shared/api/contract';
import { visibleControls } from '../../shared/visible-controls';

/** The only image types a picture may be built from (the engine's display allow-list). */
const DISPLAYABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface Shown {
  /** A data: URL of the very bytes hashed, typed by their sniffed type; absent if not displayable. */
  readonly src?: string;
  /** The SHA-256 of the bytes received, computed here. */
  readonly actual: string;
  readonly mediaType: string;
  readonly declaredMediaType: string;
}

function Evidence({ sha256, name }: { sha256: string; name: string }) {
  const [shown, setShown] = useState<Shown>();
  const [big, setBig] = useState(false);
  useEffect(() => {
    let live = true;
    void call('evidence.get', { sha256 }).then(async (e) => {
      const bytes = Uint8Array.from(atob(e.base64), (c) => c.charCodeAt(0));
      const actual = await sha256Hex(bytes);
      // A picture only from the sniffed, allow-listed type, and only of bytes whose hash is
      // the one printed beside it.
      const src =
        e.displayAs && DISPLAYABLE.has(e.displayAs) && actual === sha256
          ? `data:${e.displayAs};base64,${e.base64}`
          : undefined;
      if (live)
        setShown({
          ...(src && { src }),
          actual,
          mediaType: e.mediaType,
          declaredMediaType: e.declaredMediaType,
        });
    });
    return () => {
      live = false;
    };
  }, [sha256]);
  const verified = shown?.actual === sha256;
  const mismatch = shown && shown.declaredMediaType !== shown.mediaType;
  return (
    <figure className="evidence" data-testid="evidence">
      {shown?.src ? (
        <button
          type="button"
          className="plain"
          aria-pressed={big}
          aria-label={big ? `Shrink ${name}` : `Enlarge ${name}`}
          onClick={() => setBig(!big)}
        >
          <img src={shown.src} alt={name} className={big ? 'big' : ''} />
        </button>
      ) : (
        <div className="file" data-testid="evidence-file">
          [file] {visibleControls(name)}
          {shown && <> · {shown.mediaType} · not displayed</>}
        </div>
      )}
      <figcaption>
        {visibleControls(name)}
        <br />
        <code>sha256 {sha256.slice(0, 16)}…</code>{' '}
        {shown?.src && verified && (
          <span className="sig trusted" title="the picture shown is the file with this SHA-256">
            bytes match
          </span>
        )}
        {shown && !verified && <span className="sig invalid">hash differs</span>}
        {mismatch && (
          <div className="muted">
            declared {shown.declaredMediaType}; the bytes are {shown.mediaType}
          </div>
        )}
      </figcaption>
    </figure>
  );
}

/** Issuers that state one identifier differently, side by side (the merged view shows one). */
function IssuerDisagreements({ rows }: { rows: EntityDetail['disagreements'] }) {
  return (
    <section className="disagreements" data-testid="issuer-disagreements">
      <h3>Issuers disagree</h3>
      <table className="props">
        <tbody>
          {rows.flatMap((d) =>
            d.values.map((v, i) => (
              <tr key={`${d.field}-${i}`}>
                {i === 0 && <th rowSpan={d.values.length}>{d.field}</th>}
                <td>{v.value}</td>
                <td className="source">
                  {v.issuer} · <span className={`sig ${v.signature}`}>{v.signature}</span>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

export function EntityPanel({
  entityId,
  onOpen,
}: {
  entityId: number;
  onOpen: (id: number) => void;
}) {
  const { data, error, reload } = useApi('entity.get', { id: entityId }, [entityId]);
  const [note, setNote] = useState('');
  const [tag, setTag] = useState('');
  if (error) return <aside className="panel error">{error.message}</aside>;
  if (!data) return <aside className="panel">loading…</aside>;
  const { entity } = data;
  return (
    <aside className="panel" data-testid="entity-panel">
      <h2>
        <span className="swatch" style={{ background: styleOf(entity.type).color }} />{' '}
        {visibleControls(entity.label)}
      </h2>
      <div className="muted">
        {entity.type} · <code>{visibleControls(entity.key)}</code>
      </div>
      {data.disagreements.length > 0 && <IssuerDisagreements rows={data.disagreements} />}
      <h3>Properties and their sources</h3>
      {data.statements.map((s, i) => (
        <div key={i} className="statement">
          <table className="props">
            <tbody>
              {Object.entries(s.props).map(([k, v]) => (
                <tr key={k}>
                  <th>{k}</th>
                  <td>
                    {typeof v === 'object' ? (
                      <code>{visibleControls(JSON.stringify(v))}</code>
                    ) : (
                      visibleControls(formatValue(v))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="source">
            source: {s.source.bundleId} · {s.source.file}:{s.source.line} ·{' '}
            <span className={`sig ${s.source.signature}`}>{s.source.signature}</span>
          </div>
        </div>
      ))}
      {data.evidence.length > 0 && (
        <>
          <h3>Evidence</h3>
          <div className="evidence-grid">
            {data.evidence.map((e) => (
              <Evidence key={e.sha256} sha256={e.sha256} name={e.name} />
            ))}
          </div>
        </>
      )}
      <h3>
        Linked ({data.linked.length}
        {data.linkedTotal > data.linked.length ? ` of ${data.linkedTotal}` : ''})
      </h3>
      <ul className="linked">
        {data.linked.map((l) => (
          <li key={l.linkId}>
            {l.direction === 'out' ? '→' : '←'} <em>{l.type.replace('_', ' ')}</em>{' '}
            <button type="button" className="link" onClick={() => onOpen(l.entity.id)}>
              {visibleControls(l.entity.label)}
            </button>{' '}
            <span className="muted">({l.entity.type})</span>
          </li>
        ))}
      </ul>
      <EntityOutcomes entityKey={entity.key} />
      <h3>Notes and tags</h3>
      <div className="tags">
        {data.tags.map((t) => (
          <button
            type="button"
            key={t}
            className="tag"
            onClick={() => void call('tag.set', { entityId, tag: t, on: false }).then(reload)}
            title="remove"
            aria-label={`Remove tag ${t}`}
          >
            {t} ✕
          </button>
        ))}
        <input
          placeholder="add tag"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          onKeyDown={(e) =>
            e.key === 'Enter' &&
            tag.trim() &&
            void call('tag.set', { entityId, tag: tag.trim(), on: true }).then(
              () => (setTag(''), reload()),
            )
          }
        />
      </div>
      <ul className="notes">
        {data.notes.map((n) => (
          <li key={n.id}>
            <div>{n.text}</div>
            <div className="muted">
              {n.author}, {n.createdAt}
            </div>
          </li>
        ))}
      </ul>
      <textarea
        placeholder="add a note (recorded in the audit log)"
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button
        disabled={!note.trim()}
        onClick={() =>
          void call('note.add', { entityId, text: note.trim() }).then(() => (setNote(''), reload()))
        }
      >
        Add note
      </button>
    </aside>
  );
}

/** Platform actions taken against this seller or shop, and closures tied to this entity, from the outcomes. */
function EntityOutcomes({ entityKey }: { entityKey: string }) {
  const { data } = useApi('outcomes.list', { target: entityKey }, [entityKey]);
  if (!data?.length) return null;
  return (
    <>
      <h3>Actions and outcomes</h3>
      <ul data-testid="entity-outcomes">
        {data.map((o) => (
          <li key={o.id}>
            {o.data.date} · {OUTCOME_LABELS[o.data.kind]}
            {o.data.kind === 'platform_action' && (
              <>
                {' '}
                · {o.data.action.replaceAll('_', ' ')}
                {o.data.quantity !== undefined ? ` (${o.data.quantity})` : ''}
                {o.data.amount !== undefined ? ` ${o.data.amount} ${o.data.currency ?? ''}` : ''}
              </>
            )}
            {o.data.kind === 'location_closed' && (
              <>
                {' '}
                · {o.data.locationType}: {o.data.address}
              </>
            )}{' '}
            ({o.data.subject.id})
          </li>
        ))}
      </ul>
    </>
  );
}
