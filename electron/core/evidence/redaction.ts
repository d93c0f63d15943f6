/**
 * Redaction profiles: which fields each packet type masks. Applied once, when the packet's
 * content is gathered, so the PDF, the data files and the figure all see the same masked
 * values; every masked value is remembered so tests can prove none of them leaks.
 *
 * Masking is by entity and role (an order's buyer, an outcome's officer), never by string
 * equality across the packet: a defendant who happens to share a buyer's name is still
 * named as the defendant. Free text (notes, refutations, descriptions, custody details) is
 * scanned before it is written: every masked value, and any phone number or e-mail address
 * in it, is masked there too.
 */
import { ENTITY_INFO, type EntityType } from '../../../shared/domain/entity-types';
import type { PacketType } from '../../../shared/evidence/schemas';

export const REDACTED = '[redacted]';

/** E-mail addresses, and phone or id numbers (8+ digits, optionally +, spaces, dashes). */
const PERSONAL_PATTERN = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d(?:[\d\s-]{6,}\d)(?![\d-])/g;

export interface RedactionProfile {
  readonly name: 'none' | 'third-party-personal-data';
  /** `type.field` pairs to mask. */
  readonly fields: ReadonlySet<string>;
}

/** Buyers' and third parties' personal data: the PII fields the domain model marks. */
const THIRD_PARTY: ReadonlySet<string> = new Set([
  ...(Object.keys(ENTITY_INFO) as EntityType[]).flatMap((t) =>
    ENTITY_INFO[t].piiFields.map((f) => `${t}.${f}`),
  ),
  // The police officer named on a referral.
  'outcome.officer',
]);

export function profileFor(type: PacketType): RedactionProfile {
  return type === 'brand-share'
    ? { name: 'third-party-personal-data', fields: THIRD_PARTY }
    : { name: 'none', fields: new Set() };
}

export class Redactor {
  readonly masked = new Set<string>();
  constructor(private readonly p: RedactionProfile) {}
  get profile(): string {
    return this.p.name;
  }
  /** Replaces every masked value inside every string of a plain structure (bytes are left alone). */
  everywhere<T>(value: T): T {
    const values = [...this.masked].sort((a, b) => b.length - a.length);
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return values.reduce((s, m) => s.split(m).join(REDACTED), v);
      if (
        Buffer.isBuffer(v) ||
        v instanceof Set ||
        v instanceof Map ||
        v === null ||
        typeof v !== 'object'
      )
        return v;
      if (Array.isArray(v)) return v.map(walk);
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]),
      );
    };
    return walk(value) as T;
  }

  /** Masks masked values, phone numbers and e-mail addresses inside free text. */
  freeText(text: string): string {
    if (!text || this.p.fields.size === 0) return text;
    let out = [...this.masked]
      .sort((a, b) => b.length - a.length)
      .reduce((s, m) => s.split(m).join(REDACTED), text);
    out = out.replace(PERSONAL_PATTERN, (hit) => {
      // A phone or id number has 10+ digits; dates and case numbers (2025-0117) have fewer.
      if (!hit.includes('@') && hit.replace(/\D/g, '').length < 10) return hit;
      this.masked.add(hit);
      return REDACTED;
    });
    return out;
  }

  field(type: string, field: string, value: string): string {
    if (!value || !this.p.fields.has(`${type}.${field}`)) return value;
    this.masked.add(value);
    return REDACTED;
  }
}
