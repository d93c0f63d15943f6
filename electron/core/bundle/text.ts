import { RinglensError } from '../../../shared/errors';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8, refusing malformed bytes and NUL characters by line. */
export function decodeUtf8(bytes: Uint8Array, where: { file: string; line?: number }): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new RinglensError('ROW_INVALID', 'is not valid UTF-8', {
      ...where,
      hint: 'export the file as UTF-8',
    });
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    // For a whole file, say which line holds it.
    const line = where.line ?? text.slice(0, nul).split('\n').length;
    throw new RinglensError('ROW_INVALID', 'contains a NUL byte', { ...where, line });
  }
  return text;
}
