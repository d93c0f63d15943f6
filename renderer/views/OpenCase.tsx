import { useEffect, useState } from 'react';
import type { CaseStatus } from '../../shared/api/contract';
import { ApiError, call } from '../api/client';
import { formatError } from '../../shared/errors';

export function OpenCase({ onOpened }: { onOpened: (s: CaseStatus) => void }) {
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [adviceFor, setAdvice] = useState<string[]>([]);
  // Advice is about the passphrase being typed; an empty field has none.
  const advice = passphrase ? adviceFor : [];
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!passphrase) return;
    void call('passphrase.advice', { passphrase }).then((a) => setAdvice(a.warnings));
  }, [passphrase]);
  const run = async (f: () => Promise<CaseStatus>) => {
    setBusy(true);
    setError('');
    try {
      onOpened(await f());
    } catch (e) {
      setError(e instanceof ApiError ? formatError(e.info) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="center-card">
      <h1>Ringlens</h1>
      <p className="muted">
        Anti-counterfeiting investigations. Cases are encrypted files; nothing leaves this machine.
      </p>
      <label>
        Case file
        <input
          data-testid="case-path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/path/to/investigation.ringlens"
        />
      </label>
      <label>
        Passphrase
        <input
          data-testid="case-passphrase"
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
      {advice.length > 0 && (
        <ul className="advice" data-testid="passphrase-advice">
          {advice.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <button
          data-testid="create-case"
          disabled={busy || !path || !passphrase}
          onClick={() => void run(() => call('case.create', { path, passphrase }))}
        >
          Create case
        </button>
        <button
          data-testid="open-case"
          disabled={busy || !path || !passphrase}
          onClick={() => void run(() => call('case.open', { path, passphrase }))}
        >
          Open case
        </button>
        <button
          data-testid="open-demo"
          disabled={busy}
          onClick={() => void run(() => call('case.openDemo', {}))}
        >
          Open the demo case
        </button>
      </div>
      {error && (
        <div className="error" data-testid="open-error">
          {error}
        </div>
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
  const [error, setError] = useState('');
  return (
    <div className="center-card" data-testid="lock-screen">
      <h1>Case locked</h1>
      <p className="muted">{path}</p>
      <p>The key was dropped from memory. Enter the passphrase to continue.</p>
      <input
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
        data-testid="unlock"
        onClick={() =>
          void call('case.unlock', { passphrase }).then(onUnlocked, (e: unknown) =>
            setError(e instanceof ApiError ? formatError(e.info) : String(e)),
          )
        }
      >
        Unlock
      </button>
      {error && <div className="error">{error}</div>}
    </div>
  );
}
