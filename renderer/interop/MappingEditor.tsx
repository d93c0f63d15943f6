/**
 * The CSV mapping wizard's editor: which columns make which entities (an id template over
 * columns, properties from columns) and which entities each row links. The choices come
 * from the shared domain schemas, so only real entity types, properties and links that
 * the types allow are offered.
 */
import type { CsvMapping, LinkEnd, PropSource, TypeSource } from '../../shared/interop/csv-mapping';
import { ENTITY_PROPS, type EntityType } from '../../shared/domain/entity-types';
import { LINK_TYPES, linkAllows, type LinkType } from '../../shared/domain/link-types';
import {
  ColumnSelect,
  FileSettings,
  LINK_PROP_NAMES,
  LinkEndControl,
  RowFilters,
  SourceControl,
  TypeControl,
} from './MappingV2Controls';

/**
 * A mapping being edited: any mapping (one loaded, or typed as JSON) with the defaults still
 * optional. Every part of a version 2 mapping has a control (MappingV2Controls.tsx).
 */
export type MappingDraft = Omit<
  CsvMapping,
  'csv' | 'dateFormats' | 'filters' | 'repeatedIds' | 'defaultRegion' | 'entities' | 'links'
> &
  Partial<Pick<CsvMapping, 'csv' | 'dateFormats' | 'filters' | 'repeatedIds' | 'defaultRegion'>> & {
    entities: { type: TypeSource; id: string; props: Record<string, PropSource> }[];
    links: {
      type: LinkType;
      from: LinkEnd;
      to: LinkEnd;
      label?: string;
      props?: CsvMapping['links'][number]['props'];
    }[];
  };

const propsOf = (type: TypeSource): string[] => {
  const types = typeof type === 'string' ? [type] : [...new Set(Object.values(type.map))];
  return [
    ...new Set(
      types.flatMap((t) =>
        Object.keys((ENTITY_PROPS[t] as unknown as { shape: Record<string, unknown> }).shape),
      ),
    ),
  ].filter((p) => p !== 'extra');
};
const typeName = (t: TypeSource): string =>
  typeof t === 'string' ? t : `type from column ${t.column}`;
const fixedType = (t: TypeSource | undefined): EntityType | undefined =>
  typeof t === 'string' ? t : undefined;

