import { describe, expect, it } from 'vitest';
import { placeInText } from '../../../../electron/core/lifecycle/closures';

describe('placing a closed location from its address text', () => {
  it.each([
    ['Hanjiang district workshop, 莆田市, 福建省', 'Putian', 'Fujian'],
    ['Putian, Fujian', 'Putian', 'Fujian'],
    ['福建省莆田市涵江区工业路 8 号', 'Putian', 'Fujian'],
    ['Unit 4, Yiwu', 'Yiwu', 'Zhejiang'],
    ['Guangzhou', 'Guangzhou', 'Guangdong'],
  ])('%s is in %s, %s', (text, city, province) => {
    expect(placeInText(text)).toMatchObject({ country: 'CN', city, province, precision: 'city' });
  });

  it('falls back to the province, then the country, and admits when it knows nothing', () => {
    expect(placeInText('some village, 广东省')).toMatchObject({
      province: 'Guangdong',
      precision: 'province',
    });
    expect(placeInText('Ho Chi Minh City, Vietnam')).toMatchObject({
      country: 'VN',
      precision: 'country',
    });
    expect(placeInText('nowhere at all')).toBeUndefined();
  });
});
