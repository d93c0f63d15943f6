/**
 * A saved mapping from an arbitrary CSV export (a brand's spreadsheet, a police list of
 * seized accounts) to Ringlens entities and links. Ids are templates over columns
 * (`"phone:{Phone}"`); properties name the column they come from.
 */
import { z } from 'zod';
import { EntityTypeSchema } from '../domain/entity-types';
import { LinkTypeSchema } from '../domain/link-types';

const Column = z.string().min(1).max(200);
const PropSource = z.union([
  Column,
  z.strictObject({
    column: Column,
    as: z.enum(['text', 'number', 'boolean', 'json']).default('text'),
  }),
]);

export const CsvMapping = z.strictObject({
  name: z.string().min(1).max(200),
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('CN'),
  entities: z
    .array(
      z.strictObject({
        type: EntityTypeSchema,
        id: z
          .string()
          .min(1)
          .max(300)
          .regex(/\{[^}]+\}/, 'must use at least one {column}'),
        props: z.record(z.string(), PropSource).default({}),
      }),
    )
    .min(1)
    .max(50),
  links: z
    .array(
      z.strictObject({
        type: LinkTypeSchema,
        from: z.number().int().min(0),
        to: z.number().int().min(0),
        label: z.string().max(200).optional(),
      }),
    )
    .max(100)
    .default([]),
});
export type CsvMapping = z.infer<typeof CsvMapping>;
