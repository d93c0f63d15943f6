/**
 * Electron hardening that can be checked under Node (issue 16, fault 14): the
 * `ringlens://app` path rules, which requests a window may make, DevTools off in
 * production, and file grants that cannot be used for what they were not chosen for.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import {
  APP_ENTRY_URL,
  assetContentType,
  requestAllowed,
  resolveAppAsset,
} from '../../../electron/main/app-assets';
import { secureWebPreferences } from '../../../electron/main/window-security';
import { FileGrants, prepareFileArguments } from '../../../electron/core/api/file-grants';
import { tempDir } from '../../support/temp';

const ROOT = '/opt/Ringlens/resources/app.asar/out/renderer';

describe('the ringlens://app scheme', () => {
  it('serves files inside the renderer folder only', () => {
    expect(resolveAppAsset(ROOT, APP_ENTRY_URL)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppAsset(ROOT, 'ringlens://app/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppAsset(ROOT, 'ringlens://app/assets/index-abc.js?x=1#y')).toBe(
      join(ROOT, 'assets/index-abc.js'),
    );
    // Dots the URL parser folds stay inside the folder; encoded ones are refused.
    for (const folded of ['ringlens://app/../../../../etc/passwd', 'ringlens://app/%2e%2e/x'])
      expect(resolveAppAsset(ROOT, folded)!.startsWith(`${ROOT}/`), folded).toBe(true);
    for (const bad of [
      'ringlens://app/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'ringlens://app/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      'ringlens://app/..%5c..%5cwindows%5cwin.ini',
      'ringlens://app/assets/%00.js',
      'ringlens://app/%E0%A4%A',
      'ringlens://other/index.html',
      'file:///etc/passwd',
      'https://app/index.html',
      'not a url',
    ])
      expect(resolveAppAsset(ROOT, bad), bad).toBeNull();
  });

  it('labels what it serves', () => {
    expect(assetContentType('a/index.html')).toBe('text/html; charset=utf-8');
    expect(assetContentType('a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(assetContentType('a/x.exe')).toBe('application/octet-stream');
  });

  it('lets a window request its own scheme only: no file://, no network, DevTools in development', () => {
    const prod = { devTools: false };
    expect(requestAllowed('ringlens://app/assets/a.js', prod)).toBe(true);
    expect(requestAllowed('data:image/png;base64,AAAA', prod)).toBe(true);
    expect(requestAllowed('file:///home/examiner/.ssh/id_ed25519', prod)).toBe(false);
    expect(requestAllowed('ringlens://other/x', prod)).toBe(false);
    expect(requestAllowed('https://example.com/', prod)).toBe(false);
    expect(requestAllowed('devtools://devtools/bundled/inspector.html', prod)).toBe(false);
    expect(requestAllowed('devtools://devtools/bundled/inspector.html', { devTools: true })).toBe(
      true,
    );
  });

  it('keeps DevTools off unless asked for (production)', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ devTools: false });
    expect(secureWebPreferences('/p.cjs', { devTools: true })).toMatchObject({ devTools: true });
  });
});

describe('file grants', () => {
  it('refuses a grant chosen for reading where a file is written, and the reverse', () => {
    const dir = tempDir();
    const bundle = join(dir, 'lead.zip');
    writeFileSync(bundle, 'PK');
    const grants = new FileGrants();
    const read = grants.grant(bundle, 'read').token;
    const write = grants.grant(join(dir, 'packet.zip'), 'write').token;
    expect(() => prepareFileArguments('packet.export', { out: read }, grants)).toThrow(
      /chosen to be opened, not to be saved to/,
    );
    expect(() => prepareFileArguments('bundle.import', { path: write }, grants)).toThrow(
      /chosen to be saved to, not to be opened/,
    );
    expect(prepareFileArguments('packet.export', { out: write }, grants)).toEqual({
      out: join(dir, 'packet.zip'),
    });
    expect(prepareFileArguments('bundle.import', { path: read }, grants)).toEqual({
      path: bundle,
    });
  });
});
