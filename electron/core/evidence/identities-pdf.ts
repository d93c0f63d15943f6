/** The packet section "Identities resolved by the examiner" (see identities.ts). */
import type { ResolvedIdentity } from './identities';

type Node = Record<string, unknown>;

export function identitiesSection(ids: readonly ResolvedIdentity[]): Node[] {
  const td = (text: string): Node => ({ text, style: 'td' });
  const th = (text: string): Node => ({ text, style: 'th' });
  const head: Node = {
    text: '2a. Identities resolved by the examiner',
    style: 'h1',
    tocItem: true,
    outline: true,
    pageBreak: 'before',
    pageOrientation: 'landscape',
  };
  const intro: Node = {
    text: ids.length
      ? `The examiner confirmed that each pair below is one identity (the same person, firm or account written two ways); ring analysis treats a confirmed pair as one identifier. Only confirmed decisions are listed: candidate matches that nobody confirmed, and rejected ones, are not evidence and are never cited. ${ids.length} confirmed match${ids.length > 1 ? 'es touch' : ' touches'} this ring.`
      : 'No identity match touching this ring has been confirmed by the examiner. Candidate matches that nobody confirmed are not evidence and are never cited.',
    margin: [0, 2, 0, 4],
  };
  if (!ids.length) return [head, intro];
  return [
    head,
    intro,
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [60, 120, 120, 95, '*', 170],
        body: [
          [
            'Kind',
            'Identifier',
            'Confirmed to be the same as',
            'Decided',
            'Reason given',
            'Evidence terms (weight in bits)',
          ].map(th),
          ...ids.map((m) => [
            td(m.kind),
            td(`${m.a.label}\n${m.a.key}`),
            td(`${m.b.label}\n${m.b.key}`),
            td(`${m.decidedAt}\nby ${m.decidedBy}\nprobability ${m.probability.toFixed(3)}`),
            td(`${m.reason}\nTied to: ${m.tiedTo}`),
            td(m.terms.join('\n')),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 4, 0, 8],
    },
  ];
}
