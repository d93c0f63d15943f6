/**
 * Phone number blocks: SIM cards bought in one batch carry consecutive numbers, so two
 * E.164 numbers that differ only in their last digits by a few units are likely one buyer.
 */
import { normalisePhone } from '../bundle/resolve';

export interface PhoneForms {
  readonly e164: string;
  readonly digits: string;
}

export function phoneForms(raw: string, defaultRegion = 'CN'): PhoneForms {
  const e164 = normalisePhone(raw, defaultRegion);
  return { e164, digits: e164.replace(/\D/g, '') };
}

export type PhoneLevel = 'same' | 'consecutive' | 'block' | 'different';

/** How far apart two numbers of one prefix are (Infinity when lengths or prefixes differ). */
export function phoneGap(a: PhoneForms, b: PhoneForms): number {
  if (a.digits.length !== b.digits.length || a.digits.length < 7) return Infinity;
  // Everything but the last 4 digits must agree: one block of 10,000 numbers at most.
  const cut = a.digits.length - 4;
  if (a.digits.slice(0, cut) !== b.digits.slice(0, cut)) return Infinity;
  return Math.abs(Number(a.digits.slice(cut)) - Number(b.digits.slice(cut)));
}

/** Same number; 1 to 5 apart (one SIM batch); 6 to 99 apart (one block of 100); else different. */
export function comparePhones(a: PhoneForms, b: PhoneForms): PhoneLevel {
  if (a.e164 === b.e164) return 'same';
  const gap = phoneGap(a, b);
  if (gap <= 5) return 'consecutive';
  if (gap <= 99 && a.digits.slice(0, -2) === b.digits.slice(0, -2)) return 'block';
  return 'different';
}
