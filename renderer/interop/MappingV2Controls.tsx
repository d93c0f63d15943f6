/**
 * Form controls for the parts of a CSV mapping (version 2) beyond "this column is that
 * property": how the file is read, row filters, a type read from a column through a value
 * map, property sources (column, date, number, list, constant, template, address), link
 * ends by id (an edge file), link labels and properties, the repeated-id policy. Each
 * control writes exactly the mapping JSON the CLI takes (shared/interop/csv-mapping.ts).
 */
import { useId } from 'react';
import type {
  CsvMapping,
  LinkEnd,
  PropSource,
  RowFilter,
  ScalarSource,
  TypeSource,
} from '../../shared/interop/csv-mapping';
import { ENTITY_INFO, ENTITY_TYPES, type EntityType } from '../../shared/domain/entity-types';

type Csv = CsvMapping['csv'];

export function ColumnSelect({
  columns,
  value,
  onChange,
  label,
  testid,
}: {
  columns: readonly string[];
  value: string;
  onChange: (c: string) => void;
  label: string;
  testid: string;
}) {
  return (
    <select
      data-testid={testid}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
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
}

/** Delimiter, quote, encoding, date formats, default region and the repeated-id policy. */
export function FileSettings({
  csv,
  dateFormats,
  repeatedIds,
  defaultRegion,
  onChange,
}: {
  csv: Csv | undefined;
  dateFormats: readonly string[] | undefined;
  repeatedIds: CsvMapping['repeatedIds'] | undefined;
  defaultRegion: string | undefined;
  onChange: (
    p: Partial<Pick<CsvMapping, 'csv' | 'dateFormats' | 'repeatedIds' | 'defaultRegion'>>,
  ) => void;
}) {
  const c = csv ?? {};
  const setCsv = (patch: Partial<Csv>) => {
    const next: Record<string, string> = { ...c, ...patch };
    for (const k of Object.keys(next)) if (!next[k]) delete next[k];
    onChange({ csv: next });
  };
  return (
    <fieldset data-testid="mapping-file-settings">
      <legend>Reading the file</legend>
      <label>
        Delimiter
        <select
          data-testid="mapping-delimiter"
          value={c.delimiter ?? ''}
          onChange={(e) => setCsv({ delimiter: (e.target.value || undefined) as Csv['delimiter'] })}
        >
          <option value="">detect</option>
          <option value=",">comma ,</option>
          <option value=";">semicolon ;</option>
          <option value={'\t'}>tab</option>
          <option value="|">pipe |</option>
        </select>
      </label>
      <label>
        Quote
        <input
          data-testid="mapping-quote"
          size={2}
          maxLength={1}
          value={c.quote ?? ''}
          placeholder={'"'}
          onChange={(e) => setCsv({ quote: e.target.value || undefined })}
        />
      </label>
      <label>
        Encoding
        <select
          data-testid="mapping-encoding"
          value={c.encoding ?? ''}
          onChange={(e) => setCsv({ encoding: (e.target.value || undefined) as Csv['encoding'] })}
        >
          <option value="">detect</option>
          <option value="utf-8">UTF-8</option>
          <option value="gb18030">GB18030 (Chinese exports)</option>
        </select>
      </label>
      <label>
        Date formats
        <input
          data-testid="mapping-date-formats"
          value={(dateFormats ?? []).join(', ')}
          placeholder="DD-MMM-YYYY, YYYY.MM.DD HH:mm"
          aria-describedby="mapping-date-formats-help"
          onChange={(e) =>
            onChange({
              dateFormats: e.target.value
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s.length > 0),
            })
          }
        />
      </label>
      <small id="mapping-date-formats-help" className="muted">
        tried in order for date columns without their own format; YYYY MM MMM DD HH mm ss
      </small>
      <label>
        Default phone region
        <input
          data-testid="mapping-region"
          size={3}
          maxLength={2}
          value={defaultRegion ?? 'CN'}
          onChange={(e) => onChange({ defaultRegion: e.target.value.toUpperCase() })}
        />
      </label>
      <label>
        The same id on several rows
        <select
          data-testid="mapping-repeated-ids"
          value={repeatedIds ?? 'merge'}
          onChange={(e) => onChange({ repeatedIds: e.target.value as CsvMapping['repeatedIds'] })}
        >
          <option value="merge">merge, and report each conflicting value</option>
          <option value="refuse">refuse the file</option>
        </select>
      </label>
    </fieldset>
  );
}

