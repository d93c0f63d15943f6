/**
 * The ring score's weights, in one place. A ring's score is the sum of value x weight over
 * these terms; every term and its contribution is shown to the user and printed in packets.
 *
 * Why these weights: a confirmed counterfeit test buy is the strongest single fact (a lab
 * verdict on a physical item), an upheld complaint is a platform decision, and each kind of
 * shared identifier is independent corroboration that the accounts are one operation. Size
 * and order value measure harm; recency says whether acting now still matters.
 */
export const SCORE_WEIGHTS = {
  shops: { label: 'shops in the ring', weight: 2 },
  sellers: { label: 'seller accounts in the ring', weight: 2 },
  counterfeitTestBuys: { label: 'test buys confirmed counterfeit', weight: 10 },
  upheldComplaints: { label: 'IP complaints upheld against the ring', weight: 5 },
  orderValue: { label: 'order value (log10 of the total, in the orders’ currency)', weight: 4 },
  sharedIdentifierKinds: { label: 'kinds of shared identifier', weight: 6 },
  sharedIdentifiers: { label: 'shared identifiers', weight: 1 },
  recency: {
    label: 'recency (1 if active in the last 30 days, falling to 0 at a year)',
    weight: 10,
  },
} as const;

export type ScoreTermName = keyof typeof SCORE_WEIGHTS;
