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
// A ring of about 20 sellers: its referral packet is some 30 pages.
const ring = ctx.analysis.rings
  .filter((r) => r.sellers.length <= 20)
  .sort((a, b) => b.sellers.length - a.sellers.length || a.id.localeCompare(b.id))[0]!;
const date = new Date().toISOString().slice(0, 10);
const timed = async (type: 'referral' | 'civil-sellers') => {
  t0 = performance.now();
  const r = await exportPacket(
    store.db,
    casePath,
    { type, ringId: ring.id, date },
    join(outDir, `ringlens-bench-packet-${type}.zip`),
    'bench',
  );
  return { seconds: (performance.now() - t0) / 1000, pages: r.pages };
};
const referral = await timed('referral');
const civil = await timed('civil-sellers');
store.db.close();
console.log(
  JSON.stringify({
    ring: ring.id,
    sellers: ring.sellers.length,
    analysisSeconds,
    referral,
    civil,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
