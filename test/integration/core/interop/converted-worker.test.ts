/**
 * A converted FtM stream or CSV file exists only in memory (bundle/zip.ts), and a large one
 * is read by the row worker (bundle/row-source.ts, from 8 MB of tables). The worker has its
 * own module registry, so it once failed with "no file at memory:converted-1.zip" on every
 * FtM or CSV import that large. Real files from ../shared/realdata, read in the worker
 * (forced) and on the importing thread, must give equal cases; the row counts come from
 * Python's json and csv modules.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, createCase } from '../../../../electron/core/store/open';
import { importFtm } from '../../../../electron/core/interop/ftm';
import { importMappedCsv, readMapping } from '../../../../electron/core/interop/csv-mapping';
import { tempDir } from '../../../support/bundles';
import { storeDigest } from '../../../support/digest';

const ROOT = join(import.meta.dirname, '../../../..');
const REAL = join(ROOT, '../shared/realdata');
const FTM = join(REAL, 'ftm/zala_sanctions_ownership.ftm.jsonl');
const SELLERS = join(REAL, 'ecommerce/olist_sellers_dataset.csv');
const MAPPING = join(ROOT, 'resources/mappings/olist-sellers.json');
const present = existsSync(FTM) && existsSync(SELLERS);
if (!present) console.log(`skipping converted-worker tests: ${REAL} is absent`);

const saved = process.env.RINGLENS_IMPORT_WORKER;
afterEach(() => {
  if (saved === undefined) delete process.env.RINGLENS_IMPORT_WORKER;
  else process.env.RINGLENS_IMPORT_WORKER = saved;
});

const python = (script: string) => {
  const r = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
};

type Importer = (store: ReturnType<typeof createCase>) => Promise<unknown>;
const NOW = '2026-01-01T00:00:00Z';
const options = { allowUnsigned: true, actor: 'tester', now: NOW } as const;

describe.skipIf(!present)('converted files read by the row worker', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('ringlens-converted-worker-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The case an import makes with the worker forced on ('1') or off ('0'). */
  async function caseWith(worker: '0' | '1', name: string, run: Importer) {
    process.env.RINGLENS_IMPORT_WORKER = worker;
    const store = createCase(join(dir, `${name}-${worker}.ringlens`), 'pass');
    try {
      await run(store);
      // Created at different moments; everything else must be equal.
      store.db.prepare(`UPDATE case_meta SET value = 'same' WHERE key = 'created_at'`).run();
      const statements = store.db.prepare('SELECT count(*) FROM statements').pluck().get();
      return { digest: storeDigest(store.db), statements: Number(statements) };
    } finally {
      closeCase(store);
    }
  }

  it('imports an FtM stream in the worker, equal to the same import on one thread', async () => {
    const run: Importer = (s) => importFtm(s, FTM, options);
    const threaded = await caseWith('1', 'ftm', run);
    const single = await caseWith('0', 'ftm', run);
    expect(threaded).toEqual(single);
    // Every entity of the stream has a provenance row (links add their own).
    const entities = python(
      `import json; print(sum(1 for l in open(${JSON.stringify(FTM)}, encoding='utf-8') if l.strip()))`,
    );
    expect(threaded.statements).toBeGreaterThanOrEqual(entities);
  });

  it('imports a mapped CSV in the worker, equal to the same import on one thread', async () => {
    const run: Importer = (s) => importMappedCsv(s, SELLERS, readMapping(MAPPING), options);
    const threaded = await caseWith('1', 'csv', run);
    const single = await caseWith('0', 'csv', run);
    expect(threaded).toEqual(single);
    const rows = python(
      `import csv; print(sum(1 for _ in csv.DictReader(open(${JSON.stringify(SELLERS)}, newline='', encoding='utf-8'))))`,
    );
    expect(threaded.statements).toBeGreaterThanOrEqual(rows);
  });
});
