import { useState } from 'react';
import type { CaseStatus } from '../../shared/api/contract';
import { call } from '../api/client';

/**
 * Minutes of inactivity before the key is dropped. The text is kept as typed and sent only
 * when it is a whole number from 1 to 1440 (clearing the field to type "15" no longer turns
 * into 115); anything else says what is allowed and changes nothing.
 */
export function AutoLockField({
  minutes,
  onChanged,
}: {
  minutes: number;
  onChanged: (s: CaseStatus) => void;
}) {
  const [text, setText] = useState(String(minutes));
  // A new value from the engine replaces what is typed (React's "adjust state on prop change").
  const [shown, setShown] = useState(minutes);
  if (shown !== minutes) {
    setShown(minutes);
    setText(String(minutes));
  }
  const n = Number(text);
  const valid = /^\d+$/.test(text.trim()) && n >= 1 && n <= 1440;
  const commit = () => {
    if (valid && n !== minutes) void call('case.setAutoLock', { minutes: n }).then(onChanged);
    if (!valid) return;
  };
  return (
    <div className="autolock small">
      <label htmlFor="autolock">Auto-lock after (minutes)</label>
      <input
        id="autolock"
        data-testid="autolock"
        inputMode="numeric"
        value={text}
        aria-invalid={!valid}
        aria-describedby="autolock-rule"
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <div
        id="autolock-rule"
        className={valid ? 'muted' : 'field-error'}
        data-testid="autolock-rule"
      >
        {valid ? '1 to 1440 (24 hours)' : 'Enter whole minutes from 1 to 1440.'}
      </div>
    </div>
  );
}
