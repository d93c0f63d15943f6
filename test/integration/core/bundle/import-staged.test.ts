/**
 * The set-based import (staging tables, one merge per table and batch) and its row reader
 * in a worker thread must give exactly what the reader on the importing thread gives: the
 * same case, row for row, and the same error at the same line of the same file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCase, closeCase } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { STAGE_BATCH_ROWS } from '../../../../electron/core/bundle/staged-rows';
import { writeBundle } from '../../../../electron/core/bundle/writer';
import { writeGeneratedBundle } from '../../../../electron/core/generate/write-generated';
import { sellersForRows } from '../../../../electron/core/generate/generator';
import { RinglensError } from '../../../../shared/errors';
import { ringRows, tempDir } from '../../../support/bundles';
import { storeDigest } from '../../../support/digest';

const options = { allowUnsigned: true, actor: 'tester', now: '2026-01-01T00:00:00Z' } as const;
const saved = process.env.RINGLENS_IMPORT_WORKER;
afterEach(() => {
  if (saved === undefined) delete process.env.RINGLENS_IMPORT_WORKER;
  else process.env.RINGLENS_IMPORT_WORKER = saved;
});

async function importWith(worker: '0' | '1', bundle: string, dir: string) {
  process.env.RINGLENS_IMPORT_WORKER = worker;
  const store = createCase(join(dir, `case-${worker}.ringlens`), 'pass');
  try {
    const result = await importBundle(store, bundle, options);
    // The two cases were created at different moments; everything else must be equal.
    store.db.prepare(`UPDATE case_meta SET value = 'same' WHERE key = 'created_at'`).run();
    return { result, digest: storeDigest(store.db), store };
  } catch (e) {
    closeCase(store);
    throw e;
  }
}

describe('the staged import', () => {
  it('gives the same case with its rows read in a worker thread as on the importing thread', async () => {
    const dir = tempDir();
    // More rows than two staging batches, so batch boundaries are crossed.
    const bundle = join(dir, 'generated.zip');
    await writeGeneratedBundle({ out: bundle, seed: 7, sellers: sellersForRows(56_000) });
    const inThread = await importWith('0', bundle, dir);
    const threaded = await importWith('1', bundle, dir);
    expect(inThread.result.entityRows).toBeGreaterThan(2 * STAGE_BATCH_ROWS);
    expect(threaded.result).toEqual(inThread.result);
    expect(threaded.digest).toBe(inThread.digest);
    // Provenance: one statement per row, each at its own line.
    const { n, lines } = threaded.store.db
      .prepare(`SELECT count(*) AS n, count(DISTINCT file || ':' || line) AS lines FROM statements`)
      .get() as { n: number; lines: number };
    expect(n).toBe(inThread.result.entityRows + inThread.result.linkRows);
    expect(lines).toBe(n);
    closeCase(inThread.store);
    closeCase(threaded.store);
  });

  it('reports the first bad row of a batch, whichever check it fails, in both modes', async () => {
    const dir = tempDir();
    const { entities, links } = ringRows('z');
    const bad = [
      ...links,
      { type: 'uses' as const, from: entities[0]!.id, to: 'nobody-declared-this', props: {} },
      { type: 'uses' as const, from: entities[0]!.id, to: entities[0]!.id, props: {} },
    ];
    const file = join(dir, 'bad.zip');
    await writeBundle(
      file,
      {
        bundleId: 'bad-refs',
        issuer: { name: 't', contact: 't' },
        createdAt: '2026-01-01T00:00:00Z',
        description: 'bad',
        entities,
        links: bad,
      },
      { unchecked: true },
    );
    const errors: unknown[] = [];
    for (const w of ['0', '1'] as const) {
      const e = await importWith(w, file, join(dir)).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(RinglensError);
      errors.push({ ...(e as RinglensError).location, message: (e as RinglensError).message });
    }
    expect(errors[0]).toEqual({
      file: 'links/links-0001.jsonl',
      line: links.length + 1,
      field: 'to',
      message: 'refers to "nobody-declared-this", which is neither in this bundle nor in the case',
    });
    expect(errors[1]).toEqual(errors[0]);
  });
});
