/** The API methods of the packets' matter, bound to the open case (see shared/api/matter-contract.ts). */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MatterView } from '../../../shared/api/matter-contract';
import { matterSettings, replaceMatterSettings } from '../evidence/matter';
import { referralJurisdictions } from '../evidence/referral/thresholds';
import type { Session } from './session';
import type { Handlers } from './handlers';

function matterView(db: Database): MatterView {
  const last = db
    .prepare(
      "SELECT seq, at, actor FROM audit_log WHERE action = 'matter.edit' ORDER BY seq DESC LIMIT 1",
    )
    .get() as MatterView['lastEdit'] | undefined;
  return {
    settings: matterSettings(db),
    jurisdictions: referralJurisdictions(),
    lastEdit: last ?? null,
  };
}

export function matterHandlers(session: Session): Pick<Handlers, 'matter.get' | 'matter.set'> {
  return {
    'matter.get': () => matterView(session.db()),
    'matter.set': ({ settings }) => {
      replaceMatterSettings(session.db(), settings, session.actor);
      return matterView(session.db());
    },
  };
}
