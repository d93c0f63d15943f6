/**
 * The investigator's journey in a real browser (Debian's Chromium) against the web mode:
 * create a case, import the demo bundle watching the progress bar, open the top ring's
 * graph, read a node's details, find the path between two nodes, lock and unlock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { ARTIFACTS, launchChromium } from './support/browser';
import { tempDir } from '../support/temp';

let server: WebServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const dir = tempDir('ringlens-e2e-');
const shots = join(ARTIFACTS, 'e2e');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startWebServer({
    staticDir: join(import.meta.dirname, '../../out/renderer'),
    dataDir: dir,
    actor: 'e2e-investigator',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Clicks a node of the Cytoscape graph by its entity id, at its rendered position. */
async function clickNode(p: Page, nodeId: string): Promise<void> {
  const pos = await p.evaluate((id) => {
    const cy = window.__ringlensCy!;
    const n = cy.getElementById(id);
    cy.center(n);
    return n.renderedPosition();
  }, nodeId);
  const box = (await p.getByTestId('graph-canvas').boundingBox())!;
  await p.mouse.click(box.x + pos.x, box.y + pos.y);
}

describe('web mode journey', () => {
  it('creates a case and refuses a wrong passphrase later', async () => {
    await page.goto(server.url);
    await page.getByTestId('case-path').fill(join(dir, 'investigation.ringlens'));
    await page.getByTestId('case-passphrase').fill('correct horse battery staple 深圳');
    await page.getByTestId('create-case').click();
    await page.getByTestId('home').waitFor();
    await page.screenshot({ path: join(shots, '01-new-case.png') });
  });

  it('imports the demo bundle, showing the verification report and a real progress bar', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('use-demo-bundle').click();
    const report = page.getByTestId('verification-report');
    await report.waitFor();
    await expect(report.textContent()).resolves.toMatch(/valid, unknown issuer/);
    await report.getByLabel(/Accept this signer/).check();
    await page.evaluate(() => {
      (window as unknown as { __progress: number[] }).__progress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="import-progress"]');
        if (bar)
          (window as unknown as { __progress: number[] }).__progress.push(
            Number(bar.getAttribute('aria-valuenow')),
          );
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    await page.getByTestId('import').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(
      /Imported [\d,]+ entity rows .* Signature: accepted/,
    );
    const seen = await page.evaluate(
      () => (window as unknown as { __progress: number[] }).__progress,
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(100);
    await page.screenshot({ path: join(shots, '02-import.png') });
  });

  it('opens the top ring as a graph, reads a node, and finds a path between two nodes', async () => {
    await page.getByTestId('nav-home').click();
    await page.getByTestId('home').waitFor();
    await page.getByTestId('nav-rings').click();
    const first = page.getByTestId('ring-list').locator('.ring-item').first();
    await first.click();
    await page.getByTestId('ring-detail').waitFor();
    await page.locator('[data-testid="graph-canvas"][data-ready="true"]').waitFor();
    await page.screenshot({ path: join(shots, '03-ring-graph.png') });

    const members = await page.evaluate(() =>
      window
        .__ringlensCy!.nodes('[role = "member"]')
        .map((n) => ({ id: n.id(), label: String(n.data('label')), type: String(n.data('type')) })),
    );
    const shops = members.filter((m) => m.type === 'shop');
    expect(shops.length).toBeGreaterThanOrEqual(2);
    await clickNode(page, shops[0]!.id);
    const panel = page.getByTestId('entity-panel');
    await panel.waitFor();
    await expect(panel.locator('h2').textContent()).resolves.toContain(shops[0]!.label);
    await expect(panel.textContent()).resolves.toMatch(
      /source: demo-examplemarket-2025-10 · entities\/entities-0001\.jsonl:\d+/,
    );
    await page.screenshot({ path: join(shots, '04-node-details.png') });

    await clickNode(page, shops[1]!.id);
    await page.getByTestId('find-path').click();
    const info = page.getByTestId('path-info');
    await info.waitFor();
    await expect(info.textContent()).resolves.toMatch(/^\d+ hops: .*→/);
    const onPath = await page.evaluate(() => window.__ringlensCy!.$('.on-path').length);
    expect(onPath).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(shots, '05-path.png') });

    // The timeline is fetched when its tab is opened.
    await page.getByTestId('tab-timeline').click();
    await expect(page.getByTestId('timeline').textContent()).resolves.toMatch(
      /registered|opened|ordered|complaint/i,
    );
    await page.getByTestId('tab-graph').click();
    await page.locator('[data-testid="graph-canvas"][data-ready="true"]').waitFor();

    // A selection (as a shift-drag box would make) exported for Gephi.
    await page.evaluate(
      (ids) =>
        window
          .__ringlensCy!.nodes()
          .filter((n) => ids.includes(n.id()))
          .select(),
      [shops[0]!.id, shops[1]!.id],
    );
    await page.getByTestId('export-selection').click();
    const file = join(dir, 'selection.graphml');
    await page.getByTestId('selection-out').fill(file);
    await page.getByTestId('selection-write').click();
    await expect(page.getByTestId('selection-result').textContent()).resolves.toMatch(
      /of 2 selected nodes/,
    );
    const { readFileSync } = await import('node:fs');
    expect((readFileSync(file, 'utf8').match(/<node /g) ?? []).length).toBe(2);
  });

  it('exports a court packet for the ring through the wizard, with a preview first', async () => {
    await page.getByTestId('nav-export').click();
    await page.getByTestId('packet-type').selectOption('civil-sellers');
    await page.getByTestId('packet-preparer').fill('Jane Examiner, investigator');
    await page.getByTestId('packet-preview').click();
    const preview = page.getByTestId('packet-preview-panel');
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toMatch(/Schedule of defendants/);
    const out = join(dir, 'packet.zip');
    await page.getByTestId('packet-out').fill(out);
    await page.getByTestId('packet-export').click();
    const result = page.getByTestId('packet-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/pages \(RL0000001–RL\d{7}\)/);
    const { verifyPacket } = await import('../../electron/core/evidence/verify');
    expect((await verifyPacket(out)).ok).toBe(true);
    await page.screenshot({ path: join(shots, '06-export.png') });
  });

  it('imports a CSV through a mapping after a preview, and exports an offline review pack', async () => {
    const { writeFileSync, existsSync } = await import('node:fs');
    const csv = join(dir, 'seized.csv');
    writeFileSync(
      csv,
      'Seller ID,Seller name,Phone\nMS9001,张三,13800009999\nMS9002,Li Si,+86 138 0000 9999\n',
    );
    await page.getByTestId('nav-share').click();
    await page.getByTestId('csv-path').fill(csv);
    await page.getByTestId('csv-read').click();
    await expect(page.getByTestId('csv-head').textContent()).resolves.toMatch(
      /Seller IDSeller namePhone.*MS9001/,
    );
    // Build the mapping in the wizard: sellers from their id and name, phones from the phone column, linked by "uses".
    await page.getByTestId('mapping-name').fill('Seized accounts list');
    await page.getByTestId('mapping-entity-0-id-column').selectOption('Seller ID');
    await page.getByTestId('mapping-entity-0-add-prop').selectOption('name');
    await page.getByTestId('mapping-entity-0-prop-name').selectOption('Seller name');
    await page.getByTestId('mapping-entity-0-add-prop').selectOption('marketplaceId');
    await page.getByTestId('mapping-entity-0-prop-marketplaceId').selectOption('Seller ID');
    await page.getByTestId('mapping-add-entity').click();
    await page.getByTestId('mapping-entity-1-type').selectOption('phone');
    await page.getByTestId('mapping-entity-1-id-column').selectOption('Phone');
    await page.getByTestId('mapping-entity-1-add-prop').selectOption('number');
    await page.getByTestId('mapping-entity-1-prop-number').selectOption('Phone');
    await page.getByTestId('mapping-add-link').click();
    await page.getByTestId('mapping-link-0-type').selectOption('uses');
    await page.getByTestId('mapping-save').click();
    await expect(page.getByTestId('mapping-saved-as').textContent()).resolves.toMatch(
      /saved as Seized accounts list/,
    );
    await page.getByTestId('csv-preview').click();
    const preview = page.getByTestId('csv-preview-panel');
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toMatch(/seller:MS9001/);
    await page.getByLabel(/unsigned file/).check();
    await page.getByTestId('csv-import').click();
    await expect(page.getByTestId('csv-result').textContent()).resolves.toMatch(
      /Imported 4 entities and 2 links \(3 new\)/,
    );
    const out = join(dir, 'review.html');
    await page.getByTestId('share-out').fill(out);
    await page.getByTestId('share-export').click();
    await page.getByTestId('share-result').waitFor();
    expect(existsSync(out)).toBe(true);
    await page.screenshot({ path: join(shots, '07-share.png') });
  });

  it('locks (dropping the key) and unlocks with the passphrase', async () => {
    await page.getByTestId('lock').click();
    await page.getByTestId('lock-screen').waitFor();
    expect(server.session.status()).toMatchObject({ locked: true, open: false });
    await page.getByTestId('unlock-passphrase').fill('wrong passphrase');
    await page.getByTestId('unlock').click();
    await expect(page.getByTestId('lock-screen').locator('.error').textContent()).resolves.toMatch(
      /does not open this case/,
    );
    await page.getByTestId('unlock-passphrase').fill('correct horse battery staple 深圳');
    await page.getByTestId('unlock').click();
    await page.getByTestId('nav-home').click();
    await page.getByTestId('home').waitFor();
    expect(server.session.status()).toMatchObject({ locked: false, open: true });
    await page.screenshot({ path: join(shots, '08-unlocked.png') });
  });

  it('never touched anything but its own loopback server', () => {
    const origin = new URL(server.url).origin;
    const foreign = requests.filter(
      (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
  });
});
