/**
 * Chinese provinces (and province-level cities and regions) with their Chinese names, so
 * `广东省`, `广东`, `Guangdong` and `Guangdong Province` all resolve to one place.
 */
export const PROVINCES: readonly { readonly en: string; readonly zh: string }[] = [
  { en: 'Beijing', zh: '北京' },
  { en: 'Tianjin', zh: '天津' },
  { en: 'Hebei', zh: '河北' },
  { en: 'Shanxi', zh: '山西' },
  { en: 'Inner Mongolia', zh: '内蒙古' },
  { en: 'Liaoning', zh: '辽宁' },
  { en: 'Jilin', zh: '吉林' },
  { en: 'Heilongjiang', zh: '黑龙江' },
  { en: 'Shanghai', zh: '上海' },
  { en: 'Jiangsu', zh: '江苏' },
  { en: 'Zhejiang', zh: '浙江' },
  { en: 'Anhui', zh: '安徽' },
  { en: 'Fujian', zh: '福建' },
  { en: 'Jiangxi', zh: '江西' },
  { en: 'Shandong', zh: '山东' },
  { en: 'Henan', zh: '河南' },
  { en: 'Hubei', zh: '湖北' },
  { en: 'Hunan', zh: '湖南' },
  { en: 'Guangdong', zh: '广东' },
  { en: 'Guangxi', zh: '广西' },
  { en: 'Hainan', zh: '海南' },
  { en: 'Chongqing', zh: '重庆' },
  { en: 'Sichuan', zh: '四川' },
  { en: 'Guizhou', zh: '贵州' },
  { en: 'Yunnan', zh: '云南' },
  { en: 'Tibet', zh: '西藏' },
  { en: 'Shaanxi', zh: '陕西' },
  { en: 'Gansu', zh: '甘肃' },
  { en: 'Qinghai', zh: '青海' },
  { en: 'Ningxia', zh: '宁夏' },
  { en: 'Xinjiang', zh: '新疆' },
  { en: 'Hong Kong', zh: '香港' },
  { en: 'Macau', zh: '澳门' },
  { en: 'Taiwan', zh: '台湾' },
];

const SUFFIX_ZH = /(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/u;
const SUFFIX_EN = /\s+(province|municipality|city|autonomous region|sar)$/i;

/** The canonical English name of a province written in either script, or the input folded. */
export function canonicalProvince(name: string): string {
  const s = name.normalize('NFKC').trim();
  const zh = s.replace(SUFFIX_ZH, '');
  const en = s.replace(SUFFIX_EN, '').toLowerCase();
  const hit = PROVINCES.find((p) => p.zh === zh || p.en.toLowerCase() === en);
  return hit ? hit.en : s;
}

/** A city without its administrative suffix (`深圳市` → `深圳`, `Shenzhen City` → `Shenzhen`). */
export function canonicalCity(name: string): string {
  const s = name.normalize('NFKC').trim();
  const zh = s.replace(/(市|县|区)$/u, '');
  const known = CITY_NAMES.find(
    (c) => c.zh === zh || c.en.toLowerCase() === s.replace(SUFFIX_EN, '').toLowerCase(),
  );
  return known ? known.en : zh.replace(SUFFIX_EN, '');
}

export const CITY_NAMES: readonly { readonly en: string; readonly zh: string }[] = [
  { en: 'Guangzhou', zh: '广州' },
  { en: 'Shenzhen', zh: '深圳' },
  { en: 'Dongguan', zh: '东莞' },
  { en: 'Foshan', zh: '佛山' },
  { en: 'Putian', zh: '莆田' },
  { en: 'Jinjiang', zh: '晋江' },
  { en: 'Xiamen', zh: '厦门' },
  { en: 'Quanzhou', zh: '泉州' },
  { en: 'Yiwu', zh: '义乌' },
  { en: 'Hangzhou', zh: '杭州' },
  { en: 'Wenzhou', zh: '温州' },
  { en: 'Ningbo', zh: '宁波' },
  { en: 'Suzhou', zh: '苏州' },
  { en: 'Nanjing', zh: '南京' },
  { en: 'Qingdao', zh: '青岛' },
  { en: 'Jinan', zh: '济南' },
  { en: 'Baoding', zh: '保定' },
  { en: 'Shijiazhuang', zh: '石家庄' },
  { en: 'Chengdu', zh: '成都' },
  { en: 'Wuhan', zh: '武汉' },
  { en: 'Zhengzhou', zh: '郑州' },
  { en: 'Shanghai', zh: '上海' },
  { en: 'Beijing', zh: '北京' },
  { en: 'Hefei', zh: '合肥' },
  { en: 'Tianjin', zh: '天津' },
  { en: 'Chongqing', zh: '重庆' },
];
