// `npm test`: every test. Unit and integration first (fast, plain Node), then end-to-end.
import { spawnSync } from 'node:child_process';

const steps = [
  ['npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['npx', ['vitest', 'run']],
  ['npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--passWithNoTests']],
];
for (const [cmd, args] of steps) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
