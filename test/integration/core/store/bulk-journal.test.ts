/**
 * An import writes its pages once, under a rollback journal, and leaves the case in WAL
 * mode as it found it; with another connection open the mode cannot change and the import
 * runs in WAL, with the same result. Crash safety under the journal: trust/crash-safety.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, createCase, openCase } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { smallBundle, tempDir } from '../../../support/bundles';

const modes = (db: ReturnType<typeof createCase>['db']) => ({
  journal: db.pragma('journal_mode', { simple: true }),
  synchronous: db.pragma('synchronous', { simple: true }),
});

describe('the journal of an import', () => {
  it('is a rollback journal during the write and WAL again after it', async () => {
    const dir = tempDir('ringlens-journal-');
    const store = createCase(join(dir, 'case.ringlens'), 'pass');
    const after = modes(store.db);
    expect(after).toEqual({ journal: 'wal', synchronous: 1 });
    // Seen from outside, as SQLite allows no journal_mode query mid-import: once the rows
    // are in, before COMMIT, the pages they changed are kept in a rollback journal file.
    let journalled: boolean | undefined;
    let wal: boolean | undefined;
    let mode: number | undefined;
    await importBundle(store, (await smallBundle(dir, 'one')).file, {
      allowUnsigned: true,
      actor: 'tester',
      inTransaction: {
        after: () => {
          journalled = existsSync(`${store.path}-journal`);
          wal = existsSync(`${store.path}-wal`);
          if (journalled) mode = statSync(`${store.path}-journal`).mode & 0o777;
        },
      },
    });
    expect({ journalled, wal }).toEqual({ journalled: true, wal: false });
    // Owner-only, like the case file whose pages it holds (encrypted: trust/crash-safety).
    expect(mode?.toString(8)).toBe('600');
    expect(modes(store.db)).toEqual(after);
    closeCase(store);
  });

  it('stays WAL when another connection has the case open, and imports the same rows', async () => {
    const dir = tempDir('ringlens-journal-busy-');
    const bundle = (await smallBundle(dir, 'one')).file;
    const alone = createCase(join(dir, 'alone.ringlens'), 'pass');
    await importBundle(alone, bundle, { allowUnsigned: true, actor: 'tester', now: 'T' });
    const shared = createCase(join(dir, 'shared.ringlens'), 'pass');
    const reader = openCase(shared.path, 'pass');
    reader.db.prepare('SELECT count(*) FROM entities').get();
    let journalled: boolean | undefined;
    await importBundle(shared, bundle, {
      allowUnsigned: true,
      actor: 'tester',
      now: 'T',
      inTransaction: { after: () => void (journalled = existsSync(`${shared.path}-journal`)) },
    });
    expect(journalled).toBe(false);
    expect(modes(shared.db).journal).toBe('wal');
    // The reader sees the import, as WAL allows while it stays open.
    const rows = (db: typeof alone.db) =>
      ['entities', 'links', 'statements'].map((t) =>
        db.prepare(`SELECT * FROM ${t} ORDER BY id`).raw().all(),
      );
    expect(rows(reader.db)).toEqual(rows(alone.db));
    expect(rows(shared.db)).toEqual(rows(alone.db));
    closeCase(reader);
    closeCase(shared);
    closeCase(alone);
  });
});
