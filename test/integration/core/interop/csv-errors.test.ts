/**
 * Nothing lost silently, and every error in the user's terms: a misspelt column is refused
 * naming it and the file's columns (it used to import 0 entities with rc=0); a repeated id
 * with another value is reported with both values and lines (it used to keep the first row
 * without a word); an edge pointing at a missing node cites the user's file, line and
 * column (it used to cite our temporary `links/links-0001.jsonl`); the preview reports what
 * the import would refuse (it used to say ok); the semicolon Olist file imports from the CLI.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, createCase, type CaseStore } from '../../../../electron/core/store/open';
import {
  checkMapping,
  importMappedCsv,
  previewMappedCsv,
} from '../../../../electron/core/interop/csv-mapping';
import { RinglensError, formatError } from '../../../../shared/errors';
import { tempDir } from '../../../support/bundles';
import { cliSandbox } from '../../../support/cli';

let dir: string;
let store: CaseStore;
beforeEach(() => {
  dir = tempDir('ringlens-csverr-');
  store = createCase(join(dir, 'c.ringlens'), 'test passphrase');
});
afterEach(() => {
  closeCase(store);
  rmSync(dir, { recursive: true, force: true });
});

const csv = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const opts = { allowUnsigned: true, actor: 'tester' };
async function failure(p: Promise<unknown>): Promise<RinglensError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RinglensError);
    return e as RinglensError;
  }
  throw new Error('expected the import to fail');
}
const entityCount = () => store.db.prepare('SELECT count(*) FROM entities').pluck().get();

const NODES = 'node_id,name,node_type\n1,Alpha Ltd,Entity\n2,Jane Roe,Officer\n3,Beta Ltd,Entity\n';
const nodeMapping = (id = 'n:{node_id}') =>
  checkMapping({
    name: 'nodes',
    entities: [
      {
        type: { column: 'node_type', map: { Entity: 'company', Officer: 'person' } },
        id,
        props: { name: 'name' },
      },
    ],
  });
const edgeMapping = checkMapping({
  name: 'edges',
  links: [{ type: 'related', from: { id: 'n:{source}' }, to: { id: 'n:{target}' } }],
});

describe('no silent loss', () => {
  it('refuses a misspelt id column, naming it and listing the columns, importing nothing', async () => {
    const err = await failure(
      importMappedCsv(store, csv('nodes.csv', NODES), nodeMapping('n:{node_idd}'), opts),
    );
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toBe('the mapping names column "node_idd", which nodes.csv does not have');
    expect(err.hint).toBe(
      'did you mean "node_id"? the file\'s columns are: "node_id", "name", "node_type"',
    );
    expect(entityCount()).toBe(0);
  });

  it('reports each repeated id whose values differ, with both values and both lines', async () => {
    const r = await importMappedCsv(
      store,
      csv('dup.csv', `${NODES}1,Alpha Limited,Entity\n1,Alpha Ltd,Entity\n`),
      nodeMapping(),
      opts,
    );
    expect(r.report.conflicts).toEqual([
      {
        id: 'n:1',
        prop: 'name',
        kept: { value: 'Alpha Ltd', line: 2 },
        other: { value: 'Alpha Limited', line: 5 },
      },
    ]);
    // Both spellings are in the case: the other one beside the first, not dropped.
    const props = JSON.parse(
      store.db
        .prepare("SELECT props FROM entities WHERE label = 'Alpha Ltd'")
        .pluck()
        .get() as string,
    );
    expect(props).toMatchObject({ name: 'Alpha Ltd', extra: { name: ['Alpha Limited'] } });
  });

  it('refuses a type value the mapping does not know, at its line and column', async () => {
    const err = await failure(
      importMappedCsv(
        store,
        csv('nodes.csv', `${NODES}4,Somewhere,Address\n`),
        nodeMapping(),
        opts,
      ),
    );
    expect(err.location).toEqual({ file: 'nodes.csv', line: 5, column: 'node_type' });
    expect(err.message).toMatch(/"Address" is not a type the mapping knows/);
    expect(entityCount()).toBe(0);
  });
});

describe('errors in the user terms', () => {
  it('says which required cell is empty, at its line and column', async () => {
    const err = await failure(
      importMappedCsv(store, csv('nodes.csv', `${NODES}4,,Officer\n`), nodeMapping(), opts),
    );
    expect(formatError(err.toInfo())).toBe(
      'nodes.csv, line 5, column "name": person n:4: name is required, but the cell is empty (preview the mapping to see every problem; nothing was imported)',
    );
  });

  it('cites the edge file, line and column for an end that names no node', async () => {
    await importMappedCsv(store, csv('nodes.csv', NODES), nodeMapping(), opts);
    const edges = csv('edges.csv', 'source,target\n1,2\n2,3\n3,9\n');
    const err = await failure(importMappedCsv(store, edges, edgeMapping, opts));
    expect(err.location).toEqual({ file: 'edges.csv', line: 4, column: 'target' });
    expect(formatError(err.toInfo())).toBe(
      'edges.csv, line 4, column "target": refers to "n:9", which is neither in this file nor in the case',
    );
    expect(formatError(err.toInfo())).not.toMatch(/jsonl|links-0001/);
    expect(store.db.prepare('SELECT count(*) FROM links').pluck().get()).toBe(0);
  });

  it('the preview finds what the import would refuse, and keeps nothing', async () => {
    await importMappedCsv(store, csv('nodes.csv', NODES), nodeMapping(), opts);
    const bad = await previewMappedCsv(
      store,
      csv('edges.csv', 'source,target\n1,2\n3,9\n'),
      edgeMapping,
    );
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual([
      {
        line: 3,
        column: 'target',
        message: 'refers to "n:9", which is neither in this file nor in the case',
      },
    ]);
    const good = await previewMappedCsv(
      store,
      csv('ok.csv', 'source,target\n1,2\n2,3\n'),
      edgeMapping,
    );
    expect(good).toMatchObject({ ok: true, wouldImport: { newLinks: 2 } });
    expect(store.db.prepare('SELECT count(*) FROM links').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM bundles').pluck().get()).toBe(1);
  });

  it('names the column of a value that is not a date in the declared format', async () => {
    const m = checkMapping({
      name: 'dated',
      entities: [
        {
          type: 'seller',
          id: 's:{id}',
          props: { registeredAt: { column: 'joined', as: 'date', format: 'DD-MMM-YYYY' } },
        },
      ],
    });
    const err = await failure(
      importMappedCsv(store, csv('s.csv', 'id,joined\n1,23-MAR-2006\n2,2006/03/23\n'), m, opts),
    );
    expect(err.location).toEqual({ file: 's.csv', line: 3, column: 'joined' });
    expect(err.message).toBe(
      'registeredAt: "2006/03/23" is not a date in the format DD-MMM-YYYY or ISO 8601 (2025-03-01)',
    );
  });
});

const DEALS = join(
  import.meta.dirname,
  '../../../../../shared/realdata/ecommerce/olist_marketing_closed_deals_dataset.csv',
);
const MAPPINGS = join(import.meta.dirname, '../../../../resources/mappings');

describe.skipIf(!existsSync(DEALS))('the CLI on the semicolon Olist deals file', () => {
  const sandbox = cliSandbox();
  afterAll(() => rmSync(sandbox.dir, { recursive: true, force: true }));
  it('imports it with rc 0, and a misspelt column is an error without a stack trace', () => {
    const c = join(sandbox.dir, 'deals.ringlens');
    expect(sandbox.run('init', c).code).toBe(0);
    const ok = sandbox.run(
      'import',
      c,
      DEALS,
      '--mapping',
      join(MAPPINGS, 'olist-closed-deals.json'),
      '--allow-unsigned',
    );
    expect(ok.err).not.toMatch(/\n\s+at /);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(
      /read olist_marketing_closed_deals_dataset\.csv as UTF-8 with a BOM, semicolon-separated: 842 rows, 14 columns/,
    );
    const bad = join(sandbox.dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ name: 'bad', entities: [{ type: 'seller', id: 'olist:{seller-id}' }] }),
    );
    const r = sandbox.run('import', c, DEALS, '--mapping', bad, '--allow-unsigned');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/names column "seller-id".*did you mean "seller_id"/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('an unsigned CSV', () => {
  it('is refused with a message about the CSV, not about manifest.sig', async () => {
    const err = await failure(
      importMappedCsv(store, csv('nodes.csv', NODES), nodeMapping(), { actor: 'tester' }),
    );
    expect(err.code).toBe('BUNDLE_UNSIGNED');
    expect(formatError(err.toInfo())).toBe(
      'nodes.csv: carries no signature (files of this kind are never signed) (import it only if you know where it came from, with --allow-unsigned; it will stay marked unsigned)',
    );
  });
});
