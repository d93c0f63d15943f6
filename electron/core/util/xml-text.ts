/**
 * Text for XML 1.0 documents (GraphML, GEXF, the packet's ring.graphml). XML 1.0 cannot carry
 * most C0 controls, lone surrogates or U+FFFE/U+FFFF at all, not even as &#…; references, and
 * a single one makes the whole file unreadable to networkx, Gephi or any conforming parser.
 * Such characters are written visibly as ⟨U+XXXX⟩ (never dropped silently); tab, line feed and
 * carriage return become character references so attribute values keep them.
 */

/** Characters outside XML 1.0's Char production. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const visible = (c: string) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`;

/** `s` escaped for XML element content and attribute values, with only XML 1.0 characters. */
export function xmlText(s: string): string {
  return s
    .replace(NOT_XML, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
