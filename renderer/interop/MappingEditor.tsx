/**
 * The CSV mapping wizard's editor: which columns make which entities (an id template over
 * columns, properties from columns) and which entities each row links. The choices come
 * from the shared domain schemas, so only real entity types, properties and links that
 * the types allow are offered.
 */
import type { CsvMapping, LinkEnd, PropSource, TypeSource } from '../../shared/interop/csv-mapping';
import {
  ENTITY_INFO,
  ENTITY_PROPS,
  ENTITY_TYPES,
  type EntityType,
} from '../../shared/domain/entity-types';
import { LINK_TYPES, linkAllows, type LinkType } from '../../shared/domain/link-types';

/**
 * A mapping being edited: any mapping (one loaded, or typed as JSON) with the defaults still
 * optional. The form edits the simple parts (fixed types, columns, links within a row); parts
 * it has no control for (a type read from a column, a link end by id, constants, dates) are
 * shown as they are and kept.
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
/** The column a property reads, or '' for a constant, a template or an address. */
const columnOf = (src: PropSource): string =>
  typeof src === 'string' ? src : 'column' in src ? src.column : '';
const describeSource = (src: PropSource): string =>
  typeof src === 'string' || 'column' in src ? '' : JSON.stringify(src);
const typeName = (t: TypeSource): string =>
  typeof t === 'string' ? t : `type from column ${t.column}`;
const fixedType = (t: TypeSource | undefined): EntityType | undefined =>
  typeof t === 'string' ? t : undefined;

export function MappingEditor({
  columns,
  draft,
  onChange,
}: {
  columns: readonly string[];
  draft: MappingDraft;
  onChange: (d: MappingDraft) => void;
}) {
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
    <select
      data-testid={testid}
      aria-label={label}
      value={value}
      onChange={(e) => set(e.target.value)}
    >
      <option value="">– column –</option>
      {columns.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
      {value && !columns.includes(value) && (
        <option value={value}>{value} (not in this file)</option>
      )}
    </select>
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
      {draft.entities.map((ent, i) => (
        <fieldset key={i} data-testid={`mapping-entity-${i}`}>
          <legend>Entity {i + 1}</legend>
          <label>
            Type
            <select
              data-testid={`mapping-entity-${i}-type`}
              value={typeof ent.type === 'string' ? ent.type : ''}
              onChange={(e) =>
                e.target.value &&
                setEntity(i, { type: e.target.value as EntityType, id: ent.id, props: {} })
              }
            >
              {typeof ent.type === 'object' && (
                <option value="">
                  from column {ent.type.column} (
                  {Object.entries(ent.type.map)
                    .map(([k, v]) => `${k} → ${v}`)
                    .join(', ')}
                  )
                </option>
              )}
              {ENTITY_TYPES.map((t) => (
                <option key={t} value={t}>
                  {ENTITY_INFO[t].label}
                </option>
              ))}
            </select>
          </label>
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
                    {describeSource(src) ? (
                      <code>{describeSource(src)}</code>
                    ) : (
                      columnSelect(
                        columnOf(src),
                        (c) => setEntity(i, { ...ent, props: { ...ent.props, [prop]: c } }),
                        `mapping-entity-${i}-prop-${prop}`,
                        `Entity ${i + 1}: column for ${prop}`,
                      )
                    )}
                  </td>
                  <td>
                    <button
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
        const endSelect = (end: LinkEnd, set: (k: number) => void, label: string) =>
          typeof end === 'number' ? (
            <select aria-label={label} value={end} onChange={(e) => set(Number(e.target.value))}>
              {draft.entities.map((e, k) => (
                <option key={k} value={k}>
                  {k + 1}: {typeName(e.type)}
                </option>
              ))}
            </select>
          ) : (
            <code>id {end.id}</code>
          );
        return (
          <div className="row" key={i} data-testid={`mapping-link-${i}`}>
            {endSelect(l.from, (k) => setLink(i, { ...l, from: k }), `Link ${i + 1}: from`)}
            <select
              aria-label={`Link ${i + 1}: type`}
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
            {endSelect(l.to, (k) => setLink(i, { ...l, to: k }), `Link ${i + 1}: to`)}
            <button
              onClick={() => onChange({ ...draft, links: draft.links.filter((_x, k) => k !== i) })}
            >
              remove
            </button>
          </div>
        );
      })}
      <button
        data-testid="mapping-add-link"
        disabled={draft.entities.length < 2}
        onClick={() => {
          const a = draft.entities[0]!;
          const b = draft.entities[1]!;
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
