// Ring detection end to end from an encrypted store, in its own process for a clean peak RSS.
// Args: casePath edgeListOut [cold]
// `cold`: the entity refs kept by an earlier analysis (graph-snapshot-refs.ts) are dropped
// first, so the run is the first analysis after an import, reading every ref from the rows.
import { writeFileSync } from 'node:fs';
import { openCase } from '../../electron/core/store/open';
import { analyseCase } from '../../electron/core/graph/analyse';
import { getLinkGraph, loadLinkGraph } from '../../electron/core/graph/link-graph';
import { REF_CACHE_SETTING } from '../../electron/core/graph/graph-snapshot-refs';
import { forgetStoredAnalysis } from '../../electron/core/graph/analysis-cache';
import type { PhaseTimes } from '../../electron/core/graph/phase-clock';

const [casePath, edgeListOut, mode] = process.argv.slice(2) as [string, string, string?];
const store = openCase(casePath, 'bench passphrase');
// Detection is what is timed: an analysis stored by an earlier run (analysis-cache.ts) would
// be a load, so it is dropped first.
forgetStoredAnalysis(store.db);
if (mode === 'cold') store.db.prepare('DELETE FROM settings WHERE key = ?').run(REF_CACHE_SETTING);
// The graph as analysis gets it (the stored snapshot plus any rows added after it), timed on
// its own; analyseCase then reuses it, so the two together are the end-to-end time.
const phases: PhaseTimes = {};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
getLinkGraph(store.db, phases);
const loadSeconds = (performance.now() - t0) / 1000;
const ctx = analyseCase(store.db, {}, phases);
const seconds = (performance.now() - t0) / 1000;
// CPU time of the same work: on a shared machine it is closer to the quiet-machine time.
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
// For comparison: the same graph read from the rows (what every analysis did before the snapshot).
const t1 = performance.now();
loadLinkGraph(store.db);
const rowLoadSeconds = (performance.now() - t1) / 1000;
const g = ctx.graph;
const lines: string[] = [];
for (let e = 0; e < g.edgeCount; e++) lines.push(`${g.edgeSrc[e]} ${g.edgeDst[e]}`);
writeFileSync(edgeListOut, `${lines.join('\n')}\n`);
store.db.close();
console.log(
  JSON.stringify({
    links: g.edgeCount,
    rings: ctx.analysis.rings.length,
    seconds,
    cpuSeconds,
    loadSeconds,
    rowLoadSeconds,
    maxRssMiB,
    phases,
  }),
);
