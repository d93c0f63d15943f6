/**
 * Back-off for passphrase guesses through the app or the web bridge: the first few wrong
 * passphrases for a case cost nothing, then each further attempt must wait twice as long
 * as the last (1 s, 2 s, 4 s … up to 5 minutes) and is refused unchecked until then. The
 * key derivation (PBKDF2, 256,000 rounds) already costs ~0.2 s a guess; this stops a
 * script on the same machine from trying a word list through the API at that rate.
 * It is per process; it cannot stop someone who copies the file, which is what the
 * passphrase's strength is for.
 */
import { resolve } from 'node:path';
import { RinglensError } from '../../../shared/errors';

export const FREE_ATTEMPTS = 3;
const BASE_MS = 1000;
const MAX_MS = 5 * 60 * 1000;

interface State {
  failures: number;
  notBefore: number;
}

export class UnlockThrottle {
  private readonly byCase = new Map<string, State>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `attempt` unless the case is in back-off; records its failure or success. */
  attempt<T>(path: string, attempt: () => T): T {
    const key = resolve(path);
    const state = this.byCase.get(key) ?? { failures: 0, notBefore: 0 };
    const wait = state.notBefore - this.now();
    if (wait > 0)
      throw new RinglensError(
        'WRONG_PASSPHRASE',
        `${state.failures} wrong passphrases in a row: wait ${Math.ceil(wait / 1000)} s before the next attempt`,
        { hint: 'this attempt was not checked; the case is unchanged' },
      );
    try {
      const result = attempt();
      this.byCase.delete(key);
      return result;
    } catch (e) {
      if ((e as { code?: string }).code === 'WRONG_PASSPHRASE') {
        state.failures++;
        const over = state.failures - FREE_ATTEMPTS;
        state.notBefore = over > 0 ? this.now() + Math.min(BASE_MS * 2 ** (over - 1), MAX_MS) : 0;
        this.byCase.set(key, state);
      }
      throw e;
    }
  }
}
