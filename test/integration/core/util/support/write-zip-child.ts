/** Writes a ~12 MB zip to argv[2] the way packets are written, announcing "go" first. */
import { randomBytes } from 'node:crypto';
import { writeZip } from '../../../../../electron/core/bundle/writer';

const out = process.argv[2]!;
const entries = Array.from({ length: 12 }, (_, i) => ({
  name: `exhibits/E-${i}.bin`,
  data: randomBytes(1024 * 1024),
}));
process.stderr.write('go\n');
void writeZip(out, entries).then(() => process.stderr.write('done\n'));
