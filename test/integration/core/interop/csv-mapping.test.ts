/** Arbitrary CSV exports through a saved mapping: preview with errors, then an all-or-nothing import. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../support/bundles';
import { mapCsv, readMapping } from '../../../../electron/core/interop/csv-mapping';

const cli = join(import.meta.dirname, '../../../../bin/ringlens.mjs');
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

const MAPPING = {
  name: 'Police list of seized accounts',
  entities: [
    {
      type: 'seller',
      id: 'seller:{Seller ID}',
      props: { name: 'Seller name', marketplaceId: 'Seller ID' },
    },
    { type: 'phone', id: 'phone:{Phone}', props: { number: 'Phone' } },
    {
      type: 'bank_account',
      id: 'bank:{Account}',
      props: { accountNumber: 'Account', bank: 'Bank' },
    },
  ],
  links: [
    { type: 'uses', from: 0, to: 1 },
    { type: 'withdraws_to', from: 0, to: 2 },
  ],
};

describe('CSV mapping import', () => {
  it('previews the mapped rows and imports them, resolving identifiers like any bundle', () => {
    const dir = tempDir('ringlens-csvmap-');
    const csv = join(dir, 'seized.csv');
    writeFileSync(
      csv,
      'Seller ID,Seller name,Phone,Account,Bank\nMS1,王伟,138 0013 8000,6222 0000 1111,ICBC\nMS2,Li Na,+86 138-0013-8000,6222-0000-1111,ICBC\nMS3,Chen Jie,,,\n',
    );
    const mapFile = join(dir, 'mapping.json');
    writeFileSync(mapFile, JSON.stringify(MAPPING));
    const rows = mapCsv(csv, readMapping(mapFile));
    expect(rows.errors).toEqual([]);
    expect(rows.entities.map((e) => e.id)).toEqual([
      'seller:MS1',
      'phone:138_0013_8000',
      'bank:6222_0000_1111',
      'seller:MS2',
      'phone:+86_138-0013-8000',
      'bank:6222-0000-1111',
      'seller:MS3',
    ]);
    const pass = join(dir, 'pass');
    writeFileSync(pass, 'pass phrase');
    const c = join(dir, 'c.ringlens');
    expect(run(['init', c, '--passphrase-file', pass]).status).toBe(0);
    const preview = run([
      'import',
      c,
      csv,
      '--mapping',
      mapFile,
      '--preview',
      '--passphrase-file',
      pass,
    ]);
    expect(preview.stdout).toMatch(/entity seller seller:MS1/);
    const imp = run([
      'import',
      c,
      csv,
      '--mapping',
      mapFile,
      '--allow-unsigned',
      '--json',
      '--passphrase-file',
      pass,
    ]);
    expect(imp.status, imp.stderr).toBe(0);
    const info = JSON.parse(run(['info', c, '--json', '--passphrase-file', pass]).stdout);
    // Two spellings of one phone and one account: one node each after resolution.
    expect(info.entities).toEqual({ bank_account: 1, phone: 1, seller: 3 });
    expect(
      run(['import', c, csv, '--mapping', mapFile, '--allow-unsigned', '--passphrase-file', pass])
        .stdout,
    ).toMatch(/already in the case/);
  });

  it('refuses the whole file when a row does not fit, naming the line', () => {
    const dir = tempDir('ringlens-csvmap-');
    const csv = join(dir, 'bad.csv');
    writeFileSync(
      csv,
      'Seller ID,Seller name,Phone,Account,Bank\nMS1,Ok,1380013800,1,ICBC\nMS2,Bad\u0000Name,1380013801,2,ICBC\n',
    );
    const mapFile = join(dir, 'mapping.json');
    writeFileSync(mapFile, JSON.stringify(MAPPING));
    const pass = join(dir, 'pass');
    writeFileSync(pass, 'pass phrase');
    const c = join(dir, 'c.ringlens');
    run(['init', c, '--passphrase-file', pass]);
    const r = run([
      'import',
      c,
      csv,
      '--mapping',
      mapFile,
      '--allow-unsigned',
      '--passphrase-file',
      pass,
    ]);
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/bad\.csv, line 3/);
    expect(
      JSON.parse(run(['info', c, '--json', '--passphrase-file', pass]).stdout).totals.entities,
    ).toBe(0);
  });

  it("saves a mapping in the case and imports the next spreadsheet by the mapping's name", () => {
    const dir = tempDir('ringlens-csvmap-');
    const pass = join(dir, 'pass');
    writeFileSync(pass, 'pass phrase');
    const c = join(dir, 'c.ringlens');
    run(['init', c, '--passphrase-file', pass]);
    const first = join(dir, 'january.csv');
    writeFileSync(
      first,
      'Seller ID,Seller name,Phone,Account,Bank\nMS1,Wang Wei,13800138000,62220000,ICBC\n',
    );
    const mapFile = join(dir, 'mapping.json');
    writeFileSync(mapFile, JSON.stringify(MAPPING));
    expect(
      run([
        'import',
        c,
        first,
        '--mapping',
        mapFile,
        '--save-mapping',
        '--allow-unsigned',
        '--passphrase-file',
        pass,
      ]).status,
    ).toBe(0);
    const second = join(dir, 'february.csv');
    writeFileSync(
      second,
      'Seller ID,Seller name,Phone,Account,Bank\nMS9,Zhao Lei,13900139000,62229999,CCB\n',
    );
    const byName = run([
      'import',
      c,
      second,
      '--mapping',
      'Police list of seized accounts',
      '--allow-unsigned',
      '--passphrase-file',
      pass,
    ]);
    expect(byName.status, byName.stderr).toBe(0);
    expect(byName.stdout).toMatch(/through "Police list of seized accounts": 3 entities, 2 links/);
    const unknown = run([
      'import',
      c,
      second,
      '--mapping',
      'Brand list',
      '--allow-unsigned',
      '--passphrase-file',
      pass,
    ]);
    expect(unknown.status).toBe(4);
    expect(unknown.stderr).toMatch(
      /no mapping file or saved mapping named "Brand list".*saved in this case: "Police list of seized accounts"/s,
    );
    expect(
      JSON.parse(run(['info', c, '--json', '--passphrase-file', pass]).stdout).entities.seller,
    ).toBe(2);
    expect(run(['verify', c, '--passphrase-file', pass]).stdout).toMatch(/audit chain intact/);
  });
});
