import { useEffect, useMemo, useRef, useState } from 'react';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ENTITY_INFO, ENTITY_TYPES, type EntityType } from '../../shared/domain/entity-types';
import type { Output } from '../../shared/api/contract';
import { useApi } from '../api/use-api';
import { formatValue } from '../../shared/format-value';
import { visibleControls } from '../../shared/visible-controls';

type Row = Output<'entities.list'>['rows'][number];

/** A property as a person reads it: lists joined, records as "field: value", no JSON. */
export const cell = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : Array.isArray(v)
      ? v.map(cell).join(', ')
      : typeof v === 'object'
        ? Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined && x !== null && x !== '')
            .map(([k, x]) => `${humanise(k)}: ${cell(x)}`)
            .join('; ')
        : typeof v === 'boolean'
          ? v
            ? 'yes'
            : 'no'
          : formatValue(v);

/** `marketplaceId` to "marketplace id", `payment_account` to "payment account". */
export const humanise = (k: string) =>
  k
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

export function Entities({ onOpen }: { onOpen: (id: number) => void }) {
  const [type, setType] = useState<EntityType>('shop');
  const { data, loading } = useApi('entities.list', { type }, [type]);
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<ColumnFiltersState>([]);
  const [global, setGlobal] = useState('');
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const [active, setActive] = useState(0);
  const columns = useMemo<ColumnDef<Row>[]>(() => {
    const keys = new Set<string>();
    for (const r of rows.slice(0, 200)) for (const k of Object.keys(r.props)) keys.add(k);
    // The name is the label already; the internal row id means nothing to a person.
    keys.delete('name');
    return [
      { id: 'label', header: 'Name', accessorFn: (r) => r.label, size: 220 },
      { id: 'key', header: 'Identifier', accessorFn: (r) => r.key, size: 180 },
      ...[...keys].sort().map((k): ColumnDef<Row> => ({
        id: `p.${k}`,
        header: humanise(k),
        accessorFn: (r) => cell(r.props[k]),
        size: 160,
      })),
    ];
  }, [rows]);
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, columnFilters: filters, globalFilter: global, columnVisibility: visibility },
    onSortingChange: setSorting,
    onColumnFiltersChange: setFilters,
    onGlobalFilterChange: setGlobal,
    onColumnVisibilityChange: setVisibility,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    globalFilterFn: 'includesString',
  });
  const model = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: model.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 28,
    overscan: 20,
  });
  useEffect(() => setActive(0), [type, global, filters]);
  const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 560) / 28) - 3);
  const STEPS: Record<string, (i: number) => number> = {
    ArrowDown: (i) => i + 1,
    ArrowUp: (i) => i - 1,
    PageDown: (i) => i + page,
    PageUp: (i) => i - page,
    Home: () => 0,
    End: () => model.length - 1,
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.target !== e.currentTarget) return; // typing in a column filter
    const step = STEPS[e.key];
    if (step) {
      e.preventDefault();
      const next = Math.max(0, Math.min(model.length - 1, step(active)));
      setActive(next);
      // 'auto' keeps the highlighted row inside the view.
      virtual.scrollToIndex(next, { align: 'auto' });
    } else if (e.key === 'Enter' && model[active]) onOpen(model[active].original.id);
    else if ((e.ctrlKey || e.metaKey) && e.key === 'c' && model[active]) {
      const cells = model[active].getVisibleCells().map((c) => formatValue(c.getValue()));
      void navigator.clipboard?.writeText(cells.join('\t'));
    }
  };
  const visible = table.getVisibleLeafColumns();
  const width = visible.reduce((s, c) => s + c.getSize(), 0);
  return (
    <div className="entities">
      <div className="toolbar">
        <label htmlFor="entity-type">Type</label>
        <select
          id="entity-type"
          data-testid="entity-type"
          value={type}
          onChange={(e) => setType(e.target.value as EntityType)}
        >
          {ENTITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {ENTITY_INFO[t].label}
            </option>
          ))}
        </select>
        <input
          aria-label="Search all columns"
          data-search
          placeholder="search all columns ( / )"
          value={global}
          onChange={(e) => setGlobal(e.target.value)}
        />
        <span className="muted">
          {loading
            ? 'loading…'
            : `${model.length.toLocaleString('en')} of ${(data?.total ?? 0).toLocaleString('en')} rows`}
        </span>
        <details className="columns">
          <summary>Columns</summary>
          {table.getAllLeafColumns().map((c) => (
            <label key={c.id}>
              <input
                type="checkbox"
                checked={c.getIsVisible()}
                onChange={c.getToggleVisibilityHandler()}
              />{' '}
              {String(c.columnDef.header)}
            </label>
          ))}
        </details>
      </div>
      <div
        className="table-scroll"
        ref={scroller}
        tabIndex={0}
        onKeyDown={onKey}
        data-testid="entity-table"
        role="grid"
        aria-label={`${ENTITY_INFO[type].label} entities`}
        aria-rowcount={model.length + 1}
        aria-activedescendant={model[active] ? `entity-row-${active}` : undefined}
      >
        <div style={{ width }}>
          <div className="thead" role="rowgroup">
            <div role="row" className="thead-row">
              {table.getHeaderGroups()[0]!.headers.map((h) => (
                <div
                  key={h.id}
                  className="th"
                  role="columnheader"
                  aria-sort={
                    h.column.getIsSorted() === 'asc'
                      ? 'ascending'
                      : h.column.getIsSorted() === 'desc'
                        ? 'descending'
                        : 'none'
                  }
                  style={{ width: h.getSize() }}
                >
                  <button
                    type="button"
                    onClick={h.column.getToggleSortingHandler()}
                    className="sortable"
                    title={`Sort by ${String(h.column.columnDef.header)}`}
                  >
                    {flexRender(h.column.columnDef.header, h.getContext())}{' '}
                    <span aria-hidden="true">
                      {({ asc: '▲', desc: '▼' } as Record<string, string>)[
                        h.column.getIsSorted() as string
                      ] ?? ''}
                    </span>
                  </button>
                  <input
                    aria-label={`Filter ${String(h.column.columnDef.header)}`}
                    className="filter"
                    placeholder="filter"
                    value={(h.column.getFilterValue() as string) ?? ''}
                    onChange={(e) => h.column.setFilterValue(e.target.value)}
                  />
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const row = model[v.index]!;
              return (
                // Keyboard users move through rows with the grid's arrow keys and open one with
                // Enter (onKey above), as in the ARIA grid pattern; the click is the mouse's.
                // eslint-disable-next-line jsx-a11y/click-events-have-key-events
                <div
                  key={row.id}
                  id={`entity-row-${v.index}`}
                  tabIndex={-1}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={v.index === active}
                  className={`tr${v.index === active ? ' active' : ''}`}
                  style={{ transform: `translateY(${v.start}px)`, height: v.size }}
                  onClick={() => setActive(v.index)}
                  onDoubleClick={() => onOpen(row.original.id)}
                >
                  {row.getVisibleCells().map((c) => (
                    <div
                      key={c.id}
                      role="gridcell"
                      className="td"
                      style={{ width: c.column.getSize() }}
                      title={visibleControls(formatValue(c.getValue()))}
                    >
                      {visibleControls(formatValue(c.getValue()))}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
