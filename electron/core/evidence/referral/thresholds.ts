/**
 * The thresholds a referral agency applies before it opens a criminal case, per
 * jurisdiction, read from resources/referral-thresholds/<CC>.json (each file cites the
 * provisions it takes its figures from), and the case's figures set against them.
 *
 * Not every jurisdiction has a monetary threshold: US federal law (18 U.S.C. § 2320) and
 * German law (§ 143 MarkenG) punish trafficking in counterfeit goods whatever the amount.
 * Such a file says so in `noMonetaryThreshold`, and the packet prints that statement
 * instead of a figure; amounts that only raise a sentence (the US Sentencing Guidelines'
 * infringement-amount table) are kept apart as `sentencing` bands, never presented as a
 * condition to prosecute.
 *
 * The case knows only what was recorded: the orders on the ring's listings (a sample of
 * its sales) and the trademarks its listings infringe. A figure the case cannot know
 * (stock not yet sold, the ring's gains) is said to be missing, never guessed; a recorded
 * total below a threshold is a lower bound, and is printed as one. Orders in another
 * currency are never converted.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RinglensError } from '../../../../shared/errors';
import { resourcesDir } from '../../demo/paths';

/** English always; Chinese where the packet is printed in both (a Chinese referral). */
const Text = z.object({ en: z.string().min(1), zh: z.string().min(1).optional() });
export type Text = z.infer<typeof Text>;

export const Measure = z.enum([
  'salesAmount',
  'unsoldValue',
  'salesPlusUnsold',
  'illegalTurnover',
  'illegalGain',
  /** US: the retail value of the infringing items times their number (U.S.S.G. § 2B5.3). */
  'infringementAmount',
]);
export type Measure = z.infer<typeof Measure>;

const Criterion = Text.extend({
  measure: Measure,
  min: z.number().positive(),
  /** `atLeast`: the figure reaches the threshold (以上); `moreThan`: it exceeds it ("more than $6,500"). */
  comparison: z.enum(['atLeast', 'moreThan']).default('atLeast'),
  trademarksAtLeast: z.number().int().positive().optional(),
  /** `referral`: a condition the agency applies before it opens a case; `sentencing`: raises the sentence only. */
  kind: z.enum(['referral', 'sentencing']).default('referral'),
});

export const ThresholdFile = z
  .object({
    jurisdiction: z.string().regex(/^[A-Z]{2}$/),
    /** The country's name, for the matter form and the packet. */
    name: Text,
    agency: Text,
    currency: z.string().regex(/^[A-Z]{3}$/),
    sources: z.array(Text).min(1),
    caveat: Text,
    offences: z
      .array(
        z.object({
          id: z.string(),
          article: Text,
          /** Said where the law sets no monetary threshold for this offence (never invented). */
          noMonetaryThreshold: Text.optional(),
          criteria: z.array(Criterion).default([]),
        }),
      )
      .min(1),
  })
  .superRefine((t, ctx) => {
    t.offences.forEach((o, i) => {
      const referral = o.criteria.some((c) => c.kind === 'referral');
      if (referral === !!o.noMonetaryThreshold)
        ctx.addIssue({
          code: 'custom',
          path: ['offences', i],
          message: referral
            ? 'an offence with referral thresholds cannot also say it has none'
            : 'an offence without referral thresholds must say so in noMonetaryThreshold',
        });
    });
    if (t.jurisdiction === 'CN') {
      const missing = [t.name, t.agency, t.caveat, ...t.sources].some((x) => !x.zh);
      if (missing)
        ctx.addIssue({ code: 'custom', path: [], message: 'a Chinese file needs zh text' });
    }
  });
export type ThresholdFile = z.infer<typeof ThresholdFile>;

const folder = () => join(resourcesDir(), 'referral-thresholds');

export function thresholdsFor(jurisdiction: string): ThresholdFile | null {
  const file = join(folder(), `${jurisdiction}.json`);
  if (!existsSync(file)) return null;
  const parsed = ThresholdFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `${file}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`,
      {
        hint: 'correct the thresholds file; each criterion needs a measure, min and en, and an offence without one says so in noMonetaryThreshold',
      },
    );
  return parsed.data;
}

/** The jurisdictions with a thresholds file, for the matter form and its error messages. */
export function referralJurisdictions(): {
  code: string;
  name: string;
  agency: string;
  monetaryThreshold: boolean;
}[] {
  if (!existsSync(folder())) return [];
  return readdirSync(folder())
    .filter((f) => /^[A-Z]{2}\.json$/.test(f))
    .sort()
    .map((f) => thresholdsFor(f.slice(0, 2))!)
    .map((t) => ({
      code: t.jurisdiction,
      name: t.name.en,
      agency: t.agency.en,
      monetaryThreshold: t.offences.some((o) => !o.noMonetaryThreshold),
    }));
}

