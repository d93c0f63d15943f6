/**
 * Guidance on a new passphrase. The case's secrecy rests on it alone (SQLCipher derives
 * the key with PBKDF2), so short or common passphrases get a clear warning.
 */
export interface PassphraseAdvice {
  readonly bitsEstimate: number;
  readonly strong: boolean;
  readonly warnings: readonly string[];
}

const COMMON = [
  'password',
  '123456',
  'qwerty',
  'letmein',
  'ringlens',
  'admin',
  'welcome',
  'iloveyou',
  'passw0rd',
];

export function passphraseAdvice(passphrase: string): PassphraseAdvice {
  const warnings: string[] = [];
  const chars = [...passphrase];
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/\d/.test(passphrase)) pool += 10;
  if (/[^A-Za-z0-9]/.test(passphrase)) pool += 33;
  const distinct = new Set(chars).size;
  const bitsEstimate = Math.round(
    Math.min(chars.length, distinct * 2) * Math.log2(Math.max(pool, 2)),
  );
  if (chars.length < 12)
    warnings.push(
      'the passphrase is shorter than 12 characters; four or more random words are better',
    );
  if (COMMON.some((c) => passphrase.toLowerCase().includes(c)))
    warnings.push('the passphrase contains a common password');
  if (distinct <= 3 && chars.length > 0)
    warnings.push('the passphrase repeats very few characters');
  if (bitsEstimate < 60)
    warnings.push(`estimated strength is about ${bitsEstimate} bits; aim for 60 or more`);
  return { bitsEstimate, strong: warnings.length === 0, warnings };
}
