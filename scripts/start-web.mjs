// `npm run start:web`: build the UI, then serve it and the API on 127.0.0.1 (random port, random token).
// The build's own output (progress, chunk-size notes, colour codes) is kept out of the way: it
// is shown only when the build fails, so a person sees the address and nothing else.
import { spawnSync, spawn } from 'node:child_process';

console.log('Building the interface…');
const build = spawnSync('npx', ['electron-vite', 'build'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  encoding: 'utf8',
});
if (build.status !== 0) {
  process.stderr.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  console.error('The build failed (its output is above).');
  process.exit(build.status ?? 1);
}
const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'electron/web/serve.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
server.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGINT', () => server.kill('SIGINT'));
