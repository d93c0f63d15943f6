/**
 * One specification per kind of identifier: which entities it covers, how a value is
 * prepared for comparison, its blocking keys (two identifiers are compared only when they
 * share one), its comparisons with their m and u, and the prior.
 *
 * Where the m and u come from: m is the share of true variants reaching each level in
 * the evasion patterns the issue lists (a ring re-spelling one identifier); u is the
 * chance two unrelated identifiers reach it by accident, from the size of the value space
 * (phones: 5 neighbours in 10^4 of a block; photos: a 64-bit hash within 6 bits of another
 * by chance is < 1e-10, capped at 1e-6 for near-duplicate stock photos) or from how often
 * unrelated records agree in real registers (Chinese names: the 400 commonest
 * surname-given pairs cover a large share of people, hence u for an equal name is 1e-3).
 */
import type { MatchKind } from '../../../shared/identity/schemas';
import type { Comparison, Level, TermFrequency } from './model';
import { compareNames, nameForms, type NameForms } from './names';
import { compareEmails, emailForms, type EmailForms } from './emails';
import { comparePhones, phoneForms, type PhoneForms } from './phones';
import {
  accountForms,
  compareAccountNumbers,
  compareInstitutions,
  type AccountForms,
} from './accounts';
import {
  compareCities,
  comparePremises,
  compareRoads,
  parseAddressComponents,
  parseAddressWithGazetteer,
  type AddressComponents,
  type AddressInput,
  type AddressParser,
} from './addresses';
import { compareShops, deletionKeys, shopForms, type ShopForms } from './shop-names';
import { hammingDistance } from './photo-hash';
import { foldScript } from './text-forms';

/** One identifier as the engine holds it: its entity key (stable across re-import) and the properties compared. */
export interface Identifier {
  readonly key: string;
  readonly type: string;
  readonly label: string;
  readonly props: Readonly<Record<string, unknown>>;
}

export interface KindSpec<F> {
  readonly kind: MatchKind;
  readonly prior: number;
  readonly prepare: (id: Identifier) => F;
  /** Blocking keys; empty for photos, which are paired by multi-index hashing. */
  readonly blockingKeys: (f: F) => readonly string[];
  readonly comparisons: readonly Comparison<F>[];
  readonly termFrequency?: TermFrequency<F>;
}

const L = (m: number, u: number, text: string): Level => ({ m, u, text });
const NOTHING = L(1, 1, 'not known on both sides');
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
/** A property as text ('' when absent or not text): identifiers' compared fields are strings. */
const text = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

// ── names ────────────────────────────────────────────────────────────────
interface PersonForms {
  readonly raw: string;
  readonly name: NameForms;
  readonly registration?: string;
  readonly city?: string;
}
const nameLevels = (what: string) => ({
  exact: L(0.4, 0.001, `${what} written the same`),
  script: L(0.2, 0.0004, `${what} differ only in script (traditional/simplified, full-width)`),
  pinyin: L(0.25, 0.0008, `${what}: one in Chinese characters, one in its pinyin`),
  order: L(0.1, 0.0004, `${what}: the same syllables in the other order`),
  close: L(0.03, 0.002, `${what} one letter apart`),
  different: L(0.02, 0.9966, `${what} differ`),
});
const NAME: KindSpec<PersonForms> = {
  kind: 'name',
  prior: 0.02,
  prepare: (id) => {
    const raw = str(id.props.name) ?? id.label;
    const reg = str(id.props.nationalId) ?? str(id.props.registrationNumber);
    const addr = id.props.address as AddressInput | undefined;
    const city = addr?.city ? foldScript(addr.city).replace(/市$/, '') : undefined;
    return {
      raw,
      name: nameForms(raw),
      ...(reg && { registration: reg.replace(/[\s-]/g, '').toUpperCase() }),
      ...(city && { city: parseAddressComponents({ city: addr!.city }).city ?? city }),
    };
  },
  blockingKeys: (f) => (f.name.letters ? [`l:${f.name.letters}`, f.name.script] : [f.name.script]),
  comparisons: [
    {
      name: 'name',
      note: 'script folding with OpenCC, pinyin with pinyin-pro; u from how often common Chinese names recur',
      levels: nameLevels('names'),
      level: (a, b) => compareNames(a.name, b.name, a.raw, b.raw),
    },
    {
      name: 'registration',
      note: 'national id or company registration number: rarely shared by two people, often left out by a ring',
      levels: {
        same: L(0.5, 1e-6, 'same national id or registration number'),
        different: L(0.02, 0.99, 'different national id or registration number'),
        unknown: NOTHING,
      },
      level: (a, b) =>
        !a.registration || !b.registration
          ? 'unknown'
          : a.registration === b.registration
            ? 'same'
            : 'different',
    },
    {
      name: 'city',
      note: 'the city of the registered address (gazetteer-resolved)',
      levels: {
        same: L(0.85, 0.05, 'registered in the same city'),
        different: L(0.1, 0.95, 'registered in different cities'),
        unknown: NOTHING,
      },
      level: (a, b) => (!a.city || !b.city ? 'unknown' : a.city === b.city ? 'same' : 'different'),
    },
  ],
};

