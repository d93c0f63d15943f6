/**
 * The ring score's weights, in one place. A ring's score is the sum of value x weight over
 * these terms; every term and its contribution is shown to the user and printed in packets.
 *
 * Why these weights:
 * - Counts have diminishing returns: each term's value is log2(1 + count), so the first
 *   confirmed test buy adds the most, the second half as much again, and a thousand reused
 *   photos count about ten times one, not a thousand times.
 * - Direct evidence of counterfeiting ranks above circumstantial sharing. A test buy with a
 *   counterfeit verdict is a physical item examined (30); one backed by a lab or brand report
 *   on file adds 10 more; an upheld complaint is a platform decision on the evidence (15).
 *   One confirmed test buy (30) outweighs any ordinary amount of shared identifiers.
 * - Shared identifiers are weighed by how strongly each kind ties accounts to one operator
 *   (IDENTIFIER_STRENGTH): money goes to whoever controls a bank or payment account, while an
 *   IP address or a stock photo is shared by strangers.
 * - Kinds of shared identifier are independent corroboration; direct links between members
 *   (ownership, directorship) are ties in their own right.
 * - Size and order value measure harm; recency says whether acting now still matters.
 */
export const SCORE_WEIGHTS = {
  counterfeitTestBuys: { label: 'test buys confirmed counterfeit (log2 of 1 + count)', weight: 30 },
  labReports: {
    label: 'counterfeit test buys with a lab or brand report on file (log2 of 1 + count)',
    weight: 10,
  },
  upheldComplaints: {
    label: 'IP complaints upheld against the ring (log2 of 1 + count)',
    weight: 15,
  },
  sharedIdentifiers: {
    label: 'shared identifiers, by strength of kind (sum of strength x log2 of 1 + count)',
    weight: 2,
  },
  sharedIdentifierKinds: { label: 'kinds of shared identifier', weight: 4 },
  directTies: { label: 'direct links between members (log2 of 1 + count)', weight: 3 },
  members: { label: 'member accounts in the ring (log2 of 1 + count)', weight: 3 },
  orderValue: { label: 'order value (log10 of the total, in the orders’ currency)', weight: 4 },
  recency: {
    label: 'recency (1 if active in the last 30 days, falling to 0 at a year)',
    weight: 10,
  },
} as const;

export type ScoreTermName = keyof typeof SCORE_WEIGHTS;

/**
 * How strongly one shared identifier of each kind ties accounts to one operator (1 to 5).
 * Money accounts are strongest (whoever withdraws controls them); people, companies, phones,
 * e-mail addresses and devices are personal; a warehouse or address may be a shared
 * facility; an IP address (NAT, VPN) or a product photo (stock images) is the weakest.
 */
export const IDENTIFIER_STRENGTH: Readonly<Record<string, number>> = {
  bank_account: 5,
  payment_account: 5,
  person: 4,
  company: 4,
  phone: 3,
  email: 3,
  device: 3,
  warehouse: 2,
  ip_address: 1,
  image_fingerprint: 1,
};
