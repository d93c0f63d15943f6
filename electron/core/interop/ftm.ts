/**
 * FollowTheMoney (the data model of OCCRP Aleph and OpenSanctions): one JSON object per
 * line, `{"id", "schema", "properties": {name: [values]}}`.
 *
 * Export maps each Ringlens entity to the closest FtM schema with its readable properties,
 * and each link to an interval entity (Ownership for `owns`, UnknownLink with the link type
 * as `role` otherwise). So that nothing is lost on the way back, every exported object also
 * carries its exact Ringlens form in `notes` (links, which FtM models as intervals without
 * notes, in `description`), a line starting `ringlens:`.
 *
 * Import turns a stream into lead-bundle rows: objects exported by Ringlens come back
 * exactly; other objects are mapped by schema, with every property that has no Ringlens
 * field kept, and schemata we do not map kept whole as `thing` entities (and reported).
 */
import { createReadStream } from 'node:fs';
import { Model, defaultModel } from '@alephdata/followthemoney';
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RinglensError } from '../../../shared/errors';
import type { EntityRow, LinkRow } from '../../../shared/bundle/schema';
import { IsoDate, type EntityType } from '../../../shared/domain/entity-types';
import { linkAllows } from '../../../shared/domain/link-types';
import { canonicalJson } from '../util/canonical-json';
import { readJsonLines, StreamTap } from '../bundle/rows';
import { formatValue } from '../../../shared/format-value';

const MARK = 'ringlens:';

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
}

