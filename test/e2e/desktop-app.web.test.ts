/**
 * Issue 18, as a person works in the web mode (Debian's Chromium): cases created, closed,
 * reopened from the recent list and switched; files chosen with the engine's folder chooser;
 * bad output paths refused before any work; a ring-scoped share export holding only that
 * ring; errors as plain sentences; a complainant dossier; an axe-core scan of every view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { ARTIFACTS, launchChromium } from './support/browser';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: WebServer;
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'ringlens-e2e18-'));
const data = join(dir, 'data');
const work = join(dir, 'investigations');
const shots = join(ARTIFACTS, 'e2e', 'desktop-app');
const PASS = 'correct horse battery staple 深圳';
const consoleErrors: string[] = [];
const notFound: string[] = [];

async function api<T>(method: string, input: unknown = {}): Promise<T> {
  const origin = new URL(server.url).origin;
  const r = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Ringlens-Token': server.token },
    body: JSON.stringify(input),
  });
  const j = (await r.json()) as { ok: boolean; value: T; error?: unknown };
  if (!j.ok) throw new Error(JSON.stringify(j.error));
  return j.value;
}

async function shoot(name: string): Promise<void> {
  for (const [w, h] of [
    [1600, 1000],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(shots, `${name}-${w}x${h}.png`) });
  }
}

/** Chooses a file in the engine's chooser: a place, then folders, then a name or a file. */
async function choose(place: string, name: string, write: boolean): Promise<void> {
  const chooser = page.getByTestId('file-chooser');
  await chooser.waitFor();
  await chooser.getByRole('button', { name: place }).click();
  if (write) {
    await page.getByTestId('chooser-name').fill(name);
    await page.getByTestId('chooser-choose').click();
  } else {
    await page.getByTestId(`chooser-entry-${name}`).dblclick();
  }
  await chooser.waitFor({ state: 'detached' });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(work, { recursive: true });
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: data,
    actor: 'e2e-investigator',
    folders: [{ label: 'Investigations', path: work }],
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('response', (r) => r.status() === 404 && notFound.push(r.url()));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a desktop app people can work in (web mode)', () => {
  it('refuses a new case in a folder that does not exist, in plain words', async () => {
    await page.goto(server.url);
    await page.getByTestId('case-path').fill(join(dir, 'no-such-folder', 'x.ringlens'));
    await page.getByTestId('case-passphrase').fill(PASS);
    await page.getByTestId('create-case').click();
    const error = page.getByTestId('open-error');
    await expect(error.locator('.error-text').textContent()).resolves.toBe(
      `The folder ${join(dir, 'no-such-folder')} does not exist.`,
    );
    await expect(error.textContent()).resolves.not.toMatch(/Cannot open database/);
    await page.getByTestId('case-path').fill('relative.ringlens');
    await page.getByTestId('create-case').click();
    await expect(error.locator('.error-text').textContent()).resolves.toBe(
      '"relative.ringlens" is not a full path.',
    );
  });

  it('creates a case in a chosen folder, imports, and offers the rings', async () => {
    await page.reload();
    await page.getByTestId('browse-new-case').click();
    await choose('Investigations', 'alpha.ringlens', true);
    await expect(page.getByTestId('case-chosen').textContent()).resolves.toContain(
      'alpha.ringlens',
    );
    await page.getByTestId('case-passphrase').fill(PASS);
    await page.getByTestId('case-passphrase').press('Enter'); // Enter submits the form
    await page.getByTestId('home').waitFor();
    expect(existsSync(join(work, 'alpha.ringlens'))).toBe(true);
    await expect(page.getByTestId('case-name').textContent()).resolves.toBe('alpha');

    await page.getByTestId('nav-import').click();
    await page.getByTestId('bundle-path').fill(work);
    await page.getByTestId('inspect').click();
    await expect(
      page.getByTestId('import-error').locator('.error-text').textContent(),
    ).resolves.toBe(`${work} is a folder, not a file.`);
    await page.getByTestId('use-demo-bundle').click();
    await page.getByTestId('verification-report').waitFor();
    // The rule is said before it is broken: Import waits for the signer to be accepted.
    await expect(page.getByTestId('import')).toBeDisabledSoon();
    await expect(page.getByTestId('import-rule').textContent()).resolves.toMatch(
      /not trusted in this case yet: tick "Accept this signer"/,
    );
    await page.getByLabel(/Accept this signer/).check();
    await page.getByTestId('import').click();
    await page.getByTestId('import-result').waitFor();
    await shoot('01-imported');
    await page.getByTestId('go-to-rings').click();
    await page.getByTestId('ring-list').waitFor();
  });

  it('closes the case (dropping the key), then reopens it from the recent list', async () => {
    await page.getByTestId('close-case').click();
    await page.getByTestId('open-case-screen').waitFor();
    expect(server.session.status()).toMatchObject({ open: false, locked: false, path: null });
    await page.getByTestId('recent-alpha').click();
    await page.getByTestId('case-passphrase').fill(PASS);
    await shoot('02-recent');
    await page.getByTestId('open-case').click();
    await page.getByTestId('home').waitFor();
    expect(server.session.status().path).toBe(join(work, 'alpha.ringlens'));
  });

  it('switches to another case and back', async () => {
    await page.getByTestId('switch-case').click();
    await page.getByTestId('case-path').fill(join(work, 'beta.ringlens'));
    await page.getByTestId('case-passphrase').fill('another long passphrase for beta 2025');
    await page.getByTestId('create-case').click();
    await page.getByTestId('home').waitFor();
    await expect(page.getByTestId('case-name').textContent()).resolves.toBe('beta');
    expect((await api<{ totals: { entities: number } }>('case.summary')).totals.entities).toBe(0);
    await page.getByTestId('switch-case').click();
    await page.getByTestId('recent-alpha').click();
    await page.getByTestId('case-passphrase').fill(PASS);
    await page.getByTestId('open-case').click();
    await page.getByTestId('home').waitFor();
    await expect(page.getByTestId('case-name').textContent()).resolves.toBe('alpha');
    expect(
      (await api<{ totals: { entities: number } }>('case.summary')).totals.entities,
    ).toBeGreaterThan(0);
  });

  it('refuses a bad output path at once, then exports to a chosen folder', async () => {
    await page.getByTestId('nav-export').click();
    await page.getByTestId('packet-preparer').fill('Jane Examiner, investigator');
    await expect(page.getByTestId('export-rule').textContent()).resolves.toBe(
      'Preview the packet first.',
    );
    await page.getByTestId('packet-preview').click();
    await page.getByTestId('packet-preview-panel').waitFor();
    const bad = join(dir, 'gone', 'packet.zip');
    await page.getByTestId('packet-out').fill(bad);
    const started = Date.now();
    await page.getByTestId('packet-export').click();
    const error = page.getByTestId('packet-error');
    await error.waitFor();
    const took = Date.now() - started;
    await expect(error.locator('.error-text').textContent()).resolves.toBe(
      `The folder ${join(dir, 'gone')} does not exist.`,
    );
    // Refused before any work: no packet was built (the register is empty), well under a second here.
    expect(await api<unknown[]>('packets.list')).toEqual([]);
    expect(took).toBeLessThan(3000);
    await page.getByTestId('packet-out').fill(work);
    await page.getByTestId('packet-export').click();
    await expect(error.locator('.error-text').textContent()).resolves.toBe(
      `${work} is a folder; a file name is needed.`,
    );
    await page.getByTestId('packet-out-browse').click();
    await choose('Investigations', 'referral.zip', true);
    await page.getByTestId('packet-export').click();
    await page.getByTestId('packet-result').waitFor({ timeout: 120_000 });
    await expect(error.count()).resolves.toBe(0); // the old error went when the new action started
    expect(existsSync(join(work, 'referral.zip'))).toBe(true);
    const { verifyPacket } = await import('../../electron/core/evidence/verify');
    expect((await verifyPacket(join(work, 'referral.zip'))).ok).toBe(true);
    await expect(page.getByTestId('result-open').isVisible()).resolves.toBe(true);
    const download = page.waitForEvent('download');
    await page.getByTestId('result-open').click();
    expect((await download).suggestedFilename()).toBe('referral.zip');
    await page.getByTestId('result-folder').click();
    // Show in folder opens the chooser at the packet's folder, the packet listed there.
    await page.getByTestId('chooser-entry-referral.zip').waitFor();
    await shoot('03-packet');
    await page.keyboard.press('Escape');
    await page.getByTestId('file-chooser').waitFor({ state: 'detached' });
  });

  it('writes exactly the ring on screen in a GraphML share export', async () => {
    const analysis = await api<{
      rings: { id: string; sellers: { key: string }[]; shops: { key: string }[] }[];
    }>('rings.list');
    expect(analysis.rings.length).toBeGreaterThan(1);
    const ring = analysis.rings[1]!;
    await page.getByTestId('nav-share').click();
    await page.getByTestId('share-format').selectOption('graphml');
    await page.getByTestId('share-ring').selectOption(ring.id);
    const out = join(work, 'ring.graphml');
    await page.getByTestId('share-out').fill(out);
    await expect(page.getByTestId('share-export').textContent()).resolves.toBe(
      `Export ring ${ring.id}`,
    );
    await page.getByTestId('share-export').click();
    await page.getByTestId('share-result').waitFor();
    const keys = new Set(
      [...readFileSync(out, 'utf8').matchAll(/<data key="key">([^<]*)<\/data>/g)].map((m) => m[1]!),
    );
    const mine = [...ring.sellers, ...ring.shops].map((m) => m.key.replace(/&/g, '&amp;'));
    for (const k of mine) expect(keys.has(k)).toBe(true);
    const others = analysis.rings
      .filter((r) => r.id !== ring.id)
      .flatMap((r) => [...r.sellers, ...r.shops].map((m) => m.key));
    expect(others.filter((k) => keys.has(k))).toEqual([]);
    const total = (await api<{ totals: { entities: number } }>('case.summary')).totals.entities;
    expect(keys.size).toBeLessThan(total);
  });

  it('opens a complainant dossier from the list, with targets, outcomes and brands', async () => {
    await page.getByTestId('nav-complainants').click();
    const list =
      await api<{ complainant: { key: string }; flagged: boolean }[]>('complainants.list');
    const flagged = list.find((c) => c.flagged) ?? list[0]!;
    await page.getByTestId(`complainant-${flagged.complainant.key}`).click();
    const dossier = page.getByTestId('complainant-dossier');
    await dossier.waitFor();
    const rows = page.getByTestId('dossier-complaints').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const first = await rows.first().textContent();
    expect(first).toMatch(/upheld|refuted|withdrawn|pending|reinstated/);
    await expect(page.getByTestId('dossier-brands').textContent()).resolves.toMatch(/Represented/);
    await shoot('04-dossier');
    await page.getByTestId('nav-back').click();
    await page.getByTestId('complainants').waitFor();
    await page.getByTestId('nav-forward').click();
    await dossier.waitFor();
    await page.getByTestId('dossier-export').click();
    await expect(page.getByTestId('packet-type').inputValue()).resolves.toBe('civil-complainant');
    // The complainant list loads after the view opens; the choice shows once it is there.
    await expect
      .poll(() => page.getByTestId('packet-complainant').inputValue())
      .toBe(flagged.complainant.key);
  });

  it('keeps the auto-lock field as typed and says its rule', async () => {
    const field = page.getByTestId('autolock');
    await field.fill('');
    await expect(page.getByTestId('autolock-rule').textContent()).resolves.toBe(
      'Enter whole minutes from 1 to 1440.',
    );
    await field.fill('15');
    await field.press('Enter');
    await expect.poll(() => server.session.status().autoLockMinutes).toBe(15);
    await field.fill('2000');
    await field.press('Enter');
    await expect(page.getByTestId('autolock-rule').textContent()).resolves.toBe(
      'Enter whole minutes from 1 to 1440.',
    );
    expect(server.session.status().autoLockMinutes).toBe(15);
    await field.fill('0');
    await field.press('Enter');
    expect(server.session.status().autoLockMinutes).toBe(15);
    await field.fill('15');
  });

  it('passes an axe-core scan of every view with no serious or critical violation', async () => {
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1600, height: 1000 },
    });
    const p = await context.newPage();
    await p.goto(server.url);
    await p.getByTestId('home').waitFor();
    const report: Record<string, string[]> = {};
    const scan = async (name: string) => {
      await p.waitForTimeout(0);
      await p.evaluate(AXE);
      const result = await p.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (o: unknown) => Promise<{
                violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
              }>;
            };
          }
        ).axe;
        const r = await axe.run({
          runOnly: {
            type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
          },
        });
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) =>
              `${v.id}: ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(', ')}`,
          );
      });
      report[name] = result;
    };
    for (const view of [
      'home',
      'import',
      'entities',
      'rings',
      'worklist',
      'funnel',
      'complainants',
      'hotspots',
      'export',
      'share',
      'audit',
    ]) {
      await p.getByTestId(`nav-${view}`).click();
      await p.waitForLoadState('networkidle');
      await p.locator('main h1, main [data-testid]').first().waitFor();
      await scan(view);
    }
    await p.getByTestId('show-shortcuts').click();
    await scan('shortcut sheet');
    await p.keyboard.press('Escape');
    await p.getByTestId('nav-export').click();
    await p.getByTestId('packet-out-browse').click();
    await p.getByTestId('file-chooser').waitFor();
    await scan('file chooser');
    await context.close();
    writeReport(report);
    expect(report).toEqual(Object.fromEntries(Object.keys(report).map((k) => [k, []])));
  });

  it('logs no error and asks for nothing that is not there (no favicon 404)', () => {
    expect(notFound).toEqual([]);
    expect(consoleErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});

function writeReport(report: Record<string, string[]>): void {
  const { writeFileSync } = require('node:fs') as typeof import('node:fs');
  writeFileSync(join(shots, 'axe-report.json'), JSON.stringify(report, null, 2));
}

declare module 'vitest' {
  interface Assertion<T> {
    toBeDisabledSoon(): Promise<T>;
  }
}
expect.extend({
  async toBeDisabledSoon(locator: { isDisabled: () => Promise<boolean> }) {
    const pass = await locator.isDisabled();
    return { pass, message: () => `expected the button to be disabled` };
  },
});
