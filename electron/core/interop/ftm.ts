/**
 * FollowTheMoney (the data model of OCCRP Aleph and OpenSanctions): one JSON object per
 * line, `{"id", "schema", "properties": {name: [values]}}`, plus stream metadata such as
 * OpenSanctions' `datasets`, `referents`, `first_seen` and `last_seen`.
 *
 * Import loses nothing. Every value of every property is kept: a property that a Ringlens
 * field holds exactly (one value) lives in that field, every other one, whole, in `extra`.
 * The object's FtM id, schema and metadata are kept beside it (`ftm:id`, `ftm:schema`,
 * `ftm:meta`). Interval schemata (Ownership, Payment …) become links, one per pair of ends;
 * every other entity-reference property (`addressEntity`, `holder`, `entity`, `proof` …)
 * becomes a link too. A reference to an entity the stream does not contain becomes a
 * placeholder entity marked "referenced, not in this file" (counted and reported), unless
 * the caller asks to refuse such a stream.
 *
 * Export gives an entity that came from FtM back its own id, schema, metadata and every
 * property as a real FtM property, so an Aleph user who exports back updates instead of
 * duplicating. Native Ringlens entities get stable FtM ids from their keys and the closest
 * schema; their exact Ringlens form rides in `notes` (links: `description`), a line starting
 * `ringlens:`, so a Ringlens-to-Ringlens trip is exact.
 */
import { createReadStream } from 'node:fs';
import { Model, defaultModel } from '@alephdata/followthemoney';
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import type { EntityRow, LinkRow } from '../../../shared/bundle/schema';
import { IsoDate, type EntityType } from '../../../shared/domain/entity-types';
import { linkAllows, type LinkType } from '../../../shared/domain/link-types';
import { canonicalJson } from '../util/canonical-json';
import { readJsonLines, StreamTap, validateEntityRow, validateLinkRow } from '../bundle/rows';
import { entityKey, entityLabel, normaliseProps } from '../bundle/resolve';
import { appendAudit } from '../audit/log';
import type { ImportOptions } from '../bundle/import';
import type { ImportResult } from '../../../shared/bundle/import-report';
import { formatValue } from '../../../shared/format-value';

const MARK = 'ringlens:';
/** Keys in `extra` that hold what FtM has beside its properties (never FtM properties themselves: those have no colon). */
export const FTM_ID = 'ftm:id';
export const FTM_SCHEMA = 'ftm:schema';
export const FTM_META = 'ftm:meta';
/** On a link: the FtM object (and property) it was derived from; the object carries it back on export. */
export const FTM_OF = 'ftm:of';
/** On a placeholder entity: why it exists. */
export const FTM_PLACEHOLDER = 'ftm:placeholder';
export const PLACEHOLDER_NOTE = 'referenced, not in this file';

const SCHEMA_OF: Partial<Record<EntityType, string>> = {
  seller: 'UserAccount',
  shop: 'UserAccount',
  person: 'Person',
  company: 'Company',
  brand: 'Organization',
  complainant: 'LegalEntity',
  bank_account: 'BankAccount',
  payment_account: 'BankAccount',
  warehouse: 'Address',
  evidence: 'Document',
  phone: 'Note',
  email: 'Note',
  device: 'Note',
  ip_address: 'Note',
  listing: 'Note',
  order: 'Note',
  complaint: 'Note',
  lead: 'Note',
  ip_right: 'Note',
  thing: 'Note',
};

export interface FtmObject {
  readonly id: string;
  readonly schema: string;
  readonly properties: Record<string, string[]>;
  /** Stream metadata (OpenSanctions: datasets, referents, first_seen, last_seen, caption …). */
  readonly [meta: string]: unknown;
}

