/**
 * The CSV mapping wizard's editor: which columns make which entities (an id template over
 * columns, properties from columns) and which entities each row links. The choices come
 * from the shared domain schemas, so only real entity types, properties and links that
 * the types allow are offered.
 */
import type { CsvMapping } from '../../shared/interop/csv-mapping';
import {
  ENTITY_INFO,
  ENTITY_PROPS,
  ENTITY_TYPES,
  type EntityType,
} from '../../shared/domain/entity-types';
import { LINK_TYPES, linkAllows, type LinkType } from '../../shared/domain/link-types';

export type MappingDraft = {
  name: string;
  defaultRegion?: string;
  entities: {
    type: EntityType;
    id: string;
    props: Record<string, string | { column: string; as?: string }>;
  }[];
  links: { type: LinkType; from: number; to: number; label?: string }[];
};

const propsOf = (type: EntityType): string[] =>
  Object.keys((ENTITY_PROPS[type] as unknown as { shape: Record<string, unknown> }).shape).filter(
    (p) => p !== 'extra',
  );
const columnOf = (src: string | { column: string }) => (typeof src === 'string' ? src : src.column);

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
              value={ent.type}
              onChange={(e) =>
                setEntity(i, { type: e.target.value as EntityType, id: ent.id, props: {} })
              }
            >
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
              placeholder={`${ent.type}:{Column}`}
            />
          </label>
          {columnSelect(
            '',
            (c) => setEntity(i, { ...ent, id: c ? `${ent.type}:{${c}}` : ent.id }),
            `mapping-entity-${i}-id-column`,
            `Entity ${i + 1}: column that gives its id`,
          )}
          <table className="compact">
            <tbody>
              {Object.entries(ent.props).map(([prop, src]) => (
                <tr key={prop}>
                  <td>{prop}</td>
                  <td>
                    {columnSelect(
                      columnOf(src),
                      (c) => setEntity(i, { ...ent, props: { ...ent.props, [prop]: c } }),
                      `mapping-entity-${i}-prop-${prop}`,
                      `Entity ${i + 1}: column for ${prop}`,
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
                    from: l.from > i ? l.from - 1 : l.from,
                    to: l.to > i ? l.to - 1 : l.to,
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
        const from = draft.entities[l.from];
        const to = draft.entities[l.to];
        const allowed =
          from && to ? LINK_TYPES.filter((t) => linkAllows(t, from.type, to.type)) : LINK_TYPES;
        return (
          <div className="row" key={i} data-testid={`mapping-link-${i}`}>
            <select
              aria-label={`Link ${i + 1}: from`}
              value={l.from}
              onChange={(e) => setLink(i, { ...l, from: Number(e.target.value) })}
            >
              {draft.entities.map((e, k) => (
                <option key={k} value={k}>
                  {k + 1}: {e.type}
                </option>
              ))}
            </select>
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
            <select
              aria-label={`Link ${i + 1}: to`}
              value={l.to}
              onChange={(e) => setLink(i, { ...l, to: Number(e.target.value) })}
            >
              {draft.entities.map((e, k) => (
                <option key={k} value={k}>
                  {k + 1}: {e.type}
                </option>
              ))}
            </select>
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
                type: LINK_TYPES.find((t) => linkAllows(t, a.type, b.type)) ?? LINK_TYPES[0]!,
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

/** The draft as a mapping the contract accepts (empty property columns dropped). */
export function draftToMapping(d: MappingDraft): CsvMapping {
  return {
    name: d.name,
    defaultRegion: d.defaultRegion ?? 'CN',
    entities: d.entities.map((e) => ({
      type: e.type,
      id: e.id,
      props: Object.fromEntries(
        Object.entries(e.props).filter(([, src]) => columnOf(src) !== ''),
      ) as CsvMapping['entities'][number]['props'],
    })),
    links: d.links,
  };
}
