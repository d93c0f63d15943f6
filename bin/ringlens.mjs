#!/usr/bin/env node
// Runs the TypeScript CLI from source: tsx's loader compiles on the fly, so there is no build step.
import { register } from 'tsx/esm/api';

// `ringlens … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv);
