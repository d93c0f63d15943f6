/**
 * The complainant packet's own pages: the strongest fact first (complaints for brands the
 * complainant does not represent), the rights it claims, the DSA Art. 23(3) counts with
 * withdrawn and reinstated notices apart, the damages per currency with their source, and
 * each complaint as an exhibit.
 */
import { grid, heading, para, sub, type Block } from '../certifications/blocks';
import type { ComplainantCase } from './content';

export function complainantSummary(k: ComplainantCase): Block[] {
  const c = k.counts;
  const pct = (n: number) => (c.total ? `${Math.round((n / c.total) * 100)}%` : '0%');
  return [
    ...(c.unauthorised
      ? [
          {
            text: `${k.complainant} filed ${c.unauthorised} of its ${c.total} complaints for brands it does not claim to represent (${c.unauthorisedBrands.join(', ')}).`,
            fontSize: 11,
            color: '#922b21',
            margin: [0, 2, 0, 6],
          },
        ]
      : [
          para(`Every complaint of ${k.complainant} was filed for a brand it claims to represent.`),
        ]),
    para(
      `${k.complainant} (${k.kind || 'complainant'}, registered ${k.registeredAt || 'on an unknown date'}) filed ${c.total} IP complaints in this case. ${c.manifestlyUnfounded} (${pct(c.manifestlyUnfounded)}) were manifestly unfounded in the sense of EU DSA Art. 23(3): the platform rejected them on the merits after the seller's refutation. ${c.reinstated} led to a takedown later reversed (reinstated) and ${c.withdrawn} were withdrawn; these are counted apart.`,
    ),
    grid(
      ['Factor (EU DSA Art. 23(3))', 'Value'],
      [
        ['Complaints filed', c.total],
        [
          'Manifestly unfounded (rejected on the merits)',
          `${c.manifestlyUnfounded} (${pct(c.manifestlyUnfounded)} of all)`,
        ],
        ['Reinstated after takedown (counted apart)', c.reinstated],
        ['Withdrawn by the complainant (counted apart)', c.withdrawn],
        ['Upheld', c.upheld],
        ['Pending or other', c.pending + c.other],
        ['Filed for brands it does not represent', c.unauthorised],
        ['Listings removed by unfounded complaints', k.listingsRemovedByUnfounded],
        ['Sales reported lost through unfounded complaints', k.damages[0]!.amount],
      ],
      [250, '*'],
    ),
  ];
}

export function complainantSections(k: ComplainantCase): Block[] {
  const unauth = k.exhibits.filter((x) => x.authorised === 'NO');
  return [
    heading('1A. Complaints for brands the complainant does not represent', 'landscape'),
    para(
      `The brands ${k.complainant} claims to represent are listed in 1B. Each complaint below was filed for another brand. The brand is the one named in the complaint, else the one whose right the listing is linked to, else the one named in the listing's title (column "Found by").`,
    ),
    grid(
      [
        'Exhibit',
        'Complaint',
        'Filed',
        'Brand complained for',
        'Found by',
        'Target listing',
        'Platform decision',
        'Source row',
      ],
      unauth.map((x) => [
        x.number,
        x.complaint,
        x.filedAt,
        x.brand,
        x.brandBasis,
        `${x.target}\n${x.targetUrl}`,
        x.outcome,
        x.source,
      ]),
      [40, 60, 50, 80, 80, 150, 60, '*'],
    ),
    heading('1B. Rights the complainant claims to represent'),
    grid(
      ['Brand', 'Owner', 'Registered rights', 'Complaints for it', 'Source of the claim'],
      k.claimed.map((r) => [r.brand, r.owner, r.rights, r.complaints, r.source]),
      [80, 90, 110, 50, '*'],
    ),
    ...(k.claimed.length
      ? []
      : [para(`The case records no brand that ${k.complainant} represents.`)]),
    heading('1C. Platform decisions and damages'),
    grid(
      ['Decision', 'Complaints'],
      [
        ['refuted: rejected on the merits (manifestly unfounded)', k.counts.manifestlyUnfounded],
        ['reinstated after takedown', k.counts.reinstated],
        ['withdrawn', k.counts.withdrawn],
        ['upheld', k.counts.upheld],
        ['pending or other', k.counts.pending + k.counts.other],
      ],
      [300, '*'],
    ),
    sub(
      'Sales reported lost by the targeted sellers, per currency (never summed across currencies)',
    ),
    grid(
      ['Complaints', 'Number', 'Sales reported lost', 'Source'],
      k.damages.map((d) => [d.group, d.complaints, d.amount, d.sources]),
      [130, 45, 90, '*'],
    ),
  ];
}

/** Each complaint as an exhibit: the record as the lead bundle gives it, with its row. */
export function complaintExhibits(k: ComplainantCase): Block[] {
  return [
    heading('2A. The complaints (exhibits)'),
    para(
      "Each complaint as recorded in the lead bundle, with the platform decision and the seller's refutation.",
    ),
    ...k.exhibits.map((x) => ({
      unbreakable: true,
      margin: [0, 4, 0, 4],
      stack: [
        sub(
          `Exhibit ${x.number}: complaint ${x.complaint.replace(/^complaint:/, '')}${x.authorised === 'NO' ? ' (brand not represented)' : ''}`,
        ),
        grid(
          ['Field', 'Value'],
          [
            ['Filed', x.filedAt],
            ['Target listing', `${x.target}${x.targetUrl ? `\n${x.targetUrl}` : ''}`],
            ['Brand complained for', `${x.brand} (${x.brandBasis})`],
            ['Complainant represents this brand', x.authorised],
            ['Platform decision', x.outcome],
            ["Seller's refutation", x.refutation || '(none recorded)'],
            ['Listings removed', x.listingsRemoved],
            ['Sales reported lost', x.salesLost || '(none reported)'],
            [
              'Evidence fingerprint',
              `${x.evidenceFingerprint || '—'}${x.reusedBy ? ` (also used by ${x.reusedBy} other complaints)` : ''}`,
            ],
            ['Source row', x.source],
          ],
          [120, '*'],
        ),
      ],
    })),
  ];
}
