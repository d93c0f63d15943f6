import { openCase, closeCase, type CaseStore } from '../core/store/open';
import { getPassphrase, type PassphraseOptions } from './passphrase';

/** Opens a case for one command and always closes it, even when the command fails. */
export async function withCase<T>(
  path: string,
  opts: PassphraseOptions,
  run: (store: CaseStore) => Promise<T> | T,
): Promise<T> {
  const store = openCase(path, await getPassphrase(opts));
  try {
    return await run(store);
  } finally {
    closeCase(store);
  }
}
