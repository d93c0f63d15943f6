/**
 * Where the CLI gets a passphrase: a file named by --passphrase-file or
 * RINGLENS_PASSPHRASE_FILE, or a no-echo prompt on a terminal. Never an argument: command
 * lines end up in shell history and process lists.
 */
import { readFileSync } from 'node:fs';
import { RinglensError } from '../../shared/errors';

export interface PassphraseOptions {
  readonly passphraseFile?: string;
}

export async function getPassphrase(
  opts: PassphraseOptions,
  prompt = 'Passphrase: ',
  confirm = false,
): Promise<string> {
  const file = opts.passphraseFile ?? process.env.RINGLENS_PASSPHRASE_FILE;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new RinglensError('NOT_FOUND', `cannot read the passphrase file ${file}`, { file });
    }
    const pass = text.replace(/\r?\n$/, '');
    if (!pass)
      throw new RinglensError('INVALID_ARGUMENT', `the passphrase file ${file} is empty`, { file });
    return pass;
  }
  if (!process.stdin.isTTY) {
    throw new RinglensError('INVALID_ARGUMENT', 'no passphrase: not on a terminal', {
      hint: 'use --passphrase-file FILE or set RINGLENS_PASSPHRASE_FILE',
    });
  }
  const first = await promptHidden(prompt);
  if (confirm && (await promptHidden('Again: ')) !== first)
    throw new RinglensError('INVALID_ARGUMENT', 'the passphrases do not match');
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          return resolve(value);
        }
        if (ch === '\u0003') {
          done();
          return reject(new RinglensError('INVALID_ARGUMENT', 'cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
