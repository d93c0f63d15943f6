import { userMessage } from './messages';

/** An error as a plain sentence and what to do, the technical detail behind "Details". */
export function ErrorMessage({ error, testid }: { error: unknown; testid?: string }) {
  if (error === undefined || error === null || error === '') return null;
  const m = userMessage(error);
  return (
    <div className="error" role="alert" data-testid={testid}>
      <p className="error-text">
        {m.where && <strong>{m.where}: </strong>}
        {m.text}
      </p>
      {m.hint && <p className="error-hint">{m.hint}</p>}
      {m.details && (
        <details className="error-details">
          <summary>Details</summary>
          <pre>{m.details}</pre>
        </details>
      )}
    </div>
  );
}
