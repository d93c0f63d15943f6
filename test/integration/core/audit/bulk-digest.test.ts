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

  // SQL encodes the rows of well-formed batches itself (BulkDigest.encoded); a lone surrogate
  // is stored as bytes JavaScript reads back differently, so such a batch must take the
  // JavaScript route or the case would later fail its own verification.
  it.each([
    ['multi-byte text (CJK, emoji)', '深圳市宝安区 🧧 Shop'],
    ['a lone surrogate', 'Shop \uD800 broken'],
  ])('equal a recomputation for names with %s', async (_what, name) => {
    const dir = tempDir();
    const store = createCase(join(dir, 'case.ringlens'), 'pass');
    try {
      const rows = ringRows();
      rows.entities[2]!.props = { name };
      rows.entities.push({ id: 'seller:a9', type: 'seller', props: { name } });
      rows.links.push({
        type: 'operates',
        from: 'seller:a9',
        to: 'shop:a1',
        props: { note: name },
      });
      const bundle = await smallBundle(dir, 'text', rows);
      await importBundle(store, bundle.file, options);
      const label = store.db
        .prepare(`SELECT label FROM entities WHERE key = 'shop:a1'`)
        .pluck()
        .get() as string;
      expect(label.startsWith('深圳市') || label.startsWith('Shop'), 'the name was imported').toBe(
        true,
      );
      expect(keptContentDigests(store.db)).toEqual(computeContentDigests(store.db));
    } finally {
      closeCase(store);
    }
  });
});
