/**
 * A saved mapping from an arbitrary CSV export (a brand's spreadsheet, a police list of
 * seized accounts, a leak database's node or edge file) to Ringlens entities and links.
 *
 * Ids are templates over columns (`"phone:{Phone}"`). A property comes from a column
 * (optionally read as a number, a date in a declared format, a list), a constant, a
 * template over several columns, or (for addresses) several plain-text columns. An entity's
 * type is fixed or read from a column through a value map. Link ends are entities of the
 * same row (by index) or any entity by id: one imported before (a node file) or in this file.
 *
 * Version 1 mappings (fixed types, `from`/`to` indexes, column properties) are version 2
 * mappings that use none of the new parts.
 */
import { z } from 'zod';
import { EntityTypeSchema } from '../domain/entity-types';
import { LinkTypeSchema } from '../domain/link-types';

const Column = z.string().min(1).max(200);
const Template = z.string().min(1).max(300);

/** Day-month-year tokens: YYYY, YY, MM, M, MMM (JAN, Mar), DD, D, HH, H, mm, ss; anything else is literal. */
export const DateFormat = z.string().min(2).max(60);

const ColumnSource = z.strictObject({
  column: Column,
  as: z.enum(['text', 'number', 'boolean', 'json', 'date', 'list']).default('text'),
  /** For `as: "date"`: the format of this column (otherwise the mapping's `dateFormats`, then ISO 8601). */
  format: DateFormat.optional(),
  /** For `as: "list"`: the separator between values (default `;`). */
  separator: z.string().min(1).max(5).optional(),
});
const ConstantSource = z.strictObject({ value: z.union([z.string(), z.number(), z.boolean()]) });
const TemplateSource = z.strictObject({ template: Template });
const ScalarSource = z.union([Column, ColumnSource, ConstantSource, TemplateSource]);
export type ScalarSource = z.infer<typeof ScalarSource>;

/** An address from plain-text columns; the text is kept as written. */
const AddressSource = z.strictObject({
  address: z
    .strictObject({
      line: ScalarSource.optional(),
      city: ScalarSource.optional(),
      province: ScalarSource.optional(),
      postcode: ScalarSource.optional(),
      country: ScalarSource.optional(),
    })
    .refine((a) => Object.keys(a).length > 0, 'names no address part'),
});
export const PropSource = z.union([ScalarSource, AddressSource]);
export type PropSource = z.infer<typeof PropSource>;

/** `"weight < 0"`-style conditions in structured form; a row is imported only where all hold. */
export const RowFilter = z.strictObject({
  column: Column,
  op: z.enum(['=', '!=', '<', '<=', '>', '>=', 'empty', 'not empty', 'in', 'not in']),
  value: z.union([z.string(), z.number(), z.array(z.string())]).optional(),
});
export type RowFilter = z.infer<typeof RowFilter>;

/** An entity type, fixed or read from a column (`node_type: Officer -> person`). */
export const TypeSource = z.union([
  EntityTypeSchema,
  z.strictObject({
    column: Column,
    map: z.record(z.string(), EntityTypeSchema),
    /** For values the map does not name; without it such a row is an error. */
    default: EntityTypeSchema.optional(),
  }),
]);
export type TypeSource = z.infer<typeof TypeSource>;

const LinkEnd = z.union([
  /** The entity of the same row at this index of `entities`. */
  z.number().int().min(0),
  /** Any entity by id: imported before (a node file) or defined in this file. */
  z.strictObject({ id: Template }),
]);
export type LinkEnd = z.infer<typeof LinkEnd>;

export const CsvMapping = z.strictObject({
  name: z.string().min(1).max(200),
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('CN'),
  /** How to read the file; each part is detected when absent. */
  csv: z
    .strictObject({
      delimiter: z.enum([',', ';', '\t', '|']).optional(),
      quote: z.string().length(1).optional(),
      encoding: z.enum(['utf-8', 'gb18030']).optional(),
    })
    .default({}),
  /** Formats tried in order for every `as: "date"` column without its own format. */
  dateFormats: z.array(DateFormat).max(20).default([]),
  filters: z.array(RowFilter).max(50).default([]),
  /**
   * The same id on several rows: `merge` keeps the first value of each property, keeps the
   * others beside it (under `extra`) and reports each conflict; `refuse` stops the import.
   */
  repeatedIds: z.enum(['merge', 'refuse']).default('merge'),
  entities: z
    .array(
      z.strictObject({
        type: TypeSource,
        id: Template.regex(/\{[^}]+\}/, 'must use at least one {column}'),
        props: z.record(z.string(), PropSource).default({}),
      }),
    )
    .max(50)
    .default([]),
  links: z
    .array(
      z.strictObject({
        type: LinkTypeSchema,
        from: LinkEnd,
        to: LinkEnd,
        label: z.string().max(200).optional(),
        /** since, until, confidence, note, or `extra.<name>` for anything else (weight, amount). */
        props: z.record(z.string(), ScalarSource).default({}),
      }),
    )
    .max(100)
    .default([]),
});
export type CsvMapping = z.infer<typeof CsvMapping>;
export type CsvMappingInput = z.input<typeof CsvMapping>;

/** What a mapped import did beyond its rows: nothing it set aside goes unreported. */
export const CsvMappingReport = z.object({
  file: z.string(),
  encoding: z.string(),
  bom: z.boolean(),
  delimiter: z.string(),
  columns: z.array(z.string()),
  rows: z.number(),
  skippedByFilter: z.number(),
  /** Per mapped entity (by index): rows whose id columns were empty, so that entity was not made. */
  withoutId: z.array(z.number()),
  entities: z.number(),
  links: z.number(),
  /** Links whose two ends are one entity (skipped). */
  selfLinks: z.number(),
  /** Repeated rows of one link (merged into one). */
  repeatedLinks: z.number(),
  conflicts: z.array(
    z.object({
      id: z.string(),
      prop: z.string(),
      kept: z.object({ value: z.string(), line: z.number() }),
      other: z.object({ value: z.string(), line: z.number() }),
    }),
  ),
});
export type CsvMappingReport = z.infer<typeof CsvMappingReport>;
