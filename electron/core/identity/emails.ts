/**
 * E-mail addresses under their providers' own rules. Gmail ignores dots in the local part
 * and everything after a `+` (and googlemail.com is gmail.com); Outlook.com, iCloud,
 * Fastmail and Proton document `+` sub-addressing but keep dots; other providers (QQ, 163,
 * Sina …) document neither, so their addresses are compared as written.
 */
import { distance } from 'fastest-levenshtein';

interface ProviderRule {
  readonly canonicalDomain: string;
  readonly ignoresDots: boolean;
  readonly plusTags: boolean;
}

const GMAIL: ProviderRule = { canonicalDomain: 'gmail.com', ignoresDots: true, plusTags: true };
const PLUS = (d: string): ProviderRule => ({
  canonicalDomain: d,
  ignoresDots: false,
  plusTags: true,
});

export const PROVIDER_RULES: Readonly<Record<string, ProviderRule>> = {
  'gmail.com': GMAIL,
  'googlemail.com': GMAIL,
  'outlook.com': PLUS('outlook.com'),
  'hotmail.com': PLUS('hotmail.com'),
  'live.com': PLUS('live.com'),
  'icloud.com': PLUS('icloud.com'),
  'me.com': PLUS('icloud.com'),
  'fastmail.com': PLUS('fastmail.com'),
  'proton.me': PLUS('proton.me'),
  'protonmail.com': PLUS('proton.me'),
};

export interface EmailForms {
  readonly address: string;
  readonly local: string;
  readonly domain: string;
  /** The mailbox the provider delivers to (its rules applied). */
  readonly mailbox: string;
  /** The local part with dots and any `+tag` removed, whatever the provider: the person's chosen name. */
  readonly stem: string;
}

export function emailForms(raw: string): EmailForms {
  const address = raw.normalize('NFKC').trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  const domain = at < 0 ? '' : address.slice(at + 1);
  const rule = PROVIDER_RULES[domain];
  let mailboxLocal = local;
  if (rule?.plusTags) mailboxLocal = mailboxLocal.replace(/\+.*$/, '');
  if (rule?.ignoresDots) mailboxLocal = mailboxLocal.replaceAll('.', '');
  const stem = local.replace(/\+.*$/, '').replace(/[._-]/g, '');
  return {
    address,
    local,
    domain,
    mailbox: `${mailboxLocal}@${rule?.canonicalDomain ?? domain}`,
    stem,
  };
}

export type EmailLevel =
  'mailbox' | 'stem-same-provider' | 'stem-other-provider' | 'close' | 'different';

/**
 * The strongest agreement: one mailbox under the provider's rules; the same local part
 * (dots and tags aside) at one provider that does not document those rules; the same
 * local part at two providers; local parts one letter apart (6+ letters); else different.
 */
export function compareEmails(a: EmailForms, b: EmailForms): EmailLevel {
  if (a.mailbox === b.mailbox) return 'mailbox';
  if (a.stem !== '' && a.stem === b.stem)
    return a.domain === b.domain ? 'stem-same-provider' : 'stem-other-provider';
  if (Math.min(a.stem.length, b.stem.length) >= 6 && distance(a.stem, b.stem) <= 1) return 'close';
  return 'different';
}
