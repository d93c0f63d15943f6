/**
 * People and company names: the same name in traditional and simplified script (陳偉, 陈伟),
 * full-width forms, pinyin with or without tones and spaces (Zhāng Wěi, zhangwei, Zhang Wei)
 * and either order (Wei Zhang).
 */
import { distance } from 'fastest-levenshtein';
import { foldScript, pinyinTokens } from './text-forms';

export interface NameForms {
  /** NFKC, simplified script, lower case. */
  readonly script: string;
  /** Pinyin syllables (or Latin words) in written order. */
  readonly tokens: readonly string[];
  /** Tokens joined with no spaces: the key for exact comparison. */
  readonly joined: string;
  /** Tokens sorted: the key that ignores order. */
  readonly unordered: string;
  /** The letters sorted: one blocking key for every order and spacing ("JonasRossi", "Rossi Jonas"). */
  readonly letters: string;
}

export function nameForms(raw: string): NameForms {
  const script = foldScript(raw);
  // Company suffixes and punctuation say nothing about identity.
  const tokens = pinyinTokens(
    script.replace(/有限公司|有限责任公司|\b(co|ltd|limited|inc|llc)\b\.?/gu, ' '),
  );
  return {
    script,
    tokens,
    joined: tokens.join(''),
    unordered: [...tokens].sort().join(' '),
    letters: [...tokens.join('')].sort().join(''),
  };
}

export type NameLevel = 'exact' | 'script' | 'pinyin' | 'order' | 'close' | 'different';

/**
 * The strongest agreement two names reach, in order: written the same; the same once script
 * and width are folded; the same pinyin; the same syllables in another order; one letter
 * apart in pinyin (names of 6+ letters); else different.
 */
export function compareNames(a: NameForms, b: NameForms, rawA: string, rawB: string): NameLevel {
  if (rawA.normalize('NFKC').trim().toLowerCase() === rawB.normalize('NFKC').trim().toLowerCase())
    return 'exact';
  if (a.script === b.script) return 'script';
  if (a.joined !== '' && a.joined === b.joined) return 'pinyin';
  if (a.tokens.length > 1 && a.unordered === b.unordered) return 'order';
  if (
    a.letters === b.letters &&
    (joinsInSomeOrder(a.tokens, b.joined) || joinsInSomeOrder(b.tokens, a.joined))
  )
    return 'order';
  if (Math.min(a.joined.length, b.joined.length) >= 6 && distance(a.joined, b.joined) <= 1)
    return 'close';
  return 'different';
}

/** Whether the tokens, in some order, spell `joined` ("jonas", "rossi" → "rossijonas"). Names have few tokens. */
function joinsInSomeOrder(tokens: readonly string[], joined: string): boolean {
  if (tokens.length < 2 || tokens.length > 4) return false;
  const go = (rest: readonly string[], at: number): boolean =>
    rest.length === 0
      ? at === joined.length
      : rest.some(
          (t, i) =>
            joined.startsWith(t, at) &&
            go([...rest.slice(0, i), ...rest.slice(i + 1)], at + t.length),
        );
  return go(tokens, 0);
}
