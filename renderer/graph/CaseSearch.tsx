/**
 * One search box for the whole case (every entity type and property, Chinese by pinyin):
 * results say whether they are already in the chart and can be added to it, opened as a new
 * chart, or taken as the ends of a path.
 */
import { useState } from 'react';
import { call } from '../api/client';
import type { Output } from '../../shared/api/contract';
import { styleOf } from './visual-language';
import { Swatch } from './Legend';

type Hit = Output<'search.entities'>['hits'][number];

export function CaseSearch({
  isDrawn,
  onAdd,
  onNewChart,
  onPathEnd,
  onFocus,
}: {
  isDrawn: (entityId: number) => boolean;
  onAdd: (ids: number[]) => void;
  onNewChart: (ids: number[]) => void;
  onPathEnd: (end: 'from' | 'to', hit: Hit['entity']) => void;
  onFocus: (entityId: number) => void;
}) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<Output<'search.entities'>>();
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [error, setError] = useState('');
  const run = async () => {
    if (!query.trim()) return;
    setError('');
    try {
      const r = await call('search.entities', { query: query.trim(), limit: 100 });
      setResult(r);
      setPicked(
        new Set(
          r.hits
            .filter((h) => !isDrawn(h.entity.id))
            .map((h) => h.entity.id)
            .slice(0, 20),
        ),
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const ids = [...picked];
  return (
    <div className="graph-search">
      <input
        data-testid="graph-search"
        data-search
        placeholder="search the whole case (names, ids, phones, 拼音…)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && void run()}
        aria-label="search the whole case"
      />
      <button data-testid="graph-search-go" onClick={() => void run()}>
        Search
      </button>
      {error && <span className="error">{error}</span>}
      {result && (
        <div className="graph-search-results" data-testid="search-results" role="dialog">
          <div className="graph-search-head">
            <span data-testid="search-count">
              {result.total} match{result.total === 1 ? '' : 'es'} in the case
              {result.total > result.hits.length ? ` (first ${result.hits.length})` : ''}
            </span>
            <button data-testid="search-add" disabled={!ids.length} onClick={() => onAdd(ids)}>
              Add {ids.length} to chart
            </button>
            <button disabled={!ids.length} onClick={() => onNewChart(ids)}>
              New chart
            </button>
            <button onClick={() => setResult(undefined)} aria-label="close results">
              ✕
            </button>
          </div>
          <ul>
            {result.hits.map((h) => {
              const drawn = isDrawn(h.entity.id);
              return (
                <li key={h.entity.id} data-testid={`hit-${h.entity.id}`}>
                  <label>
                    <input
                      type="checkbox"
                      checked={picked.has(h.entity.id)}
                      onChange={() =>
                        setPicked((p) => {
                          const n = new Set(p);
                          if (n.has(h.entity.id)) n.delete(h.entity.id);
                          else n.add(h.entity.id);
                          return n;
                        })
                      }
                    />
                    <Swatch type={h.entity.type} /> <strong>{h.entity.label}</strong>{' '}
                    <span className="muted">
                      {styleOf(h.entity.type).label} · {h.field}: {h.value.slice(0, 60)}
                    </span>
                  </label>{' '}
                  {drawn ? (
                    <button className="link" onClick={() => onFocus(h.entity.id)}>
                      in chart
                    </button>
                  ) : (
                    <span className="muted">not in chart</span>
                  )}{' '}
                  <button
                    className="link"
                    data-testid={`path-from-${h.entity.id}`}
                    onClick={() => onPathEnd('from', h.entity)}
                  >
                    path from
                  </button>{' '}
                  <button
                    className="link"
                    data-testid={`path-to-${h.entity.id}`}
                    onClick={() => onPathEnd('to', h.entity)}
                  >
                    path to
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
