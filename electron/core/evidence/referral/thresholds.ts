/**
 * The thresholds a referral agency applies before it opens a criminal case, per
 * jurisdiction, read from resources/referral-thresholds/<CC>.json (each file cites the
 * provisions it takes its figures from), and the case's figures set against them.
 *
 * The case knows only what was recorded: the orders on the ring's listings (a sample of
 * its sales) and the trademarks its listings infringe. A figure the case cannot know
 * (stock not yet sold, the ring's gains) is said to be missing, never guessed; a recorded
 * total below a threshold is a lower bound, and is printed as one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RinglensError } from '../../../../shared/errors';
import { resourcesDir } from '../../demo/paths';

const Bilingual = z.object({ zh: z.string(), en: z.string() });
export const Measure = z.enum([
  'salesAmount',
  'unsoldValue',
  'salesPlusUnsold',
  'illegalTurnover',
  'illegalGain',
]);
export type Measure = z.infer<typeof Measure>;

export const ThresholdFile = z.object({
  jurisdiction: z.string().regex(/^[A-Z]{2}$/),
  agency: Bilingual,
  currency: z.string().regex(/^[A-Z]{3}$/),
  sources: z.array(Bilingual).min(1),
  caveat: Bilingual,
  offences: z.array(
    z.object({
      id: z.string(),
      article: Bilingual,
      criteria: z.array(
        Bilingual.extend({
          measure: Measure,
          min: z.number().positive(),
          trademarksAtLeast: z.number().int().positive().optional(),
        }),
      ),
    }),
  ),
});
export type ThresholdFile = z.infer<typeof ThresholdFile>;

export function thresholdsFor(jurisdiction: string): ThresholdFile | null {
  const file = join(resourcesDir(), 'referral-thresholds', `${jurisdiction}.json`);
  if (!existsSync(file)) return null;
  const parsed = ThresholdFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new RinglensError(
      'INVALID_ARGUMENT',
      `${file}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`,
      { hint: 'correct the thresholds file; each criterion needs a measure, min, zh and en' },
    );
  return parsed.data;
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

export type ThresholdStatus = 'met' | 'not met (lower bound)' | 'not in the case data';

export interface ThresholdRow {
  readonly offence: ThresholdFile['offences'][number]['article'];
  readonly criterion: { zh: string; en: string };
  readonly threshold: number;
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
};

function figureOf(m: Measure, f: CaseFigures): { value: number | null; zh: string; en: string } {
  const recorded = {
    zh: `已记录订单 ${f.orders} 笔的金额合计`,
    en: `sum of ${f.orders} recorded orders`,
  };
  switch (m) {
    case 'salesAmount':
      return { value: f.salesAmount, ...recorded };
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
  return t.offences.flatMap((o) =>
    o.criteria.map((c) => {
      const fig = figureOf(c.measure, f);
      const brandsOk = c.trademarksAtLeast === undefined || f.trademarks >= c.trademarksAtLeast;
      const status: ThresholdStatus =
        fig.value === null
          ? 'not in the case data'
          : fig.value >= c.min && brandsOk
            ? 'met'
            : 'not met (lower bound)';
      return {
        offence: o.article,
        criterion: { zh: c.zh, en: c.en },
        threshold: c.min,
        figure: fig.value,
        figureNote: {
          zh: fig.zh + (c.trademarksAtLeast ? `；涉及注册商标 ${f.trademarks} 种` : ''),
          en: fig.en + (c.trademarksAtLeast ? `; ${f.trademarks} registered trademark(s)` : ''),
        },
        status,
        statusZh: STATUS_ZH[status],
      };
    }),
  );
}
