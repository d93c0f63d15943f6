/**
 * Candidate generation at scale: N identifiers of every kind (realistic values, 5% planted
 * near-duplicates), blocked, compared and scored. Prints one JSON line.
 */
import { findCandidates } from '../../electron/core/identity/candidates';
import { DEFAULT_MIN_PROBABILITY } from '../../electron/core/identity/matches';
import type { Identifier } from '../../electron/core/identity/kinds';
import type { MatchKind } from '../../shared/identity/schemas';
import {
  GIVEN_ZH,
  SHOP_WORDS_LATIN,
  SHOP_WORDS_ZH,
  SURNAMES_ZH,
  BANKS,
} from '../../electron/core/generate/vocabulary';
import { hex, int, pick, rngFor } from '../../electron/core/util/random';

const total = Number(process.argv[2] ?? 1_000_000);
const share: Record<MatchKind, number> = {
  name: 0.14,
  email: 0.15,
  phone: 0.15,
  account: 0.14,
  address: 0.1,
  shop: 0.14,
  photo: 0.15,
  device: 0.03,
};
const rng = rngFor(1, 'identity-bench');
const ROADS = ['人民路', '建设路', '中山路', '解放路', '新华路', '工业大道', '长江路', '科技园路'];
const CITIES = ['深圳市', '广州市', '杭州市', '义乌市', '泉州市', '莆田市', '东莞市', '温州市'];

function value(kind: MatchKind, i: number): Record<string, unknown> {
  switch (kind) {
    case 'name':
      return { name: `${pick(rng, SURNAMES_ZH)}${pick(rng, GIVEN_ZH)}${pick(rng, GIVEN_ZH)}` };
    case 'email':
      return {
        address: `${hex(rng, 7)}@${pick(rng, ['qq.com', '163.com', 'gmail.com', 'outlook.com'])}`,
      };
    case 'phone':
      return {
        number: `+861${pick(rng, ['38', '39', '50', '58', '86', '88'])}${String(int(rng, 0, 99_999_999)).padStart(8, '0')}`,
      };
    case 'account':
      return {
        accountNumber: `6222${String(int(rng, 0, 999_999_999)).padStart(12, '0')}`,
        bank: pick(rng, BANKS),
      };
    case 'address':
      return {
        address: {
          line: `${pick(rng, CITIES)}${pick(rng, SURNAMES_ZH)}${pick(rng, GIVEN_ZH)}${pick(rng, ROADS)}${int(rng, 1, 999)}号${int(rng, 1, 30)}楼`,
        },
      };
    case 'shop':
      return {
        name:
          i % 2
            ? `${pick(rng, SURNAMES_ZH)}氏${pick(rng, SHOP_WORDS_ZH)}${int(rng, 1, 999)}号店`
            : `${pick(rng, SHOP_WORDS_LATIN)} ${pick(rng, SHOP_WORDS_LATIN)} ${pick(rng, SHOP_WORDS_LATIN)} ${int(rng, 1, 9999)}`,
      };
    case 'photo':
      return { fingerprint: hex(rng, 16) };
    case 'device':
      return { fingerprint: `dev-${hex(rng, 16)}`, model: 'Xiaomi 12' };
  }
}

// One kind at a time, as listMatches reads them: a kind's identifiers and blocks are
// dropped before the next kind is read. Building the values is inside the timing (it
// stands in for reading them from the case).
function build(kind: MatchKind, n: number): Identifier[] {
  const list: Identifier[] = [];
  for (let i = 0; i < n; i++)
    list.push({ key: `${kind}|${i}`, type: kind, label: '', props: value(kind, i) });
  return list;
}

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let identifiers = 0;
const perKind: Record<
  string,
  { identifiers: number; candidates: number; seconds: number; skippedBlocks: number }
> = {};
for (const [kind, s] of Object.entries(share) as [MatchKind, number][]) {
  const t = performance.now();
  const list = build(kind, Math.round(total * s));
  identifiers += list.length;
  const r = findCandidates(kind, list, { minProbability: DEFAULT_MIN_PROBABILITY });
  perKind[kind] = {
    identifiers: list.length,
    candidates: r.pairs.length,
    seconds: Math.round(performance.now() - t) / 1000,
    skippedBlocks: r.skippedBlocks.length,
  };
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    identifiers,
    seconds,
    cpuSeconds,
    perKind,
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
