/**
 * Accounts to freeze: the accounts that receive a defendant's money (payment accounts paid
 * by the Doe's shops or the seller, and the bank accounts those payment accounts withdraw
 * to, or a bank account paid directly), each with the source row that proves the link.
 *
 * An account that the ring analysis set aside (a suppressed hub: the marketplace's escrow,
 * a shared payment processor) or that a warning list names is never one to freeze: a TRO
 * drafted from it would freeze every merchant on the platform. The analysis output is the
 * source of truth, read through `neverFreeze`, so this keeps working whatever rule the ring
 * engine uses to decide what a hub is.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RingAnalysis } from '../../../shared/analysis/schemas';
import { effectiveWarningList, matchWarning } from '../graph/warning-lists';
import { linkSources } from '../graph/explain';

export interface FreezeAccount {
  /** The account as printed (provider and number). */
  readonly account: string;
  readonly key: string;
  /** payment account, or payout bank account behind one. */
  readonly kind: 'payment account' | 'payout bank account';
  /** For a payout account: the payment account whose money goes to it. */
  readonly via: string;
  /** The source row(s) of the link that ties the account to the Doe: bundle file:line. */
  readonly source: string;
}

export interface SetAside {
  readonly key: string;
  readonly label: string;
  readonly reason: string;
}

/**
 * Entity ids that must never be frozen, with the reason: every suppressed hub of the
 * analysis, and every account entity the case's warning lists name.
 */
export function neverFreeze(
  db: Database,
  analysis: Pick<RingAnalysis, 'suppressedHubs'>,
  candidates: readonly { id: number; key: string; type: string; label: string }[],
): Map<number, SetAside> {
  const out = new Map<number, SetAside>();
  for (const h of analysis.suppressedHubs)
    out.set(h.entityId, {
      key: h.key,
      label: h.label,
      reason:
        h.reason === 'warning-list'
          ? h.detail
          : `set aside by ring analysis as a hub touching ${h.degree} accounts`,
    });
  const list = effectiveWarningList(db).entries;
  for (const c of candidates) {
    if (out.has(c.id)) continue;
    const identity = c.key.includes('|') ? c.key.slice(c.key.indexOf('|') + 1).split('|') : [];
    const hit = matchWarning(list, c.type, [c.label, ...identity]);
    if (hit) out.set(c.id, { key: c.key, label: c.label, reason: `warning list: ${hit.reason}` });
  }
  return out;
}

interface Link {
  readonly id: number;
  readonly from: number;
  readonly to: number;
  readonly type: string;
}
interface Ent {
  readonly id: number;
  readonly key: string;
  readonly type: string;
  readonly label: string;
}

/**
 * The freeze list of every Doe. `payers` maps a Doe to the entity ids whose money flows
 * out (the seller and its shops). Reads the payment and payout links of those ids from the
 * case (two hops: payer -> payment account -> bank account).
 */
export function freezeLists(
  db: Database,
  analysis: Pick<RingAnalysis, 'suppressedHubs'>,
  payers: readonly (readonly number[])[],
): { lists: FreezeAccount[][]; setAside: SetAside[] } {
  const links = (ids: readonly number[], types: readonly string[]) =>
    db
      .prepare(
        `SELECT id, src AS "from", dst AS "to", type FROM links WHERE src IN (SELECT value FROM json_each(?)) AND type IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(JSON.stringify(ids), JSON.stringify(types)) as Link[];
  const all = [...new Set(payers.flat())];
  const first = links(all, ['paid_to', 'uses', 'withdraws_to']);
  const ents = (ids: readonly number[]) =>
    new Map(
      (
        db
          .prepare(
            'SELECT id, key, type, label FROM entities WHERE id IN (SELECT value FROM json_each(?))',
          )
          .all(JSON.stringify(ids)) as Ent[]
      ).map((e) => [e.id, e]),
    );
  const firstEnts = ents(first.map((l) => l.to));
  const accountLinks = first.filter((l) => {
    const t = firstEnts.get(l.to)?.type;
    return t === 'payment_account' || t === 'bank_account';
  });
  const paymentIds = [
    ...new Set(
      accountLinks.filter((l) => firstEnts.get(l.to)!.type === 'payment_account').map((l) => l.to),
    ),
  ];
  const second = links(paymentIds, ['withdraws_to', 'paid_to']);
  const secondEnts = ents(second.map((l) => l.to));
  const payouts = second.filter((l) => secondEnts.get(l.to)?.type === 'bank_account');
  const E = (id: number) => firstEnts.get(id) ?? secondEnts.get(id)!;
  const blocked = neverFreeze(db, analysis, [
    ...[...firstEnts.values()].filter((e) => e.type.endsWith('_account')),
    ...secondEnts.values(),
  ]);
  const sources = linkSources(
    db,
    [...accountLinks, ...payouts].map((l) => l.id),
  );
  const src = (linkId: number) =>
    [...new Set((sources.get(linkId) ?? []).map((s) => `${s.bundleId} ${s.file}:${s.line}`))].join(
      '; ',
    ) || 'no source row';
  const setAside = new Map<number, SetAside>();
  const lists = payers.map((ids) => {
    const out: FreezeAccount[] = [];
    const seen = new Set<number>();
    const add = (id: number, entry: FreezeAccount) => {
      const aside = blocked.get(id);
      if (aside) return void setAside.set(id, aside);
      if (seen.has(id)) return;
      seen.add(id);
      out.push(entry);
    };
    for (const l of accountLinks.filter((x) => ids.includes(x.from))) {
      const acct = E(l.to);
      add(acct.id, {
        account: acct.label,
        key: acct.key,
        kind: acct.type === 'bank_account' ? 'payout bank account' : 'payment account',
        via: '',
        source: src(l.id),
      });
      // The bank accounts behind a hub are the hub's, not the Doe's: skip them too.
      if (acct.type !== 'payment_account' || blocked.has(acct.id)) continue;
      for (const p of payouts.filter((x) => x.from === acct.id)) {
        const bank = E(p.to);
        add(bank.id, {
          account: bank.label,
          key: bank.key,
          kind: 'payout bank account',
          via: acct.label,
          source: src(p.id),
        });
      }
    }
    return out;
  });
  return {
    lists,
    setAside: [...setAside.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}