const OPS: readonly RowFilter['op'][] = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'empty',
  'not empty',
  'in',
  'not in',
];

/** Rows are imported only where every filter holds. */
export function RowFilters({
  columns,
  filters,
  onChange,
}: {
  columns: readonly string[];
  filters: readonly RowFilter[];
  onChange: (f: RowFilter[]) => void;
}) {
  const set = (i: number, f: RowFilter) => onChange(filters.map((x, k) => (k === i ? f : x)));
  const valueText = (f: RowFilter) =>
    Array.isArray(f.value) ? f.value.join('; ') : f.value === undefined ? '' : String(f.value);
  const parseValue = (op: RowFilter['op'], text: string): RowFilter['value'] => {
    if (op === 'empty' || op === 'not empty') return undefined;
    if (op === 'in' || op === 'not in')
      return text
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    if (['<', '<=', '>', '>='].includes(op) && text.trim() !== '' && !isNaN(Number(text)))
      return Number(text);
    return text;
  };
  return (
    <fieldset data-testid="mapping-filters">
      <legend>Rows to import</legend>
      {filters.length === 0 && <p className="muted">every row</p>}
      {filters.map((f, i) => (
        <div className="row" key={i} data-testid={`mapping-filter-${i}`}>
          <ColumnSelect
            columns={columns}
            value={f.column}
            onChange={(column) => set(i, { ...f, column })}
            label={`Filter ${i + 1}: column`}
            testid={`mapping-filter-${i}-column`}
          />
          <select
            aria-label={`Filter ${i + 1}: condition`}
            data-testid={`mapping-filter-${i}-op`}
            value={f.op}
            onChange={(e) => {
              const op = e.target.value as RowFilter['op'];
              const value = parseValue(op, valueText(f));
              set(i, { column: f.column, op, ...(value !== undefined && { value }) });
            }}
          >
            {OPS.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          {f.op !== 'empty' && f.op !== 'not empty' && (
            <input
              aria-label={`Filter ${i + 1}: value${f.op.endsWith('in') ? 's, separated by ;' : ''}`}
              data-testid={`mapping-filter-${i}-value`}
              value={valueText(f)}
              onChange={(e) => {
                const value = parseValue(f.op, e.target.value);
                set(i, { column: f.column, op: f.op, ...(value !== undefined && { value }) });
              }}
            />
          )}
          <button onClick={() => onChange(filters.filter((_x, k) => k !== i))}>
            remove filter
          </button>
        </div>
      ))}
      <button
        data-testid="mapping-add-filter"
        onClick={() => onChange([...filters, { column: columns[0] ?? '', op: '!=', value: '' }])}
      >
        + filter
      </button>
    </fieldset>
  );
}

/** A fixed type, or one read from a column through a value map (`Officer → person`). */
export function TypeControl({
  columns,
  type,
  sample,
  onChange,
  testid,
  label,
}: {
  columns: readonly string[];
  type: TypeSource;
  /** The column's values in the rows read so far, offered for the value map. */
  sample: (column: string) => readonly string[];
  onChange: (t: TypeSource) => void;
  testid: string;
  label: string;
}) {
  const name = useId();
  const fromColumn = typeof type === 'object';
  const typeSelect = (
    value: EntityType | '',
    set: (t: EntityType) => void,
    l: string,
    id: string,
  ) => (
    <select
      aria-label={l}
      data-testid={id}
      value={value}
      onChange={(e) => e.target.value && set(e.target.value as EntityType)}
    >
      {value === '' && <option value="">– type –</option>}
      {ENTITY_TYPES.map((t) => (
        <option key={t} value={t}>
          {ENTITY_INFO[t].label}
        </option>
      ))}
    </select>
  );
  return (
    <div className="type-control" role="group" aria-label={label}>
      <label>
        <input
          type="radio"
          name={name}
          data-testid={`${testid}-fixed`}
          checked={!fromColumn}
          onChange={() => onChange(typeof type === 'object' ? (type.default ?? 'seller') : type)}
        />{' '}
        one type
      </label>
      <label>
        <input
          type="radio"
          name={name}
          data-testid={`${testid}-from-column`}
          checked={fromColumn}
          onChange={() => onChange({ column: '', map: typeof type === 'string' ? {} : type.map })}
        />{' '}
        type from a column
      </label>
      {!fromColumn && typeSelect(type, onChange, `${label}: type`, testid)}
      {fromColumn && (
        <div className="value-map">
          <ColumnSelect
            columns={columns}
            value={type.column}
            onChange={(column) => {
              // Values seen in the file so far start the map; the user picks their types.
              const map = { ...type.map };
              for (const v of sample(column)) if (v && !(v in map)) map[v] = 'thing';
              onChange({ ...type, column, map });
            }}
            label={`${label}: column that gives the type`}
            testid={`${testid}-column`}
          />
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">value</th>
                <th scope="col">type</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {Object.entries(type.map).map(([value, t], k) => (
                <tr key={value} data-testid={`${testid}-map-${k}`}>
                  <td>
                    <code>{value}</code>
                  </td>
                  <td>
                    {typeSelect(
                      t,
                      (nt) => onChange({ ...type, map: { ...type.map, [value]: nt } }),
                      `${label}: type for the value ${value}`,
                      `${testid}-map-${k}-type`,
                    )}
                  </td>
                  <td>
                    <button
                      aria-label={`${label}: remove the value ${value}`}
                      onClick={() =>
                        onChange({
                          ...type,
                          map: Object.fromEntries(
                            Object.entries(type.map).filter(([v]) => v !== value),
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
          <label>
            Add a value
            <input
              data-testid={`${testid}-add-value`}
              placeholder="value, then Enter"
              onKeyDown={(e) => {
                const v = e.currentTarget.value.trim();
                if (e.key === 'Enter' && v) {
                  onChange({ ...type, map: { ...type.map, [v]: type.map[v] ?? 'thing' } });
                  e.currentTarget.value = '';
                }
              }}
            />
          </label>
          <label>
            Other values
            <select
              data-testid={`${testid}-default`}
              value={type.default ?? ''}
              onChange={(e) => {
                const { default: _old, ...rest } = type;
                onChange(
                  e.target.value ? { ...rest, default: e.target.value as EntityType } : rest,
                );
              }}
            >
              <option value="">are an error</option>
              {ENTITY_TYPES.map((t) => (
                <option key={t} value={t}>
                  become {ENTITY_INFO[t].label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </div>
  );
}

type Kind = 'column' | 'number' | 'date' | 'list' | 'boolean' | 'constant' | 'template' | 'address';
const KINDS: readonly [Kind, string][] = [
  ['column', 'column'],
  ['date', 'date column'],
  ['number', 'number column'],
  ['list', 'list column'],
  ['boolean', 'yes/no column'],
  ['constant', 'constant'],
  ['template', 'template'],
  ['address', 'address columns'],
];
const ADDRESS_PARTS = ['line', 'city', 'province', 'postcode', 'country'] as const;

function kindOf(src: PropSource): Kind {
  if (typeof src === 'string') return 'column';
  if ('value' in src) return 'constant';
  if ('template' in src) return 'template';
  if ('address' in src) return 'address';
  if (src.as === 'date' || src.as === 'number' || src.as === 'list' || src.as === 'boolean')
    return src.as;
  return 'column';
}

const columnName = (src: ScalarSource | undefined): string =>
  src === undefined ? '' : typeof src === 'string' ? src : 'column' in src ? src.column : '';

/** Where one property's value comes from. `scalarOnly` leaves out addresses (link properties). */
export function SourceControl({
  columns,
  src,
  onChange,
  label,
  testid,
  scalarOnly = false,
}: {
  columns: readonly string[];
  src: PropSource;
  onChange: (s: PropSource) => void;
  label: string;
  testid: string;
  scalarOnly?: boolean;
}) {
  const kind = kindOf(src);
  const column = typeof src === 'string' ? src : 'column' in src ? src.column : '';
  const switchTo = (k: Kind) => {
    if (k === 'column') onChange(column);
    else if (k === 'constant') onChange({ value: '' });
    else if (k === 'template') onChange({ template: column ? `{${column}}` : '' });
    else if (k === 'address') onChange({ address: { line: column } });
    else onChange({ column, as: k });
  };
  return (
    <span className="source-control" role="group" aria-label={label}>
      <select
        aria-label={`${label}: from`}
        data-testid={`${testid}-kind`}
        value={kind}
        onChange={(e) => switchTo(e.target.value as Kind)}
      >
        {KINDS.filter(([k]) => !scalarOnly || k !== 'address').map(([k, l]) => (
          <option key={k} value={k}>
            {l}
          </option>
        ))}
      </select>
      {(kind === 'column' ||
        kind === 'number' ||
        kind === 'date' ||
        kind === 'list' ||
        kind === 'boolean') && (
        <ColumnSelect
          columns={columns}
          value={column}
          onChange={(c) =>
            kind === 'column' ? onChange(c) : onChange({ ...(src as object), column: c, as: kind })
          }
          label={`${label}: column`}
          testid={testid}
        />
      )}
      {kind === 'date' && typeof src === 'object' && 'column' in src && (
        <input
          aria-label={`${label}: date format (empty: the mapping's formats)`}
          data-testid={`${testid}-format`}
          placeholder="format, e.g. DD-MMM-YYYY"
          value={src.format ?? ''}
          onChange={(e) => {
            const { format: _f, ...rest } = src;
            onChange(e.target.value ? { ...rest, format: e.target.value } : rest);
          }}
        />
      )}
      {kind === 'list' && typeof src === 'object' && 'column' in src && (
        <input
          aria-label={`${label}: separator`}
          data-testid={`${testid}-separator`}
          size={3}
          placeholder=";"
          value={src.separator ?? ''}
          onChange={(e) => {
            const { separator: _s, ...rest } = src;
            onChange(e.target.value ? { ...rest, separator: e.target.value } : rest);
          }}
        />
      )}
      {kind === 'constant' && typeof src === 'object' && 'value' in src && (
        <input
          aria-label={`${label}: constant value`}
          data-testid={`${testid}-value`}
          value={String(src.value)}
          onChange={(e) => onChange({ value: e.target.value })}
        />
      )}
      {kind === 'template' && typeof src === 'object' && 'template' in src && (
        <input
          aria-label={`${label}: template, columns in braces`}
          data-testid={`${testid}-template`}
          placeholder="{first} {last}"
          value={src.template}
          onChange={(e) => onChange({ template: e.target.value })}
        />
      )}
      {kind === 'address' && typeof src === 'object' && 'address' in src && (
        <span className="address-parts">
          {ADDRESS_PARTS.map((part) => (
            <label key={part}>
              {part}
              <ColumnSelect
                columns={columns}
                value={columnName(src.address[part])}
                onChange={(c) => {
                  const address: Record<string, ScalarSource> = { ...src.address };
                  if (c) address[part] = c;
                  else delete address[part];
                  onChange({ address });
                }}
                label={`${label}: address ${part} column`}
                testid={`${testid}-address-${part}`}
              />
            </label>
          ))}
        </span>
      )}
    </span>
  );
}

/** A link end: an entity of the same row, or any entity by an id template (an edge file). */
export function LinkEndControl({
  end,
  entityNames,
  onChange,
  label,
  testid,
}: {
  end: LinkEnd;
  entityNames: readonly string[];
  onChange: (e: LinkEnd) => void;
  label: string;
  testid: string;
}) {
  const byId = typeof end === 'object';
  return (
    <span className="link-end" role="group" aria-label={label}>
      <select
        aria-label={`${label}: which entity`}
        data-testid={`${testid}-kind`}
        value={byId ? 'id' : 'row'}
        onChange={(e) => onChange(e.target.value === 'id' ? { id: '' } : 0)}
      >
        <option value="row" disabled={entityNames.length === 0}>
          an entity of this row
        </option>
        <option value="id">any entity, by id</option>
      </select>
      {byId ? (
        <input
          aria-label={`${label}: id template`}
          data-testid={`${testid}-id`}
          placeholder="icij:{source}"
          value={end.id}
          onChange={(e) => onChange({ id: e.target.value })}
        />
      ) : (
        <select
          aria-label={`${label}: entity of this row`}
          data-testid={testid}
          value={end}
          onChange={(e) => onChange(Number(e.target.value))}
        >
          {entityNames.map((n, k) => (
            <option key={k} value={k}>
              {k + 1}: {n}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}

export const LINK_PROP_NAMES = ['since', 'until', 'confidence', 'note'] as const;
