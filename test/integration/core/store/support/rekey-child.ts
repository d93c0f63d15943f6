/**
 * The process the re-key kill test kills: opens a case, says "go" with its clock, then
 * re-keys it exactly as `ringlens passphrase` does. argv: case path, old, new passphrase.
 */
import { openCase } from '../../../../../electron/core/store/open';
import { rekeyCase } from '../../../../../electron/core/store/rekey';

const [path, oldPass, newPass] = process.argv.slice(2) as [string, string, string];
const store = openCase(path, oldPass);
process.stderr.write(`crash-point go ${performance.now().toFixed(1)}\n`);
const next = rekeyCase(store, oldPass, newPass, { actor: 'kill-test' });
next.db.close();
process.stderr.write(`crash-point done ${performance.now().toFixed(1)}\n`);
