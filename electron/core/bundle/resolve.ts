/**
 * Identifier resolution: the same phone, account or address seen in two bundles (or twice
 * in one, written differently) must become one node. Pure functions; the importer keys
 * identifier entities by `type|identity` from here.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { ENTITY_INFO, type EntityType } from '../../../shared/domain/entity-types';
import type { EntityRow } from '../../../shared/bundle/schema';

/** NFKC (full-width digits and letters become ASCII) and white space folded to one space. */
export function foldText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** For comparison only: folded and case-folded. */
export function foldKey(s: string): string {
  return foldText(s).toLowerCase();
}

export function normalisePhone(raw: string, defaultRegion: string): string {
  const folded = foldText(raw);
  const parsed = parsePhoneNumberFromString(folded, defaultRegion as CountryCode);
  if (parsed?.isPossible()) return parsed.number;
  // Not a number libphonenumber understands: keep the digits (and a leading +) so equal
  // spellings still meet, without pretending it is E.164.
  const digits = folded.replace(/[^\d+]/g, '');
  return digits || folded;
}

export function normaliseEmail(raw: string): string {
  return foldText(raw).toLowerCase();
}

export function normaliseAccountNumber(raw: string): string {
  return foldText(raw)
    .replace(/[\s\-.]/g, '')
    .toUpperCase();
}

export function normaliseIp(raw: string): string {
  const s = foldText(raw).toLowerCase();
  return s.includes(':')
    ? s
    : s
        .split('.')
        .map((o) => String(Number(o)))
        .join('.');
}

interface AddressLike {
  line?: string;
  city?: string;
  province?: string;
  country?: string;
  postcode?: string;
}

export function normaliseAddress(a: AddressLike): string {
  return [a.country, a.province, a.city, a.line, a.postcode]
    .map((p) => (p === undefined ? '' : foldKey(p)))
    .join('|');
}

/** Normalises the identifying properties in place of the raw ones (the raw row stays in its statement). */
export function normaliseProps(row: EntityRow, defaultRegion: string): Record<string, unknown> {
  const p = { ...(row.props as Record<string, unknown>) };
  switch (row.type) {
    case 'phone':
      p.number = normalisePhone(p.number as string, defaultRegion);
      break;
    case 'email':
      p.address = normaliseEmail(p.address as string);
      break;
    case 'payment_account':
    case 'bank_account':
      p.accountNumber = normaliseAccountNumber(p.accountNumber as string);
      if (typeof p.iban === 'string') p.iban = normaliseAccountNumber(p.iban);
      break;
    case 'ip_address':
      p.address = normaliseIp(p.address as string);
      break;
    case 'device':
      p.fingerprint = foldText(p.fingerprint as string);
      break;
  }
  for (const k of ['name', 'holder', 'alias', 'title'] as const)
    if (typeof p[k] === 'string') p[k] = foldText(p[k]);
  return p;
}

/** The identity of an identifier entity, or undefined for entities keyed by their row id. */
export function identityOf(type: EntityType, props: Record<string, unknown>): string | undefined {
  const fields = ENTITY_INFO[type].identity;
  if (!fields) return undefined;
  return fields
    .map((f) => {
      const v = props[f];
      if (type === 'payment_account' && f === 'provider') return foldKey(String(v));
      return typeof v === 'object' && v !== null ? normaliseAddress(v) : String(v);
    })
    .join('|');
}

export function entityKey(type: EntityType, id: string, props: Record<string, unknown>): string {
  const identity = identityOf(type, props);
  return identity === undefined ? id : `${type}|${identity}`;
}

/** A short human label for lists and graphs. */
export function entityLabel(type: EntityType, id: string, props: Record<string, unknown>): string {
  const pick = (...keys: string[]) =>
    keys.map((k) => props[k]).find((v): v is string => typeof v === 'string' && v !== '');
  switch (type) {
    case 'phone':
      return String(props.number);
    case 'email':
    case 'ip_address':
      return String(props.address);
    case 'payment_account':
      return `${String(props.provider)} ${String(props.accountNumber)}`;
    case 'bank_account':
      return `${pick('bank') ?? 'Bank'} ${String(props.accountNumber)}`;
    case 'device':
      return pick('name', 'model') ?? String(props.fingerprint);
    case 'warehouse': {
      const a = props.address as AddressLike;
      return pick('name') ?? [a.province, a.city, a.line].filter(Boolean).join(' ');
    }
    case 'ip_right':
      return `${String(props.kind).replace('_', ' ')} ${String(props.registrationNumber)}`;
    case 'order':
      return pick('orderNumber', 'name') ?? id;
    case 'complaint':
      return pick('name') ?? `complaint ${id}`;
    case 'evidence':
      return pick('name', 'file') ?? id;
    case 'lead':
      return pick('name') ?? `lead ${id}`;
    default:
      return pick('name', 'alias', 'title') ?? id;
  }
}
