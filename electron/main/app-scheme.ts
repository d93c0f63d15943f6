/**
 * The Electron side of the `ringlens://app` scheme (see app-assets.ts for the path rules).
 * Registered as privileged before the app is ready, served from the built renderer folder,
 * and file:// answered with 404 for every page.
 */
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, assetContentType, resolveAppAsset } from './app-assets';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

export function serveAppScheme(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(root, request.url);
    if (!file) return new Response('not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: { 'content-type': assetContentType(file) },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  // No page of ours loads file:// URLs; answering them all with 404 keeps a compromised
  // page from reading the disk through them.
  session.protocol.handle('file', () => new Response('not found', { status: 404 }));
}
