import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { compareNames, nameForms } from '../../../../electron/core/identity/names';
import { compareEmails, emailForms } from '../../../../electron/core/identity/emails';
import { comparePhones, phoneForms } from '../../../../electron/core/identity/phones';
import {
  accountForms,
  compareAccountNumbers,
  compareInstitutions,
  institutionKey,
} from '../../../../electron/core/identity/accounts';
import {
  compareCities,
  comparePremises,
  compareRoads,
  parseAddressComponents,
  parseAddressWithGazetteer,
} from '../../../../electron/core/identity/addresses';
import { compareShops, shopForms } from '../../../../electron/core/identity/shop-names';
import {
  differenceHash,
  hammingDistance,
  hammingPairs,
} from '../../../../electron/core/identity/photo-hash';
import { scorePair, wouldCompare } from '../../../../electron/core/identity/candidates';
import { termInWords } from '../../../../electron/core/identity/model';

const names = (a: string, b: string) => compareNames(nameForms(a), nameForms(b), a, b);

describe('names across scripts, pinyin and order', () => {
  it('folds traditional and simplified script and full-width forms', () => {
    expect(names('陳偉', '陈伟')).toBe('script');
    expect(names('張偉', '张伟')).toBe('script');
    expect(names('ＺＨＡＮＧ Ｗｅｉ', 'zhang wei')).toBe('exact');
  });
  it('matches a Chinese name to its pinyin with or without tones and spaces', () => {
    for (const latin of ['Zhang Wei', 'Zhāng Wěi', 'zhangwei', 'ZHANG WEI'])
      expect(names('张伟', latin), latin).toBe('pinyin');
    expect(names('陳偉', 'Chen Wei')).toBe('pinyin');
    // 单 as a surname is Shan, not Dan.
    expect(names('单丽', 'Shan Li')).toBe('pinyin');
  });
  it('matches either name order, spaced or joined', () => {
    expect(names('张伟', 'Wei Zhang')).toBe('order');
    expect(names('Jonas Rossi', 'ROSSI Jonas')).toBe('order');
    expect(names('JonasRossi', 'Rossi Jonas')).toBe('order');
  });
  it('keeps different people apart', () => {
    expect(names('张伟', '张卫东')).toBe('different');
    expect(names('Li Na', 'Wang Fang')).toBe('different');
  });
});

describe('e-mail addresses under their providers’ rules', () => {
  const e = (a: string, b: string) => compareEmails(emailForms(a), emailForms(b));
  it('Gmail ignores dots and +tags, and googlemail.com is gmail.com', () => {
    expect(e('zhang.wei+shop2@gmail.com', 'zhangwei@gmail.com')).toBe('mailbox');
    expect(e('Zhang.Wei@googlemail.com', 'zhangwei@gmail.com')).toBe('mailbox');
  });
  it('Outlook.com ignores +tags but not dots', () => {
    expect(e('zhangwei+shop@outlook.com', 'zhangwei@outlook.com')).toBe('mailbox');
    expect(e('zhang.wei@outlook.com', 'zhangwei@outlook.com')).toBe('stem-same-provider');
  });
  it('QQ documents neither, so a +tag there is not the same mailbox', () => {
    expect(e('12345678+a@qq.com', '12345678@qq.com')).toBe('stem-same-provider');
  });
  it('finds one local part at two providers, and tells unrelated ones apart', () => {
    expect(e('zhangwei88@gmail.com', 'zhangwei88@163.com')).toBe('stem-other-provider');
    expect(e('zhangwei88@gmail.com', 'zhangwei89@163.com')).toBe('close');
    expect(e('lina@qq.com', 'wangfang@qq.com')).toBe('different');
  });
});

describe('phone number blocks', () => {
  const p = (a: string, b: string) => comparePhones(phoneForms(a), phoneForms(b));
  it('recognises one number however written', () => {
    expect(p('+86 138 0013 8000', '(+86) 13800138000')).toBe('same');
    expect(p('0086 13800138000', '138-0013-8000')).toBe('same');
  });
  it('finds consecutive numbers of one SIM batch and numbers of one block of 100', () => {
    expect(p('+86 138 0013 8000', '13800138003')).toBe('consecutive');
    expect(p('+86 138 0013 8000', '13800138042')).toBe('block');
    expect(p('+86 138 0013 8000', '13900138000')).toBe('different');
    expect(p('+86 138 0013 8099', '13800138100')).toBe('consecutive');
    expect(p('+86 138 0013 8000', '13800148000')).toBe('different');
  });
});

