/**
 * Issue 16, fault 13: what SPEC.md allows must still import. The hostile corpus checks the
 * refusals; this checks that the new layout and id rules do not refuse honest bundles:
 * zips re-packed by other tools (Python's zipfile, with explicit directory entries and
 * streamed entries with data descriptors), and ids written in NFD by one issuer and NFC by
 * another, which name one entity.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, createCase } from '../../../../electron/core/store/open';
import { importBundle } from '../../../../electron/core/bundle/import';
import { smallBundle, tempDir } from '../../../support/bundles';

const repack = (from: string, to: string, directories: boolean) =>
  writeFileSync(
    to,
    execFileSync('/usr/bin/python3', [
      '-c',
      `
import sys, zipfile
src, dirs = sys.argv[1], sys.argv[2] == '1'
# Written to a pipe (unseekable), so every entry gets a data descriptor after its data.
with zipfile.ZipFile(src) as z, zipfile.ZipFile(sys.stdout.buffer, 'w', zipfile.ZIP_DEFLATED) as out:
    made = set()
    for info in z.infolist():
        parts = info.filename.split('/')[:-1]
        for i in range(1, len(parts) + 1):
            d = '/'.join(parts[:i]) + '/'
            if dirs and d not in made:
                out.writestr(zipfile.ZipInfo(d), b'')
                made.add(d)
        out.writestr(info.filename, z.read(info.filename))
`,
      from,
      directories ? '1' : '0',
    ]),
  );

describe('bundles the spec allows', () => {
  it('imports a bundle re-packed by Python zipfile with directory entries and data descriptors', async () => {
    const dir = tempDir();
    const b = await smallBundle(dir, 'repack');
    const repacked = join(dir, 'repacked.zip');
    repack(b.file, repacked, true);
    const listing = execFileSync('/usr/bin/python3', [
      '-c',
      'import sys,zipfile;print("\\n".join(i.filename+" "+str(i.flag_bits) for i in zipfile.ZipFile(sys.argv[1]).infolist()))',
      repacked,
    ]).toString();
    expect(listing).toMatch(/^entities\/ 8$/m); // an explicit directory entry
    expect(listing).toMatch(/^manifest\.json 8$/m); // a data descriptor follows the data
    const store = createCase(join(dir, 'c.ringlens'), 'p');
    const result = await importBundle(store, repacked, { allowUnsigned: true, actor: 'tester' });
    expect(result.entityRows).toBe(b.manifest.counts.entities);
    closeCase(store);
  });

  it('treats the NFD and NFC forms of an id in two bundles as one entity', async () => {
    const dir = tempDir();
    const nfc = 'seller:caf\u00e9';
    const nfd = 'seller:cafe\u0301';
    const first = await smallBundle(dir, 'nfc', {
      entities: [{ id: nfc, type: 'seller', props: { name: 'Café seller' } }],
      links: [],
    });
    const second = await smallBundle(dir, 'nfd', {
      entities: [{ id: 'shop:cafe1', type: 'shop', props: { name: 'Café shop' } }],
      links: [{ type: 'operates', from: nfd, to: 'shop:cafe1', props: {} }],
    });
    const store = createCase(join(dir, 'c.ringlens'), 'p');
    await importBundle(store, first.file, { allowUnsigned: true, actor: 'tester' });
    await importBundle(store, second.file, { allowUnsigned: true, actor: 'tester' });
    const sellers = store.db
      .prepare(`SELECT count(*) FROM entities WHERE type = 'seller'`)
      .pluck()
      .get();
    expect(sellers).toBe(1);
    expect(store.db.prepare('SELECT count(*) FROM links').pluck().get()).toBe(1);
    closeCase(store);
  });
});
