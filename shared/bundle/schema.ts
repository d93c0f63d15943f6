/**
 * Lead-bundle format v1: the manifest and the row schemas.
 * The JSON Schema files in shared/bundle/json-schema/ are generated from these
 * (scripts/gen-json-schema.ts); SPEC.md beside this file is the prose specification.
 */
import { z } from 'zod';
import { ENTITY_PROPS, EntityTypeSchema, IsoDate, type EntityType } from '../domain/entity-types';
import { LINK_PROPS, LinkTypeSchema } from '../domain/link-types';

export const BUNDLE_FORMAT = 'ringlens.lead-bundle';
export const BUNDLE_VERSION = 1;

/** A path inside the bundle: relative, forward slashes, no `..`, no drive letters. */
export const BundlePath = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^(?!\/)(?![A-Za-z]:)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._\-/]+$/,
    'must be a relative path of letters, digits, . _ - / without ".." segments',
  );

export const FileRole = z.enum(['entities', 'links', 'evidence']);
export const ManifestFile = z.strictObject({
  path: BundlePath,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  size: z
    .number()
    .int()
    .nonnegative()
    .max(4 * 1024 ** 3),
  mediaType: z.string().min(1).max(100),
  role: FileRole,
});

export const Manifest = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION, {
    message: `this build reads lead-bundle version ${BUNDLE_VERSION} only`,
  }),
  bundleId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._:-]+$/),
  issuer: z.strictObject({
    name: z.string().min(1).max(200),
    organisation: z.string().max(200).optional(),
    contact: z.string().max(200).optional(),
  }),
  /** Present when manifest.sig is: the issuer's Ed25519 public key (SPKI, PEM). */
  signer: z
    .strictObject({
      algorithm: z.literal('Ed25519'),
      publicKeyPem: z.string().max(1_000),
    })
    .optional(),
  createdAt: IsoDate,
  description: z.string().max(10_000),
  /** Region assumed for phone numbers written without a country code (ISO 3166-1 alpha-2). */
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('CN'),
  counts: z.strictObject({
    entities: z.number().int().nonnegative(),
    links: z.number().int().nonnegative(),
    evidence: z.number().int().nonnegative(),
  }),
  files: z.array(ManifestFile).min(1).max(100_000),
});
export type Manifest = z.infer<typeof Manifest>;
export type ManifestFile = z.infer<typeof ManifestFile>;

const RowId = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex -- NUL is exactly what this rule refuses
  .regex(/^[^\s\u0000]+$/, 'must be non-empty and contain no whitespace');

/** A row of an entity table. `props` is checked against the type's schema separately. */
export const EntityRowEnvelope = z.strictObject({
  id: RowId,
  type: EntityTypeSchema,
  props: z.record(z.string(), z.unknown()).default({}),
});
export const LinkRow = z.strictObject({
  type: LinkTypeSchema,
  from: RowId,
  to: RowId,
  label: z.string().max(200).optional(),
  props: LINK_PROPS.default({}),
});
export type LinkRow = z.infer<typeof LinkRow>;

/** A fully validated entity row, discriminated by type. */
export type EntityRow = {
  [T in EntityType]: { id: string; type: T; props: z.infer<(typeof ENTITY_PROPS)[T]> };
}[EntityType];

/** Schemas used to publish the JSON Schema of each row type. */
export const EntityRowSchemas = Object.fromEntries(
  Object.entries(ENTITY_PROPS).map(([type, props]) => [
    type,
    z.strictObject({ id: RowId, type: z.literal(type), props }),
  ]),
) as unknown as Record<EntityType, z.ZodType>;

/** CSV tables: the documented header of each table kind. */
export const CSV_ENTITY_FIXED_COLUMNS = ['id', 'type'] as const;
export const CSV_LINK_FIXED_COLUMNS = ['type', 'from', 'to', 'label'] as const;
