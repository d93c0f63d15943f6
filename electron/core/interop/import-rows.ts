/**
 * Rows from another format (FtM, a mapped CSV) go through the lead-bundle importer, so the
 * guarantees are the same: validated, all or nothing, idempotent, with provenance. The
 * bundle is written to a private temporary folder that is removed afterwards.
 *
 * The user never sees that bundle: every error the importer raises about one of its rows
 * (`links/links-0001.jsonl, line 7, field to`) is translated back to the user's own file,
 * line and column through the rows' origins.
 */
import { RinglensError } from '../../../shared/errors';
import {
  LinkRow as LinkRowSchema,
  type EntityRow,
  type LinkRow,
} from '../../../shared/bundle/schema';
import { ENTITY_PROPS } from '../../../shared/domain/entity-types';
import type { ImportResult } from '../../../shared/bundle/import-report';
import type { CaseStore } from '../store/open';
import { writeBundle } from '../bundle/writer';
import { importBundle, type ImportOptions } from '../bundle/import';
import { memoryBundle } from '../bundle/zip';

/** Where a converted row came from: the user's file and line, and which column each field was read from. */
export interface RowOrigin {
  readonly file: string;
  readonly line: number;
  /** Row field (`id`, `type`, `from`, `to`, `props.name`) to the user's column or property name. */
  readonly fields?: Readonly<Record<string, string>>;
}

export interface ConvertedRows {
  bundleId: string;
  issuer: string;
  source: string;
  description: string;
  defaultRegion?: string;
  entities: EntityRow[];
  links: LinkRow[];
  /** One origin per entity and per link row, in the same order; without them errors cite `source`. */
  origins?: { entities: readonly RowOrigin[]; links: readonly RowOrigin[] };
}

/** One table file per role: the bundle line of row i is i + 1. */
const ROWS_PER_FILE = Number.MAX_SAFE_INTEGER;
const INTERNAL_TABLE = /^(entities|links)\/(entities|links)-\d{4}\.(jsonl|csv)$/;

/** The field of a bundle row in the user's terms, most specific first. */
function userField(origin: RowOrigin | undefined, field: string | undefined) {
  if (!field || !origin?.fields) return field === undefined ? {} : { field };
  let f: string | undefined = field;
  while (f) {
    const column = origin.fields[f];
    if (column !== undefined) return { column };
    const cut = f.lastIndexOf('.');
    f = cut > 0 ? f.slice(0, cut) : undefined;
  }
  return { field };
}

/** Rewrites an importer error about our temporary bundle into one about the user's file. */
export function translateError(e: unknown, input: ConvertedRows): unknown {
  if (!(e instanceof RinglensError)) return e;
  const { file, line, field } = e.location;
  if (
    file === undefined ||
    (!INTERNAL_TABLE.test(file) && file !== 'manifest.json' && file !== 'manifest.sig')
  )
    return e;
  const role = file.startsWith('links') ? 'links' : 'entities';
  const origin =
    line !== undefined && INTERNAL_TABLE.test(file) ? input.origins?.[role][line - 1] : undefined;
  // "this bundle" is our temporary one; to the user it is their file, which has no manifest.sig.
  const message =
    e.code === 'BUNDLE_UNSIGNED'
      ? 'carries no signature (files of this kind are never signed)'
      : e.message.replace('in this bundle', 'in this file');
  return new RinglensError(e.code, message, {
    file: origin?.file ?? input.source,
    ...(origin && { line: origin.line }),
    ...(origin ? userField(origin, field) : {}),
    ...(e.hint !== undefined && { hint: e.hint }),
    cause: e,
  });
}

/** The rows are checked here, so a bad one is reported at its origin rather than by the bundle writer. */
function validate(input: ConvertedRows): void {
  const where = (role: 'entities' | 'links', i: number) => {
    const o = input.origins?.[role][i];
    return o ? { file: o.file, line: o.line } : { file: input.source };
  };
  input.entities.forEach((row, i) => {
    const r = ENTITY_PROPS[row.type]?.safeParse(row.props);
    if (!r)
      throw new RinglensError(
        'ROW_INVALID',
        `"${String(row.type)}" is not an entity type`,
        where('entities', i),
      );
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const o = input.origins?.entities[i];
      throw new RinglensError(
        'ROW_INVALID',
        `${row.type} ${row.id}: ${issue.path.join('.')} ${issue.message}`,
        {
          ...where('entities', i),
          ...userField(o, `props.${issue.path.join('.')}`),
        },
      );
    }
  });
  input.links.forEach((row, i) => {
    const r = LinkRowSchema.safeParse(row);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new RinglensError(
        'ROW_INVALID',
        `link ${row.from} -> ${row.to}: ${issue.path.join('.')} ${issue.message}`,
        {
          ...where('links', i),
          ...userField(input.origins?.links[i], issue.path.join('.')),
        },
      );
    }
  });
}

export async function importConvertedRows(
  store: CaseStore,
  input: ConvertedRows,
  options: ImportOptions,
): Promise<ImportResult> {
  validate(input);
  // The converted bundle holds the case's data in plain form: it is built and read in memory,
  // never in the temp folder, so a killed import leaves nothing behind (issue 16).
  let release = () => {};
  try {
    const written = await writeBundle(
      'converted.zip',
      {
        bundleId: input.bundleId,
        issuer: { name: input.issuer, contact: input.source.slice(0, 200) },
        createdAt: '2020-01-01T00:00:00Z',
        description: input.description,
        ...(input.defaultRegion && { defaultRegion: input.defaultRegion }),
        entities: input.entities,
        links: input.links,
      },
      { rowsPerFile: ROWS_PER_FILE, unchecked: true, inMemory: true },
    );
    const bundle = memoryBundle(written.bytes!);
    release = bundle.release;
    return await importBundle(store, bundle.name, options);
  } catch (e) {
    throw translateError(e, input);
  } finally {
    release();
  }
}
