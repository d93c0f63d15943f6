/**
 * The ring analysis kept in the encrypted case (graph/analysis-cache.ts): a second process
 * (`ringlens export`) reuses it instead of running the analysis again, and an import made
 * after it is never answered with the old analysis. Reuse is read from the store's own run
 * count and the process' counters, never from timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeGeneratedBundle } from '../../../../electron/core/generate/write-generated';
import { cliSandbox, CLI_PASSPHRASE } from '../../../support/cli';
import {
  closeCase,
  createCase,
  openCase,
  type CaseStore,
} from '../../../../electron/core/store/open';
import { analyseCase } from '../../../../electron/core/graph/analyse';
import {
  analysisRunsInProcess,
  forgetStoredAnalysis,
  storedAnalysisInfo,
} from '../../../../electron/core/graph/analysis-cache';
import { writeBundle } from '../../../../electron/core/bundle/writer';
import { importBundle } from '../../../../electron/core/bundle/import';
import { tempDir } from '../../../support/temp';

const TODAY = new Date().toISOString().slice(0, 10);
let file: string;
let ringId: string;
let sharedEmail: string;
const { dir, run } = cliSandbox();

beforeAll(async () => {
  const g = await writeGeneratedBundle({ out: join(dir, 'bundle.zip'), seed: 5, sellers: 400 });
  file = join(dir, 'case.ringlens');
  // The CLI sandbox's passphrase, so `ringlens export` can open the case.
  const s = createCase(file, CLI_PASSPHRASE);
  await importBundle(s, g.file, { allowUnsigned: true, actor: 'tester' });
  const ctx = analyseCase(s.db);
  const ring = ctx.analysis.rings.find((r) => r.identifiers.some((i) => i.type === 'email'))!;
  ringId = ring.id;
  sharedEmail = ring.identifiers.find((i) => i.type === 'email')!.label;
  closeCase(s);
});

function exportCivil(out: string): string[] {
  const r = run(
    'export',
    file,
    '--type',
    'civil-sellers',
    '--ring',
    ringId,
    '--date',
    TODAY,
    '--preparer',
    'Test Examiner',
    '--out',
    out,
  );
  if (r.code !== 0) throw new Error(`ringlens export failed: ${r.err}`);
  const unpacked = tempDir('ringlens-unpacked-');
  execFileSync('unzip', ['-q', out, '-d', unpacked]);
  return readFileSync(join(unpacked, 'data', 'defendants.csv'), 'utf8')
    .trim()
    .split('\n');
}

describe('the stored ring analysis', () => {
  let store: CaseStore;
  afterAll(() => store?.db.open && closeCase(store));

  it('is read back by another connection exactly as it was computed', () => {
    const a = openCase(file, CLI_PASSPHRASE);
    const loaded = analyseCase(a.db);
    expect(analysisRunsInProcess(a.db)).toEqual({ computed: 0, loaded: 1 });
    closeCase(a);
    // The same case analysed from scratch gives the same analysis.
    const b = openCase(file, CLI_PASSPHRASE);
    forgetStoredAnalysis(b.db);
    const fresh = analyseCase(b.db);
    expect(analysisRunsInProcess(b.db)).toEqual({ computed: 1, loaded: 0 });
    expect(JSON.stringify(loaded.analysis)).toBe(JSON.stringify(fresh.analysis));
    expect(loaded.detection.hubs).toEqual(fresh.detection.hubs);
    expect(loaded.detection.rings).toEqual(fresh.detection.rings);
    expect([...loaded.nodes]).toEqual([...fresh.nodes]);
    closeCase(b);
  });

  it('is reused by `ringlens export` in a fresh process, and not after a new import', async () => {
    store = openCase(file, CLI_PASSPHRASE);
    const before = storedAnalysisInfo(store.db)!;
    closeCase(store);

    const first = exportCivil(join(dir, 'first.zip'));
    store = openCase(file, CLI_PASSPHRASE);
    // The export ran no analysis of its own: the stored one is the one from before.
    expect(storedAnalysisInfo(store.db)).toEqual(before);

    // A new seller using the ring's shared e-mail address joins the ring.
    const bundle = join(dir, 'late.zip');
    await writeBundle(bundle, {
      bundleId: 'late-seller',
      issuer: { name: 'test' },
      createdAt: TODAY,
      description: 'a seller found later',
      entities: [
        {
          id: 'seller:late',
          type: 'seller',
          props: { name: 'Late Seller Co', marketplaceId: 'MLATE1' },
        },
        { id: 'shop:late', type: 'shop', props: { name: 'Late Shop', url: 'https://x.example/l' } },
        { id: 'email:late', type: 'email', props: { address: sharedEmail } },
      ],
      links: [
        { type: 'operates', from: 'seller:late', to: 'shop:late', props: {} },
        { type: 'uses', from: 'seller:late', to: 'email:late', props: {} },
      ],
      evidence: [],
    });
    await importBundle(store, bundle, { allowUnsigned: true, actor: 'tester' });
    closeCase(store);

    const second = exportCivil(join(dir, 'second.zip'));
    store = openCase(file, CLI_PASSPHRASE);
    const after = storedAnalysisInfo(store.db)!;
    // The export analysed the case again and stored that analysis in place of the old one.
    expect(after.runs).toBe(before.runs + 1);
    expect(after.key).not.toBe(before.key);
    expect(first.join('\n')).not.toContain('Late Seller Co');
    expect(second.join('\n')).toContain('Late Seller Co');
    expect(second.length).toBe(first.length + 1);
  });
});
