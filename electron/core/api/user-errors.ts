/**
 * Errors in the user's terms. A request the validator refuses, or a system error from the
 * file system, becomes a sentence that says what is wrong and what to do, naming the field
 * as it appears on screen; the validator's or the system's own words go into `detail`.
 */
import type { z } from 'zod';
import { UNEXPECTED_HINT, type ErrorInfo } from '../../../shared/errors';
import { capitalised, fieldLabel } from '../../../shared/api/field-labels';

type Issue = z.core.$ZodIssue;

const RULES: Record<string, (label: string, issue: Issue) => [string, string?]> = {
  ringId: () => ['Choose a ring first.', 'Ring ids look like R-0001; pick one from the list.'],
  date: () => ['Enter the date as year-month-day, such as 2025-11-01.'],
  batesPrefix: () => [
    'The Bates prefix may hold only capital letters, digits, - and _, at most 12 characters.',
    'For example NORTHPEAK or NP-2025; leave it empty for the case default, RL.',
  ],
  jurisdiction: () => ['The referral jurisdiction must be a two-letter country code, such as US.'],
};

export function validationError(method: string, issue: Issue): ErrorInfo {
  const field = issue.path.map(String).join('.');
  const last = String(issue.path[issue.path.length - 1] ?? '');
  const label = fieldLabel(issue.path);
  const [message, hint] = RULES[last]?.(label, issue) ?? sentenceFor(label, issue);
  return {
    code: 'INVALID_ARGUMENT',
    message,
    ...(field && { field }),
    ...(hint && { hint }),
    detail: `${method}: ${issue.message}${field ? ` (field ${field})` : ''}`,
  };
}

function sentenceFor(label: string, issue: Issue): [string, string?] {
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves `input` off its issues unless asked; its message still says "received undefined".
      return issue.input === undefined ||
        issue.input === null ||
        /received (undefined|null)/.test(issue.message)
        ? [`${capitalised(label)} is missing.`, `Fill in ${label} and try again.`]
        : [`${capitalised(label)} has the wrong kind of value.`, `Expected ${issue.expected}.`];
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1)
        return [`${capitalised(label)} is empty.`, `Fill in ${label} and try again.`];
      if (issue.origin === 'string')
        return [`${capitalised(label)} needs at least ${issue.minimum} characters.`];
      if (issue.origin === 'array') return [`Choose at least ${issue.minimum} for ${label}.`];
      return [`${capitalised(label)} must be at least ${issue.minimum}.`];
    case 'too_big':
      if (issue.origin === 'string')
        return [`${capitalised(label)} is too long: at most ${issue.maximum} characters.`];
      if (issue.origin === 'array') return [`Choose at most ${issue.maximum} for ${label}.`];
      return [`${capitalised(label)} can be at most ${issue.maximum}.`];
    case 'invalid_format':
      return [`${capitalised(label)} is not in the expected form.`];
    case 'invalid_value':
      return [`${capitalised(label)} must be one of: ${issue.values.map(String).join(', ')}.`];
    case 'unrecognized_keys':
      return [
        'The window sent a request the engine does not understand.',
        'Reload the window; if it happens again, report it with the details below.',
      ];
    default:
      return [`${capitalised(label)} is not valid: ${issue.message}.`];
  }
}

/** A thrown system or library error as a sentence; the original text kept as detail. */
export function userErrorOf(e: unknown): ErrorInfo {
  const err = e as NodeJS.ErrnoException;
  const detail = err?.message ?? String(e);
  const file = typeof err?.path === 'string' ? err.path : undefined;
  const where = file ? ` ${file}` : '';
  const known: Record<string, [string, string]> = {
    ENOENT: [`There is no file or folder${where || ' there'}.`, 'Check the name and the folder.'],
    EISDIR: [`${file ?? 'That'} is a folder, not a file.`, 'Choose a file inside the folder.'],
    ENOTDIR: [`Part of the path${where} is a file, not a folder.`, 'Check the path.'],
    EACCES: [`You are not allowed to use${where || ' that file'}.`, 'Choose another location.'],
    EPERM: [`You are not allowed to use${where || ' that file'}.`, 'Choose another location.'],
    ENOSPC: ['The disk is full.', 'Free some space or choose another disk, then try again.'],
    EROFS: ['That disk is read-only.', 'Choose a location on a writable disk.'],
  };
  const k = err?.code ? known[err.code] : undefined;
  if (k) return { code: 'IO_ERROR', message: k[0], hint: k[1], ...(file && { file }), detail };
  if (/directory does not exist/i.test(detail))
    return {
      code: 'IO_ERROR',
      message: 'The folder for that file does not exist.',
      hint: 'Choose an existing folder, or create it first.',
      detail,
    };
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Ringlens.',
    hint: UNEXPECTED_HINT,
    detail,
  };
}
