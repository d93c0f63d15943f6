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

type Row = Output<'entities.list'>['rows'][number];

const cell = formatValue;

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
    return [
      { id: 'id', header: 'id', accessorFn: (r) => r.id, size: 70 },
      { id: 'key', header: 'key', accessorFn: (r) => r.key, size: 180 },
      { id: 'label', header: 'label', accessorFn: (r) => r.label, size: 220 },
      ...[...keys].sort().map((k): ColumnDef<Row> => ({
        id: `p.${k}`,
        header: k,
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
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(
        0,
        Math.min(model.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1)),
      );
      setActive(next);
      virtual.scrollToIndex(next);
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
        <select
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
          placeholder="search all columns"
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
        role="grid"
        aria-label="Entities"
        aria-rowcount={model.length}
        tabIndex={0}
        onKeyDown={onKey}
        data-testid="entity-table"
      >
        <div style={{ width }}>
          <div className="thead" role="row">
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
                  className="sortable plain"
                >
                  {flexRender(h.column.columnDef.header, h.getContext())}{' '}
                  {({ asc: '▲', desc: '▼' } as Record<string, string>)[
                    h.column.getIsSorted() as string
                  ] ?? ''}
                </button>
                <input
                  className="filter"
                  aria-label={`Filter ${String(h.column.columnDef.header ?? h.id)}`}
                  placeholder="filter"
                  value={(h.column.getFilterValue() as string) ?? ''}
                  onChange={(e) => h.column.setFilterValue(e.target.value)}
                />
              </div>
            ))}
          </div>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const row = model[v.index]!;
              return (
                // Keyboard users move through rows with the grid's arrow keys and open one with
                // Enter (onKey above), as in the ARIA grid pattern; the click is the mouse's.
                // eslint-disable-next-line jsx-a11y/click-events-have-key-events
                <div
                  key={row.id}
                  role="row"
                  tabIndex={-1}
                  aria-selected={v.index === active}
                  aria-rowindex={v.index + 1}
                  className={`tr${v.index === active ? ' active' : ''}`}
                  style={{ transform: `translateY(${v.start}px)`, height: v.size }}
                  onClick={() => setActive(v.index)}
                  onDoubleClick={() => onOpen(row.original.id)}
                >
                  {row.getVisibleCells().map((c) => (
                    <div
                      key={c.id}
                      className="td"
                      role="gridcell"
                      style={{ width: c.column.getSize() }}
                      title={formatValue(c.getValue())}
                    >
                      {formatValue(c.getValue())}
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
