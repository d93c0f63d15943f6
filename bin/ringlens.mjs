#!/usr/bin/env node
// Runs the TypeScript CLI from source: tsx's loader compiles on the fly, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv);
