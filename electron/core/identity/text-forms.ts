/**
 * Text forms shared by the comparison functions: script and width folding (traditional to
 * simplified Chinese with OpenCC, full-width to ASCII with NFKC) and pinyin without tones.
 */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

let toSimplified: ((s: string) => string) | undefined;

const HAN = /\p{Script=Han}/u;

export const hasHan = (s: string): boolean => HAN.test(s);

/** NFKC (full-width letters and digits become ASCII), traditional to simplified, lower case, spaces folded. */
export function foldScript(s: string): string {
  const nfkc = s.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
  if (!hasHan(nfkc)) return nfkc;
  toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return toSimplified(nfkc);
}

/** Latin letters only, accents and tone marks dropped: "Zhāng Wěi" → ["zhang", "wei"]. */
export function latinTokens(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * A text's pinyin syllables without tones, Han characters transliterated one by one and
 * Latin words kept: "陳偉" → ["chen", "wei"], "Zhang Wei" → ["zhang", "wei"]. Surnames are
 * read as surnames (单 → shan), since most names put them first.
 */
export function pinyinTokens(s: string): string[] {
  const folded = foldScript(s);
  if (!hasHan(folded)) return latinTokens(folded);
  const out: string[] = [];
  const parts = folded.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? [];
  parts.forEach((part, i) => {
    if (hasHan(part))
      out.push(
        ...pinyin(part, {
          toneType: 'none',
          type: 'array',
          v: true,
          ...(i === 0 && { surname: 'head' as const }),
        }).map((p) => p.toLowerCase()),
      );
    else out.push(...latinTokens(part));
  });
  return out.filter(Boolean);
}
