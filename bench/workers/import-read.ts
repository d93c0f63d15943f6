// The other floor of an import: reading a bundle's tables into staged batches (unzip, parse,
// validate, normalise, key: staged-rows.ts, the row worker's whole job) on one thread, with
// nothing written. An import cannot finish before its rows are read; on two cores the row
// worker does this while the main thread writes, so an import takes at least this long.
// Args: bundle
import { openBundleZip } from '../../electron/core/bundle/zip';
import { readManifest } from '../../electron/core/bundle/manifest';
import { StreamTap } from '../../electron/core/bundle/rows';
import {
  evidenceHashes,
  stagedBatches,
  tableInput,
  tablesInImportOrder,
} from '../../electron/core/bundle/staged-rows';

const [bundle] = process.argv.slice(2) as [string];
const zip = await openBundleZip(bundle);
const { manifest } = await readManifest(zip);
const evidence = evidenceHashes(manifest);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let rows = 0;
for (const f of tablesInImportOrder(manifest)) {
  const tap = new StreamTap(() => {});
  for await (const batch of stagedBatches(
    await zip.openEntry(f.path),
    tableInput(f, manifest.defaultRegion, evidence),
    tap,
  ))
    rows += batch.count;
  if (tap.digest() !== f.sha256) throw new Error(`${f.path}: hash differs from the manifest`);
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
zip.close();
console.log(JSON.stringify({ rows, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
