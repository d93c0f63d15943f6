/**
 * A file the person chooses: "Browse…" opens the system's dialog in the desktop app, or the
 * engine's folder chooser in the web mode. The value handed to the API is an opaque grant
 * token; the web mode also accepts a typed full path (the engine checks it at once).
 */
import { useId, useState } from 'react';
import type { ChosenFile, FilePurpose } from '../../shared/api/case-files-contract';
import { call, isDesktop } from '../api/client';
import { FileChooser } from './FileChooser';
import { ErrorMessage } from './ErrorMessage';

export interface FileValue {
  /** What the API receives: a grant token or a typed absolute path. */
  readonly value: string;
  readonly chosen?: ChosenFile;
}

export function FileField({
  label,
  purpose,
  value,
  onChange,
  testid,
  suggestedName,
  help,
}: {
  label: string;
  purpose: FilePurpose;
  value: FileValue | undefined;
  onChange: (v: FileValue | undefined) => void;
  testid: string;
  suggestedName?: string;
  help?: string;
}) {
  const id = useId();
  const [chooser, setChooser] = useState(false);
  const [error, setError] = useState<unknown>();
  const browse = async () => {
    setError(undefined);
    if (!isDesktop) return setChooser(true);
    try {
      const c = await call('files.choose', { purpose, ...(suggestedName && { suggestedName }) });
      if (c) onChange({ value: c.token, chosen: c });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="file-field">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        {isDesktop ? (
          <output id={id} className="chosen" data-testid={testid}>
            {value?.chosen ? `${value.chosen.name} in ${value.chosen.folder}` : 'nothing chosen'}
          </output>
        ) : (
          <input
            id={id}
            data-testid={testid}
            className="grow"
            value={
              value?.chosen ? `${value.chosen.folder}/${value.chosen.name}` : (value?.value ?? '')
            }
            onChange={(e) => onChange(e.target.value ? { value: e.target.value } : undefined)}
            placeholder="Browse…, or a full path"
            aria-describedby={help ? `${id}-help` : undefined}
          />
        )}
        <button type="button" data-testid={`${testid}-browse`} onClick={() => void browse()}>
          Browse…
        </button>
      </div>
      {help && (
        <p className="muted small" id={`${id}-help`}>
          {help}
        </p>
      )}
      <ErrorMessage error={error} />
      {chooser && (
        <FileChooser
          purpose={purpose}
          title={label}
          suggestedName={suggestedName}
          onClose={() => setChooser(false)}
          onChosen={(c) => (setChooser(false), onChange({ value: c.token, chosen: c }))}
        />
      )}
    </div>
  );
}

/** After an export or import: open the file, or show it in its folder. */
export function ResultActions({
  file,
  purpose = 'packet',
}: {
  file: FileValue | undefined;
  purpose?: FilePurpose;
}) {
  const [error, setError] = useState<unknown>();
  const [folder, setFolder] = useState<{ root: string; dir: string[] }>();
  const token = file?.chosen?.token;
  if (!token) return null;
  const reveal = async (how: 'open' | 'folder') => {
    setError(undefined);
    try {
      const r = await call('files.reveal', { token, how });
      if (r.href) {
        const a = document.createElement('a');
        a.href = `${r.href}&token=${encodeURIComponent(sessionStorage.getItem('ringlens-token') ?? '')}`;
        a.download = file.chosen!.name;
        a.click();
      } else if (r.root) setFolder({ root: r.root, dir: r.dir ?? [] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <span className="result-actions">
      <button type="button" data-testid="result-open" onClick={() => void reveal('open')}>
        Open
      </button>
      <button type="button" data-testid="result-folder" onClick={() => void reveal('folder')}>
        Show in folder
      </button>
      <ErrorMessage error={error} />
      {folder && (
        <FileChooser
          purpose={purpose}
          title={`In ${file.chosen.folder}`}
          browseOnly
          start={folder}
          onClose={() => setFolder(undefined)}
          onChosen={() => setFolder(undefined)}
        />
      )}
    </span>
  );
}
