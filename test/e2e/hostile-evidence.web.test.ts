/**
 * Issue 16, faults 5 and 10 in a real browser (web mode, Debian's Chromium): a shop whose
 * evidence holds HTML declared as image/png, a truncated JPEG, a PNG with bytes after IEND and
 * a good JPEG (test/fixtures/hostile/accepted/odd-evidence-files.zip), and a seller whose name
 * carries terminal escapes and U+202E (accepted/control-characters.zip). The panel may show a
 * picture only for bytes that are an allow-listed image, built from the sniffed type, and
 * the "bytes match" badge only beside a picture shown; names show ⟨U+202E⟩, never the raw
 * override. Screenshots at 1600x1000 and 1280x720 are the artefacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { createCase, closeCase } from '../../electron/core/store/open';
import { importBundle } from '../../electron/core/bundle/import';
import { addTrustedKey } from '../../electron/core/keys/trusted-keys';
import { demoIssuerKey } from '../../electron/core/demo/demo-key';
import { ARTIFACTS, launchChromium } from './support/browser';

// eslint-disable-next-line no-control-regex -- the raw characters that must not be shown
const RAW = /[\u202e\u001b\u0085]/;
const ACCEPTED = join(import.meta.dirname, '..', 'fixtures', 'hostile', 'accepted');
const servers: WebServer[] = [];
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'ringlens-e2e-hostile-'));
const PASS = 'a long enough passphrase';
const shots = join(ARTIFACTS, 'e2e');

async function makeCase(name: string, bundle: string): Promise<string> {
  const file = join(dir, `${name}.ringlens`);
  const store = createCase(file, PASS);
  addTrustedKey(store.db, { publicKeyPem: demoIssuerKey().publicKeyPem, name: 'demo', actor: 't' });
  await importBundle(store, join(ACCEPTED, bundle), { actor: 'tester' });
  closeCase(store);
  return file;
}

/** Each case gets a web server of its own (a server keeps one case open). */
async function openEntity(casePath: string, type: string, label: RegExp): Promise<void> {
  const server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: dir,
    actor: 'e2e-investigator',
  });
  servers.push(server);
  // A fresh page (and session) per case.
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(server.url);
  await page.getByTestId('case-path').fill(casePath);
  await page.getByTestId('case-passphrase').fill(PASS);
  await page.getByTestId('open-case').click();
  await page.getByTestId('home').waitFor();
  await page.getByTestId('nav-entities').click();
  await page.getByTestId('entity-type').selectOption(type);
  await page.getByRole('row').filter({ hasText: label }).first().dblclick();
  await page.getByTestId('entity-panel').waitFor();
}

let media: string;
let names: string;
beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  media = await makeCase('media', 'odd-evidence-files.zip');
  names = await makeCase('names', 'control-characters.zip');
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('evidence and names from a hostile bundle', () => {
  it('shows pictures only of allow-listed image bytes, with the badge only beside them', async () => {
    await openEntity(media, 'shop', /Ring Shop One/);
    const figures = page.getByTestId('evidence');
    await expect.poll(() => figures.count()).toBe(4);
    // Wait until every figure has fetched and hashed its bytes.
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="evidence"] img, [data-testid="evidence-file"]')
          .length === 4 &&
        [...document.querySelectorAll('[data-testid="evidence-file"]')].every((d) =>
          d.textContent.includes('not displayed'),
        ),
    );
    const seen = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="evidence"]')].map((f) => ({
        all: f.textContent,
        caption: f.querySelector('figcaption')!.textContent,
        src: f.querySelector('img')?.getAttribute('src')?.slice(0, 23) ?? null,
        badge: f.querySelector('.sig.trusted') !== null,
        file: f.querySelector('[data-testid="evidence-file"]')?.textContent ?? null,
      })),
    );
    const by = (name: string) => seen.find((s) => s.all.includes(`evidence/${name}`))!;
    expect(by('page.png')).toMatchObject({ src: null, badge: false });
    expect(by('page.png').file).toContain('text/html · not displayed');
    expect(by('page.png').caption).toContain('declared image/png; the bytes are text/html');
    // A JPEG cut off in transfer is not shown half-decoded under a "bytes match" badge.
    expect(by('cut.jpg')).toMatchObject({ src: null, badge: false });
    expect(by('trailing.png')).toMatchObject({ src: 'data:image/png;base64,i', badge: true });
    expect(by('good.jpg')).toMatchObject({ src: 'data:image/jpeg;base64,', badge: true });
    await page.screenshot({ path: join(shots, 'hostile-evidence-1600x1000.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(shots, 'hostile-evidence-1280x720.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });
  }, 60_000);

  it('writes control and bidi characters in names visibly', async () => {
    await openEntity(names, 'seller', /gnp\.exe/);
    const panel = page.getByTestId('entity-panel');
    const text = (await panel.textContent())!;
    expect(text).toContain('Shop ⟨U+202E⟩gnp.exe');
    expect(text).not.toMatch(RAW);
    const table = (await page.getByTestId('entity-table').textContent())!;
    expect(table).toContain('⟨U+001B⟩]0;pwned⟨U+0007⟩Seller');
    expect(table).not.toMatch(RAW);
    await page.screenshot({ path: join(shots, 'hostile-names-1600x1000.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(shots, 'hostile-names-1280x720.png') });
  }, 60_000);
});
