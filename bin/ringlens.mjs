#!/usr/bin/env node
// The `ringlens` command. Runs the CLI built by scripts/build-cli.mjs (npm install builds it).
// In a source checkout, a source newer than the build triggers a rebuild first (about 0.3 s),
// so the command always runs the code you see; without sources (an installed copy) the build
// is used as it is.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pointerFile = join(root, 'out', 'cli', 'current.json');
const current = () => JSON.parse(readFileSync(pointerFile, 'utf8'));
const entry = () => join(root, 'out', 'cli', current().build, 'ringlens.mjs');

function stale() {
  if (!existsSync(pointerFile) || !existsSync(entry())) return true;
  const builtAt = statSync(pointerFile).mtimeMs;
  const { inputs } = current();
  for (const file of inputs) {
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    // A source that is gone was renamed or removed: rebuild to be sure.
    if (!stat || stat.mtimeMs > builtAt) return true;
  }
  return false;
}

// `ringlens … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
if (existsSync(join(root, 'electron', 'cli', 'main.ts')) && stale()) {
  const { buildCli } = await import('../scripts/build-cli.mjs');
  await buildCli({ quiet: true });
}
const { main } = await import(entry());
process.exitCode = await main(process.argv);
