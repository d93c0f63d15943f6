/**
 * Bank and payment accounts: the number without separators (spaces, dashes, dots, full-width
 * digits) and the institution's name normalised across its spellings (中国工商银行, ICBC,
 * Industrial and Commercial Bank of China; 支付宝, Alipay).
 */
import { distance } from 'fastest-levenshtein';
import { foldScript } from './text-forms';

/** Spellings of the institutions a Chinese marketplace sees most, folded (see `institutionKey`). */
const INSTITUTIONS: Readonly<Record<string, readonly string[]>> = {
  icbc: ['icbc', '中国工商银行', '工商银行', '工行', 'industrialandcommercialbankofchina'],
  ccb: ['ccb', '中国建设银行', '建设银行', '建行', 'chinaconstructionbank', 'constructionbank'],
  boc: ['boc', '中国银行', '中行', 'bankofchina'],
  abc: ['abc', '中国农业银行', '农业银行', '农行', 'agriculturalbankofchina'],
  cmb: ['cmb', '招商银行', '招行', 'chinamerchantsbank', 'merchantsbank'],
  bocom: ['bocom', '交通银行', 'bankofcommunications'],
  psbc: ['psbc', '中国邮政储蓄银行', '邮储银行', 'postalsavingsbankofchina'],
  alipay: ['alipay', '支付宝', 'zhifubao', 'antgroupalipay'],
  wechatpay: ['wechatpay', '微信支付', 'weixinpay', 'weixinzhifu', 'wechat', 'tenpay', '财付通'],
  unionpay: ['unionpay', '银联', '中国银联', 'chinaunionpay'],
  paypal: ['paypal'],
};
const BY_SPELLING = new Map(
  Object.entries(INSTITUTIONS).flatMap(([key, names]) => names.map((n) => [n, key] as const)),
);

/** An institution's canonical key, or its folded name when it is not one Ringlens knows. */
export function institutionKey(raw: string | undefined): string {
  if (!raw) return '';
  const folded = foldScript(raw)
    .replace(/[\s.,'’()（）\-_&]+/gu, '')
    .replace(/^the/, '');
  return (
    BY_SPELLING.get(folded) ??
    BY_SPELLING.get(folded.replace(/(coltd|colimited|co|ltd|limited|inc)$/, '')) ??
    folded
  );
}

/** An account number as digits and letters only: "6222 0212 3456 7890", "6222-0212-3456-7890" → "6222021234567890". */
export function accountDigits(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
}

export interface AccountForms {
  readonly number: string;
  readonly institution: string;
}

export function accountForms(number: string, institution: string | undefined): AccountForms {
  return { number: accountDigits(number), institution: institutionKey(institution) };
}

export type AccountNumberLevel = 'same' | 'one-digit' | 'different';
export type InstitutionLevel = 'same' | 'unknown' | 'different';

export function compareAccountNumbers(a: AccountForms, b: AccountForms): AccountNumberLevel {
  if (a.number === b.number) return 'same';
  // A typed-in digit wrong (or two swapped) in a long number; short numbers are too crowded to tell.
  if (
    a.number.length >= 10 &&
    a.number.length === b.number.length &&
    distance(a.number, b.number) <= 1
  )
    return 'one-digit';
  if (
    a.number.length >= 10 &&
    a.number.length === b.number.length &&
    isTransposition(a.number, b.number)
  )
    return 'one-digit';
  return 'different';
}

function isTransposition(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return (
    i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  );
}

export function compareInstitutions(a: AccountForms, b: AccountForms): InstitutionLevel {
  if (a.institution === '' || b.institution === '') return 'unknown';
  return a.institution === b.institution ? 'same' : 'different';
}
