// One FtM import in its own process. Args: ftmFile casePath
import { createCase } from '../../electron/core/store/open';
import { importFtm } from '../../electron/core/interop/ftm';
import { removeDb } from './remove-db';

const [file, casePath] = process.argv.slice(2) as [string, string];
removeDb(casePath);
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
