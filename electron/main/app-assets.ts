/**
 * Where the window's `ringlens://app/…` requests are answered from. Pure functions, no
 * Electron import, so the path checks run under Node in the unit tests.
 *
 * The UI is served from this custom, privileged scheme instead of file://: under file://
 * every page may read every file the user can (and a compromised page could load any of
 * them); under `ringlens://app` only files inside the built renderer folder exist at all.
 */
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';

export const APP_SCHEME = 'ringlens';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The file under `root` that a request URL names, or null for anything else: another
 * scheme or host, a malformed escape, `..` or an absolute path, a NUL or a backslash.
 */
export function resolveAppAsset(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const rel = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  if (rel.split('/').some((part) => part === '..')) return null;
  const file = normalize(join(root, rel));
  const inside = relative(root, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep)[0] === '..')
    return null;
  return file;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a served file; unknown kinds are served as opaque bytes. */
export function assetContentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Which requests the window may make: its own scheme, inline data and blobs, and DevTools
 * in development only. file:// and every network scheme are cancelled.
 */
export function requestAllowed(url: string, options: { devTools: boolean }): boolean {
  if (url.startsWith(`${APP_SCHEME}://${APP_HOST}/`)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  return options.devTools && url.startsWith('devtools://');
}
