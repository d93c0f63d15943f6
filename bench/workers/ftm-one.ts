// One FtM import in its own process. Args: ftmFile casePath
import { rmSync } from 'node:fs';
import { createCase } from '../../electron/core/store/open';
import { importFtm } from '../../electron/core/interop/ftm';

const [file, casePath] = process.argv.slice(2) as [string, string];
for (const s of ['', '-wal', '-shm', '-journal']) rmSync(casePath + s, { force: true });
const store = createCase(casePath, 'bench passphrase');
const t0 = performance.now();
const r = await importFtm(store, file, { allowUnsigned: true, actor: 'bench' });
const seconds = (performance.now() - t0) / 1000;
store.db.close();
console.log(
  JSON.stringify({
    entities: r.bundle.entityRows,
    links: r.bundle.linkRows,
    seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