// ── e-mails ──────────────────────────────────────────────────────────────
const EMAIL: KindSpec<EmailForms> = {
  kind: 'email',
  prior: 0.02,
  prepare: (id) => emailForms(text(id.props.address, id.label)),
  blockingKeys: (f) => [f.mailbox, `stem:${f.stem}`],
  comparisons: [
    {
      name: 'mailbox',
      note: 'provider rules: Gmail ignores dots and +tags; Outlook.com, iCloud, Fastmail, Proton ignore +tags; others neither',
      levels: {
        mailbox: L(0.45, 1e-7, 'one mailbox under the provider’s rules (dots, +tags)'),
        'stem-same-provider': L(
          0.1,
          1e-5,
          'same local part apart from dots or a +tag, at one provider',
        ),
        'stem-other-provider': L(0.35, 2e-5, 'same e-mail local part at two providers'),
        close: L(0.08, 5e-4, 'e-mail local parts one letter apart'),
        different: L(0.02, 0.99948, 'different e-mail local parts'),
      },
      level: compareEmails,
    },
  ],
};

// ── phones ───────────────────────────────────────────────────────────────
const PHONE: KindSpec<PhoneForms> = {
  kind: 'phone',
  prior: 0.02,
  prepare: (id) => phoneForms(text(id.props.number, id.label)),
  // Numbers in one block of 10,000 share a key; pairs are then compared on the gap.
  blockingKeys: (f) => [f.digits.length >= 7 ? f.digits.slice(0, -4) : f.digits],
  comparisons: [
    {
      name: 'number',
      note: 'E.164 with libphonenumber; SIM cards of one batch carry consecutive numbers',
      levels: {
        same: L(0.05, 1e-8, 'the same number'),
        consecutive: L(0.8, 1e-3, 'consecutive numbers of one prefix (one SIM batch)'),
        block: L(0.1, 1e-2, 'numbers in one block of 100'),
        different: L(0.05, 0.989, 'numbers far apart'),
      },
      level: comparePhones,
    },
  ],
};

