/**
 * Media types from the bytes (magic numbers), never from a manifest's say-so. A bundle's
 * declared `mediaType` is a claim by its issuer; what Ringlens displays or prints is decided
 * by what the file actually is, from a short allow-list of types it can show safely.
 */

/** Types Ringlens can recognise. Everything else is `application/octet-stream`. */
export type SniffedType =
  | 'image/png'
  | 'image/jpeg'
  | 'image/gif'
  | 'image/webp'
  | 'application/pdf'
  | 'application/zip'
  | 'text/html'
  | 'text/plain'
  | 'application/octet-stream';

/** The image types a screen may show (the UI's allow-list). */
export const DISPLAYABLE_IMAGE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
] as const;
export type DisplayableImageType = (typeof DISPLAYABLE_IMAGE_TYPES)[number];

const EXTENSIONS: Record<SniffedType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'text/html': 'html',
  'text/plain': 'txt',
  'application/octet-stream': 'bin',
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, at: number, text: string) =>
  startsWith(
    b,
    [...text].map((c) => c.charCodeAt(0)),
    at,
  );

const utf8 = new TextDecoder('utf-8', { fatal: true });

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<svg[\s>]|<\?xml)/i.test(
    text,
  );
}

/** Detects a file's type from its first bytes. */
export function sniffMediaType(bytes: Uint8Array): SniffedType {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 0, '%PDF-')) return 'application/pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  let text: string;
  try {
    text = utf8.decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)), { stream: true });
  } catch {
    return 'application/octet-stream';
  }
  if (looksLikeHtml(text)) return 'text/html';
  // Text: UTF-8 with no control characters other than tab, line feed, carriage return, form feed.
  // eslint-disable-next-line no-control-regex -- control characters are what this test is for
  if (bytes.length > 0 && !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text))
    return 'text/plain';
  return 'application/octet-stream';
}

/** The file-name extension for a sniffed type. */
export function extensionFor(type: SniffedType): string {
  return EXTENSIONS[type];
}

/** The sniffed type if a screen may display it as an image, else undefined. */
export function displayableImageType(bytes: Uint8Array): DisplayableImageType | undefined {
  const type = sniffMediaType(bytes);
  return (DISPLAYABLE_IMAGE_TYPES as readonly string[]).includes(type)
    ? (type as DisplayableImageType)
    : undefined;
}