export function MappingEditor({
  columns,
  rows = [],
  draft,
  onChange,
}: {
  columns: readonly string[];
  /** The first rows of the file (for the values a type column holds). */
  rows?: readonly (readonly string[])[];
  draft: MappingDraft;
  onChange: (d: MappingDraft) => void;
}) {
  const sample = (column: string) => {
    const k = columns.indexOf(column);
    return k < 0 ? [] : [...new Set(rows.map((r) => r[k] ?? ''))].filter(Boolean).sort();
  };
  const setEntity = (i: number, e: MappingDraft['entities'][number]) =>
    onChange({ ...draft, entities: draft.entities.map((x, k) => (k === i ? e : x)) });
  const setLink = (i: number, l: MappingDraft['links'][number]) =>
    onChange({ ...draft, links: draft.links.map((x, k) => (k === i ? l : x)) });
  const columnSelect = (
    value: string,
    set: (c: string) => void,
    testid: string,
    label = 'CSV column',
  ) => (
    <ColumnSelect columns={columns} value={value} onChange={set} label={label} testid={testid} />
  );
  return (
    <div className="mapping-editor" data-testid="mapping-editor">
      <label>
        Mapping name
        <input
          data-testid="mapping-name"
          value={draft.name}
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
        />
      </label>
      <FileSettings
        csv={draft.csv}
        dateFormats={draft.dateFormats}
        repeatedIds={draft.repeatedIds}
        defaultRegion={draft.defaultRegion}
        onChange={(p) => onChange({ ...draft, ...p })}
      />
      <RowFilters
        columns={columns}
        filters={draft.filters ?? []}
        onChange={(filters) => onChange({ ...draft, filters })}
      />
      <h3>Entities made by each row</h3>
      {draft.entities.length === 0 && (
        <p className="muted" data-testid="mapping-no-entities">
          none: an edge file, whose links join entities by id
        </p>
      )}
      {draft.entities.map((ent, i) => (
        <fieldset key={i} data-testid={`mapping-entity-${i}`}>
          <legend>Entity {i + 1}</legend>
          <TypeControl
            columns={columns}
            type={ent.type}
            sample={sample}
            onChange={(type) => {
              // Properties the new type(s) do not have go; `extra.*` ones stay.
              const keep = new Set(propsOf(type));
              setEntity(i, {
                ...ent,
                type,
                props: Object.fromEntries(
                  Object.entries(ent.props).filter(([p]) => keep.has(p) || p.startsWith('extra.')),
                ),
              });
            }}
            testid={`mapping-entity-${i}-type`}
            label={`Entity ${i + 1}`}
          />
          <label>
            Id from
            <input
              data-testid={`mapping-entity-${i}-id`}
              value={ent.id}
              onChange={(e) => setEntity(i, { ...ent, id: e.target.value })}
              placeholder={`${fixedType(ent.type) ?? 'id'}:{Column}`}
            />
          </label>
          {columnSelect(
            '',
            (c) =>
              setEntity(i, { ...ent, id: c ? `${fixedType(ent.type) ?? 'id'}:{${c}}` : ent.id }),
            `mapping-entity-${i}-id-column`,
            `Entity ${i + 1}: column that gives its id`,
          )}
          <table className="compact">
            <tbody>
              {Object.entries(ent.props).map(([prop, src]) => (
                <tr key={prop}>
                  <td>{prop}</td>
                  <td>
                    <SourceControl
                      columns={columns}
                      src={src}
                      onChange={(s) => setEntity(i, { ...ent, props: { ...ent.props, [prop]: s } })}
                      label={`Entity ${i + 1}: ${prop}`}
                      testid={`mapping-entity-${i}-prop-${prop}`}
                    />
                  </td>
                  <td>
                    <button
                      aria-label={`Entity ${i + 1}: remove ${prop}`}
                      onClick={() =>
                        setEntity(i, {
                          ...ent,
                          props: Object.fromEntries(
                            Object.entries(ent.props).filter(([p]) => p !== prop),
                          ),
                        })
                      }
                    >
                      remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <select
            data-testid={`mapping-entity-${i}-add-prop`}
            aria-label={`Entity ${i + 1}: add a property`}
            value=""
            onChange={(e) =>
              e.target.value &&
              setEntity(i, {
                ...ent,
                props: {
                  ...ent.props,
                  [e.target.value]:
                    columns.find((c) => c.toLowerCase() === e.target.value.toLowerCase()) ?? '',
                },
              })
            }
          >
            <option value="">+ property</option>
            {propsOf(ent.type)
              .filter((p) => !(p in ent.props))
              .map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
          </select>
          <label>
            Other property (kept under extra)
            <input
              data-testid={`mapping-entity-${i}-add-extra`}
              placeholder="name, then Enter"
              onKeyDown={(e) => {
                const v = e.currentTarget.value.trim();
                if (e.key === 'Enter' && v) {
                  const key = v.startsWith('extra.') ? v : `extra.${v}`;
                  setEntity(i, { ...ent, props: { ...ent.props, [key]: ent.props[key] ?? '' } });
                  e.currentTarget.value = '';
                }
              }}
            />
          </label>
          <button
            onClick={() =>
              onChange({
                ...draft,
                entities: draft.entities.filter((_x, k) => k !== i),
                links: draft.links
                  .filter((l) => l.from !== i && l.to !== i)
                  .map((l) => ({
                    ...l,
                    from: typeof l.from === 'number' && l.from > i ? l.from - 1 : l.from,
                    to: typeof l.to === 'number' && l.to > i ? l.to - 1 : l.to,
                  })),
              })
            }
          >
            remove entity
          </button>
        </fieldset>
      ))}
      <button
        data-testid="mapping-add-entity"
        onClick={() =>
          onChange({
            ...draft,
            entities: [...draft.entities, { type: 'seller', id: '', props: {} }],
          })
        }
      >
        + entity
      </button>
      <h3>Links made by each row</h3>
      {draft.links.map((l, i) => {
        const endType = (e: LinkEnd) =>
          typeof e === 'number' ? fixedType(draft.entities[e]?.type) : undefined;
        const from = endType(l.from);
        const to = endType(l.to);
        const allowed = from && to ? LINK_TYPES.filter((t) => linkAllows(t, from, to)) : LINK_TYPES;
        const names = draft.entities.map((e) => typeName(e.type));
        const props = l.props ?? {};
        return (
          <fieldset key={i} data-testid={`mapping-link-${i}`}>
            <legend>Link {i + 1}</legend>
            <div className="row">
              <LinkEndControl
                end={l.from}
                entityNames={names}
                onChange={(from) => setLink(i, { ...l, from })}
                label={`Link ${i + 1}: from`}
                testid={`mapping-link-${i}-from`}
              />
              <select
                aria-label={`Link ${i + 1}: type`}
                data-testid={`mapping-link-${i}-type`}
                value={l.type}
                onChange={(e) => setLink(i, { ...l, type: e.target.value as LinkType })}
              >
                {[...new Set([l.type, ...allowed])].map((t) => (
                  <option key={t} value={t}>
                    {t}
                    {allowed.includes(t) ? '' : ' (not allowed between these types)'}
                  </option>
                ))}
              </select>
              <LinkEndControl
                end={l.to}
                entityNames={names}
                onChange={(to) => setLink(i, { ...l, to })}
                label={`Link ${i + 1}: to`}
                testid={`mapping-link-${i}-to`}
              />
              <label>
                Label
                <input
                  data-testid={`mapping-link-${i}-label`}
                  value={l.label ?? ''}
                  onChange={(e) => {
                    const { label: _old, ...rest } = l;
                    setLink(i, e.target.value ? { ...rest, label: e.target.value } : rest);
                  }}
                />
              </label>
            </div>
            <table className="compact">
              <tbody>
                {Object.entries(props).map(([prop, src]) => (
                  <tr key={prop}>
                    <td>{prop}</td>
                    <td>
                      <SourceControl
                        columns={columns}
                        src={src}
                        scalarOnly
                        onChange={(s) =>
                          setLink(i, { ...l, props: { ...props, [prop]: s as typeof src } })
                        }
                        label={`Link ${i + 1}: ${prop}`}
                        testid={`mapping-link-${i}-prop-${prop}`}
                      />
                    </td>
                    <td>
                      <button
                        aria-label={`Link ${i + 1}: remove ${prop}`}
                        onClick={() =>
                          setLink(i, {
                            ...l,
                            props: Object.fromEntries(
                              Object.entries(props).filter(([p]) => p !== prop),
                            ),
                          })
                        }
                      >
                        remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <select
              aria-label={`Link ${i + 1}: add a property`}
              data-testid={`mapping-link-${i}-add-prop`}
              value=""
              onChange={(e) =>
                e.target.value && setLink(i, { ...l, props: { ...props, [e.target.value]: '' } })
              }
            >
              <option value="">+ link property</option>
              {LINK_PROP_NAMES.filter((p) => !(p in props)).map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
            <label>
              Other link property (weight, amount…)
              <input
                data-testid={`mapping-link-${i}-add-extra`}
                placeholder="name, then Enter"
                onKeyDown={(e) => {
                  const v = e.currentTarget.value.trim();
                  if (e.key === 'Enter' && v) {
                    const key = v.startsWith('extra.') ? v : `extra.${v}`;
                    setLink(i, { ...l, props: { ...props, [key]: props[key] ?? '' } });
                    e.currentTarget.value = '';
                  }
                }}
              />
            </label>
            <button
              onClick={() => onChange({ ...draft, links: draft.links.filter((_x, k) => k !== i) })}
            >
              remove link
            </button>
          </fieldset>
        );
      })}
      <button
        data-testid="mapping-add-link"
        onClick={() => {
          const a = draft.entities[0];
          const b = draft.entities[1];
          if (!a || !b) {
            // An edge file: both ends by id, of entities imported before or in this file.
            onChange({
              ...draft,
              links: [...draft.links, { type: 'related', from: { id: '' }, to: { id: '' } }],
            });
            return;
          }
          onChange({
            ...draft,
            links: [
              ...draft.links,
              {
                type:
                  LINK_TYPES.find((t) => {
                    const fa = fixedType(a.type);
                    const fb = fixedType(b.type);
                    return fa && fb ? linkAllows(t, fa, fb) : t === 'related';
                  }) ?? LINK_TYPES[0]!,
                from: 0,
                to: 1,
              },
            ],
          });
        }}
      >
        + link
      </button>
    </div>
  );
}

/** The draft as a mapping the contract accepts (empty property columns dropped, defaults filled). */
export function draftToMapping(d: MappingDraft): CsvMapping {
  return {
    ...d,
    defaultRegion: d.defaultRegion ?? 'CN',
    csv: d.csv ?? {},
    dateFormats: d.dateFormats ?? [],
    filters: d.filters ?? [],
    repeatedIds: d.repeatedIds ?? 'merge',
    entities: d.entities.map((e) => ({
      type: e.type,
      id: e.id,
      props: Object.fromEntries(
        Object.entries(e.props).filter(
          ([, src]) =>
            src !== '' && (typeof src !== 'object' || !('column' in src) || src.column !== ''),
        ),
      ),
    })),
    links: d.links.map((l) => ({ ...l, props: l.props ?? {} })),
  };
}
