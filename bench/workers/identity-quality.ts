/**
 * Resolution quality on the generator's evasion mode: a real encrypted case, the default
 * threshold, pairwise precision and recall against the true identities, and ring recovery
 * today (no resolution) and after confirming every true candidate. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase, closeCase } from '../../electron/core/store/open';
import { importBundle } from '../../electron/core/bundle/import';
import { writeGeneratedBundle } from '../../electron/core/generate/write-generated';
import { EVASION_KINDS } from '../../electron/core/generate/evasion';
import { findIdentifier } from '../../electron/core/identity/load';
import { listMatches } from '../../electron/core/identity/matches';
import { decideMatch } from '../../electron/core/identity/decisions';
import { pairKey } from '../../electron/core/identity/candidates';
import { pairwiseAgainstTruth, ringRecovery } from '../../electron/core/identity/evaluate';
import { analyseCase } from '../../electron/core/graph/analyse';

const sellers = Number(process.argv[2] ?? 1500);
const dir = mkdtempSync(join(tmpdir(), 'ringlens-bench-identity-'));
try {
  const g = await writeGeneratedBundle({
    out: join(dir, 'b.zip'),
    seed: 5,
    sellers,
    evasion: [...EVASION_KINDS],
  });
  const store = createCase(join(dir, 'c.ringlens'), 'bench passphrase');
  await importBundle(store, g.file, { allowUnsigned: true, actor: 'bench' });
  const identities = (g.groundTruth.identityClusters ?? []).map((c) => [
    ...new Set(c.ids.map((id) => findIdentifier(store.db, id)!.key)),
  ]);
  const t0 = performance.now();
  const list = listMatches(store.db);
  const listSeconds = (performance.now() - t0) / 1000;
  const f = pairwiseAgainstTruth(identities, list.candidates);
  const planted = g.groundTruth.rings.map((r) => [...r.sellerIds, ...r.shopIds]);
  const found = () =>
    analyseCase(store.db).analysis.rings.map((r) => [...r.sellers, ...r.shops].map((m) => m.key));
  const before = ringRecovery(planted, found());
  const truePairs = new Set(
    identities.flatMap((c) => c.flatMap((a, i) => c.slice(i + 1).map((b) => pairKey(a, b)))),
  );
  let confirmed = 0;
  for (const c of list.candidates)
    if (truePairs.has(pairKey(c.a.key, c.b.key))) {
      decideMatch(
        store.db,
        { a: c.a.key, b: c.b.key, decision: 'confirmed', reason: 'ground truth' },
        { actor: 'bench' },
      );
      confirmed++;
    }
  const after = ringRecovery(planted, found());
  closeCase(store);
  console.log(
    JSON.stringify({
      sellers,
      rings: planted.length,
      identities: identities.length,
      candidates: list.candidates.length,
      listSeconds,
      emKinds: list.estimates.filter((e) => e.source === 'em').map((e) => e.kind),
      pairs: f.pairs,
      clusters: f.clusters,
      before,
      after,
      confirmed,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
