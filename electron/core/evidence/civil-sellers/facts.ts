/**
 * What a Schedule A row needs beyond the packet's defendants: for each Doe, the entity ids
 * of its seller account and shops (to map shared identifiers to Does), the platform the
 * shops trade on and the country, each read from the case with where it came from.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Ring } from '../../../../shared/analysis/schemas';
import { formatValue } from '../../../../shared/format-value';

export interface DoeFacts {
  /** The seller's and its shops' entity ids. */
  readonly memberIds: readonly number[];
  readonly platform: string;
  /** ISO country code(s), and what they were read from. */
  readonly country: string;
  readonly countrySource: string;
}

type Props = Record<string, unknown>;
const str = formatValue;

/** One DoeFacts per ring seller, in the ring's seller order (Doe 1 first). */
export function doeFacts(db: Database, ring: Ring): DoeFacts[] {
  const memberSet = new Set([...ring.sellers, ...ring.shops].map((m) => m.id));
  const props = db.prepare('SELECT props FROM entities WHERE id = ?').pluck();
  const propsOf = (id: number) => JSON.parse(props.get(id) as string) as Props;
  const operates = db.prepare(
    "SELECT dst FROM links WHERE src = ? AND type = 'operates' ORDER BY id",
  );
  const shipsFrom = db.prepare(
    "SELECT e.props FROM links l JOIN entities e ON e.id = l.dst WHERE l.src = ? AND l.type = 'ships_from' ORDER BY l.id",
  );
  const issuer = (
    db.prepare('SELECT issuer FROM bundles ORDER BY id LIMIT 1').pluck().get() as string | undefined
  )?.valueOf();
  const organisation = issuer
    ? str((JSON.parse(issuer) as { organisation?: string; name?: string }).organisation)
    : '';
  return ring.sellers.map((s) => {
    const shops = (operates.pluck().all(s.id) as number[]).filter((id) => memberSet.has(id));
    const seller = propsOf(s.id);
    const shopProps = shops.map(propsOf);
    const platforms = [
      ...new Set(
        [str(seller.marketplace), ...shopProps.map((p) => str(p.marketplace))].filter(Boolean),
      ),
    ];
    let country = str(seller.country);
    let countrySource = country ? 'seller account' : '';
    if (!country) {
      const fromShops = [...new Set(shopProps.map((p) => str(p.country)).filter(Boolean))];
      if (fromShops.length) [country, countrySource] = [fromShops.join(', '), 'shop record'];
    }
    if (!country) {
      const origins = shops.flatMap((id) =>
        (shipsFrom.pluck().all(id) as string[]).map((p) =>
          str((JSON.parse(p) as { address?: { country?: string } }).address?.country),
        ),
      );
      const distinct = [...new Set(origins.filter(Boolean))];
      if (distinct.length) [country, countrySource] = [distinct.join(', '), 'shipping origin'];
    }
    return {
      memberIds: [s.id, ...shops],
      platform: platforms.join(', ') || organisation || 'unknown',
      country: country || 'unknown',
      countrySource: countrySource || 'not recorded',
    };
  });
}
