/** The API methods of identity resolution, bound to the open case (split from handlers.ts to keep each file about one area). */
import { listMatches } from '../identity/matches';
import { decideMatch } from '../identity/decisions';
import type { Session } from './session';
import type { Handlers } from './handlers';

export function identityHandlers(
  session: Session,
): Pick<Handlers, 'matches.list' | 'matches.decide'> {
  return {
    'matches.list': ({ kind, min }) =>
      listMatches(session.db(), { ...(kind && { kind }), ...(min !== undefined && { min }) }),
    'matches.decide': (input) => decideMatch(session.db(), input, { actor: session.actor }),
  };
}
