/**
 * The Electron window's security settings, asserted on the module that sets them (the
 * Electron binary cannot run here; the _electron end-to-end test covers the live window
 * where it can).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  hardenContents,
  hardenSession,
  secureWebPreferences,
} from '../../../electron/main/window-security';
import { CONTENT_SECURITY_POLICY } from '../../../shared/api/csp';

describe('window security', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    expect(secureWebPreferences('/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('denies permissions, sets the CSP and cancels every request that would leave the machine', () => {
    const handlers: Record<string, (...a: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      webRequest: {
        onHeadersReceived: (h: never) => (handlers.headers = h),
        onBeforeRequest: (h: never) => (handlers.before = h),
      },
    };
    hardenSession(session as never);
    const granted = vi.fn();
    (handlers.request as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(
      null,
      'media',
      granted,
    );
    expect(granted).toHaveBeenCalledWith(false);
    expect((handlers.check as () => boolean)()).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (handlers.before as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)(
        { url },
        (r) => (cancel = r.cancel),
      );
      return cancel;
    };
    expect(decide('https://example.com/track.js')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    // The UI comes from ringlens://app; file:// is refused like the network (issue 16).
    expect(decide('file:///app/out/renderer/index.html')).toBe(true);
    expect(decide('ringlens://app/index.html')).toBe(false);
    let headers: Record<string, string[]> = {};
    (
      handlers.headers as (
        d: { responseHeaders: object },
        cb: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void
    )({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('blocks navigation and new windows', () => {
    const events: Record<string, (e: { preventDefault: () => void }) => void> = {};
    let openHandler: (() => { action: string }) | undefined;
    hardenContents({
      on: (name: string, h: never) => (events[name] = h),
      setWindowOpenHandler: (h: never) => (openHandler = h),
    } as never);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      events[name]!({ preventDefault });
      expect(preventDefault, name).toHaveBeenCalled();
    }
    expect(openHandler!()).toEqual({ action: 'deny' });
  });
});
