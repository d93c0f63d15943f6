import { useMemo } from 'react';
import { useApi } from '../api/use-api';
import { ErrorMessage } from '../app/ErrorMessage';
import { HotspotMap } from '../map/HotspotMap';
import { visibleControls } from '../../shared/visible-controls';

export function Complainants({ onOpen }: { onOpen: (key: string) => void }) {
  const { data, error } = useApi('complainants.list', {});
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <div>loading…</div>;
  return (
    <div>
      <h1>Complainants</h1>
      <p className="muted">
        Factors of EU DSA Art. 23(3): number and share of unfounded notices, gravity, and signs of
        intent.
      </p>
      <table data-testid="complainants">
        <thead>
          <tr>
            <th scope="col">Flag</th>
            <th scope="col">Complainant</th>
            <th scope="col">Kind</th>
            <th scope="col">Complaints</th>
            <th scope="col">Unfounded</th>
            <th scope="col">Share</th>
            <th scope="col">Listings removed</th>
            <th scope="col">Sales lost</th>
            <th scope="col">Score</th>
            <th scope="col">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.complainant.id} className={d.flagged ? 'flagged' : ''}>
              <td>{d.flagged ? 'FLAGGED' : ''}</td>
              <td>
                <button
                  type="button"
                  className="entity-link"
                  data-testid={`complainant-${d.complainant.key}`}
                  onClick={() => onOpen(d.complainant.key)}
                >
                  {visibleControls(d.complainant.label)}
                </button>
              </td>
              <td>{d.kind === 'agent' ? 'IP agent' : 'rights holder'}</td>
              <td>{d.total}</td>
              <td>{d.unfounded}</td>
              <td>{Math.round(d.unfoundedShare * 100)}%</td>
              <td>{d.listingsRemoved}</td>
              <td>{d.salesLost.toLocaleString('en')}</td>
              <td>{d.score}</td>
              <td>
                <ul>
                  {d.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Bars({
  rows,
  testid,
}: {
  rows: { label: string; value: number; share: number }[];
  testid: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = 22;
  return (
    <svg
      data-testid={testid}
      width="100%"
      height={rows.length * h + 10}
      viewBox={`0 0 700 ${rows.length * h + 10}`}
      role="img"
      aria-label={rows.map((r) => `${r.label}: ${r.value}`).join('; ')}
    >
      {rows.map((r, i) => (
        <g key={r.label} transform={`translate(0, ${i * h + 5})`}>
          <text x={170} y={14} textAnchor="end" fontSize={12}>
            {r.label}
          </text>
          <rect x={180} y={2} height={h - 6} width={(r.value / max) * 420} fill="#c0392b" />
          <text x={185 + (r.value / max) * 420} y={14} fontSize={11}>
            {r.value} ({(r.share * 100).toFixed(1)}%)
          </text>
        </g>
      ))}
    </svg>
  );
}

export function Hotspots() {
  const { data, error } = useApi('hotspots.get', { topN: 10 });
  const closures = useApi('lifecycle.closures', {});
  // Locations shut down by raids, from the outcomes, drawn over the evidence.
  const points = useMemo(
    () =>
      (closures.data ?? []).flatMap((c) =>
        c.place
          ? [
              {
                lon: c.place.lon,
                lat: c.place.lat,
                label: `${c.address} (${c.subject.id}, ${c.date})`,
                kind: `closed ${c.locationType}`,
              },
            ]
          : [],
      ),
    [closures.data],
  );
  if (error) return <div className="error">{error.message}</div>;
  if (!data) return <div>loading…</div>;
  return (
    <div>
      <h1>Hotspots</h1>
      <p>
        The top {data.topN} shipping-origin regions hold{' '}
        <strong>{(data.topNShare * 100).toFixed(1)}%</strong> of {data.total} pieces of counterfeit
        evidence (counterfeit test buys and upheld complaints)
        {data.unlocated > 0 &&
          `; ${data.unlocated} (${(data.unlocatedShare * 100).toFixed(1)}%) ship from no known place and are counted as unknown`}
        .
      </p>
      <HotspotMap data={data} points={points} />
      {closures.data && closures.data.length > 0 && (
        <>
          <h2>Locations closed</h2>
          <table className="compact" data-testid="map-closures">
            <thead>
              <tr>
                <th>date</th>
                <th>type</th>
                <th>address</th>
                <th>placed at</th>
                <th>ring or lead</th>
              </tr>
            </thead>
            <tbody>
              {closures.data.map((c) => (
                <tr key={c.outcomeId}>
                  <td>{c.date}</td>
                  <td>{c.locationType}</td>
                  <td>{c.address}</td>
                  <td>
                    {c.place ? (
                      [
                        c.place.city && `${c.place.cityZh ?? ''} ${c.place.city}`,
                        c.place.province && `${c.place.provinceZh ?? ''} ${c.place.province}`,
                        c.place.country,
                      ]
                        .filter(Boolean)
                        .join(', ')
                    ) : (
                      <span className="muted">no known place in the address</span>
                    )}
                  </td>
                  <td>{c.subject.id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>By region (province · city)</h2>
      <Bars
        testid="hotspots-regions"
        rows={data.byRegion
          .slice(0, 15)
          .map((r) => ({ label: `${r.province} · ${r.city}`, value: r.total, share: r.share }))}
      />
      <h2>By country of origin</h2>
      <Bars
        testid="hotspots-countries"
        rows={data.byCountry.map((c) => ({
          label: c.country === 'unknown' ? 'unknown' : `${c.name} (${c.country})`,
          value: c.total,
          share: c.share,
        }))}
      />
      <h2>By product category</h2>
      <Bars
        testid="hotspots-categories"
        rows={data.byCategory.map((c) => ({ label: c.category, value: c.total, share: c.share }))}
      />
    </div>
  );
}

export function Audit() {
  const { data, error } = useApi('audit.list', { afterSeq: 0, limit: 2000 });
  if (error) return <div className="error">{error.message}</div>;
  if (!data) return <div>loading…</div>;
  return (
    <div>
      <h1>Audit log</h1>
      <p>
        {data.verified ? (
          <span className="sig trusted">chain verified</span>
        ) : (
          <span className="sig bad">CHAIN BROKEN</span>
        )}{' '}
        head <code>{data.head}</code>
      </p>
      <table data-testid="audit">
        <thead>
          <tr>
            <th>#</th>
            <th>time</th>
            <th>actor</th>
            <th>action</th>
            <th>object</th>
            <th>details</th>
            <th>hash</th>
          </tr>
        </thead>
        <tbody>
          {[...data.entries].reverse().map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{e.at}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.object}</td>
              <td>
                <code>{JSON.stringify(e.details).slice(0, 120)}</code>
              </td>
              <td>
                <code>{e.hash.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
