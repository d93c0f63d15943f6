/**
 * The import keeps the content digests set-based (bulk-digest.ts) instead of per-row
 * triggers: after a fresh import, a merge that changes rows from before, and a repeat of
 * the same bundle, the kept digests must equal a recomputation from every row.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCase, closeCase } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import {
  computeContentDigests,
  keptContentDigests,
} from '../../../../electron/core/audit/content-digest';
import { ringRows, smallBundle, tempDir } from '../../../support/bundles';

const options = { allowUnsigned: true, actor: 'tester', now: '2026-01-01T00:00:00Z' } as const;

describe('the content digests kept through an import', () => {
  it('equal a recomputation after a new import, a merge and a repeat', async () => {
    const dir = tempDir();
    const store = createCase(join(dir, 'case.ringlens'), 'pass');
    try {
      const first = await smallBundle(dir, 'first');
      const changed = ringRows();
      changed.entities[0]!.props = { name: 'Seller a1 renamed' };
      changed.entities.push({ id: 'seller:a9', type: 'seller', props: { name: 'New' } });
      const merge = await smallBundle(dir, 'merge', changed);
      for (const bundle of [first.file, merge.file, merge.file]) {
        await importBundle(store, bundle, options);
        const kept = keptContentDigests(store.db);
        expect(kept, 'the case keeps content digests').not.toBeNull();
        expect(kept).toEqual(computeContentDigests(store.db));
      }
    } finally {
      closeCase(store);
    }
  });
});
