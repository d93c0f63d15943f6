/** Word lists for plausible synthetic names and places (Chinese and Latin). */
export const SURNAMES_ZH = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
export const GIVEN_ZH = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
];
export const SURNAMES_LATIN = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Smith',
  'Garcia',
  'Müller',
  'Rossi',
  'Novak',
  'Silva',
  'Kim',
  'Nguyen',
];
export const GIVEN_LATIN = [
  'Wei',
  'Fang',
  'Na',
  'Min',
  'Jing',
  'Li',
  'Qiang',
  'Lei',
  'Anna',
  'Marco',
  'Sofia',
  'Lucas',
  'Emma',
  'Jonas',
  'Elena',
  'Ivan',
];
export const SHOP_WORDS_ZH = [
  '优品',
  '精选',
  '潮流',
  '旗舰',
  '折扣',
  '名品',
  '鞋业',
  '箱包',
  '服饰',
  '数码',
  '美妆',
  '表行',
  '百货',
];
export const SHOP_WORDS_LATIN = [
  'Style',
  'Outlet',
  'Trend',
  'Luxe',
  'Direct',
  'Factory',
  'Select',
  'Prime',
  'Urban',
  'Star',
  'Global',
  'Best',
];
export const CATEGORIES = [
  'shoes',
  'handbags',
  'watches',
  'jewellery',
  'apparel',
  'cosmetics',
  'electronics',
  'toys',
  'masks',
] as const;

/** Provinces and cities with both forms; counterfeit origins cluster in the first few. */
export const PLACES: readonly {
  province: string;
  provinceZh: string;
  cities: readonly [string, string][];
}[] = [
  {
    province: 'Guangdong',
    provinceZh: '广东省',
    cities: [
      ['Guangzhou', '广州市'],
      ['Shenzhen', '深圳市'],
      ['Dongguan', '东莞市'],
    ],
  },
  {
    province: 'Fujian',
    provinceZh: '福建省',
    cities: [
      ['Putian', '莆田市'],
      ['Jinjiang', '晋江市'],
      ['Xiamen', '厦门市'],
    ],
  },
  {
    province: 'Zhejiang',
    provinceZh: '浙江省',
    cities: [
      ['Yiwu', '义乌市'],
      ['Hangzhou', '杭州市'],
      ['Wenzhou', '温州市'],
    ],
  },
  {
    province: 'Jiangsu',
    provinceZh: '江苏省',
    cities: [
      ['Suzhou', '苏州市'],
      ['Nanjing', '南京市'],
    ],
  },
  {
    province: 'Shandong',
    provinceZh: '山东省',
    cities: [
      ['Qingdao', '青岛市'],
      ['Jinan', '济南市'],
    ],
  },
  {
    province: 'Hebei',
    provinceZh: '河北省',
    cities: [
      ['Baoding', '保定市'],
      ['Shijiazhuang', '石家庄市'],
    ],
  },
  { province: 'Sichuan', provinceZh: '四川省', cities: [['Chengdu', '成都市']] },
  { province: 'Hubei', provinceZh: '湖北省', cities: [['Wuhan', '武汉市']] },
  { province: 'Henan', provinceZh: '河南省', cities: [['Zhengzhou', '郑州市']] },
  { province: 'Shanghai', provinceZh: '上海市', cities: [['Shanghai', '上海市']] },
  { province: 'Beijing', provinceZh: '北京市', cities: [['Beijing', '北京市']] },
  { province: 'Anhui', provinceZh: '安徽省', cities: [['Hefei', '合肥市']] },
];
export const COUNTERFEIT_REGIONS = 3;

export const BRANDS = [
  { key: 'aurelia', name: 'Aurelia', category: 'handbags' },
  { key: 'northpeak', name: 'NorthPeak', category: 'apparel' },
  { key: 'velox', name: 'Velox', category: 'shoes' },
  { key: 'chronos', name: 'Chronos Genève', category: 'watches' },
  { key: 'lumiere', name: 'Lumière Beauté', category: 'cosmetics' },
] as const;

export const PAYMENT_PROVIDERS = ['Alipay', 'WeChat Pay', 'UnionPay', 'PayPal'];
export const BANKS = [
  'ICBC',
  'China Construction Bank',
  'Bank of China',
  'Agricultural Bank of China',
  'China Merchants Bank',
];
