/**
 * The Share wizard's CSV mapping editor in Debian's Chromium: an investigator maps ICIJ's
 * Offshore Leaks node file (a type read from a column through a value map, an address from a
 * text column, a dated column, a row filter) and its edge file (links by id, a constant link
 * property) with the form alone, previews (the import's own validation), imports, and gets
 * the counts Python's csv module reads. The edge mapping the form makes is the one shipped
 * for the CLI (resources/mappings/icij-edges.json).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { CsvMapping } from '../../shared/interop/csv-mapping';
import { ARTIFACTS, launchChromium } from './support/browser';
import { tempDir } from '../support/temp';

const ICIJ = resolve('../shared/realdata/icij');
const NODES = join(ICIJ, 'subgraph_1_intermediaries_nodes.csv');
const EDGES = join(ICIJ, 'subgraph_1_intermediaries_edges.csv');
const present = existsSync(NODES) && existsSync(EDGES);
if (!present) console.log(`skipping the mapping editor e2e test: ${ICIJ} is absent`);

let server: WebServer;
let browser: Browser;
let page: Page;
// Made in beforeAll, only when the test runs: a file whose tests are all skipped runs none of
// its hooks, so a folder made here would outlive the file (the temp check then fails the run).
let dir: string;
const shots = join(ARTIFACTS, 'e2e', 'mapping-editor');

const want = (() => {
  if (!present) return { nodes: 0, edges: 0, types: {} as Record<string, number> };
  const r = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      `
import csv, json, collections
nodes = list(csv.DictReader(open(${JSON.stringify(NODES)}, newline='', encoding='utf-8')))
edges = list(csv.DictReader(open(${JSON.stringify(EDGES)}, newline='', encoding='utf-8')))
print(json.dumps({'nodes': len(nodes), 'edges': len(edges), 'types': collections.Counter(r['node_type'] for r in nodes)}))`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(r.stdout) as { nodes: number; edges: number; types: Record<string, number> };
})();

beforeAll(async () => {
  if (!present) return;
  dir = tempDir('ringlens-e2e-mapping-');
  mkdirSync(shots, { recursive: true });
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
});

const mappingJson = async (p: Page) =>
  CsvMapping.parse(JSON.parse(await p.getByTestId('csv-mapping').inputValue()));

async function shoot(p: Page, name: string) {
  await p.setViewportSize({ width: 1600, height: 1000 });
  await p.screenshot({ path: join(shots, `${name}-1600x1000.png`) });
  await p.setViewportSize({ width: 1280, height: 720 });
  await p.screenshot({ path: join(shots, `${name}-1280x720.png`) });
  await p.setViewportSize({ width: 1600, height: 1000 });
}

async function previewAndImport(p: Page) {
  await p.getByTestId('csv-preview').click();
  await p.getByTestId('csv-preview-panel').waitFor();
  expect(await p.getByTestId('csv-preview-panel').locator('.advice li').count()).toBe(0);
  await p.getByLabel(/unsigned file/).check();
  await p.getByTestId('csv-import').click();
  await p.getByTestId('csv-result').waitFor();
  return p.getByTestId('csv-result').innerText();
}

describe.skipIf(!present)('the CSV mapping editor', () => {
  it('maps the ICIJ node file with the form: types from node_type, an address, a date, a filter', async () => {
    await page.goto(server.url);
    await page.getByTestId('case-path').fill(join(dir, 'icij.ringlens'));
    await page.getByTestId('case-passphrase').fill('correct horse battery staple');
    await page.getByTestId('create-case').click();
    await page.getByTestId('home').waitFor();
    await page.getByTestId('nav-share').click();
    await page.getByTestId('csv-path').fill(NODES);
    await page.getByTestId('csv-read').click();
    await page.getByTestId('csv-head').waitFor();

    await page.getByTestId('mapping-name').fill('ICIJ nodes (made in the form)');
    await page.getByTestId('mapping-date-formats').fill('DD-MMM-YYYY');
    // A filter that every row passes: the counts below must still be all of the file's.
    await page.getByTestId('mapping-add-filter').click();
    await page.getByTestId('mapping-filter-0-column').selectOption('node_type');
    await page.getByTestId('mapping-filter-0-op').selectOption('not in');
    await page.getByTestId('mapping-filter-0-value').fill('Nothing; Nobody');

    const e = 'mapping-entity-0';
    await page.getByTestId(`${e}-type-from-column`).check();
    await page.getByTestId(`${e}-type-column`).selectOption('node_type');
    // Values the first rows do not show are typed in (keyboard: Enter adds one).
    for (const v of ['Entity', 'Officer', 'Intermediary', 'Address']) {
      await page.getByTestId(`${e}-type-add-value`).fill(v);
      await page.getByTestId(`${e}-type-add-value`).press('Enter');
    }
    const kinds = {
      Entity: 'company',
      Officer: 'person',
      Intermediary: 'company',
      Address: 'warehouse',
    };
    for (const [value, type] of Object.entries(kinds))
      await page.getByLabel(`Entity 1: type for the value ${value}`).selectOption(type);
    await page.getByTestId(`${e}-id`).fill('icij:{node_id}');
    await page.getByTestId(`${e}-add-prop`).selectOption('name');
    await page.getByTestId(`${e}-add-prop`).selectOption('address');
    await page.getByTestId(`${e}-prop-address-kind`).selectOption('address');
    await page.getByTestId(`${e}-prop-address-address-line`).selectOption('address');
    await page.getByTestId(`${e}-add-extra`).fill('incorporationDate');
    await page.getByTestId(`${e}-add-extra`).press('Enter');
    await page.getByTestId(`${e}-prop-extra.incorporationDate-kind`).selectOption('date');
    await page.getByTestId(`${e}-prop-extra.incorporationDate`).selectOption('incorporation_date');

    await page
      .locator('details', { has: page.getByTestId('csv-mapping') })
      .locator('summary')
      .click();
    const m = await mappingJson(page);
    expect(m.entities).toEqual([
      {
        type: { column: 'node_type', map: kinds },
        id: 'icij:{node_id}',
        props: {
          name: 'name',
          address: { address: { line: 'address' } },
          'extra.incorporationDate': { column: 'incorporation_date', as: 'date' },
        },
      },
    ]);
    expect(m.dateFormats).toEqual(['DD-MMM-YYYY']);
    expect(m.filters).toEqual([
      { column: 'node_type', op: 'not in', value: ['Nothing', 'Nobody'] },
    ]);
    await page.getByTestId('mapping-editor').scrollIntoViewIfNeeded();
    await shoot(page, '01-nodes-mapping');

    const result = await previewAndImport(page);
    expect(result).toContain(`Imported ${want.nodes} entities and 0 links`);
    await shoot(page, '02-nodes-imported');
  });

  it('maps the ICIJ edge file with the form: links by id, a constant property; the JSON is the CLI one', async () => {
    await page.getByTestId('csv-path').fill(EDGES);
    await page.getByTestId('csv-read').click();
    await page.getByTestId('csv-head').waitFor();
    await page.getByTestId('mapping-name').fill('ICIJ Offshore Leaks edges');
    // An edge file makes no entities of its own.
    await page.getByRole('button', { name: 'remove entity' }).click();
    await page.getByTestId('mapping-no-entities').waitFor();
    await page.getByTestId('mapping-date-formats').fill('');
    await page.getByRole('button', { name: 'remove filter' }).click();
    await page.getByTestId('mapping-add-link').click();
    await page.getByTestId('mapping-link-0-from-id').fill('icij:{source}');
    await page.getByTestId('mapping-link-0-to-id').fill('icij:{target}');
    await page.getByTestId('mapping-link-0-type').selectOption('related');
    await page.getByTestId('mapping-link-0-add-prop').selectOption('note');
    await page.getByTestId('mapping-link-0-prop-note-kind').selectOption('constant');
    await page
      .getByTestId('mapping-link-0-prop-note-value')
      .fill('ICIJ Offshore Leaks relationship');

    const shipped = CsvMapping.parse(
      JSON.parse(readFileSync(resolve('resources/mappings/icij-edges.json'), 'utf8')),
    );
    expect(await mappingJson(page)).toEqual(shipped);
    await page.getByTestId('mapping-link-0').scrollIntoViewIfNeeded();
    await shoot(page, '03-edges-mapping');

    const result = await previewAndImport(page);
    expect(result).toContain(`Imported 0 entities and ${want.edges} links (0 new)`);
    await shoot(page, '04-edges-imported');
  });
});
