/**
 * Makes invisible and reordering characters visible. A name from a bundle may hold terminal
 * escapes, C1 controls or bidi overrides: U+202E makes "‮gnp.exe" read as "exe.png". Screens and
 * PDFs show each such character as ⟨U+202E⟩ instead; the stored value is never changed.
 */

/**
 * C0 controls other than tab and line feed, DEL, C1 controls, bidi embeddings, overrides,
 * isolates and marks, zero-width characters, the BOM, noncharacters U+FFFE/U+FFFF, and lone
 * surrogates (which no font and no XML document can carry).
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` with every invisible or reordering character written as ⟨U+XXXX⟩. `brackets` lets a
 * PDF use ‹ › where its font has no ⟨ ⟩.
 */
export function visibleControls(
  text: string,
  brackets: readonly [string, string] = ['⟨', '⟩'],
): string {
  return text.replace(
    INVISIBLE,
    (c) =>
      `${brackets[0]}U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}${brackets[1]}`,
  );
}

/** True when `text` holds a character that visibleControls would rewrite. */
export function hasInvisibleControls(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}
