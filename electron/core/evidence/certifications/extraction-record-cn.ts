/**
 * 电子数据提取笔录: the electronic-data extraction record Chinese police expect with
 * electronic evidence, after 《最高人民法院、最高人民检察院、公安部关于办理刑事案件收集提取
 * 和审查判断电子数据若干问题的规定》(2016) 第十四条 and 《公安机关办理刑事案件电子数据取证
 * 规则》(2019): the case, the time, place, object, method and process of the extraction, a
 * list of the data with type, format and integrity value (SHA-256) of each file, and the
 * signatures of the examiner, the holder (provider) of the data and a witness.
 */
import { sha256Hex } from '../../util/hash';
import { CODE_VERSION } from '../../version';
import { grid, hash, heading, para, signatureLine, sub, type Block } from './blocks';
import { declarant, unsignedBundles, type CertificationInput } from './input';

const FORMAT: Record<string, string> = {
  'image/png': 'PNG 图像',
  'image/jpeg': 'JPEG 图像',
  'application/pdf': 'PDF 文档',
  'text/html': 'HTML 网页',
};

export function extractionRecordCn(input: CertificationInput): Block[] {
  const c = input.content;
  const o = c.options;
  const e = declarant(input);
  const examiner = [o.preparer, e?.title, e?.organisation].filter(Boolean).join('，');
  const imports = c.bundles.map((b) => b.importedAt).sort();
  const issuers = [...new Set(c.bundles.map((b) => b.issuer))].join('、');
  const unsigned = unsignedBundles(input);
  const field = (k: string, v: string | Record<string, unknown>) => [k, v];

  const list: (string | number | Record<string, unknown>)[][] = [];
  let n = 0;
  for (const x of c.exhibits) {
    const copy = sha256Hex(x.data);
    list.push([
      ++n,
      `exhibits/${x.fileName}`,
      `证据文件（${x.number}）\n${FORMAT[x.mediaType] ?? x.mediaType}`,
      x.data.length,
      hash(
        `${copy}\n${copy === x.sha256 ? '与来源记录一致' : `与来源记录不一致（来源：${x.sha256}）`}`,
      ),
    ]);
  }
  for (const f of input.dataFiles ?? [])
    list.push([
      ++n,
      f.name,
      `数据文件\n${f.name.endsWith('.csv') ? 'CSV 表格' : f.name.endsWith('.json') ? 'JSON' : 'GraphML'}`,
      '—',
      hash(f.sha256),
    ]);
  for (const b of c.bundles)
    list.push([++n, b.bundleId, '源数据包（原始提取对象）\nZIP 数据包', '—', hash(b.sha256)]);

  return [
    heading('10. 电子数据提取笔录'),
    para(
      'Electronic-data extraction record (in Chinese, for the receiving public security organ).',
    ),
    grid(
      ['项目', '内容'],
      [
        field('案由', `涉嫌销售假冒注册商标的商品、假冒注册商标（团伙 ${c.ring?.id ?? ''}）`),
        field('案件库', c.caseName),
        field(
          '提取时间',
          `${o.date}（源数据导入时间：${imports[0] ?? '—'} 至 ${imports[imports.length - 1] ?? '—'}）`,
        ),
        field('提取地点', '________________________'),
        field('提取人', examiner || '________________'),
        field('电子数据持有人（提供人）', issuers || '________________'),
        field('见证人', '________________________'),
        field(
          '提取对象',
          c.bundles
            .map(
              (b) =>
                `${b.bundleId}（${b.issuer}，签名状态：${b.signature === 'trusted' ? '可信签名' : `未经可信签名（${b.signature}）`}）`,
            )
            .join('\n'),
        ),
        field(
          '提取方法',
          `使用 Ringlens ${CODE_VERSION} 从加密案件库中导出本证据包。对每个文件计算 SHA-256（FIPS 180-4）完整性校验值，并与来源数据包记录的校验值比对。全部文件的校验值及大小列于 manifest.json 和 SHA256SUMS；manifest.json 由提取人的 Ed25519 密钥签名，密钥指纹 ${input.examinerFingerprint}。`,
        ),
        field(
          '提取过程',
          `1. 源数据包导入案件库时核验其校验值和签名，导入、编辑和导出均记入哈希链审计日志（导出时日志头：${input.auditHead}）。\n2. 对团伙 ${c.ring?.id ?? ''} 的关联数据、证据文件和数据文件逐一计算校验值。\n3. 生成证据包 ${input.packetId}（含本 PDF），计算全部文件的校验值并签名。VERIFY.txt 说明任何人如何用通用工具复核。`,
        ),
      ],
      [110, '*'],
    ),
    sub('电子数据清单'),
    grid(['序号', '文件名', '类别／格式', '大小（字节）', 'SHA-256 完整性校验值'], list, [
      18,
      105,
      72,
      40,
      '*',
    ]),
    para(
      '本笔录所在的 packet.pdf 无法载明其自身的校验值；其 SHA-256 记载于 SHA256SUMS 和经签名的 manifest.json，可按 VERIFY.txt 复核。',
    ),
    para(
      unsigned.length
        ? `下列源数据包未经可信签名：${unsigned.map((b) => `${b.bundleId}（${b.signature}）`).join('、')}。其来源依据保管链和数据包校验值认定，而非依据提供方的签名。`
        : '全部源数据包均带有案件信任的密钥签名。',
    ),
    para(
      '电子数据持有人（提供人）无法签名或者拒绝签名的，应当在笔录中注明，由见证人签名或者盖章。',
    ),
    signatureLine('提取人（签名）：', examiner),
    signatureLine('电子数据持有人（提供人）（签名或盖章）：', issuers),
    signatureLine('见证人（签名）：'),
    signatureLine('日期：', o.date),
  ];
}
