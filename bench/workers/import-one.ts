// One import in its own process, so peak RSS belongs to this import alone.
// Args: bundle mode(encrypted|encrypted-1thread|plain) storePath
// encrypted-1thread keeps parsing and validation on the importing thread (no worker).
import Database from 'better-sqlite3-multiple-ciphers';
import { createCase } from '../../electron/core/store/open';
import { migrate } from '../../electron/core/store/migrate';
import { tune } from '../../electron/core/store/sqlcipher';
import { importBundle } from '../../electron/core/bundle/import';
import { removeDb } from './remove-db';

const [bundle, mode, storePath] = process.argv.slice(2) as [string, string, string];
removeDb(storePath);
if (mode === 'encrypted-1thread') process.env.RINGLENS_IMPORT_WORKER = '0';
let store;
if (mode.startsWith('encrypted')) store = createCase(storePath, 'bench passphrase');
else {
  const db = new Database(storePath);
  tune(db);
  migrate(db);
  store = { path: storePath, db };
}
const t0 = performance.now();
const r = await importBundle(store, bundle, { allowUnsigned: true, actor: 'bench' });
const seconds = (performance.now() - t0) / 1000;
store.db.close();
removeDb(storePath);
console.log(
  JSON.stringify({
    rows: r.entityRows + r.linkRows,
    seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
