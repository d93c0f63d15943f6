import { describe, expect, it } from 'vitest';
import {
  entityKey,
  foldText,
  normaliseAccountNumber,
  normaliseEmail,
  normalisePhone,
  normaliseProps,
} from '../../../../electron/core/bundle/resolve';

describe('identifier resolution', () => {
  it('writes one Chinese mobile the same way however it was typed', () => {
    const spellings = [
      '+86 138 0013 8000',
      '13800138000',
      '138-0013-8000',
      '008613800138000',
      '(+86) 13800138000',
      '１３８００１３８０００',
    ];
    expect(new Set(spellings.map((s) => normalisePhone(s, 'CN')))).toEqual(
      new Set(['+8613800138000']),
    );
  });

  it('uses the default region only for national numbers', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalisePhone('+44 20 7946 0958', 'CN')).toBe('+442079460958');
  });

  it('case-folds e-mail addresses and folds white space and full-width forms in names', () => {
    expect(normaliseEmail('  Ring.Boss@Example.COM ')).toBe('ring.boss@example.com');
    expect(foldText('深圳　 优品\t店')).toBe('深圳 优品 店');
    expect(foldText('ＡＢＣ  Trading')).toBe('ABC Trading');
  });

  it('strips separators from account numbers', () => {
    expect(normaliseAccountNumber('6222 0000-1111.22')).toBe('6222000011112' + '2');
  });

  it('keys identifier entities by identity and other entities by id', () => {
    const phone = normaliseProps(
      { id: 'p1', type: 'phone', props: { number: '138-0013-8000' } },
      'CN',
    );
    expect(entityKey('phone', 'p1', phone)).toBe('phone|+8613800138000');
    expect(entityKey('seller', 'seller:1', {})).toBe('seller:1');
    const wh = (city: string) =>
      entityKey('warehouse', 'w', {
        address: { country: 'CN', province: '广东省', city, line: '1  工业路' },
      });
    expect(wh('深圳市')).toBe(wh(' 深圳市 '));
    expect(wh('深圳市')).not.toBe(wh('广州市'));
  });
});
