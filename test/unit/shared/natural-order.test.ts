import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../../shared/natural-order';

describe('naturalCompare', () => {
  it('orders numbered ids as a person counts them, exactly as localeCompare with numeric', () => {
    const ids = ['e10', 'e2', 'p3_-1', 'e1', 'e100', 'p10_-2', 'file 10.csv', 'file 9.csv'];
    const sorted = [...ids].sort(naturalCompare);
    expect(sorted).toEqual([
      'e1',
      'e2',
      'e10',
      'e100',
      'file 9.csv',
      'file 10.csv',
      'p3_-1',
      'p10_-2',
    ]);
    expect(sorted).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });
});