/** A stable FtM id for a native Ringlens entity or link: the same key always gives the same id. */
export const ftmId = (key: string) =>
  `rl-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

/**
 * FtM's own model (OCCRP's, shipped in @alephdata/followthemoney): the interval schemata
 * that join two entities (Ownership, Directorship, Payment …) with the properties naming
 * their two ends, and which properties are references to other entities.
 */
const FTM_MODEL = new Model(defaultModel);
const EDGES: ReadonlyMap<string, { source: string; target: string; label: string }> = new Map(
  FTM_MODEL.getSchemata()
    .filter((sc) => sc.edge)
    .map((sc) => [
      sc.name,
      { source: sc.edge!.source, target: sc.edge!.target, label: sc.edge!.label ?? sc.label },
    ]),
);
/** Where an FtM edge has a Ringlens link type of its own (used when the ends' types allow it). */
const EDGE_TYPES: Readonly<Record<string, LinkType>> = {
  Ownership: 'owns',
  Representation: 'represents',
};
/** Reference properties with a Ringlens link type of their own; `reverse` when the link runs from the referenced entity. */
const REFERENCE_TYPES: Readonly<Record<string, { type: LinkType; reverse?: true }>> = {
  addressEntity: { type: 'uses' },
  'UserAccount.owner': { type: 'operates', reverse: true },
};
const isDay = (v: string | undefined): v is string => !!v && IsoDate.safeParse(v).success;

interface Reference {
  readonly property: string;
  readonly label: string;
  /** The schema a referenced entity must have (LegalEntity for a holder, Address …). */
  readonly range: string;
}

/** The entity-reference properties an object of this schema has, from the model. */
function referencesOf(schema: string): ReadonlyMap<string, Reference> {
  const cached = REFS.get(schema);
  if (cached) return cached;
  const out = new Map<string, Reference>();
  if (FTM_MODEL.schemata[schema]) {
    for (const [name, p] of FTM_MODEL.getSchema(schema).getProperties()) {
      if (p.type.name !== 'entity' || p.stub) continue;
      out.set(name, { property: name, label: p.label, range: p.getRange()?.name ?? 'Thing' });
    }
  }
  REFS.set(schema, out);
  return out;
}
const REFS = new Map<string, ReadonlyMap<string, Reference>>();

function readable(
  type: string,
  label: string,
  props: Record<string, unknown>,
): Record<string, string[]> {
  const p: Record<string, string[]> = { name: [label] };
  const s = (v: unknown) => (v === undefined || v === null ? [] : [formatValue(v)]);
  if (type === 'bank_account' || type === 'payment_account')
    Object.assign(p, {
      accountNumber: s(props.accountNumber),
      bankName: s(props.bank ?? props.provider),
    });
  if (type === 'seller' || type === 'shop')
    Object.assign(p, {
      username: s(props.alias ?? props.marketplaceId),
      service: s(props.marketplace ?? 'marketplace'),
    });
  if (type === 'company')
    Object.assign(p, {
      registrationNumber: s(props.registrationNumber),
      jurisdiction: s(props.jurisdiction),
    });
  if (type === 'warehouse') {
    const a = (props.address ?? {}) as Record<string, string>;
    Object.assign(p, {
      full: [[a.line, a.city, a.province, a.country].filter(Boolean).join(', ')],
      city: s(a.city),
      region: s(a.province),
      country: s(a.country?.toLowerCase()),
    });
  }
  if (type === 'evidence')
    Object.assign(p, {
      fileName: s(props.file),
      contentHash: s(props.sha256),
      mimeType: s(props.mediaType),
    });
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v.length && v[0] !== ''));
}

/**
 * Which Ringlens field holds which FtM property, per Ringlens type (for entities that came
 * from FtM). A field holds a property only when the property had exactly one value.
 */
const FIELDS: Partial<Record<EntityType, readonly [ftm: string, path: readonly string[]][]>> = {
  person: [['name', ['name']]],
  company: [
    ['name', ['name']],
    ['registrationNumber', ['registrationNumber']],
    ['jurisdiction', ['jurisdiction']],
  ],
  bank_account: [
    ['accountNumber', ['accountNumber']],
    ['bankName', ['bank']],
  ],
  seller: [
    ['name', ['name']],
    ['username', ['alias']],
  ],
  warehouse: [
    ['full', ['address', 'line']],
    ['city', ['address', 'city']],
    ['region', ['address', 'province']],
    ['country', ['address', 'country']],
  ],
};

const get = (o: Record<string, unknown>, path: readonly string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as never)[k] : undefined), o);

/** The FtM properties of an entity that came from FtM: its kept properties and its fields, as they were. */
function ftmPropertiesOf(
  type: EntityType,
  props: Record<string, unknown>,
): Record<string, string[]> {
  if (type === 'thing') return { ...(props.properties as Record<string, string[]>) };
  const extra = (props.extra ?? {}) as Record<string, string[]>;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(extra)) if (!k.includes(':')) out[k] = v;
  for (const [ftm, path] of FIELDS[type] ?? []) {
    const v = get(props, path);
    if (out[ftm] || typeof v !== 'string') continue;
    out[ftm] = [ftm === 'country' ? v.toLowerCase() : v];
  }
  return out;
}

interface EntityInfo {
  readonly key: string;
  readonly type: EntityType;
  readonly props: Record<string, unknown>;
}
const extraOf = (props: Record<string, unknown>) =>
  (props.extra ?? {}) as Record<string, string[] | undefined>;
/** The id an entity has in FtM: its original one when it came from FtM, else a stable one from its key. */
const idInFtm = (e: EntityInfo) => extraOf(e.props)[FTM_ID]?.[0] ?? ftmId(e.key);
const metaOf = (extra: Record<string, string[] | undefined>): Record<string, unknown> =>
  extra[FTM_META]?.[0] ? (JSON.parse(extra[FTM_META][0]) as Record<string, unknown>) : {};

/** The case, or one ring's members, identifiers and the links between them, as FtM objects. */
export function* exportFtm(db: Database, only?: ReadonlySet<number>): Generator<FtmObject> {
  const entities = new Map<number, EntityInfo>();
  for (const e of db
    .prepare('SELECT id, key, type, label, props FROM entities ORDER BY id')
    .iterate() as IterableIterator<{
    id: number;
    key: string;
    type: EntityType;
    label: string;
    props: string;
  }>) {
    if (only && !only.has(e.id)) continue;
    const props = JSON.parse(e.props) as Record<string, unknown>;
    const info = { key: e.key, type: e.type, props };
    entities.set(e.id, info);
    const extra = extraOf(props);
    // A placeholder stands for an entity another file holds: it is not ours to export.
    if (extra[FTM_PLACEHOLDER]) continue;
    if (extra[FTM_ID]) {
      yield {
        id: extra[FTM_ID][0]!,
        schema:
          e.type === 'thing'
            ? String(props.schema)
            : (extra[FTM_SCHEMA]?.[0] ?? SCHEMA_OF[e.type]!),
        ...metaOf(extra),
        properties: ftmPropertiesOf(e.type, props),
      };
      continue;
    }
    yield {
      id: ftmId(e.key),
      schema: SCHEMA_OF[e.type] ?? 'Note',
      properties: {
        ...readable(e.type, e.label, props),
        notes: [MARK + canonicalJson({ key: e.key, type: e.type, props })],
      },
    };
  }
  const exported = new Set<string>();
  for (const l of db
    .prepare('SELECT id, type, src, dst, label, props FROM links ORDER BY id')
    .iterate() as IterableIterator<{
    id: number;
    type: string;
    src: number;
    dst: number;
    label: string;
    props: string;
  }>) {
    const from = entities.get(l.src);
    const to = entities.get(l.dst);
    if (!from || !to) continue;
    const props = JSON.parse(l.props) as LinkRow['props'];
    const extra = (props.extra ?? {}) as Record<string, string[] | undefined>;
    // A link derived from an FtM property leaves inside the object that holds the property.
    if (extra[FTM_OF]) continue;
    const original = extra[FTM_SCHEMA]?.[0];
    if (extra[FTM_ID] && original && EDGES.has(original)) {
      const id = extra[FTM_ID][0]!;
      if (exported.has(id)) continue;
      exported.add(id);
      const ends = EDGES.get(original)!;
      const properties: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(extra)) if (!k.includes(':') && v) properties[k] = v;
      properties[ends.source] ??= [idInFtm(from)];
      properties[ends.target] ??= [idInFtm(to)];
      yield { id, schema: original, ...metaOf(extra), properties };
      continue;
    }
    const ringlens =
      MARK + canonicalJson({ type: l.type, from: from.key, to: to.key, label: l.label, props });
    // A link that came from an FtM interval goes back as that interval (a Payment stays a Payment).
    const schema =
      original && EDGES.has(original) ? original : l.type === 'owns' ? 'Ownership' : 'UnknownLink';
    const ends = EDGES.get(schema)!;
    const readableProps = intervalProperties(schema, props);
    yield {
      id: ftmId(`link:${l.id}:${from.key}>${to.key}`),
      schema,
      properties: {
        ...readableProps,
        [ends.source]: [idInFtm(from)],
        [ends.target]: [idInFtm(to)],
        ...(schema === 'UnknownLink' && !readableProps.role ? { role: [l.label || l.type] } : {}),
        description: [ringlens, ...(readableProps.description ?? [])],
      },
    };
  }
}

/** A link's properties in the interval's own FtM terms: since/until as start and end dates, and whatever kept property the schema has. */
function intervalProperties(schema: string, props: LinkRow['props']): Record<string, string[]> {
  const s = FTM_MODEL.getSchema(schema);
  const out: Record<string, string[]> = {};
  if (props.since) out.startDate = [props.since];
  if (props.until) out.endDate = [props.until];
  for (const [k, v] of Object.entries(props.extra ?? {}))
    if (!k.includes(':') && k !== 'ftmSchema' && k !== 'ftmId' && s.hasProperty(k))
      out[k] = [...(out[k] ?? []), ...v];
  return out;
}

/** The Ringlens type a foreign schema maps to, if its required field is there; else undefined (kept as `thing`). */
function mapForeign(o: FtmObject): EntityRow | undefined {
  const one = (k: string) => (o.properties[k]?.length === 1 ? o.properties[k][0] : undefined);
  const firstOf = (k: string) => o.properties[k]?.[0];
  const type = ((): EntityType | undefined => {
    switch (o.schema) {
      case 'Person':
        return firstOf('name') ? 'person' : undefined;
      case 'Company':
      case 'Organization':
      case 'LegalEntity':
        return firstOf('name') ? 'company' : undefined;
      case 'BankAccount':
        return firstOf('accountNumber') ? 'bank_account' : undefined;
      case 'UserAccount':
        return 'seller';
      case 'Address':
        return firstOf('full') || firstOf('city') ? 'warehouse' : undefined;
      default:
        return undefined;
    }
  })();
  if (!type) return undefined;
  const props: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const [ftm, path] of FIELDS[type] ?? []) {
    let v = one(ftm);
    if (ftm === 'country' && v !== undefined)
      v = /^[a-z]{2}$/.test(v) ? v.toUpperCase() : undefined;
    if (v !== undefined && v.length <= 1000) used.add(ftm);
    // A required field takes the first value even when there are several; all of them stay in extra.
    else if ((ftm === 'name' && type !== 'seller') || ftm === 'accountNumber')
      v = firstOf(ftm)!.slice(0, 1000);
    else continue;
    if (path.length === 1) props[path[0]!] = v;
    else props[path[0]!] = { ...(props[path[0]!] as object), [path[1]!]: v };
  }
  // An address whose every field had several values still needs one to be identified by
  // (else all such addresses would merge into one warehouse); all values stay in extra.
  if (type === 'warehouse' && !Object.keys(props.address ?? {}).length)
    props.address = firstOf('full')
      ? { line: firstOf('full')!.slice(0, 1000) }
      : { city: firstOf('city')!.slice(0, 1000) };
  const extra = Object.fromEntries(Object.entries(o.properties).filter(([k]) => !used.has(k)));
  return { id: o.id, type, props: { ...props, extra } } as EntityRow;
}

/** Everything at the top of an FtM object but id, schema and properties, as it was. */
function metaExtra(o: FtmObject): Record<string, string[]> {
  const meta = Object.fromEntries(
    Object.entries(o).filter(([k]) => k !== 'id' && k !== 'schema' && k !== 'properties'),
  );
  return Object.keys(meta).length ? { [FTM_META]: [canonicalJson(meta)] } : {};
}

export interface FtmConversion {
  readonly entities: EntityRow[];
  readonly links: LinkRow[];
  /** Schemata kept as generic `thing` entities, with counts: reported to the user. */
  readonly unmapped: Record<string, number>;
  /** Entities referenced by the stream but not in it, kept as placeholders: reported by count. */
  readonly placeholders: number;
  /** The stream line each entity row and link row came from (same order), for errors in the user's terms. */
  readonly entityLines: number[];
  readonly linkLines: number[];
}

export interface FtmOptions {
  /** Refuse a stream whose references point at entities it does not contain, instead of keeping placeholders. */
  readonly refuseDangling?: boolean;
  /** Whether the case already holds an entity with this id (from an earlier stream): then it is no dangling reference. */
  readonly inCase?: (id: string) => boolean;
}

const isFtmObject = (o: unknown): o is FtmObject =>
  !!o &&
  typeof o === 'object' &&
  typeof (o as FtmObject).id === 'string' &&
  typeof (o as FtmObject).schema === 'string' &&
  !!(o as FtmObject).properties &&
  typeof (o as FtmObject).properties === 'object' &&
  !Array.isArray((o as FtmObject).properties);

/** Reads an FtM stream into lead-bundle rows (validation and import happen as for any bundle). */
export async function convertFtm(file: string, options: FtmOptions = {}): Promise<FtmConversion> {
  const name = file.split(/[\\/]/).pop()!;
  const entities: EntityRow[] = [];
  const entityLines: number[] = [];
  const links: LinkRow[] = [];
  const linkLines: number[] = [];
  const unmapped: Record<string, number> = {};
  const pending: { line: number; o: FtmObject }[] = [];
  const addEntity = (row: EntityRow, line: number) => {
    entities.push(validateEntityRow({ value: row, line }, name));
    entityLines.push(line);
  };
  const addLink = (row: LinkRow, line: number) => {
    links.push(validateLinkRow({ value: row, line }, name));
    linkLines.push(line);
  };
  // Keys of identifier entities may hold spaces (addresses); row ids may not: such rows use
  // their FtM id, and the importer rebuilds the same key from the identity.
  // Keys with spaces, and identity keys (kind|value, a form no row id may take), travel
  // under a stable id of their own; the importer merges them again by identity.
  const rowId = (key: string) => (/[\s|]/.test(key) ? ftmId(key) : key);
  for await (const raw of readJsonLines(createReadStream(file), name, new StreamTap())) {
    const o = raw.value;
    if (!isFtmObject(o))
      throw new RinglensError(
        'ROW_INVALID',
        'is not a FollowTheMoney entity (needs id, schema and properties)',
        { file: name, line: raw.line },
      );
    for (const [k, v] of Object.entries(o.properties))
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
        throw new RinglensError(
          'ROW_INVALID',
          `property "${k}" of ${o.schema} ${o.id} is not a list of strings, as FtM properties must be`,
          { file: name, line: raw.line, field: `properties.${k}` },
        );
    // Things carry the mark in `notes`; links (FtM intervals, which have no notes) in `description`.
    const mark = [...(o.properties.notes ?? []), ...(o.properties.description ?? [])].find((n) =>
      n.startsWith(MARK),
    );
    if (mark) {
      const r = JSON.parse(mark.slice(MARK.length)) as {
        key?: string;
        type: string;
        props: Record<string, unknown>;
        from?: string;
        to?: string;
        label?: string;
      };
      if (r.from !== undefined && r.to !== undefined) {
        // Evidence files do not travel in FtM: their links come back as labelled generic links.
        const evidences = r.type === 'evidences';
        const label = evidences ? 'evidences' : r.label;
        addLink(
          {
            type: (evidences ? 'related' : r.type) as LinkRow['type'],
            from: rowId(r.from),
            to: rowId(r.to),
            ...(label ? { label } : {}),
            props: r.props,
          },
          raw.line,
        );
      } else if (r.type === 'evidence') {
        // Without its bytes an evidence entity cannot be an exhibit; it is kept, whole, as a Document.
        addEntity(
          {
            id: rowId(r.key!),
            type: 'thing',
            props: {
              schema: 'Document',
              name: formatValue(r.props.name ?? r.props.file ?? r.key),
              properties: Object.fromEntries(
                Object.entries(r.props).map(([k, v]) => [k, [formatValue(v)]]),
              ),
            },
          },
          raw.line,
        );
      } else
        addEntity(
          { id: rowId(r.key!), type: r.type as EntityType, props: r.props } as EntityRow,
          raw.line,
        );
      continue;
    }
    pending.push({ line: raw.line, o });
  }

  // Objects from other tools. An interval with both ends is a link; anything else an entity.
  const isLink = (o: FtmObject) => {
    const edge = EDGES.get(o.schema);
    return !!edge && !!o.properties[edge.source]?.length && !!o.properties[edge.target]?.length;
  };
  const inFile = new Set<string>();
  const seenIds = new Map<string, number>();
  for (const { line, o } of pending) {
    const before = seenIds.get(o.id);
    if (before !== undefined)
      throw new RinglensError(
        'ROW_INVALID',
        `the id ${o.id} is used twice in this stream (lines ${before} and ${line})`,
        { file: name, line, field: 'id', hint: 'an FtM stream gives every entity its own id' },
      );
    seenIds.set(o.id, line);
    inFile.add(o.id);
  }
  for (const { line, o } of pending) {
    if (isLink(o)) continue;
    const own = { [FTM_ID]: [o.id], ...metaExtra(o) };
    const row = mapForeign(o);
    if (row) {
      const props = row.props as { extra: Record<string, string[]> };
      props.extra = { ...props.extra, [FTM_SCHEMA]: [o.schema], ...own };
      addEntity(row, line);
    } else {
      unmapped[o.schema] = (unmapped[o.schema] ?? 0) + 1;
      const label = o.properties.name?.[0] ?? o.properties.title?.[0] ?? o.properties.fileName?.[0];
      addEntity(
        {
          id: o.id,
          type: 'thing',
          props: {
            schema: o.schema,
            properties: o.properties,
            ...(label && { name: label.slice(0, 1000) }),
            extra: own,
          },
        },
        line,
      );
    }
  }

  const typeOf = new Map(entities.map((e) => [e.id, e.type]));
  const seenLinks = new Set(links.map((l) => `${l.type}|${l.from}|${l.to}|${l.label ?? ''}`));
  /** Where a stream refers to an entity it lacks: the first line, and the range it must have. */
  const dangling = new Map<string, { line: number; range: string }>();
  const edgeIds = new Set(pending.filter(({ o }) => isLink(o)).map(({ o }) => o.id));
  const refer = (id: string, line: number, range: string): boolean => {
    if (edgeIds.has(id)) return false; // an interval is a link here, not something to link to
    if (!inFile.has(id) && !dangling.has(id) && !options.inCase?.(id))
      dangling.set(id, { line, range });
    return true;
  };
  const linkKey = (l: { type: string; from: string; to: string; label?: string }) =>
    `${l.type}|${l.from}|${l.to}|${l.label ?? ''}`;
  /** A link derived from a property of an FtM object (a reference, or a further pair of an interval's ends). */
  const derived = (
    from: string,
    to: string,
    line: number,
    of: string,
    property: string,
    label: string,
    fitting?: LinkType,
  ) => {
    const type =
      fitting && linkAllows(fitting, typeOf.get(from) ?? 'thing', typeOf.get(to) ?? 'thing')
        ? fitting
        : 'related';
    const l = { type, from, to, label: (type === 'related' ? label : '').slice(0, 200) };
    if (seenLinks.has(linkKey(l))) return;
    seenLinks.add(linkKey(l));
    addLink({ ...l, props: { extra: { [FTM_OF]: [of, property] } } }, line);
  };
  const refLinks = (o: FtmObject, line: number, source: string, skip: ReadonlySet<string>) => {
    for (const [property, ref] of referencesOf(o.schema)) {
      if (skip.has(property)) continue;
      const fit = REFERENCE_TYPES[`${o.schema}.${property}`] ?? REFERENCE_TYPES[property];
      for (const v of o.properties[property] ?? []) {
        if (v === source || !refer(v, line, ref.range)) continue;
        const [from, to] = fit?.reverse ? [v, source] : [source, v];
        derived(from, to, line, o.id, property, ref.label.toLowerCase(), fit?.type);
      }
    }
  };

  for (const { line, o } of pending) {
    const edge = EDGES.get(o.schema);
    if (!edge || !isLink(o)) {
      refLinks(o, line, o.id, new Set());
      continue;
    }
    const sources = o.properties[edge.source]!;
    const targets = o.properties[edge.target]!;
    const refs = referencesOf(o.schema);
    for (const v of sources) refer(v, line, refs.get(edge.source)?.range ?? 'Thing');
    for (const v of targets) refer(v, line, refs.get(edge.target)?.range ?? 'Thing');
    const from = sources[0]!;
    const to = targets[0]!;
    const type = EDGE_TYPES[o.schema];
    const typed =
      type !== undefined &&
      linkAllows(type, typeOf.get(from) ?? 'thing', typeOf.get(to) ?? 'thing');
    const start = o.properties.startDate?.[0] ?? o.properties.date?.[0];
    const end = o.properties.endDate?.[0];
    // Every property stays as it was (an end only where the link's own end does not say it all);
    // dates that fit are also since/until, for the timeline.
    const extra: Record<string, string[]> = { ...o.properties };
    if (sources.length === 1) delete extra[edge.source];
    if (targets.length === 1) delete extra[edge.target];
    // Two intervals between the same ends (two payments) stay two links: the second gets its FtM id in its label.
    const caption = typed
      ? ''
      : (o.properties.role?.[0] ?? o.properties.relationship?.[0] ?? edge.label).slice(0, 160);
    const linkType = typed ? type : 'related';
    const key = `${linkType}|${from}|${to}|${caption}`;
    const label = seenLinks.has(key) ? `${caption} (${o.id})`.trim().slice(0, 200) : caption;
    seenLinks.add(`${linkType}|${from}|${to}|${label}`);
    addLink(
      {
        type: linkType,
        from,
        to,
        ...(label ? { label } : {}),
        props: {
          ...(isDay(start) && { since: start }),
          ...(isDay(end) && { until: end }),
          extra: { ...extra, [FTM_SCHEMA]: [o.schema], [FTM_ID]: [o.id], ...metaExtra(o) },
        },
      },
      line,
    );
    // Further ends (a Payment's second beneficiary) are links of their own, carried back by the first.
    for (const s of sources)
      for (const t of targets)
        if (s !== from || t !== to)
          derived(s, t, line, o.id, `${edge.source}>${edge.target}`, caption || edge.label, type);
    // The interval's other references (a Payment's accounts, a proof) hang on the end they belong to.
    for (const [property, ref] of referencesOf(o.schema)) {
      if (property === edge.source || property === edge.target) continue;
      const end = property.startsWith(edge.target) ? to : from;
      for (const v of o.properties[property] ?? [])
        if (v !== end && refer(v, line, ref.range))
          derived(end, v, line, o.id, property, ref.label.toLowerCase());
    }
  }

  if (dangling.size && options.refuseDangling) {
    const [id, at] = dangling.entries().next().value!;
    throw new RinglensError(
      'ROW_INVALID',
      `${dangling.size.toLocaleString('en')} referenced entities are not in this stream (the first, ${id}, on this line)`,
      {
        file: name,
        line: at.line,
        hint: 'import the stream they are in first, or import without refusing dangling references: they are then kept as placeholders marked "referenced, not in this file"',
      },
    );
  }
  for (const [id, at] of dangling) {
    addEntity(
      {
        id,
        type: 'thing',
        props: {
          schema: at.range,
          name: `${id} (${PLACEHOLDER_NOTE})`.slice(0, 1000),
          properties: {},
          extra: { [FTM_ID]: [id], [FTM_PLACEHOLDER]: [PLACEHOLDER_NOTE] },
        },
      },
      at.line,
    );
    typeOf.set(id, 'thing');
  }
  return {
    entities,
    links,
    unmapped,
    placeholders: dangling.size,
    entityLines,
    linkLines,
  };
}

export interface FtmImportResult {
  readonly bundle: import('../../../shared/bundle/import-report').ImportResult;
  readonly unmapped: Record<string, number>;
  /** Entities referenced but not in the stream, kept as placeholders marked "referenced, not in this file". */
  readonly placeholders: number;
  /** Placeholders an earlier import left that this stream's entities filled in. */
  readonly filledPlaceholders: number;
}

/**
 * An error from the bundle importer names a row of the converted bundle (`links/links-0001.jsonl`,
 * line 3); the user only knows their stream: the location is put back in its terms.
 */
function inStreamTerms(
  e: unknown,
  name: string,
  conv: FtmConversion,
  rowsPerFile: number,
): unknown {
  if (!(e instanceof RinglensError)) return e;
  const m = /^(entities|links)\/(?:entities|links)-(\d+)\.\w+$/.exec(e.location.file ?? '');
  if (!m && e.location.file !== 'manifest.json' && e.location.file !== undefined) return e;
  const lines = m?.[1] === 'links' ? conv.linkLines : conv.entityLines;
  const at =
    m && e.location.line !== undefined
      ? lines[(Number(m[2]) - 1) * rowsPerFile + e.location.line - 1]
      : undefined;
  return new RinglensError(e.code, e.message, {
    file: name,
    ...(at !== undefined && { line: at }),
    ...(e.hint !== undefined && { hint: e.hint }),
    cause: e,
  });
}

/** A placeholder in the case that a row of this stream fills. */
interface Fill {
  readonly entity: number;
  readonly id: string;
  readonly key: string;
  readonly type: EntityType;
  readonly label: string;
  readonly line: number;
}

/** The stream's real entities that an earlier stream (or import) left in the case as placeholders. */
function placeholdersFilled(db: Database, conv: FtmConversion): Fill[] {
  const placeholder = db.prepare(
    `SELECT e.id, e.key FROM entities e WHERE e.id = coalesce(
       (SELECT entity FROM entity_aliases WHERE alias = @id), (SELECT id FROM entities WHERE key = @id))
     AND json_extract(e.props, '$.extra."${FTM_PLACEHOLDER}"') IS NOT NULL`,
  );
  const fills: Fill[] = [];
  conv.entities.forEach((row, i) => {
    const own = (row.props as { extra?: Record<string, string[]> }).extra;
    if (own?.[FTM_PLACEHOLDER]) return;
    const hit = placeholder.get({ id: row.id }) as { id: number; key: string } | undefined;
    if (!hit) return;
    const props = normaliseProps(row, 'ZZ');
    fills.push({
      entity: hit.id,
      id: row.id,
      key: entityKey(row.type, row.id, props),
      type: row.type,
      label: entityLabel(row.type, row.id, props),
      line: conv.entityLines[i]!,
    });
  });
  return fills;
}

/**
 * Puts each real entity in its placeholder's place, inside the import's transaction: the
 * placeholder keeps its row id (so every link to it stays attached), takes the real type,
 * key and label, and loses its properties (the mark among them), which the import's merge
 * then sets from the stream. The audit log records which placeholders were filled.
 */
function fillPlaceholders(
  fills: readonly Fill[],
  name: string,
  actor: string,
  now: string,
): NonNullable<ImportOptions['inTransaction']> {
  return {
    before(db) {
      const owner = db.prepare('SELECT id, type FROM entities WHERE key = ?');
      const update = db.prepare(
        `UPDATE entities SET type = ?, key = ?, label = ?, props = '{}' WHERE id = ?`,
      );
      for (const f of fills) {
        const other = owner.get(f.key) as { id: number; type: string } | undefined;
        if (other && other.id !== f.entity)
          throw new RinglensError(
            'ROW_INVALID',
            `${f.id} fills a placeholder ("${PLACEHOLDER_NOTE}"), but the case already holds the same ${f.type} as another entity; Ringlens does not merge two entities into one`,
            {
              file: name,
              line: f.line,
              hint: 'import this stream into a new case before the streams that refer to it',
            },
          );
        update.run(f.type, f.key, f.label, f.entity);
      }
    },
    after(db, result) {
      if (fills.length === 0 || result.alreadyImported) return;
      appendAudit(db, {
        actor,
        action: 'ftm.placeholders.fill',
        object: `bundle:${result.bundleId}`,
        at: now,
        details: {
          stream: name,
          filled: fills.length,
          note: `${fills.length} placeholder${fills.length === 1 ? '' : 's'} ("${PLACEHOLDER_NOTE}") replaced by the entity this stream holds`,
          entities: fills.slice(0, 200).map((f) => ({ id: f.id, type: f.type, line: f.line })),
        },
      });
    },
  };
}

/** Imports an FtM stream as a lead bundle named after the stream's hash (see import-rows). */
export async function importFtm(
  store: import('../store/open').CaseStore,
  file: string,
  options: import('../bundle/import').ImportOptions & FtmOptions,
): Promise<FtmImportResult> {
  const name = file.split(/[\\/]/).pop()!;
  // A stream has no signature to check: the same override as for an unsigned bundle, in a stream's terms.
  if (!options.allowUnsigned)
    throw new RinglensError(
      'BUNDLE_UNSIGNED',
      'a FollowTheMoney stream carries no signature, so Ringlens cannot check who made it',
      {
        file: name,
        hint: 'import it only if you know where it came from, such as your own Aleph export or an OpenSanctions download, with --allow-unsigned; it will stay marked unsigned',
      },
    );
  const { importConvertedRows } = await import('./import-rows');
  const { sha256File, defaultActor } = await import('../bundle/import');
  const sha = await sha256File(file);
  const bundleId = `ftm-${sha.slice(0, 24)}`;
  // The same stream again changes nothing. Its conversion would differ now (its dangling
  // references are in the case this time), so the converted bundle cannot be the judge.
  const prior = store.db
    .prepare(
      'SELECT sha256, signature, signer_fingerprint, entity_rows, link_rows, evidence_files FROM bundles WHERE bundle_id = ?',
    )
    .get(bundleId) as
    | {
        sha256: string;
        signature: ImportResult['signature'];
        signer_fingerprint: string | null;
        entity_rows: number;
        link_rows: number;
        evidence_files: number;
      }
    | undefined;
  if (prior)
    return {
      bundle: {
        bundleId,
        sha256: prior.sha256,
        alreadyImported: true,
        signature: prior.signature,
        signerFingerprint: prior.signer_fingerprint,
        entityRows: prior.entity_rows,
        linkRows: prior.link_rows,
        evidenceFiles: prior.evidence_files,
        newEntities: 0,
        mergedEntities: 0,
        newLinks: 0,
        auditHash: null,
      },
      unmapped: {},
      placeholders: 0,
      filledPlaceholders: 0,
    };
  const lookup = store.db.prepare(
    'SELECT 1 FROM entity_aliases WHERE alias = @id UNION ALL SELECT 1 FROM entities WHERE key = @id LIMIT 1',
  );
  const conv = await convertFtm(file, {
    ...options,
    inCase: (id) => lookup.get({ id }) !== undefined,
  });
  const fills = placeholdersFilled(store.db, conv);
  const actor = options.actor ?? defaultActor();
  const now = options.now ?? new Date().toISOString();
  const kept = Object.entries(conv.unmapped)
    .map(([k, n]) => `${k} x${n}`)
    .join(', ');
  try {
    const bundle = await importConvertedRows(
      store,
      {
        bundleId,
        issuer: 'FollowTheMoney stream',
        source: name,
        description: `FollowTheMoney stream ${name} (sha256 ${sha})${kept ? `; kept as generic entities: ${kept}` : ''}${conv.placeholders ? `; ${conv.placeholders} referenced entities not in the stream kept as placeholders` : ''}`,
        entities: conv.entities,
        links: conv.links,
      },
      {
        ...options,
        actor,
        now,
        inTransaction: fillPlaceholders(fills, name, actor, now),
      },
    );
    return {
      bundle,
      unmapped: conv.unmapped,
      placeholders: conv.placeholders,
      filledPlaceholders: bundle.alreadyImported ? 0 : fills.length,
    };
  } catch (e) {
    throw inStreamTerms(e, name, conv, 500_000);
  }
}

/** An FtM stream starts with a JSON object that has id, schema and properties. */
export async function looksLikeFtm(file: string): Promise<boolean> {
  const { open } = await import('node:fs/promises');
  const fh = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const first = text.split('\n').find((l) => l.trim() !== '');
    if (!first) return false;
    const o = JSON.parse(first) as Record<string, unknown>;
    return (
      typeof o.id === 'string' && typeof o.schema === 'string' && typeof o.properties === 'object'
    );
  } catch {
    return false;
  } finally {
    await fh.close();
  }
}