// ── accounts ─────────────────────────────────────────────────────────────
interface AccountFormsWithHolder extends AccountForms {
  readonly holder?: { raw: string; name: NameForms };
}
const ACCOUNT: KindSpec<AccountFormsWithHolder> = {
  kind: 'account',
  prior: 0.02,
  prepare: (id) => {
    const holder = str(id.props.holder);
    return {
      ...accountForms(text(id.props.accountNumber), str(id.props.bank) ?? str(id.props.provider)),
      ...(holder && { holder: { raw: holder, name: nameForms(holder) } }),
    };
  },
  // The number, and the number less its last 4 digits (a mistyped digit near the end).
  blockingKeys: (f) =>
    f.number.length >= 10 ? [f.number, `p:${f.number.slice(0, -4)}`] : [f.number],
  comparisons: [
    {
      name: 'number',
      note: 'digits and letters only (spaces, dashes, full-width digits removed)',
      levels: {
        same: L(0.9, 1e-6, 'the same account number once separators are removed'),
        'one-digit': L(0.06, 1e-5, 'account numbers one digit (or one swap) apart'),
        different: L(0.04, 0.999989, 'different account numbers'),
      },
      level: compareAccountNumbers,
    },
    {
      name: 'institution',
      note: 'bank and payment provider names across their Chinese, English and short spellings',
      levels: {
        same: L(0.95, 0.2, 'the same bank or provider (names normalised)'),
        different: L(0.04, 0.8, 'different banks or providers'),
        unknown: NOTHING,
      },
      level: compareInstitutions,
    },
    {
      name: 'holder',
      note: 'the holder’s name, compared as names are',
      levels: {
        agree: L(0.7, 0.002, 'holder names agree (script, pinyin or order aside)'),
        different: L(0.3, 0.998, 'holder names differ'),
        unknown: NOTHING,
      },
      level: (a, b) =>
        !a.holder || !b.holder
          ? 'unknown'
          : compareNames(a.holder.name, b.holder.name, a.holder.raw, b.holder.raw) === 'different'
            ? 'different'
            : 'agree',
    },
  ],
};

// ── addresses ────────────────────────────────────────────────────────────
let addressParser: AddressParser = parseAddressWithGazetteer;
/** Swaps in another parser (tests compare against the line-only `parseAddressComponents`). */
export function useAddressParser(p: AddressParser): void {
  addressParser = p;
}
const ADDRESS: KindSpec<AddressComponents> = {
  kind: 'address',
  // Many warehouses share a road (人民路 is in every city), so fewer compared pairs match.
  prior: 0.005,
  prepare: (id) => addressParser((id.props.address as AddressInput | undefined) ?? {}),
  blockingKeys: (f) => {
    const keys: string[] = [];
    if (f.road) keys.push(`${f.city ?? ''}|r:${f.road}`);
    // The district when the gazetteer settles it (the same in either script), else the finest area.
    const area = f.district ?? f.areas[f.areas.length - 1];
    if (f.number && area) keys.push(`${f.city ?? ''}|${area}|n:${f.number}`);
    return keys;
  },
  comparisons: [
    {
      name: 'city',
      note: 'province and city resolved with the offline gazetteer, either script',
      levels: {
        same: L(0.95, 0.05, 'same city'),
        different: L(0.02, 0.95, 'different cities'),
        unknown: NOTHING,
      },
      level: compareCities,
    },
    {
      name: 'road',
      note: 'road name in pinyin with its number as digits (固戍二路 = Gushu 2nd Rd)',
      levels: {
        same: L(0.9, 0.01, 'the same road, Chinese and Latin forms folded'),
        different: L(0.05, 0.99, 'different roads'),
        unknown: NOTHING,
      },
      level: compareRoads,
    },
    {
      name: 'premises',
      note: 'house number, building, floor and unit',
      levels: {
        same: L(0.9, 0.01, 'same house number and floor'),
        different: L(0.05, 0.99, 'different house number, floor or unit'),
        unknown: NOTHING,
      },
      level: comparePremises,
    },
  ],
};

// ── shop names ───────────────────────────────────────────────────────────
const SHOP: KindSpec<ShopForms> = {
  kind: 'shop',
  prior: 0.02,
  prepare: (id) => shopForms(text(id.props.name, id.label)),
  blockingKeys: (f) => deletionKeys(f.folded),
  // Template names recur among honest shops (吴氏美妆32号店 twice): an equal name counts for less the commoner it is.
  termFrequency: { comparison: 'name', level: 'same', value: (f) => f.folded },
  comparisons: [
    {
      name: 'name',
      note: 'Levenshtein distance (fastest-levenshtein) after script and width folding; look-alike digits (0/o, 1/l) count as one change; one Chinese character swapped for another of a different sound is how honest template names differ (黄氏/刘氏)',
      levels: {
        same: L(0.2, 1e-4, 'shop names the same once script and width are folded'),
        'one-character': L(0.75, 2e-5, 'shop names one character apart, same number'),
        'number-only': L(0.02, 5e-3, 'shop names that differ only in the branch number'),
        'other-word': L(
          0.02,
          5e-3,
          'shop names with one Chinese character swapped for an unrelated one',
        ),
        different: L(0.01, 0.98998, 'different shop names'),
      },
      level: compareShops,
    },
  ],
};

