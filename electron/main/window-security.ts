/**
 * Secure defaults for every window, in one place so a test can assert them: isolated,
 * sandboxed, no Node in the page, strict CSP, no navigation, no new windows, no
 * permissions, and no remote content of any kind.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp';
import { requestAllowed } from './app-assets';

/** Development builds only: DevTools and their devtools:// pages. */
export interface ShellMode {
  readonly devTools: boolean;
}
const PRODUCTION: ShellMode = { devTools: false };

export function secureWebPreferences(
  preload: string,
  mode: ShellMode = PRODUCTION,
): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload,
    devTools: mode.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
  };
}

export function hardenSession(session: Session, mode: ShellMode = PRODUCTION): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
  // Only the app's own scheme: file:// and anything with a network scheme are cancelled.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !requestAllowed(details.url, mode) });
  });
}

export function hardenContents(contents: WebContents, mode: ShellMode = PRODUCTION): void {
  // Belt and braces with webPreferences.devTools: a production window never keeps DevTools open.
  if (!mode.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
