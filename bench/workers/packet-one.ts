// One packet export in its own process: time and peak RSS. Args: casePath outZip
import { openCase } from '../../electron/core/store/open';
import { analyseCase } from '../../electron/core/graph/analyse';
import { exportPacket } from '../../electron/core/evidence/packet';

const [casePath, out] = process.argv.slice(2) as [string, string];
const store = openCase(casePath, 'bench passphrase');
const ring = analyseCase(store.db).analysis.rings.sort(
  (a, b) => b.shops.length - a.shops.length,
)[0]!;
const t0 = performance.now();
const r = await exportPacket(
  store.db,
  casePath,
  {
    type: 'referral',
    ringId: ring.id,
    date: new Date().toISOString().slice(0, 10),
    preparer: 'Bench Examiner',
  },
  out,
  'bench',
);
const seconds = (performance.now() - t0) / 1000;
store.db.close();
console.log(
  JSON.stringify({
    seconds,
    pages: r.pages,
    exhibits: r.exhibits,
    shops: ring.shops.length,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
