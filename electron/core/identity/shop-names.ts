/**
 * Shop names one character apart ("Luxe Shoes Outlet 123" and "Luxe Shoes 0utlet 123";
 * "李氏鞋业12号店" and "李氏鞋業12号店"). Numbered branches of honest chains differ only in
 * their number, so a change in the digits counts for little; a change in the words, with
 * the same number, is the evasion.
 */
import { distance } from 'fastest-levenshtein';
import { foldScript, pinyinTokens } from './text-forms';

/** Look-alike characters sellers swap in to dodge exact matching. */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  '5': 's',
  $: 's',
  '@': 'a',
};

export interface ShopForms {
  readonly folded: string;
  /** Digits in order (the branch number). */
  readonly digits: string;
}

export function shopForms(raw: string): ShopForms {
  const folded = foldScript(raw)
    .replace(/[\s\-_·.]+/gu, ' ')
    .trim();
  return { folded, digits: folded.replace(/\D/g, '') };
}

/** The one-character-deletion neighbourhood of a name: two names within one edit share a key. */
export function deletionKeys(folded: string): string[] {
  const chars = [...folded];
  const keys = new Set<string>([folded]);
  for (let i = 0; i < chars.length; i++)
    keys.add(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return [...keys];
}

export type ShopLevel = 'same' | 'one-character' | 'number-only' | 'other-word' | 'different';

export function compareShops(a: ShopForms, b: ShopForms): ShopLevel {
  if (a.folded === b.folded) return 'same';
  if (Math.min([...a.folded].length, [...b.folded].length) < 5) return 'different';
  const d = distance(a.folded, b.folded);
  if (d > 1) return 'different';
  const lookalike = (s: string) => [...s].map((c) => HOMOGLYPHS[c] ?? c).join('');
  if (a.digits !== b.digits) {
    // A digit became its look-alike letter ("0utlet"): the evasion. Any other change of the digits is another branch.
    const homoglyph =
      [...a.folded].length === [...b.folded].length &&
      a.folded.replace(/\d/g, '') !== b.folded.replace(/\d/g, '') &&
      lookalike(a.folded) === lookalike(b.folded);
    return homoglyph ? 'one-character' : 'number-only';
  }
  const ca = [...a.folded];
  const cb = [...b.folded];
  if (ca.length === cb.length) {
    // A substitution: a Han character for another Han character that sounds different is
    // how honest template names differ (黄氏表行 / 刘氏表行); a homophone is an evasion.
    const i = ca.findIndex((c, k) => c !== cb[k]);
    const x = ca[i]!;
    const y = cb[i]!;
    if (
      /\p{Script=Han}/u.test(x) &&
      /\p{Script=Han}/u.test(y) &&
      pinyinTokens(x)[0] !== pinyinTokens(y)[0]
    )
      return 'other-word';
  }
  return 'one-character';
}
