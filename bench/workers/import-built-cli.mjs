// The import as a user runs it: the built CLI (out/cli, plain Node, no tsx in this process or
// in its row worker), in its own process so peak RSS is this import's alone. Plain JavaScript
// on purpose: `--import tsx` would load a compiler into the process being measured.
// Args: cliEntry case bundle passphraseFile
import { pathToFileURL } from 'node:url';

const [entry, casePath, bundle, passphraseFile] = process.argv.slice(2);
const { main } = await import(pathToFileURL(entry).href);
const t0 = performance.now();
const code = await main([
  process.execPath,
  'ringlens',
  'import',
  casePath,
  bundle,
  '--allow-unsigned',
  '--passphrase-file',
  passphraseFile,
  '--json',
]);
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ code, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
