import { useEffect, useId, useState } from 'react';
import type { CaseStatus, Output } from '../../shared/api/contract';
import type { ChosenFile } from '../../shared/api/case-files-contract';
import { call, isDesktop } from '../api/client';
import { ErrorMessage } from '../app/ErrorMessage';
import { FileChooser } from '../app/FileChooser';

type Recent = Output<'case.recent'>[number];
export type OpenCaseInitial = ChosenFile & { purpose: 'open' | 'new' };

/**
 * Open, create or switch to a case: the recent cases first, then a file chosen with a
 * dialog (or, in the web mode, a typed full path), the passphrase, and the demo case.
 */
export function OpenCase({
  onOpened,
  onCancel,
  current,
  initial,
}: {
  /** A file the desktop menu's dialog already chose. */
  initial?: OpenCaseInitial;
  onOpened: (s: CaseStatus) => void;
  /** Switching: back to the case that is still open. */
  onCancel?: () => void;
  current?: string | null;
}) {
  const [path, setPath] = useState('');
  const [chosen, setChosen] = useState<OpenCaseInitial | undefined>(initial);
  const [passphrase, setPassphrase] = useState('');
  const [adviceFor, setAdvice] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [recent, setRecent] = useState<Recent[]>([]);
  const [chooser, setChooser] = useState<'case-open' | 'case-new'>();
  const passId = useId();
  useEffect(() => void call('case.recent', {}).then(setRecent, () => undefined), []);
  useEffect(() => {
    if (!passphrase || chosen?.purpose === 'open') return;
    void call('passphrase.advice', { passphrase }).then((a) => setAdvice(a.warnings));
  }, [passphrase, chosen?.purpose]);
  // Advice is about a new passphrase being typed; an empty field or an existing case has none.
  const advice = passphrase && chosen?.purpose !== 'open' ? adviceFor : [];
  const target = chosen?.token ?? path;
  const run = async (f: () => Promise<CaseStatus>) => {
    setBusy(true);
    setError(undefined);
    try {
      onOpened(await f());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const choose = async (purpose: 'case-open' | 'case-new') => {
    setError(undefined);
    if (!isDesktop) return setChooser(purpose);
    try {
      const c = await call('files.choose', { purpose });
      if (c) {
        setChosen({ ...c, purpose: purpose === 'case-new' ? 'new' : 'open' });
        setPath('');
      }
    } catch (e) {
      setError(e);
    }
  };
  const whyDisabled = !target
    ? 'Choose a case file first.'
    : !passphrase
      ? 'Enter the passphrase first.'
      : '';
  const pickRecent = (r: Recent) => {
    if (!r.token) return;
    setChosen({
      token: r.token,
      name: r.path.split(/[/\\]/).pop() ?? r.name,
      folder: r.path.replace(/[/\\][^/\\]*$/, ''),
      purpose: 'open',
    });
    setPath('');
    document.getElementById(passId)?.focus();
  };
  return (
    <div className="center-card" data-testid="open-case-screen">
      <h1>{current ? 'Switch case' : 'Ringlens'}</h1>
      <p className="muted">
        Anti-counterfeiting investigations. Cases are encrypted files; nothing leaves this machine.
      </p>
      {recent.length > 0 && (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">Recent cases</h2>
          <ul className="recent-cases" data-testid="recent-cases">
            {recent.map((r) => (
              <li key={r.path}>
                <button
                  type="button"
                  data-testid={`recent-${r.name}`}
                  disabled={!r.exists}
                  className={chosen?.token === r.token ? 'active' : ''}
                  aria-pressed={chosen?.token === r.token}
                  onClick={() => pickRecent(r)}
                >
                  <strong>{r.name}</strong>
                  {r.path === current && <span className="muted small"> (open now)</span>}
                  <span className="muted small">
                    {' '}
                    {r.exists ? r.path : `missing: ${r.path}`} · opened{' '}
                    {r.openedAt.slice(0, 16).replace('T', ' ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (whyDisabled || busy) return;
          void run(() =>
            chosen?.purpose === 'new'
              ? call('case.create', { path: target, passphrase })
              : call('case.open', { path: target, passphrase }),
          );
        }}
      >
        <div className="file-field">
          <label htmlFor="case-path">Case file</label>
          <div className="row wrap">
            {chosen ? (
              <output id="case-path" className="chosen grow" data-testid="case-chosen">
                {chosen.purpose === 'new' ? 'New case ' : ''}
                {chosen.name} in {chosen.folder}{' '}
                <button type="button" onClick={() => setChosen(undefined)}>
                  Change
                </button>
              </output>
            ) : (
              !isDesktop && (
                <input
                  id="case-path"
                  data-testid="case-path"
                  className="grow"
                  value={path}
                  onChange={(e) => setPath(e.target.value)}
                  placeholder="a full path, such as /home/me/cases/operation.ringlens"
                />
              )
            )}
            <button
              type="button"
              data-testid="browse-case"
              onClick={() => void choose('case-open')}
            >
              Open existing…
            </button>
            <button
              type="button"
              data-testid="browse-new-case"
              onClick={() => void choose('case-new')}
            >
              New case file…
            </button>
          </div>
        </div>
        <label htmlFor={passId}>Passphrase</label>
        <input
          id={passId}
          data-testid="case-passphrase"
          type="password"
          autoComplete="off"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-describedby={`${passId}-rule`}
        />
        <p className="muted small" id={`${passId}-rule`}>
          {chosen?.purpose === 'open'
            ? 'The passphrase this case was created with.'
            : 'A new case needs a passphrase you can remember and nobody can guess: four or more unusual words. It cannot be recovered if lost.'}
        </p>
        {advice.length > 0 && (
          <ul className="advice" data-testid="passphrase-advice">
            {advice.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        )}
        <div className="row">
          {chosen?.purpose !== 'open' && (
            <button
              type={chosen?.purpose === 'new' ? 'submit' : 'button'}
              data-testid="create-case"
              aria-disabled={busy || !!whyDisabled}
              title={whyDisabled}
              onClick={(e) => {
                if (chosen?.purpose === 'new') return;
                e.preventDefault();
                if (!whyDisabled && !busy)
                  void run(() => call('case.create', { path: target, passphrase }));
              }}
            >
              Create case
            </button>
          )}
          {chosen?.purpose !== 'new' && (
            <button
              type="submit"
              data-testid="open-case"
              aria-disabled={busy || !!whyDisabled}
              title={whyDisabled}
            >
              Open case
            </button>
          )}
          <button
            type="button"
            data-testid="open-demo"
            disabled={busy}
            onClick={() => void run(() => call('case.openDemo', {}))}
          >
            Open the demo case
          </button>
          {onCancel && (
            <button type="button" data-testid="cancel-switch" onClick={onCancel}>
              Back to {current?.split(/[/\\]/).pop()}
            </button>
          )}
        </div>
        {whyDisabled && (
          <p className="muted small" data-testid="open-rule">
            {whyDisabled}
          </p>
        )}
      </form>
      {busy && (
        <p role="status" className="busy">
          <span className="spinner" aria-hidden="true" /> Opening…
        </p>
      )}
      <ErrorMessage error={error} testid="open-error" />
      {chooser && (
        <FileChooser
          purpose={chooser}
          title={chooser === 'case-new' ? 'Where to create the new case' : 'Open a case'}
          suggestedName={chooser === 'case-new' ? 'investigation.ringlens' : undefined}
          onClose={() => setChooser(undefined)}
          onChosen={(c) => (
            setChooser(undefined),
            setChosen({ ...c, purpose: chooser === 'case-new' ? 'new' : 'open' }),
            setPath('')
          )}
        />
      )}
    </div>
  );
}

export function LockScreen({
  path,
  onUnlocked,
}: {
  path: string;
  onUnlocked: (s: CaseStatus) => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<unknown>();
  return (
    <form
      className="center-card"
      data-testid="lock-screen"
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        void call('case.unlock', { passphrase }).then(onUnlocked, setError);
      }}
    >
      <h1>Case locked</h1>
      <p className="muted">{path}</p>
      <p>The key was dropped from memory. Enter the passphrase to continue.</p>
      <label htmlFor="unlock-passphrase">Passphrase</label>
      <input
        id="unlock-passphrase"
        data-testid="unlock-passphrase"
        type="password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        // The unlock screen has one task and one field: focusing it is what people expect of
        // a lock screen, and nothing above it is skipped by a screen reader.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
      <button
        type="submit"
        data-testid="unlock"
        disabled={!passphrase}
        title={passphrase ? '' : 'Enter the passphrase first.'}
      >
        Unlock
      </button>
      <ErrorMessage error={error} testid="unlock-error" />
    </form>
  );
}
