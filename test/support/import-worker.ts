// Imports a bundle in its own process, so a test can kill it at any moment.
// Args: casePath passphrase bundle. Prints "importing" once rows start flowing.
import { openCase } from '../../electron/core/store/open';
import { importBundle } from '../../electron/core/bundle/import';

const [casePath, passphrase, bundle] = process.argv.slice(2) as [string, string, string];
const store = openCase(casePath, passphrase);
let said = false;
await importBundle(store, bundle, {
  allowUnsigned: true,
  actor: 'crash-test',
  onProgress: (p) => {
    if (!said && p.rows > 0) {
      said = true;
      process.stdout.write('importing\n');
    }
  },
});
process.stdout.write('done\n');
