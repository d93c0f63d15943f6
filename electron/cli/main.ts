/**
 * `ringlens`: the command line on the same core as the app. Each command lives in
 * commands/NAME.ts and registers itself here.
 */
import { Command, CommanderError } from 'commander';
import { RinglensError, formatError } from '../../shared/errors';
import { EXIT, EXIT_FOR_ERROR } from './exit-codes';
import { printJson } from './output';
import { register as registerInit } from './commands/init';
import { register as registerImport } from './commands/import';
import { register as registerInfo } from './commands/info';
import { register as registerKeys } from './commands/keys';
import { register as registerVerify } from './commands/verify';
import { register as registerGenerate } from './commands/generate';
import { register as registerPassphrase } from './commands/passphrase';
import { register as registerRings } from './commands/rings';
import { register as registerExport } from './commands/export';
import { register as registerLifecycle } from './commands/lifecycle';
import { register as registerMatter } from './commands/matter';

export function buildProgram(): Command {
  const program = new Command('ringlens')
    .description('Ringlens: lead bundles, ring analysis and evidence packets from the command line')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerInit,
    registerImport,
    registerInfo,
    registerKeys,
    registerVerify,
    registerGenerate,
    registerPassphrase,
    registerRings,
    registerExport,
    registerLifecycle,
    registerMatter,
  ])
    register(program);
  return program;
}

/** Runs the CLI and returns the exit code (never calls process.exit, so tests can call it). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  const wantsJson = argv.includes('--json');
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (e instanceof RinglensError) {
      if (wantsJson) printJson({ ok: false, error: e.toInfo() });
      process.stderr.write(`ringlens: ${formatError(e.toInfo())}\n`);
      return EXIT_FOR_ERROR[e.code];
    }
    process.stderr.write(`ringlens: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.FAILURE;
  }
}