describe('bank and payment accounts', () => {
  it('removes separators and full-width digits from the number', () => {
    const a = accountForms('6222 0212 3456 7890', 'ICBC');
    const b = accountForms('６２２２-０２１２-３４５６-７８９０', '中国工商银行');
    expect(compareAccountNumbers(a, b)).toBe('same');
    expect(compareInstitutions(a, b)).toBe('same');
  });
  it('normalises bank and provider names across their spellings', () => {
    expect(institutionKey('Industrial and Commercial Bank of China')).toBe('icbc');
    expect(institutionKey('工商银行')).toBe('icbc');
    expect(institutionKey('China Merchants Bank Co., Ltd.')).toBe('cmb');
    expect(institutionKey('支付宝')).toBe(institutionKey('AliPay'));
    expect(institutionKey('微信支付')).toBe(institutionKey('WeChat Pay'));
    expect(institutionKey('Bank of China')).not.toBe(institutionKey('China Construction Bank'));
  });
  it('sees a mistyped or swapped digit in a long number, not in a short one', () => {
    const a = accountForms('6222021234567890', 'ICBC');
    expect(compareAccountNumbers(a, accountForms('6222021234567891', 'ICBC'))).toBe('one-digit');
    expect(compareAccountNumbers(a, accountForms('6222021234567809', 'ICBC'))).toBe('one-digit');
    expect(compareAccountNumbers(accountForms('12345', ''), accountForms('12346', ''))).toBe(
      'different',
    );
  });
});

describe('addresses by component, Chinese and Latin forms', () => {
  const zh = parseAddressComponents({ line: '深圳市宝安区西乡街道固戍二路12号3楼' });
  const latin = parseAddressComponents({
    line: "Gushu 2nd Rd No.12, 3F, Xixiang, Bao'an, Shenzhen",
  });
  it('parses both forms into the same city, district, road, number and floor', () => {
    expect(zh).toMatchObject({ city: 'Shenzhen', road: 'gushu2', number: '12', floor: '3' });
    expect(latin).toMatchObject({ city: 'Shenzhen', road: 'gushu2', number: '12', floor: '3' });
    expect([...zh.areas].sort()).toEqual([...latin.areas].sort());
    expect(compareCities(zh, latin)).toBe('same');
    expect(compareRoads(zh, latin)).toBe('same');
    expect(comparePremises(zh, latin)).toBe('same');
  });
  it('reads structured fields and other Latin spellings', () => {
    const a = parseAddressComponents({
      province: 'Guangdong',
      city: 'Shenzhen City',
      line: '12 Gushu Er Road, Floor 3',
    });
    expect(a).toMatchObject({ city: 'Shenzhen', road: 'gushu2', number: '12', floor: '3' });
  });
  it('tells another floor and another city apart', () => {
    const other = parseAddressComponents({ line: '广州市白云区固戍二路12号5楼' });
    expect(compareCities(zh, other)).toBe('different');
    expect(comparePremises(zh, other)).toBe('different');
  });
});

describe('addresses through the gazetteer (parseAddress of electron/core/geo)', () => {
  // The Chinese form leaves out the city: only the gazetteer knows 宝安区 is in Shenzhen.
  const zhLine = '宝安区西乡街道固戍二路12号3楼';
  const latinLine = "Gushu 2nd Rd No.12, 3F, Xixiang, Bao'an, Shenzhen";
  it('settles city and district of the Chinese and the Latin form alike', () => {
    const zh = parseAddressWithGazetteer({ line: zhLine });
    const latin = parseAddressWithGazetteer({ line: latinLine });
    expect(zh).toMatchObject({ province: 'Guangdong', city: 'Shenzhen', district: 'baoan' });
    expect(latin).toMatchObject({ province: 'Guangdong', city: 'Shenzhen', district: 'baoan' });
    expect(compareCities(zh, latin)).toBe('same');
    expect(compareRoads(zh, latin)).toBe('same');
    expect(comparePremises(zh, latin)).toBe('same');
    // The line-only parser cannot tell the Chinese form's city.
    expect(compareCities(parseAddressComponents({ line: zhLine }), latin)).toBe('unknown');
  });
  it('is what the address comparator uses: the two warehouses are compared and score high', () => {
    const w = (key: string, line: string) => ({
      key,
      type: 'warehouse',
      label: line,
      props: { address: { line } },
    });
    const a = w('warehouse|zh', zhLine);
    const b = w('warehouse|latin', latinLine);
    expect(wouldCompare('address', a, b)).toBe(true);
    const s = scorePair('address', a, b);
    expect(s.terms.map((t) => `${t.comparison}:${t.level}`)).toEqual([
      'city:same',
      'road:same',
      'premises:same',
    ]);
    expect(s.probability).toBeGreaterThan(0.9);
    // Another district of Shenzhen with the same road name and number is not the same warehouse.
    const c = w('warehouse|other', '南山区固戍二路12号5楼');
    expect(scorePair('address', a, c).probability).toBeLessThan(0.5);
  });
});

describe('shop names one character apart', () => {
  const s = (a: string, b: string) => compareShops(shopForms(a), shopForms(b));
  it('counts a look-alike digit, a dropped or doubled letter as one change', () => {
    expect(s('Luxe Shoes Outlet 123', 'Luxe Shoes 0utlet 123')).toBe('one-character');
    expect(s('Luxe Shoes Outlet 123', 'Luxe Shoes Outlett 123')).toBe('one-character');
    expect(s('李氏鞋业12号店', '李氏鞋12号店')).toBe('one-character');
  });
  it('folds script: 優品 is 优品', () => {
    expect(s('何氏優品68号店', '何氏优品68号店')).toBe('same');
  });
  it('does not take another branch or another owner for the same shop', () => {
    expect(s('Luxe Shoes Outlet 123', 'Luxe Shoes Outlet 124')).toBe('number-only');
    expect(s('黄氏表行63号店', '刘氏表行63号店')).toBe('other-word');
  });
});

