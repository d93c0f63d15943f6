// `npm run start:web`: serves the built renderer and the API on 127.0.0.1 and opens the demo case.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebServer } from './server';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = arg('--data-dir') ?? join(homedir(), '.ringlens');
mkdirSync(dataDir, { recursive: true });
// The file chooser shows only these folders: each `--folder DIR`, or else the home folder.
const folders = args.flatMap((a, i) => (a === '--folder' && args[i + 1] ? [args[i + 1]!] : []));
const server = await startWebServer({
  staticDir: join(import.meta.dirname, '../../out/renderer'),
  dataDir,
  port: Number(arg('--port') ?? 0),
  folders: (folders.length ? folders : [homedir()]).map((f) => ({
    label: f === homedir() ? 'Home folder' : f,
    path: resolve(f),
  })),
});
if (args.includes('--open-demo')) {
  await server.openDemo();
  console.log(
    `Demo case open: ${join(dataDir, 'demo.ringlens')} (passphrase "demo"; synthetic data only)`,
  );
}
console.log(`Ringlens web mode: ${server.url}`);
console.log(
  'Open that address in a browser on this machine (it only listens on 127.0.0.1). Ctrl+C stops it.',
);
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