const ftmId = (key: string) => `rl-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

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

/** The case, or one ring's members, identifiers and the links between them, as FtM objects. */
export function* exportFtm(db: Database, only?: ReadonlySet<number>): Generator<FtmObject> {
  const keyOf = new Map<number, string>();
  for (const e of db
    .prepare('SELECT id, key, type, label, props FROM entities ORDER BY id')
    .iterate() as IterableIterator<{
    id: number;
    key: string;
    type: string;
    label: string;
    props: string;
  }>) {
    if (only && !only.has(e.id)) continue;
    keyOf.set(e.id, e.key);
    const props = JSON.parse(e.props) as Record<string, unknown>;
    yield {
      id: ftmId(e.key),
      schema: SCHEMA_OF[e.type as EntityType] ?? 'Note',
      properties: {
        ...readable(e.type, e.label, props),
        notes: [MARK + canonicalJson({ key: e.key, type: e.type, props })],
      },
    };
  }
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
    const from = keyOf.get(l.src);
    const to = keyOf.get(l.dst);
    if (!from || !to) continue;
    const props = JSON.parse(l.props) as LinkRow['props'];
    const ringlens = MARK + canonicalJson({ type: l.type, from, to, label: l.label, props });
    // A link that came from an FtM interval goes back as that interval (a Payment stays a Payment).
    const original = props.extra?.ftmSchema?.[0];
    const schema =
      original && EDGES.has(original) ? original : l.type === 'owns' ? 'Ownership' : 'UnknownLink';
    const ends = EDGES.get(schema)!;
    const readableProps = intervalProperties(schema, props);
    yield {
      id: ftmId(`link:${l.id}:${from}>${to}`),
      schema,
      properties: {
        ...readableProps,
        [ends.source]: [ftmId(from)],
        [ends.target]: [ftmId(to)],
        ...(schema === 'UnknownLink' && !readableProps.role ? { role: [l.label || l.type] } : {}),
        description: [ringlens, ...(readableProps.description ?? [])],
      },
    };
  }
}

/**
 * FtM's own edge definitions (OCCRP's model, shipped in @alephdata/followthemoney): every
 * interval schema that joins two entities (Ownership, Directorship, Payment, Debt,
 * Succession, ContractAward…) with the properties naming its two ends.
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
const EDGE_TYPES: Readonly<Record<string, LinkRow['type']>> = {
  Ownership: 'owns',
  Representation: 'represents',
};
const isDay = (v: string | undefined): v is string => !!v && IsoDate.safeParse(v).success;

/** A link's properties in the interval's own FtM terms: since/until as start and end dates, and whatever kept property the schema has. */
function intervalProperties(schema: string, props: LinkRow['props']): Record<string, string[]> {
  const s = FTM_MODEL.getSchema(schema);
  const out: Record<string, string[]> = {};
  if (props.since) out.startDate = [props.since];
  if (props.until) out.endDate = [props.until];
  for (const [k, v] of Object.entries(props.extra ?? {}))
    if (k !== 'ftmSchema' && k !== 'ftmId' && s.hasProperty(k)) out[k] = [...(out[k] ?? []), ...v];
  return out;
}

/**
 * A foreign FtM entity as a Ringlens row: the fields Ringlens has are filled, every other
 * property goes into `extra`. Undefined when the schema has no Ringlens type (kept as `thing`).
 */
function mapForeign(o: FtmObject, first: (k: string) => string | undefined): EntityRow | undefined {
  const take = (used: string[]) => {
    const rest = Object.fromEntries(
      Object.entries(o.properties).filter(([k]) => !used.includes(k)),
    );
    return Object.keys(rest).length ? { extra: rest } : {};
  };
  const name = first('name');
  switch (o.schema) {
    case 'Person':
      return name ? { id: o.id, type: 'person', props: { name, ...take(['name']) } } : undefined;
    case 'Company':
    case 'Organization':
    case 'LegalEntity':
      return name
        ? {
            id: o.id,
            type: 'company',
            props: {
              name,
              ...(first('registrationNumber') && {
                registrationNumber: first('registrationNumber')!,
              }),
              ...(first('jurisdiction') && { jurisdiction: first('jurisdiction')! }),
              ...take(['name', 'registrationNumber', 'jurisdiction']),
            },
          }
        : undefined;
    case 'BankAccount': {
      const acct = first('accountNumber') ?? first('iban');
      return acct
        ? {
            id: o.id,
            type: 'bank_account',
            props: {
              accountNumber: acct,
              ...(first('bankName') && { bank: first('bankName')! }),
              ...take(['accountNumber', 'iban', 'bankName']),
            },
          }
        : undefined;
    }
    case 'UserAccount':
      return {
        id: o.id,
        type: 'seller',
        props: {
          ...(name && { name }),
          ...(first('username') && { alias: first('username')! }),
          ...take(['name', 'username']),
        },
      };
    case 'Address': {
      const full = first('full');
      if (!full && !first('city')) return undefined;
      const country = first('country');
      return {
        id: o.id,
        type: 'warehouse',
        props: {
          address: {
            ...(full && { line: full }),
            ...(first('city') && { city: first('city')! }),
            ...(first('region') && { province: first('region')! }),
            ...(country && /^[a-z]{2}$/i.test(country) && { country: country.toUpperCase() }),
          },
          ...take(['full', 'city', 'region', 'country']),
        },
      };
    }
    default:
      return undefined;
  }
}

export interface FtmConversion {
  readonly entities: EntityRow[];
  readonly links: LinkRow[];
  /** Schemata kept as generic `thing` entities, with counts: reported to the user. */
  readonly unmapped: Record<string, number>;
}

/** Reads an FtM stream into lead-bundle rows (validation and import happen as for any bundle). */
export async function convertFtm(file: string): Promise<FtmConversion> {
  const entities: EntityRow[] = [];
  const links: LinkRow[] = [];
  const unmapped: Record<string, number> = {};
  const pending: { line: number; o: FtmObject }[] = [];
  // Keys of identifier entities may hold spaces (addresses); row ids may not: such rows use
  // their FtM id, and the importer rebuilds the same key from the identity.
  const rowId = (key: string) => (/\s/.test(key) ? ftmId(key) : key);
  for await (const raw of readJsonLines(createReadStream(file), file, new StreamTap())) {
    const o = raw.value as FtmObject;
    if (
      !o ||
      typeof o !== 'object' ||
      typeof o.id !== 'string' ||
      typeof o.schema !== 'string' ||
      typeof o.properties !== 'object'
    ) {
      throw new RinglensError(
        'ROW_INVALID',
        'is not a FollowTheMoney entity (needs id, schema and properties)',
        { file, line: raw.line },
      );
    }
    // Things carry the mark in `notes`; links (FtM intervals, which have no notes) in `description`.
    const mark = [...(o.properties.notes ?? []), ...(o.properties.description ?? [])].find(
      (n) => typeof n === 'string' && n.startsWith(MARK),
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
        if (r.type === 'evidences')
          links.push({
            type: 'related',
            from: rowId(r.from),
            to: rowId(r.to),
            label: 'evidences',
            props: r.props,
          });
        else
          links.push({
            type: r.type as LinkRow['type'],
            from: rowId(r.from),
            to: rowId(r.to),
            ...(r.label ? { label: r.label } : {}),
            props: r.props,
          });
      } else if (r.type === 'evidence') {
        // Without its bytes an evidence entity cannot be an exhibit; it is kept, whole, as a Document.
        entities.push({
          id: rowId(r.key!),
          type: 'thing',
          props: {
            schema: 'Document',
            name: formatValue(r.props.name ?? r.props.file ?? r.key),
            properties: Object.fromEntries(
              Object.entries(r.props).map(([k, v]) => [k, [formatValue(v)]]),
            ),
          },
        });
      } else
        entities.push({
          id: rowId(r.key!),
          type: r.type as EntityType,
          props: r.props,
        } as EntityRow);
      continue;
    }
    pending.push({ line: raw.line, o });
  }
  // Objects from other tools: entities first, then interval schemata as links between them.
  const known = new Set(entities.map((e) => e.id));
  for (const { o } of pending) {
    if (EDGES.has(o.schema)) continue;
    const first = (k: string) => o.properties[k]?.[0];
    const row = mapForeign(o, first);
    if (row) {
      entities.push(row);
    } else {
      unmapped[o.schema] = (unmapped[o.schema] ?? 0) + 1;
      entities.push({
        id: o.id,
        type: 'thing',
        props: {
          schema: o.schema,
          properties: o.properties,
          ...(first('name') && { name: first('name')! }),
        },
      });
    }
    known.add(o.id);
  }
  const typeOf = new Map(entities.map((e) => [e.id, e.type]));
  const seenLinks = new Set(links.map((l) => `${l.type}|${l.from}|${l.to}|${l.label ?? ''}`));
  for (const { line, o } of pending) {
    const edge = EDGES.get(o.schema);
    if (!edge) continue;
    const from = o.properties[edge.source]?.[0];
    const to = o.properties[edge.target]?.[0];
    if (!from || !to)
      throw new RinglensError(
        'ROW_INVALID',
        `a ${o.schema} needs ${edge.source} and ${edge.target}`,
        { file, line },
      );
    const type = EDGE_TYPES[o.schema];
    const typed =
      type !== undefined &&
      linkAllows(type, typeOf.get(from) ?? 'thing', typeOf.get(to) ?? 'thing');
    const start = o.properties.startDate?.[0] ?? o.properties.date?.[0];
    const end = o.properties.endDate?.[0];
    // Everything but the two ends goes with the link: dates that fit become since/until, the rest (amounts, roles, shares…) stays as it was.
    const used = new Set([
      edge.source,
      edge.target,
      ...(isDay(start) ? [o.properties.startDate?.[0] ? 'startDate' : 'date'] : []),
      ...(isDay(end) ? ['endDate'] : []),
    ]);
    const extra = Object.fromEntries(
      Object.entries(o.properties)
        .filter(([k]) => !used.has(k))
        .map(([k, v]) => [k, v.map(String)]),
    );
    // Two intervals between the same ends (two payments) stay two links: the second gets its FtM id in its label.
    const caption = typed
      ? ''
      : (o.properties.role?.[0] ?? o.properties.relationship?.[0] ?? edge.label).slice(0, 160);
    const linkType = typed ? type : 'related';
    const key = `${linkType}|${from}|${to}|${caption}`;
    const label = seenLinks.has(key) ? `${caption} (${o.id})`.trim().slice(0, 200) : caption;
    seenLinks.add(key);
    links.push({
      type: linkType,
      from,
      to,
      ...(label ? { label } : {}),
      props: {
        ...(isDay(start) && { since: start }),
        ...(isDay(end) && { until: end }),
        extra: { ...extra, ftmSchema: [o.schema], ftmId: [o.id] },
      },
    });
  }
  return { entities, links, unmapped };
}

export interface FtmImportResult {
  readonly bundle: import('../../../shared/bundle/import-report').ImportResult;
  readonly unmapped: Record<string, number>;
}

/** Imports an FtM stream as a lead bundle named after the stream's hash (see import-rows). */
export async function importFtm(
  store: import('../store/open').CaseStore,
  file: string,
  options: import('../bundle/import').ImportOptions,
): Promise<FtmImportResult> {
  const { importConvertedRows } = await import('./import-rows');
  const { sha256File } = await import('../bundle/import');
  const sha = await sha256File(file);
  const conv = await convertFtm(file);
  const name = file.split(/[\\/]/).pop()!;
  const kept = Object.entries(conv.unmapped)
    .map(([k, n]) => `${k} x${n}`)
    .join(', ');
  const bundle = await importConvertedRows(
    store,
    {
      bundleId: `ftm-${sha.slice(0, 24)}`,
      issuer: 'FollowTheMoney stream',
      source: name,
      description: `FollowTheMoney stream ${name} (sha256 ${sha})${kept ? `; kept as generic entities: ${kept}` : ''}`,
      entities: conv.entities,
      links: conv.links,
    },
    options,
  );
  return { bundle, unmapped: conv.unmapped };
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