/** What the case knows, in the thresholds' currency; null where it cannot know. */
export interface CaseFigures {
  /** Sum of the recorded orders on the ring's listings in the thresholds' currency. */
  readonly salesAmount: number;
  readonly orders: number;
  /** Orders in other currencies, left out of the sum (never converted). */
  readonly otherCurrencies: string;
  readonly trademarks: number;
}

export type ThresholdStatus =
  'met' | 'not met (lower bound)' | 'not in the case data' | 'no monetary threshold';

export interface ThresholdRow {
  readonly offence: Text;
  readonly criterion: Text;
  readonly kind: 'referral' | 'sentencing';
  /** The amount the law names; null where it names none. */
  readonly threshold: number | null;
  readonly comparison: 'atLeast' | 'moreThan';
  /** The case's figure, or null when the case holds none. */
  readonly figure: number | null;
  readonly figureNote: { zh: string; en: string };
  readonly status: ThresholdStatus;
  readonly statusZh: string;
}

const STATUS_ZH: Record<ThresholdStatus, string> = {
  met: '已达到',
  'not met (lower bound)': '未达到（已记录数额为下限）',
  'not in the case data': '案件数据中无此项',
  'no monetary threshold': '法律未规定数额标准',
};

function figureOf(m: Measure, f: CaseFigures): { value: number | null; zh: string; en: string } {
  const recorded = {
    zh: `已记录订单 ${f.orders} 笔的金额合计`,
    en: `sum of ${f.orders} recorded orders`,
  };
  // Every recorded order is in another currency: nothing to compare until it is converted.
  if (f.orders === 0 && f.otherCurrencies && m !== 'unsoldValue' && m !== 'illegalGain')
    return {
      value: null,
      zh: `已记录订单均为其他币种（${f.otherCurrencies}），未折算`,
      en: `the recorded orders are all in another currency (${f.otherCurrencies}); Ringlens converts no currency: convert at the rate of the day of sale before comparing`,
    };
  switch (m) {
    case 'salesAmount':
      return { value: f.salesAmount, ...recorded };
    case 'infringementAmount':
      return {
        value: f.salesAmount,
        zh: `${recorded.zh}（侵权商品售价）`,
        en: `${recorded.en} at the counterfeits' own prices (the genuine item's retail value applies instead in the cases of § 2B5.3 Application Note 2(A))`,
      };
    case 'salesPlusUnsold':
    case 'illegalTurnover':
      return {
        value: f.salesAmount,
        zh: `${recorded.zh}（未含库存货值）`,
        en: `${recorded.en} (stock not included)`,
      };
    case 'unsoldValue':
      return {
        value: null,
        zh: '库存货值需现场查扣后核定',
        en: 'stock value is found at the raid',
      };
    case 'illegalGain':
      return {
        value: null,
        zh: '违法所得需调取账户流水核定',
        en: 'gains need the account statements',
      };
  }
}

export function compareThresholds(t: ThresholdFile, f: CaseFigures): ThresholdRow[] {
  return t.offences.flatMap((o): ThresholdRow[] => [
    ...(o.noMonetaryThreshold
      ? [
          {
            offence: o.article,
            criterion: o.noMonetaryThreshold,
            kind: 'referral' as const,
            threshold: null,
            comparison: 'atLeast' as const,
            figure: null,
            figureNote: { zh: '', en: '' },
            status: 'no monetary threshold' as const,
            statusZh: STATUS_ZH['no monetary threshold'],
          },
        ]
      : []),
    ...o.criteria.map((c) => {
      const fig = figureOf(c.measure, f);
      const brandsOk = c.trademarksAtLeast === undefined || f.trademarks >= c.trademarksAtLeast;
      const reached =
        fig.value !== null &&
        (c.comparison === 'moreThan' ? fig.value > c.min : fig.value >= c.min);
      const status: ThresholdStatus =
        fig.value === null
          ? 'not in the case data'
          : reached && brandsOk
            ? 'met'
            : 'not met (lower bound)';
      return {
        offence: o.article,
        criterion: { en: c.en, ...(c.zh !== undefined && { zh: c.zh }) },
        kind: c.kind,
        threshold: c.min,
        comparison: c.comparison,
        figure: fig.value,
        figureNote: {
          zh: fig.zh + (c.trademarksAtLeast ? `；涉及注册商标 ${f.trademarks} 种` : ''),
          en: fig.en + (c.trademarksAtLeast ? `; ${f.trademarks} registered trademark(s)` : ''),
        },
        status,
        statusZh: STATUS_ZH[status],
      };
    }),
  ]);
}
