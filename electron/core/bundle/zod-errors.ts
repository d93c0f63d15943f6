import type { z } from 'zod';
import { RinglensError, type ErrorCode } from '../../../shared/errors';

/** Turns the first zod issue into an error naming the file, line and field. */
export function zodToError(
  error: z.ZodError,
  where: { file: string; line?: number; fieldPrefix?: string; code?: ErrorCode },
): RinglensError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  const field = [where.fieldPrefix, ...path].filter(Boolean).join('.') || undefined;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys')
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return new RinglensError(where.code ?? 'ROW_INVALID', message, {
    file: where.file,
    ...(where.line !== undefined && { line: where.line }),
    ...(field !== undefined && { field }),
    hint: 'fix the row at the source and export the bundle again; nothing was imported',
  });
}
