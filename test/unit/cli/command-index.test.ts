// `ringlens --help` lists commands from command-index.ts without loading them; this holds
// that list to what the command modules really define, so help never names a command that
// does not exist or describes one wrongly.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../electron/cli/command-index';
import { buildProgram } from '../../../electron/cli/main';

describe('command index', () => {
  it('names every command its modules define, with their own descriptions', async () => {
    const defined = new Map<string, string>();
    for (const load of new Set(COMMANDS.map((c) => c.load))) {
      const program = new Command('ringlens');
      (await load()).register(program);
      for (const c of program.commands) defined.set(c.name(), c.description());
    }
    expect(new Map(COMMANDS.map((c) => [c.name, c.summary]))).toEqual(defined);
  });

  it('defines the requested command in full and only names the others', async () => {
    const program = await buildProgram(['node', 'ringlens', 'ring', 'case.ringlens', 'R-0001']);
    const ring = program.commands.find((c) => c.name() === 'ring')!;
    const info = program.commands.find((c) => c.name() === 'info')!;
    expect(ring.options.map((o) => o.long)).toContain('--json');
    expect(info.options).toEqual([]);
  });
});
