/** Property-based fuzzing of the outcomes CSV reader: any input parses or fails with a located, specific error. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { RinglensError } from '../../../../shared/errors';
import { OUTCOME_KINDS } from '../../../../shared/lifecycle/schemas';
import {
  OUTCOME_CSV_HEADER,
  parseOutcomesCsv,
} from '../../../../electron/core/lifecycle/outcomes-csv';

describe('outcomes CSV fuzzing', () => {
  it('arbitrary text never crashes the reader; every problem names a line and a column', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        try {
          const { errors } = parseOutcomesCsv(text, 'o.csv');
          for (const e of errors) {
            expect(e.line).toBeGreaterThanOrEqual(2);
            expect(e.field.length).toBeGreaterThan(0);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(RinglensError);
          expect((e as RinglensError).location.file).toBe('o.csv');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rows of random values under the real header: each is either an outcome or an error on its own line', () => {
    const cell = fc.oneof(
      fc.constant(''),
      fc.constantFrom(...OUTCOME_KINDS),
      fc.constantFrom(
        'R-0001',
        'lead:ring0',
        '2025-11-10',
        '2025-02-30',
        '12',
        '-3',
        'CNY',
        'usd',
        'x',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(cell, {
            minLength: OUTCOME_CSV_HEADER.length,
            maxLength: OUTCOME_CSV_HEADER.length,
          }),
          { maxLength: 30 },
        ),
        (rows) => {
          const { rows: ok, errors } = parseOutcomesCsv(
            stringify([OUTCOME_CSV_HEADER, ...rows]),
            'o.csv',
          );
          expect(ok.length + errors.length).toBe(rows.length);
          const lines = [...ok.map((r) => r.line), ...errors.map((e) => e.line)].sort(
            (a, b) => a - b,
          );
          expect(lines).toEqual(rows.map((_r, i) => i + 2));
        },
      ),
      { numRuns: 300 },
    );
  });
});
