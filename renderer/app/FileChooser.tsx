/**
 * The web mode's file chooser: a dialog over the engine's listing of the folders the person
 * allowed (files.roots / files.list), returning a grant token (files.pick). Keyboard: arrows
 * and Enter in the list, Backspace goes up, Escape closes.
 */
import { useEffect, useRef, useState } from 'react';
import {
  WRITE_PURPOSES,
  type ChosenFile,
  type FilePurpose,
  type FolderListing,
} from '../../shared/api/case-files-contract';
import type { Output } from '../../shared/api/contract';
import { call } from '../api/client';
import { ErrorMessage } from './ErrorMessage';

export function FileChooser({
  purpose,
  title,
  suggestedName,
  start,
  browseOnly = false,
  onChosen,
  onClose,
}: {
  purpose: FilePurpose;
  title: string;
  suggestedName?: string;
  start?: { root: string; dir: string[] };
  browseOnly?: boolean;
  onChosen: (c: ChosenFile) => void;
  onClose: () => void;
}) {
  const writing = WRITE_PURPOSES.has(purpose);
  const [roots, setRoots] = useState<Output<'files.roots'>>([]);
  const [at, setAt] = useState<{ root: string; dir: string[] } | undefined>(start);
  const [listing, setListing] = useState<FolderListing>();
  const [selected, setSelected] = useState<string>();
  const [name, setName] = useState(suggestedName ?? '');
  const [error, setError] = useState<unknown>();
  const dialog = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    void call('files.roots', {}).then((r) => {
      setRoots(r);
      setAt((a) => a ?? (r[0] ? { root: r[0].id, dir: [] } : undefined));
    }, setError);
    const previous = opener.current;
    return () => (previous as HTMLElement | null)?.focus?.();
  }, []);
  // Escape closes the chooser wherever the focus is (it may still be on the opener).
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    dialog.current?.focus();
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  // The listing follows the folder shown (its root and path), not the object that names it.
  const folderKey = at ? `${at.root}:${at.dir.join('/')}` : '';
  useEffect(() => {
    if (!at) return;
    // A new folder starts a listing request to the engine; the old answer and choice go.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setError(undefined);
    setSelected(undefined);
    void call('files.list', { ...at, purpose }).then(setListing, setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- folderKey stands for `at`
  }, [folderKey, purpose]);
  useEffect(
    () => dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus(),
    [listing],
  );

  const pick = async (fileName: string) => {
    if (!at) return;
    setError(undefined);
    try {
      onChosen(await call('files.pick', { ...at, name: fileName, purpose }));
    } catch (e) {
      setError(e);
    }
  };
  const up = () => at && at.dir.length && setAt({ root: at.root, dir: at.dir.slice(0, -1) });
  const enter = (entry: FolderListing['entries'][number]) =>
    entry.kind === 'folder'
      ? setAt({ root: at!.root, dir: [...at!.dir, entry.name] })
      : writing
        ? setName(entry.name)
        : !browseOnly && void pick(entry.name);

  return (
    // A click beside the dialog closes it, as people expect; the keyboard has Escape (above).
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal file-chooser"
        role="dialog"
        aria-modal="true"
        aria-labelledby="chooser-title"
        ref={dialog}
        data-testid="file-chooser"
        tabIndex={-1}
      >
        <h2 id="chooser-title">{title}</h2>
        <p className="muted small">
          Shows only the folders allowed when Ringlens was started (add more with{' '}
          <code>--folder</code>).
        </p>
        <div className="chooser-body">
          <nav aria-label="Places" className="chooser-roots">
            {roots.map((r) => (
              <button
                key={r.id}
                type="button"
                className={at?.root === r.id ? 'active' : ''}
                aria-current={at?.root === r.id ? 'true' : undefined}
                title={r.path}
                onClick={() => setAt({ root: r.id, dir: [] })}
              >
                {r.label}
              </button>
            ))}
          </nav>
          <div className="chooser-main">
            <div className="row">
              <button
                type="button"
                onClick={up}
                disabled={!at?.dir.length}
                data-testid="chooser-up"
              >
                Up
              </button>
              <span className="muted small chooser-where" data-testid="chooser-where">
                {listing?.display}
              </span>
            </div>
            <ul className="chooser-list" aria-label="Files and folders">
              {listing?.entries.length === 0 && <li className="muted">This folder is empty.</li>}
              {listing?.entries.map((e, i) => (
                <li key={e.name}>
                  <button
                    type="button"
                    data-testid={`chooser-entry-${e.name}`}
                    data-autofocus={i === 0 ? '' : undefined}
                    className={selected === e.name ? 'active' : ''}
                    aria-pressed={selected === e.name}
                    onClick={() => (
                      setSelected(e.name),
                      e.kind === 'folder' ? enter(e) : writing && setName(e.name)
                    )}
                    onDoubleClick={() => enter(e)}
                    onKeyDown={(k) => {
                      if (k.key === 'Enter') {
                        k.preventDefault();
                        enter(e);
                      }
                      if (k.key === 'Backspace') {
                        k.preventDefault();
                        up();
                      }
                      if (k.key === 'ArrowDown' || k.key === 'ArrowUp') {
                        k.preventDefault();
                        const all = [
                          ...(dialog.current?.querySelectorAll<HTMLElement>(
                            '.chooser-list button',
                          ) ?? []),
                        ];
                        all[
                          Math.max(
                            0,
                            Math.min(all.length - 1, i + (k.key === 'ArrowDown' ? 1 : -1)),
                          )
                        ]?.focus();
                      }
                    }}
                  >
                    <span className="entry-kind">{e.kind === 'folder' ? 'Folder' : 'File'}</span>{' '}
                    {e.name}
                    {e.kind === 'file' && (
                      <span className="muted small"> · {(e.size / 1024).toFixed(0)} KB</span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </div>
        {writing && !browseOnly && (
          <label>
            File name
            <input
              data-testid="chooser-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && name && void pick(name)}
            />
          </label>
        )}
        <ErrorMessage error={error} testid="chooser-error" />
        <div className="row end">
          <button type="button" onClick={onClose}>
            {browseOnly ? 'Close' : 'Cancel'}
          </button>
          {!browseOnly && (
            <button
              type="button"
              data-testid="chooser-choose"
              disabled={
                writing
                  ? !name
                  : !selected || listing?.entries.find((x) => x.name === selected)?.kind !== 'file'
              }
              title={writing ? (name ? '' : 'Type a file name first') : 'Select a file first'}
              onClick={() => void pick(writing ? name : selected!)}
            >
              {writing ? 'Save here' : 'Choose'}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
