// Builds the `ringlens` CLI into ES modules (out/cli/<build>/ringlens.mjs and its chunks) so it
// starts without a TypeScript loader: compiling the CLI's sources on every start cost ~1.6 s. npm packages
// stay external (loaded from node_modules as usual); our own sources are bundled. The list of
// sources that went in is kept beside the bundle, so bin/ringlens.mjs can tell when a source
// is newer than the build and rebuild first (a contributor never runs a stale CLI).
import { build } from 'esbuild';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/**
 * Node's ES module loader wants file extensions on deep imports into packages that have no
 * "exports" map (`graphology-metrics/centrality/betweenness`); TypeScript's bundler resolution
 * and tsx did not. Such imports stay external, rewritten to the file Node's resolver finds.
 */
const deepImportsWithExtensions = {
  name: 'deep-imports-with-extensions',
  setup(b) {
    b.onResolve({ filter: /^(@[^/]+\/)?[^./][^/]*\/.+/ }, ({ path }) => {
      const parts = path.split('/');
      const pkg = path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      const pkgJson = join(root, 'node_modules', pkg, 'package.json');
      if (!existsSync(pkgJson) || JSON.parse(readFileSync(pkgJson, 'utf8')).exports) {
        return { path, external: true };
      }
      const file = require.resolve(path);
      const sub = relative(join(root, 'node_modules', pkg), file)
        .split('\\')
        .join('/');
      return { path: `${pkg}/${sub}`, external: true };
    });
  },
};

export async function buildCli({ quiet = false } = {}) {
  const cliDir = join(root, 'out', 'cli');
  // Each build goes to a folder of its own and becomes current by an atomic rename of the
  // pointer file: a CLI run that starts while another rebuilds never sees half a build.
  const id = `${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(cliDir, id);
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: {
      ringlens: join(root, 'electron', 'cli', 'main.ts'),
      // The import's row reader runs in a worker thread (electron/core/bundle/row-source.ts).
      'row-worker': join(root, 'electron', 'core', 'bundle', 'row-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    // Split at the dynamic imports of command-index.ts: a command's chunk, and the npm
    // packages it imports, load only when that command runs.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    plugins: [deepImportsWithExtensions],
    logLevel: quiet ? 'error' : 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, join(root, p)));
  const pointer = join(cliDir, `current.${process.pid}.tmp.json`);
  writeFileSync(pointer, `${JSON.stringify({ build: id, inputs: [...inputs, 'package.json'] })}\n`);
  renameSync(pointer, join(cliDir, 'current.json'));
  // Older builds are no longer pointed at; a run still using one has already loaded it.
  for (const entry of readdirSync(cliDir)) {
    if (entry !== id && !entry.endsWith('.json'))
      rmSync(join(cliDir, entry), { recursive: true, force: true });
  }
  if (!quiet) console.log(`built out/cli/${id}/ringlens.mjs from ${inputs.length} sources`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
