// `npm start`: the desktop app on the demo case, or, where no Electron binary can be had,
// a clear message and the web mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const bin = process.env.RINGLENS_FORCE_WEB ? undefined : electronBinary();
if (!bin) {
  console.log(
    'No Electron binary is available on this machine (it is downloaded separately and this machine cannot fetch it).',
  );
  console.log('Opening the web mode instead: the same UI and API, served on 127.0.0.1 only.\n');
  const web = spawn(
    process.execPath,
    ['scripts/start-web.mjs', '--open-demo', ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  web.on('exit', (code) => process.exit(code ?? 0));
} else {
  // The SQLCipher module must match Electron's ABI to load in the app; keep a separate
  // Electron build of it so that `npm test` (Node's ABI) keeps working.
  const rebuilt = spawnSync(process.execPath, ['scripts/native-for-electron.mjs'], {
    stdio: 'inherit',
  });
  if (rebuilt.status !== 0) process.exit(rebuilt.status ?? 1);
  const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const app = spawn(bin, ['.'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      RINGLENS_DEMO: '1',
      RINGLENS_NATIVE_BINDING: join(process.cwd(), 'out/native-electron/better_sqlite3.node'),
    },
  });
  app.on('exit', (code) => process.exit(code ?? 0));
}
