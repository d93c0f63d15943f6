/**
 * Schedule A: the flat list of defendants a Schedule A complaint files (one row per Doe:
 * platform, seller alias, store URL, marketplace id, country, service e-mail, and the
 * payment and payout accounts to freeze), in a sealed version with the full account
 * numbers and a public version with account numbers cut to their last four digits, as
 * FRCP 5.2(a)(4) requires of a public filing. Every cut is written to a redaction log with
 * the SHA-256 of the sealed value, so the court can pair each public entry with its sealed
 * one without the log revealing it.
 */
import { sha256Hex } from '../../util/hash';
import type { Defendant } from '../model';
import type { FreezeAccount } from '../freeze';
import type { DoeFacts } from './facts';

export interface ScheduleARow {
  readonly doe: string;
  readonly platform: string;
  readonly sellerAlias: string;
  readonly sellerName: string;
  readonly storeNames: readonly string[];
  readonly storeUrls: readonly string[];
  /** The seller account's id, then each store's. */
  readonly marketplaceIds: readonly string[];
  readonly country: string;
  readonly countrySource: string;
  readonly serviceEmails: readonly string[];
  /** Payment accounts that receive the Doe's sales. */
  readonly paymentAccounts: readonly string[];
  /** Bank accounts the Doe's payment accounts withdraw to, "bank (from payment account)". */
  readonly payoutAccounts: readonly string[];
  /** The source row of each account's link (bundle file:line), in account order. */
  readonly accountSources: readonly string[];
}

export interface RedactionEntry {
  readonly document: string;
  readonly doe: string;
  readonly field: string;
  readonly shownAs: string;
  readonly rule: string;
  /** SHA-256 of the sealed value, to pair the public entry with the sealed one. */
  readonly sealedSha256: string;
}

export const FRCP_5_2 = 'FRCP 5.2(a)(4): financial-account number cut to its last four digits';

/** The account number inside an account's key (`payment_account|provider|NUMBER`, `bank_account|NUMBER`). */
function accountNumber(a: Pick<FreezeAccount, 'key' | 'account'>): string {
  const last = a.key.split('|').at(-1) ?? '';
  return /\d{5,}/.test(last) ? last : (/[A-Z0-9]*\d{5,}[A-Z0-9]*/i.exec(a.account)?.[0] ?? '');
}

/** "WeChat Pay 279811487227" -> "WeChat Pay ****7227"; any other long digit run is cut too. */
export function lastFour(text: string, number?: string): string {
  const cut = (n: string) => `****${n.slice(-4)}`;
  let out = number && number.length > 4 ? text.split(number).join(cut(number)) : text;
  out = out.replace(/\b[A-Z]{0,6}\d{5,}\b/gi, (m) => cut(m));
  return out;
}

const payout = (a: FreezeAccount) => `${a.account} (from ${a.via})`;

export function scheduleARows(
  defendants: readonly Defendant[],
  facts: readonly DoeFacts[],
): ScheduleARow[] {
  return defendants.map((d, i) => {
    const f = facts[i];
    const direct = d.accounts.filter((a) => !a.via);
    const behind = d.accounts.filter((a) => a.via);
    return {
      doe: d.doe,
      platform: f?.platform ?? 'unknown',
      sellerAlias: d.alias || d.seller,
      sellerName: d.seller,
      storeNames: d.shops.map((s) => s.name),
      storeUrls: d.shops.map((s) => s.url),
      marketplaceIds: [d.marketplaceId, ...d.shops.map((s) => s.marketplaceId)].filter(Boolean),
      country: f?.country ?? 'unknown',
      countrySource: f?.countrySource ?? 'not recorded',
      serviceEmails: d.emails,
      paymentAccounts: direct.map((a) => a.account),
      payoutAccounts: behind.map(payout),
      accountSources: [...direct, ...behind].map((a) => `${a.account}: ${a.source}`),
    };
  });
}

/**
 * The public version of the rows and the log of every cut. Account numbers are found by
 * the account entity (its key), not by searching for strings, and the sources column (which
 * names each account) is cut the same way.
 */
export function publicScheduleA(
  defendants: readonly Defendant[],
  rows: readonly ScheduleARow[],
  document: string,
): { rows: ScheduleARow[]; log: RedactionEntry[] } {
  const log: RedactionEntry[] = [];
  const out = rows.map((r, i) => {
    const d = defendants[i]!;
    const direct = d.accounts.filter((a) => !a.via);
    const behind = d.accounts.filter((a) => a.via);
    const viaNumber = (a: FreezeAccount) =>
      d.accounts.find((x) => x.account === a.via && !x.via) ?? {
        key: a.via,
        account: a.via,
      };
    const cutAccount = (a: FreezeAccount) => lastFour(a.account, accountNumber(a));
    const cutPayout = (a: FreezeAccount) =>
      `${cutAccount(a)} (from ${lastFour(a.via, accountNumber(viaNumber(a)))})`;
    const note = (field: string, sealed: string, shown: string) => {
      if (sealed !== shown)
        log.push({
          document,
          doe: r.doe,
          field,
          shownAs: shown,
          rule: FRCP_5_2,
          sealedSha256: sha256Hex(Buffer.from(sealed)),
        });
    };
    const payment = direct.map((a, k) => {
      const shown = cutAccount(a);
      note('payment account to freeze', r.paymentAccounts[k]!, shown);
      return shown;
    });
    const payouts = behind.map((a, k) => {
      const shown = cutPayout(a);
      note('payout account to freeze', r.payoutAccounts[k]!, shown);
      return shown;
    });
    const sources = [...direct, ...behind].map((a, k) => {
      const sealed = r.accountSources[k]!;
      return `${cutAccount(a)}${sealed.slice(a.account.length)}`;
    });
    return { ...r, paymentAccounts: payment, payoutAccounts: payouts, accountSources: sources };
  });
  return { rows: out, log };
}

/** The header and flat cells of the spreadsheet (lists joined with "; "). */
export const SCHEDULE_A_COLUMNS = [
  'Doe',
  'Platform',
  'Seller alias',
  'Seller name',
  'Store name',
  'Store URL',
  'Marketplace id (seller; stores)',
  'Country',
  'Country from',
  'Service e-mail',
  'Payment accounts to freeze',
  'Payout accounts to freeze',
  'Account source rows (bundle file:line)',
] as const;

export function scheduleACells(r: ScheduleARow): string[] {
  const j = (v: readonly string[]) => v.join('; ');
  return [
    r.doe,
    r.platform,
    r.sellerAlias,
    r.sellerName,
    j(r.storeNames),
    j(r.storeUrls),
    j(r.marketplaceIds),
    r.country,
    r.countrySource,
    j(r.serviceEmails),
    j(r.paymentAccounts),
    j(r.payoutAccounts),
    j(r.accountSources),
  ];
}
