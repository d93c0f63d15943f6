/**
 * The referral's own pages, in Chinese and English where the case is Chinese: suspects,
 * the ring's seller accounts (no Doe numbers), the places to search with a map, and the
 * recorded sales and counts against the agency's thresholds. They replace the civil
 * packets' schedule of Does and freeze lists.
 */
import { grid, heading, para, sub, type Block } from '../certifications/blocks';
import type { ReferralContent } from './content';
import type { ThresholdRow } from './thresholds';
import { placesMapSvg } from './map';

const money = (v: number, cur: string) => `${v.toLocaleString('en')} ${cur}`;

export function referralSections(r: ReferralContent): Block[] {
  const L = (zh: string, en: string) => (r.bilingual ? `${zh} ${en}` : en);
  /** A numbered heading: "3. 涉案人员 Suspects" (the number once). */
  const N = (n: string, zh: string, en: string) => `${n} ${L(zh, en)}`;
  const out: Block[] = [];

  out.push(
    heading(N('3.', '涉案人员', 'Suspects'), 'landscape'),
    para(
      L(
        '下列人员和公司控制团伙的卖家账户，或持有接收团伙资金的账户。每一关联均注明来源数据行。',
        'The people and companies behind the ring: who controls its seller accounts and who holds the accounts its money reaches. Each tie cites the source row that asserts it.',
      ),
    ),
    grid(
      [
        '#',
        L('姓名／名称', 'Name'),
        L('类型', 'Kind'),
        L('与团伙的关联', 'Ties to the ring'),
        L('证件号', 'Identity numbers'),
        L('地址', 'Address'),
        L('来源', 'Source rows'),
      ],
      r.suspects.map((s) => [
        s.n,
        s.name,
        s.kind === 'person' ? L('自然人', 'person') : L('公司', 'company'),
        s.roles.join('\n'),
        s.ids,
        s.address,
        s.sources,
      ]),
      // Fits landscape Letter (712 pt between margins) as well as A4, with room for file names.
      [16, 80, 45, 190, 80, 90, '*'],
    ),
    sub(L('团伙卖家账户', "The ring's seller accounts")),
    grid(
      [
        L('卖家', 'Seller'),
        L('别名', 'Alias'),
        L('平台编号', 'Marketplace id'),
        L('店铺', 'Shops'),
      ],
      r.members.map((m) => [m.seller, m.alias, m.marketplaceId, m.shops]),
      [110, 100, 80, '*'],
    ),
  );

  out.push(
    heading(N('3A.', '查处地点', 'Places to search')),
    para(
      L(
        '仓库、发货地及嫌疑人地址。地图编号与下表一致；红色为仓库／发货地，蓝色为地址。',
        "Warehouses and shipping origins, and the suspects' addresses. Map numbers match the table; red: warehouse or shipping origin, blue: address.",
      ),
    ),
    { svg: placesMapSvg(r.places, 515, 560), width: 515, font: 'Figure' },
    heading(N('3B.', '查处地点清单', 'List of places to search'), 'landscape'),
    grid(
      [
        '#',
        L('类型', 'Kind'),
        L('名称', 'Name'),
        L('地址', 'Address'),
        L('城市', 'City'),
        L('省份', 'Province'),
        L('发货店铺', 'Shops shipping'),
        L('试买（假货）', 'Test buys (counterfeit)'),
        L('来源', 'Source rows'),
      ],
      r.places.map((p) => [
        p.n,
        r.bilingual ? `${p.kindZh}\n${p.kind}` : p.kind,
        p.name,
        p.address,
        p.city,
        p.province,
        p.shops,
        `${p.testBuys} (${p.counterfeit})`,
        p.sources,
      ]),
      [16, 70, 80, 120, 60, 60, 40, 50, '*'],
    ),
    ...(r.notRaided.length
      ? [
          sub(L('不作为查处对象的地点', 'Places tied to the ring that are not to be searched')),
          grid(
            [L('地点', 'Place'), L('原因', 'Why not')],
            r.notRaided.map((n) => [n.name, n.reason]),
            [160, '*'],
          ),
        ]
      : []),
  );

  const c = r.counts;
  out.push(
    heading(N('3C.', '销售金额与立案追诉标准', 'Sales and counts against the referral thresholds')),
    grid(
      [L('项目', 'Measure'), L('数值', 'Value')],
      [
        [L('卖家账户', 'Seller accounts'), c.sellers],
        [L('店铺', 'Shops'), c.shops],
        [L('在售商品链接', 'Listings'), c.listings],
        [L('已记录订单', 'Orders recorded'), c.orders],
        [
          L('试买（鉴定为假货）', 'Test buys (authenticated counterfeit)'),
          `${c.testBuys} (${c.counterfeit})`,
        ],
        [L('被维持的投诉', 'Complaints upheld'), c.upheldComplaints],
        [L('涉及注册商标', 'Registered trademarks infringed'), c.trademarks],
        [
          L('已记录销售金额', 'Recorded sales amount'),
          money(r.sales.amount, r.sales.currency) +
            (r.sales.otherCurrencies
              ? `; ${L('另有', 'also')} ${r.sales.otherCurrencies} (${L('未折算', 'not converted')})`
              : ''),
        ],
      ],
      [220, '*'],
    ),
  );
  if (!r.thresholds) {
    out.push(
      para(
        `No referral thresholds are configured for jurisdiction ${r.jurisdiction} (resources/referral-thresholds/${r.jurisdiction}.json); the figures above are given without comparison.`,
      ),
    );
    return out;
  }
  const t = r.thresholds;
  /** Chinese over English where the referral is bilingual and the file has Chinese. */
  const T = (x: { en: string; zh?: string | undefined }) =>
    r.bilingual && x.zh ? `${x.zh}\n${x.en}` : x.en;
  const thresholdText = (row: ThresholdRow) =>
    row.threshold === null
      ? L('无', 'none in law')
      : `${row.comparison === 'moreThan' ? L('超过', 'more than') + ' ' : ''}${money(row.threshold, t.currency)}`;
  const figureText = (row: ThresholdRow) =>
    row.status === 'no monetary threshold'
      ? L('不适用', 'not applicable')
      : row.figure === null
        ? T(row.figureNote)
        : `${money(row.figure, t.currency)}\n${T(row.figureNote)}`;
  const rowsOf = (kind: 'referral' | 'sentencing') =>
    r.comparison
      .filter((row) => row.kind === kind)
      .map((row) => [
        T(row.offence),
        T(row.criterion),
        thresholdText(row),
        figureText(row),
        r.bilingual ? `${row.statusZh}\n${row.status}` : row.status,
      ]);
  const header = [
    L('罪名', 'Offence'),
    L('标准', 'Criterion'),
    L('标准数额', 'Threshold'),
    L('本案数额', 'This case'),
    L('结论', 'Result'),
  ];
  const sentencing = rowsOf('sentencing');
  out.push(
    sub(
      L(
        `${t.agency.zh ?? t.agency.en}立案追诉标准`,
        `Thresholds applied by ${t.agency.en} (${t.name.en})`,
      ),
    ),
    grid(header, rowsOf('referral'), [100, 120, 55, '*', 70]),
    ...(sentencing.length
      ? [
          sub(
            L(
              '量刑档次（非立案条件）',
              'Sentencing bands (they raise the sentence; they are not conditions to prosecute)',
            ),
          ),
          grid(header, sentencing, [100, 120, 55, '*', 70]),
        ]
      : []),
    sub(L('依据', 'Sources of the thresholds')),
    { ul: t.sources.map(T) },
    para(T(t.caveat)),
  );
  return out;
}
