/**
 * The one place where an error becomes what the person reads: a sentence saying what
 * happened and what to do, with the file, line and field named, and the technical text
 * kept apart for the "details" toggle.
 */
import type { ErrorInfo } from '../../shared/errors';
import { ApiError } from '../api/client';

export interface UserMessage {
  readonly text: string;
  readonly hint?: string;
  readonly where?: string;
  readonly details?: string;
}

/** Codes whose engine wording speaks to the command line; the window says it its own way. */
const BY_CODE: Partial<Record<ErrorInfo['code'], (e: ErrorInfo) => Omit<UserMessage, 'details'>>> =
  {
    BUNDLE_UNSIGNED: () => ({
      text: 'This bundle is not signed, so Ringlens cannot tell who made it.',
      hint: 'If you know where it came from, tick "I know where this unsigned bundle came from" and import again; it stays marked unsigned.',
    }),
    BUNDLE_UNTRUSTED_SIGNER: () => ({
      text: 'This bundle is signed by someone this case does not trust yet.',
      hint: 'Tick "Accept this signer for this bundle" to import it; the decision is recorded in the audit log.',
    }),
    WRONG_PASSPHRASE: () => ({
      text: 'That passphrase does not open this case.',
      hint: 'Check the keyboard layout and Caps Lock, then try again.',
    }),
    CASE_LOCKED: () => ({ text: 'The case is locked.', hint: 'Unlock it with its passphrase.' }),
    CASE_NOT_FOUND: (e) => ({
      text: /no case is open/.test(e.message) ? 'No case is open.' : capital(e.message),
      hint: e.hint ? capital(e.hint) : 'Open or create a case first.',
    }),
  };

const capital = (s: string) => {
  const t = s.trim();
  const c = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(c) ? c : `${c}.`;
};

export function userMessage(error: unknown): UserMessage {
  if (typeof error === 'string') return { text: error };
  if (!(error instanceof ApiError)) {
    const raw = error instanceof Error ? error.message : String(error);
    return {
      text: 'Something went wrong in this window.',
      hint: 'Try again; if it happens again, report it with the details.',
      details: raw,
    };
  }
  const e = error.info;
  const base = BY_CODE[e.code]?.(e) ?? {
    text: capital(e.message),
    ...(e.hint && { hint: capital(e.hint) }),
  };
  // The file is named once: not again when the sentence already names it or its folder.
  const folder = e.file?.replace(/[/\\][^/\\]*$/, '');
  const named = e.file && (base.text.includes(e.file) || (folder && base.text.includes(folder)));
  const where = [
    e.file && !named ? e.file : undefined,
    e.line !== undefined ? `line ${e.line}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const details = [
    e.detail,
    `code ${e.code}`,
    e.field && `field ${e.field}`,
    e.code !== 'INVALID_ARGUMENT' || !e.detail
      ? `engine said: ${e.message}${e.hint ? ` (${e.hint})` : ''}`
      : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  return { ...base, ...(where && { where }), details };
}
