// Builds better-sqlite3-multiple-ciphers for Electron's ABI into out/native-electron/, beside
// (not over) the Node build in node_modules, so `npm start` and `npm test` both work on one
// machine. Needs Electron's headers, which @electron/rebuild fetches on a connected machine
// (or from ELECTRON_HEADERS_DIR / npm_config_nodedir on an offline build box).
import { existsSync, mkdirSync, cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(
  readFileSync(require.resolve('electron/package.json'), 'utf8'),
).version;
const out = join('out', 'native-electron');
const marker = join(out, `electron-${electronVersion}`);
const target = join(out, 'better_sqlite3.node');
if (existsSync(marker) && existsSync(target)) process.exit(0);
mkdirSync(out, { recursive: true });
const src = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const work = join(out, 'src');
cpSync(src, work, { recursive: true });
const r = spawnSync(
  'npx',
  [
    'node-gyp',
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit' },
);
if (r.status !== 0) {
  console.error(
    'Could not build the SQLCipher module for Electron (Electron headers are needed). See README: "Building installers".',
  );
  process.exit(r.status ?? 1);
}
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
cpSync(target, marker);
