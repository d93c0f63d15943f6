/**
 * Issuer-scoped ids as a person sees them (issue 16, fault 6): a phone stated by a trusted
 * marketplace and by an accepted untrusted signer shows both issuers' values side by side
 * in the entity panel; the trusted seller keeps its own name. Screenshots at 1600x1000 and
 * 1280x720 are the artefacts.
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

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'hostile', 'issuer-scope');
let server: WebServer;
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'ringlens-e2e-issuer-'));
const casePath = join(dir, 'issuers.ringlens');
const PASS = 'a long enough passphrase';
const shots = join(ARTIFACTS, 'e2e');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const store = createCase(casePath, PASS);
  addTrustedKey(store.db, { publicKeyPem: demoIssuerKey().publicKeyPem, name: 'T', actor: 't' });
  await importBundle(store, join(FIXTURES, 'issuer-trusted-lead.zip'), { actor: 't' });
  await importBundle(store, join(FIXTURES, 'issuer-untrusted-restates-ids.zip'), {
    actor: 't',
    acceptSigner: true,
  });
  closeCase(store);
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: dir,
    actor: 'e2e-investigator',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the entity panel', () => {
  it('shows where issuers disagree about one phone, side by side', async () => {
    await page.goto(server.url);
    await page.getByTestId('case-path').fill(casePath);
    await page.getByTestId('case-passphrase').fill(PASS);
    await page.getByTestId('open-case').click();
    await page.getByTestId('home').waitFor();
    await page.getByTestId('nav-entities').click();
    await page.getByTestId('entity-type').selectOption('phone');
    await page.getByTestId('entity-table').getByText('phone|+8613912345678').dblclick();
    const box = page.getByTestId('issuer-disagreements');
    await box.waitFor();
    const text = (await box.textContent()) ?? '';
    expect(text).toMatch(/name\s*ring hotline\s*Trusted Marketplace · trusted/);
    expect(text).toMatch(/bystander support line\s*Unknown Reseller Watch · accepted/);
    await page.screenshot({ path: join(shots, 'issuer-disagreements-1600x1000.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'issuer-disagreements-1280x720.png') });

    // Two sellers named differently, the trusted one under its own id.
    await page.getByTestId('entity-type').selectOption('seller');
    // The table reloads for the new type: wait for its rows before reading them.
    await page.getByTestId('entity-table').getByText('Guangzhou Bright Trading').waitFor();
    const table = (await page.getByTestId('entity-table').textContent()) ?? '';
    expect(table).toContain('Guangzhou Bright Trading');
    expect(table).toContain('Innocent Bystander Ltd');
  }, 60_000);
});