/** A test photo: smooth gradients and shapes, as product photos have. */
function photo(w: number, h: number, variant: number): PNG {
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const u = x / w;
      const v = y / h;
      const shape =
        variant === 0
          ? Math.hypot(u - 0.4, v - 0.5) < 0.25
          : Math.abs(u - 0.7) < 0.15 && Math.abs(v - 0.3) < 0.2;
      const [gu, gv] = variant === 0 ? [u, v] : [1 - v, 1 - u];
      png.data[i] = shape ? 220 : Math.round(255 * gu);
      png.data[i + 1] = shape ? 40 : Math.round(255 * gv);
      png.data[i + 2] = Math.round(128 + 100 * Math.sin(6 * u + 3 * v + variant));
      png.data[i + 3] = 255;
    }
  return png;
}

/** Re-encoding: coarser colour (8-bit quantisation to 32 levels), noise, and a PNG round trip. */
function reencode(src: PNG): PNG {
  const out = PNG.sync.read(PNG.sync.write(src));
  let seed = 7;
  for (let i = 0; i < out.data.length; i += 4)
    for (let c = 0; c < 3; c++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noisy = out.data[i + c]! + ((seed % 9) - 4);
      out.data[i + c] = Math.max(0, Math.min(255, Math.round(noisy / 8) * 8));
    }
  return out;
}

function crop(src: PNG, px: number): PNG {
  const w = src.width - 2 * px;
  const h = src.height - 2 * px;
  const out = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    src.data.copy(
      out.data,
      y * w * 4,
      ((y + px) * src.width + px) * 4,
      ((y + px) * src.width + px + w) * 4,
    );
  return out;
}

describe('perceptual photo hashes', () => {
  const hash = (p: PNG) => differenceHash(p.data, p.width, p.height);
  it('a re-encoded or slightly cropped copy stays within a few bits; another photo does not', () => {
    const original = photo(320, 240, 0);
    const h = hash(original);
    expect(hammingDistance(h, hash(reencode(original)))).toBeLessThanOrEqual(3);
    expect(hammingDistance(h, hash(crop(original, 6)))).toBeLessThanOrEqual(6);
    expect(hammingDistance(h, hash(photo(320, 240, 1)))).toBeGreaterThan(10);
  });
  it('multi-index hashing finds exactly the pairs a full comparison finds', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    const hashes: string[] = [];
    for (let i = 0; i < 400; i++) {
      const base =
        (rand() >>> 0).toString(16).padStart(8, '0') + (rand() >>> 0).toString(16).padStart(8, '0');
      hashes.push(base);
      // A near copy with up to 6 bits flipped.
      let hi = parseInt(base.slice(0, 8), 16);
      for (let k = 0; k < i % 7; k++) hi ^= 1 << (rand() % 32);
      hashes.push((hi >>> 0).toString(16).padStart(8, '0') + base.slice(8));
    }
    const fast = new Set<string>();
    hammingPairs(hashes, 6, (i, j) => fast.add(`${i},${j}`));
    const slow = new Set<string>();
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++)
        if (hammingDistance(hashes[i]!, hashes[j]!) <= 6) slow.add(`${i},${j}`);
    expect(slow.size).toBeGreaterThan(300);
    expect([...fast].sort()).toEqual([...slow].sort());
  });
});

describe('the Fellegi-Sunter score, explained term by term', () => {
  it('adds one weight per comparison, in words, and turns the total into a probability', () => {
    const s = scorePair(
      'email',
      {
        key: 'email|zhangwei88@gmail.com',
        type: 'email',
        label: '',
        props: { address: 'zhangwei88@gmail.com' },
      },
      {
        key: 'email|zhangwei88@163.com',
        type: 'email',
        label: '',
        props: { address: 'zhangwei88@163.com' },
      },
    );
    expect(s.terms.map(termInWords)).toEqual(['same e-mail local part at two providers: +14.1']);
    expect(s.totalWeight).toBeCloseTo(s.priorWeight + s.terms[0]!.weight, 1);
    expect(s.probability).toBeGreaterThan(0.99);
    const far = scorePair(
      'account',
      {
        key: 'a',
        type: 'bank_account',
        label: '',
        props: { accountNumber: '6222021234567890', bank: 'ICBC', holder: '陈伟' },
      },
      {
        key: 'b',
        type: 'bank_account',
        label: '',
        props: { accountNumber: '6222021234567890', bank: '中国工商银行', holder: 'Chen Wei' },
      },
    );
    expect(far.terms.map((t) => t.level)).toEqual(['same', 'same', 'agree']);
    expect(far.terms.every((t) => t.weight > 0)).toBe(true);
  });
});
