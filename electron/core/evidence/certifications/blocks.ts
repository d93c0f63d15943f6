/**
 * pdfmake building blocks for the audience sections (referral, certifications, complainant),
 * styled as the rest of packet.pdf (the styles h1, h2, th and td are the packet's).
 */
export type Block = Record<string, unknown> | string;
export type Cell = Record<string, unknown>;

/** A section heading on a new page, in the contents and the bookmarks. */
export const heading = (
  text: string,
  orientation: 'portrait' | 'landscape' = 'portrait',
): Block => ({
  text,
  style: 'h1',
  tocItem: true,
  outline: true,
  pageBreak: 'before',
  pageOrientation: orientation,
});
export const sub = (text: string): Block => ({ text, style: 'h2' });
export const para = (text: string): Block => ({ text, margin: [0, 2, 0, 4] });
/** A hash: small type so all 64 hex digits fit a table column. */
export const hash = (text: string): Cell => ({ text, style: 'td', fontSize: 6.2 });
/** A signature line: a label and room to sign, kept together. */
export const signatureLine = (label: string, below = ''): Block => ({
  unbreakable: true,
  margin: [0, 14, 0, 0],
  stack: [
    { text: `${label}  ______________________________`, margin: [0, 0, 0, 2] },
    ...(below ? [{ text: below, fontSize: 7.5, color: '#566573' }] : []),
  ],
});

export function grid(
  header: readonly string[],
  rows: readonly (readonly (string | number | Cell)[])[],
  widths?: readonly (string | number)[],
): Block {
  const body: Cell[][] = [
    header.map((h) => ({ text: h, style: 'th' })),
    ...rows.map((r) =>
      r.map((c) => (typeof c === 'object' ? c : { text: String(c), style: 'td' })),
    ),
  ];
  if (rows.length === 0)
    body.push(header.map((_, i) => ({ text: i === 0 ? '(none)' : '', style: 'td' })));
  return {
    table: { headerRows: 1, widths: widths ?? header.map(() => '*'), body, dontBreakRows: true },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 8],
  };
}
