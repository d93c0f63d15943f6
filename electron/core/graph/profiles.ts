/**
 * Analysis profiles: who the ring members are. Marketplace leads are rings of sellers and
 * shops; registry and FollowTheMoney data are networks of companies and people (factories,
 * trading companies, nominee directors); trust and transaction graphs are rings of user
 * accounts. Everything linking that is not a member type is a shared identifier; a link
 * between two members (ownership, directorship, payment, `related`) is a direct tie.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AnalysisProfile } from '../../../shared/analysis/schemas';
import type { EntityType } from '../../../shared/domain/entity-types';

export interface ProfileTypes {
  /** Entity types that are ring members. */
  readonly members: readonly EntityType[];
  /** Entity types that belong to one member and carry its identifiers (listings, orders). */
  readonly connectors: readonly EntityType[];
  readonly description: string;
}

export const PROFILE_TYPES: Readonly<Record<AnalysisProfile, ProfileTypes>> = {
  marketplace: {
    members: ['seller', 'shop'],
    connectors: ['listing', 'order'],
    description: 'members are seller accounts and shops',
  },
  corporate: {
    members: ['company', 'person'],
    connectors: [],
    description: 'members are companies, organisations and people',
  },
  account: {
    members: ['seller', 'shop', 'person'],
    connectors: ['listing', 'order'],
    description: 'members are user accounts (sellers, shops and people)',
  },
};

/**
 * The profile a case gets when the investigator has not chosen one: marketplace when it
 * holds sellers or shops, corporate when it holds only companies and people.
 */
export function defaultProfile(db: Database): AnalysisProfile {
  const has = (types: readonly string[]) =>
    db
      .prepare(`SELECT 1 FROM entities WHERE type IN (SELECT value FROM json_each(?)) LIMIT 1`)
      .get(JSON.stringify(types)) !== undefined;
  if (has(['seller', 'shop'])) return 'marketplace';
  if (has(['company', 'person'])) return 'corporate';
  return 'marketplace';
}
