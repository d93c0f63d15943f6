// `npm run start:web`: build the UI, then serve it and the API on 127.0.0.1 (random port, random token).
import { spawnSync, spawn } from 'node:child_process';

const build = spawnSync('npx', ['electron-vite', 'build'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);
const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'electron/web/serve.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
server.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGINT', () => server.kill('SIGINT'));
