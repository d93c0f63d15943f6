/**
 * `ringlens`: the command line on the same core as the app. Each command lives in
 * commands/NAME.ts; command-index.ts lists them and loads only the one that runs.
 */
import { dirname, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { RinglensError, UNEXPECTED_HINT, formatError } from '../../shared/errors';
import { EXIT, EXIT_FOR_ERROR } from './exit-codes';
import { printJson } from './output';
import { COMMANDS } from './command-index';
import { guardTerminalStream } from '../core/util/terminal-text';
import { removeLeftovers } from '../core/util/leftovers';

/** The command line asks for: the first argument that is not an option (`help X` asks for X). */
function requestedCommand(argv: readonly string[]): string | undefined {
  const args = argv.slice(2).filter((a) => !a.startsWith('-'));
  return args[0] === 'help' ? args[1] : args[0];
}

/**
 * The program with the requested command defined in full (its module loaded), and every other
 * command as a name and summary only, which is all `ringlens --help` needs.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const root = () =>
    new Command('ringlens')
      .description(
        'Ringlens: lead bundles, ring analysis and evidence packets from the command line',
      )
      .showHelpAfterError()
      .exitOverride();
  const program = root();
  const wanted = COMMANDS.find((c) => c.name === requestedCommand(argv));
  // Commands inherit settings (exitOverride, help) from the program they are made on.
  const full = wanted ? root() : undefined;
  if (wanted && full) (await wanted.load()).register(full);
  for (const c of COMMANDS) {
    const defined = full?.commands.find((x) => x.name() === c.name);
    if (defined) program.addCommand(defined);
    else program.command(c.name).description(c.summary);
  }
  return program;
}

/**
 * Start-up clean-up: abandoned plaintext temp folders, and partial files beside the case and
 * the output this command names (a killed export leaves its partial there).
 */
function removeLeftoversFor(argv: readonly string[]): void {
  const folders = new Set<string>();
  argv.slice(2).forEach((a, i, all) => {
    if (a.endsWith('.ringlens') || all[i - 1] === '--out') folders.add(dirname(resolve(a)));
  });
  removeLeftovers({ folders: [...folders] });
}

/** Runs the CLI and returns the exit code (never calls process.exit, so tests can call it). */
export async function main(argv: readonly string[]): Promise<number> {
  // Names from bundles reach many print statements: every one goes through the guard.
  guardTerminalStream(process.stdout);
  guardTerminalStream(process.stderr);
  removeLeftoversFor(argv);
  const program = await buildProgram(argv);
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
    // A bug, not bad input: no stack trace unless asked for, and what to send us.
    const detail = process.env.RINGLENS_DEBUG ? `\n${(e as Error).stack ?? String(e)}` : '';
    if (wantsJson)
      printJson({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `unexpected error: ${(e as Error).message}`,
          hint: UNEXPECTED_HINT,
        },
      });
    process.stderr.write(
      `ringlens: unexpected error: ${(e as Error).message ?? String(e)} (${UNEXPECTED_HINT}; run again with RINGLENS_DEBUG=1 for the technical details)${detail}\n`,
    );
    return EXIT.FAILURE;
  }
}
