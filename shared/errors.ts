/**
 * Error codes that cross every boundary (IPC, the web bridge, the CLI's exit codes).
 * Callers branch on `code`; `message` is for people and never contains a passphrase or key.
 */
export const ERROR_CODES = [
  'WRONG_PASSPHRASE',
  'NOT_A_CASE',
  'CASE_EXISTS',
  'CASE_NOT_FOUND',
  'CASE_LOCKED',
  'SCHEMA_TOO_NEW',
  'NOT_ENCRYPTED',
  'BUNDLE_INVALID',
  'BUNDLE_UNSIGNED',
  'BUNDLE_UNTRUSTED_SIGNER',
  'BUNDLE_BAD_SIGNATURE',
  'BUNDLE_CONFLICT',
  'ROW_INVALID',
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'AUDIT_BROKEN',
  'PACKET_INVALID',
  'IO_ERROR',
  /** The person cancelled a long action; nothing was kept. */
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in an input file a problem sits, so the user can go and fix it. */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  /** A column of the user's CSV (by its header name). */
  readonly column?: string;
  readonly field?: string;
}

export interface ErrorInfo extends ErrorLocation {
  readonly code: ErrorCode;
  readonly message: string;
  /** What the user can do about it. */
  readonly hint?: string;
  /** The technical detail (validator output, system error), shown behind "details". */
  readonly detail?: string;
}

export class RinglensError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;
  readonly hint: string | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    options: ErrorLocation & { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RinglensError';
    this.code = code;
    this.hint = options.hint;
    const { file, line, column, field } = options;
    this.location = {
      ...(file !== undefined && { file }),
      ...(line !== undefined && { line }),
      ...(column !== undefined && { column }),
      ...(field !== undefined && { field }),
    };
  }
  toInfo(): ErrorInfo {
    return {
      code: this.code,
      message: this.message,
      ...this.location,
      ...(this.hint !== undefined && { hint: this.hint }),
    };
  }
}

/** One line a person can read: "entities.jsonl line 12, field props.number: ... (hint)". */
export function formatError(e: ErrorInfo): string {
  const where = [
    e.file,
    e.line !== undefined ? `line ${e.line}` : undefined,
    e.column !== undefined
      ? `column ${e.column.includes(',') ? e.column : `"${e.column}"`}`
      : undefined,
    e.field !== undefined ? `field ${e.field}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `${where ? `${where}: ` : ''}${e.message}${e.hint ? ` (${e.hint})` : ''}`;
}

/** What an unexpected failure (a bug, not bad input) tells the user to send us. */
export const UNEXPECTED_HINT =
  'this is a fault in Ringlens, not in your data: please send the Ringlens team this message, the command or steps that led to it, and the input file if you may share it; nothing was changed in your case';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