// ── photo fingerprints ───────────────────────────────────────────────────
interface PhotoForms {
  readonly hash: string;
}
export const PHOTO_RADIUS = 6;
const PHOTO: KindSpec<PhotoForms> = {
  kind: 'photo',
  prior: 0.02,
  prepare: (id) => ({ hash: text(id.props.fingerprint) }),
  blockingKeys: () => [],
  comparisons: [
    {
      name: 'fingerprint',
      note: '64-bit perceptual hash; unrelated photos differ in about 32 bits',
      levels: {
        same: L(0.2, 1e-6, 'the same photo fingerprint'),
        're-encoded': L(0.6, 1e-6, 'photo fingerprints 1 to 3 bits apart (a re-encoded copy)'),
        edited: L(0.18, 1e-5, 'photo fingerprints 4 to 6 bits apart (a cropped or edited copy)'),
        different: L(0.02, 0.999989, 'different photos'),
      },
      level: (a, b) => {
        const d = hammingDistance(a.hash, b.hash);
        return d === 0
          ? 'same'
          : d <= 3
            ? 're-encoded'
            : d <= PHOTO_RADIUS
              ? 'edited'
              : 'different';
      },
    },
  ],
};

// ── devices ──────────────────────────────────────────────────────────────
interface DeviceForms {
  readonly fingerprint: string;
  readonly model: string;
}
const DEVICE: KindSpec<DeviceForms> = {
  kind: 'device',
  prior: 0.02,
  prepare: (id) => ({
    fingerprint: foldScript(text(id.props.fingerprint)).replace(/[^0-9a-z]/g, ''),
    model: foldScript(text(id.props.model)),
  }),
  blockingKeys: (f) => [f.fingerprint],
  comparisons: [
    {
      name: 'fingerprint',
      note: 'device fingerprint with case and separators removed',
      levels: {
        same: L(0.95, 1e-7, 'the same device fingerprint apart from case and separators'),
        different: L(0.05, 1, 'different device fingerprints'),
      },
      level: (a, b) =>
        a.fingerprint !== '' && a.fingerprint === b.fingerprint ? 'same' : 'different',
    },
    {
      name: 'model',
      note: 'device model as reported',
      levels: {
        same: L(0.9, 0.2, 'the same device model'),
        different: L(0.1, 0.8, 'different device models'),
        unknown: NOTHING,
      },
      level: (a, b) =>
        !a.model || !b.model ? 'unknown' : a.model === b.model ? 'same' : 'different',
    },
  ],
};

export const KIND_SPECS: Readonly<Record<MatchKind, KindSpec<unknown>>> = {
  name: NAME as KindSpec<unknown>,
  email: EMAIL as KindSpec<unknown>,
  phone: PHONE as KindSpec<unknown>,
  account: ACCOUNT as KindSpec<unknown>,
  address: ADDRESS as KindSpec<unknown>,
  shop: SHOP as KindSpec<unknown>,
  photo: PHOTO as KindSpec<unknown>,
  device: DEVICE as KindSpec<unknown>,
};

/** Which kind an entity type's identifiers are compared as (undefined: not compared). */
export const KIND_OF_TYPE: Readonly<Record<string, MatchKind>> = {
  person: 'name',
  company: 'name',
  email: 'email',
  phone: 'phone',
  bank_account: 'account',
  payment_account: 'account',
  warehouse: 'address',
  shop: 'shop',
  image_fingerprint: 'photo',
  device: 'device',
};
