// Packet exports from a generated case in one session: the ring analysis runs once (as when
// the investigator opens the rings view), then each export reuses it. Args: casePath outDir
import { join } from 'node:path';
import { openCase } from '../../electron/core/store/open';
import { analyseCase } from '../../electron/core/graph/analyse';
import { exportPacket } from '../../electron/core/evidence/packet';
import { setMatterSettings } from '../../electron/core/evidence/matter';
import { forgetStoredAnalysis } from '../../electron/core/graph/analysis-cache';

const [casePath, outDir] = process.argv.slice(2) as [string, string];
const store = openCase(casePath, 'bench passphrase');
setMatterSettings(
  store.db,
  {
    examiner: {
      name: 'Bench Examiner',
      title: 'Investigator',
      organisation: 'Bench',
      qualifications: '',
    },
  },
  'bench',
);
// The analysis is timed as it runs on a changed case, not loaded from an earlier run's store.
forgetStoredAnalysis(store.db);
let t0 = performance.now();
const ctx = analyseCase(store.db);
const analysisSeconds = (performance.now() - t0) / 1000;
// The largest ring of at most `n` sellers (ties by id, so the pick is deterministic).
const largestUpTo = (n: number) =>
  ctx.analysis.rings
    .filter((r) => r.sellers.length <= n)
    .sort((a, b) => b.sellers.length - a.sellers.length || a.id.localeCompare(b.id))[0]!;
// About 13 sellers give the 28-page referral; about 20 sellers some 40 pages.
const small = largestUpTo(13);
const ring = largestUpTo(20);
const date = new Date().toISOString().slice(0, 10);
const timed = async (type: 'referral' | 'civil-sellers', ringId: string) => {
  t0 = performance.now();
  const r = await exportPacket(
    store.db,
    casePath,
    { type, ringId, date },
    join(outDir, `ringlens-bench-packet-${type}-${ringId}.zip`),
    'bench',
  );
  return { seconds: (performance.now() - t0) / 1000, pages: r.pages };
};
const smallReferral = await timed('referral', small.id);
const referral = await timed('referral', ring.id);
const civil = await timed('civil-sellers', ring.id);
store.db.close();
console.log(
  JSON.stringify({
    ring: ring.id,
    sellers: ring.sellers.length,
    smallRing: small.id,
    smallSellers: small.sellers.length,
    analysisSeconds,
    smallReferral,
    referral,
    civil,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
