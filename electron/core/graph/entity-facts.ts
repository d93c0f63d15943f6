/**
 * The few entity properties ring scoring reads (dates for recency, test-buy verdicts and lab
 * reports, order amounts, complaint outcomes), kept as typed arrays beside the link graph and
 * in its snapshot. Reading them from each ring's rows meant decrypting pages all over the
 * case (3 s of a 1M-link analysis); here they are one pass at load time, with rows added
 * later read on top, exactly like the links.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

/** The properties that date an entity's activity, in the order they are read. */
export const DATE_PROPS = [
  'openedAt',
  'listedAt',
  'placedAt',
  'filedAt',
  'verdictAt',
  'registeredAt',
] as const;

export const FACT_COUNTERFEIT_TEST_BUY = 1;
export const FACT_LAB_REPORT = 2;
export const FACT_UPHELD = 4;

export interface EntityFacts {
  /** Per node: index into `dates` of its latest dated property (-1: none). */
  readonly dateIndex: Int32Array;
  /** Distinct latest-date values, in first-seen order. */
  readonly dates: readonly string[];
  /** Per node: FACT_* bits (a counterfeit test buy, citing a report; an upheld outcome). */
  readonly flags: Uint8Array;
  /** Per node: its numeric `amount`, NaN where it has none. */
  readonly amount: Float64Array;
}

const textOf = (prop: string) =>
  `iif(json_type(props, '$.${prop}') = 'text', props ->> '$.${prop}', NULL)`;

/** The same tests scoring applied to parsed props, done inside SQLite. */
const FACTS_SQL = `SELECT id, ${DATE_PROPS.map(textOf).join(', ')},
  (json_type(props, '$.testBuy') = 'true' AND (props ->> '$.verdict') IS 'counterfeit') AS counterfeit,
  (json_type(props, '$.reportEvidenceId') = 'text' AND (props ->> '$.reportEvidenceId') <> '') AS report,
  iif(json_type(props, '$.amount') IN ('integer', 'real'), props ->> '$.amount', NULL) AS amount,
  ((props ->> '$.outcome') IS 'upheld') AS upheld
  FROM entities WHERE id > ? AND props <> '{}'`;

/** Facts of every entity, or of those newer than `afterEntity` on top of `previous`. */
export function loadEntityFacts(
  db: Database,
  size: number,
  afterEntity: number,
  previous?: EntityFacts,
): EntityFacts {
  const dateIndex = new Int32Array(size).fill(-1);
  const flags = new Uint8Array(size);
  const amount = new Float64Array(size).fill(NaN);
  const dates: string[] = previous ? [...previous.dates] : [];
  if (previous) {
    const keep = Math.min(previous.dateIndex.length, size);
    dateIndex.set(previous.dateIndex.subarray(0, keep));
    flags.set(previous.flags.subarray(0, keep));
    amount.set(previous.amount.subarray(0, keep));
  }
  const dateAt = new Map(dates.map((d, i) => [d, i]));
  const n = DATE_PROPS.length;
  for (const row of db.prepare(FACTS_SQL).raw().iterate(afterEntity) as IterableIterator<
    unknown[]
  >) {
    const id = row[0] as number;
    let latest: string | null = null;
    for (let k = 1; k <= n; k++) {
      const d = row[k];
      if (typeof d === 'string' && (latest === null || d > latest)) latest = d;
    }
    if (latest !== null) {
      let i = dateAt.get(latest);
      if (i === undefined) {
        i = dates.push(latest) - 1;
        dateAt.set(latest, i);
      }
      dateIndex[id] = i;
    }
    const counterfeit = row[n + 1] === 1;
    flags[id] =
      (counterfeit ? FACT_COUNTERFEIT_TEST_BUY : 0) |
      (counterfeit && row[n + 2] === 1 ? FACT_LAB_REPORT : 0) |
      (row[n + 4] === 1 ? FACT_UPHELD : 0);
    if (typeof row[n + 3] === 'number') amount[id] = row[n + 3] as number;
  }
  return { dateIndex, dates, flags, amount };
}
