/**
 * The funnel dashboard: leads to referrals, prosecutions and sentences for this case, or
 * for this case and other cases on the laptop (each unlocked with its own passphrase,
 * read and closed again). Every chart exports as PNG and CSV.
 */
import { useMemo, useState } from 'react';
import type { Funnel as FunnelData } from '../../shared/lifecycle/schemas';
import { useApi } from '../api/use-api';
import { call } from '../api/client';
import { EChart } from '../charts/EChart';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const money = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([c, v]) => `${v.toLocaleString('en')} ${c}`)
    .join(' · ') || '0';

export function Funnel() {
  const [others, setOthers] = useState<{ path: string; passphrase: string }[]>([]);
  const { data, error } = useApi('funnel.get', { others }, [others]);
  return (
    <div>
      <h1>Funnel</h1>
      <OtherCases others={others} onChange={setOthers} />
      {error && (
        <div className="error" data-testid="funnel-error">
          {error.message}
        </div>
      )}
      {!data && !error && <div>loading…</div>}
      {data && <Dashboard f={data} others={others} />}
    </div>
  );
}

function OtherCases({
  others,
  onChange,
}: {
  others: { path: string; passphrase: string }[];
  onChange: (o: { path: string; passphrase: string }[]) => void;
}) {
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  return (
    <details className="panel">
      <summary>
        Cases on this dashboard: this case{others.length ? ` and ${others.length} more` : ''}
      </summary>
      <p className="muted small">
        Add other case files on this laptop to see the whole programme. Each is unlocked with its
        own passphrase only to read its figures, then closed; nothing is stored outside the cases.
      </p>
      <ul>
        {others.map((o) => (
          <li key={o.path}>
            {o.path}{' '}
            <button onClick={() => onChange(others.filter((x) => x.path !== o.path))}>
              remove
            </button>
          </li>
        ))}
      </ul>
      <label>
        Case file
        <input
          data-testid="funnel-other-path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/path/to/other.ringlens"
        />
      </label>
      <label>
        Passphrase
        <input
          data-testid="funnel-other-pass"
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
      <button
        data-testid="funnel-other-add"
        disabled={!path || !passphrase}
        onClick={() => (
          onChange([...others, { path, passphrase }]),
          setPath(''),
          setPassphrase('')
        )}
      >
        Add case
      </button>
    </details>
  );
}

function Dashboard({
  f,
  others,
}: {
  f: FunnelData;
  others: { path: string; passphrase: string }[];
}) {
  const t = f.totals;
  const currencies = useMemo(
    () => [...new Set(f.months.flatMap((m) => Object.keys(m.valueSeized)))].sort(),
    [f],
  );
  // Stages as horizontal bars, widest at the top: the counts stay readable even when later stages are zero.
  const stagesOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 140, right: 90, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: f.stages.map((s) => s.stage) },
      series: [
        {
          type: 'bar',
          barWidth: '60%',
          itemStyle: { color: '#1f618d' },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number; dataIndex: number }) =>
              `${p.value} (${pct(f.stages[p.dataIndex]!.ofLeads)})`,
          },
          data: f.stages.map((s) => s.count),
        },
      ],
    }),
    [f],
  );
  const monthsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: f.months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'Leads', type: 'bar', data: f.months.map((m) => m.leads) },
        { name: 'Referrals', type: 'bar', data: f.months.map((m) => m.referrals) },
        { name: 'Prosecutions', type: 'bar', data: f.months.map((m) => m.prosecutions) },
        { name: 'Arrests', type: 'line', data: f.months.map((m) => m.arrests) },
        { name: 'Locations closed', type: 'line', data: f.months.map((m) => m.locationsClosed) },
      ],
    }),
    [f],
  );
  const seizedOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: f.months.map((m) => m.month) },
      yAxis: { type: 'value' },
      series: currencies.map((c) => ({
        name: `Seized (${c})`,
        type: 'bar',
        data: f.months.map((m) => m.valueSeized[c] ?? 0),
      })),
    }),
    [f, currencies],
  );
  const originOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 20, top: 40, bottom: 30 },
      xAxis: {
        type: 'category',
        data: f.byOrigin.map((o) => (o.origin === 'complaint' ? 'complaint-driven' : o.origin)),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'Leads', type: 'bar', data: f.byOrigin.map((o) => o.leads) },
        { name: 'Referred', type: 'bar', data: f.byOrigin.map((o) => o.referred) },
        { name: 'Prosecuted', type: 'bar', data: f.byOrigin.map((o) => o.prosecuted) },
      ],
    }),
    [f],
  );
  const [out, setOut] = useState('');
  const [written, setWritten] = useState<string>();
  const [exportError, setExportError] = useState<string>();
  const proactive = f.byOrigin.find((o) => o.origin === 'proactive')?.leads ?? 0;
  const complaint = f.byOrigin.find((o) => o.origin === 'complaint')?.leads ?? 0;
  return (
    <div data-testid="funnel-dashboard">
      <p className="muted">
        {f.cases.join(', ')}: one lead is one investigation (a ring with the leads that flag it, or
        a lead no ring covers).
      </p>
      <div className="cards" data-testid="funnel-totals">
        <Card label="Leads" value={t.leads} />
        <Card label="Referred to police" value={t.referrals} testid="card-referrals" />
        <Card
          label="Prosecutions"
          value={`${t.prosecutions} (${t.defendantsProsecuted} defendants)`}
        />
        <Card label="Sentences" value={t.sentences} />
        <Card label="Arrests" value={t.arrests} testid="card-arrests" />
        <Card label="Raids" value={t.raids} />
        <Card label="Locations closed" value={t.locationsClosed} testid="card-locations" />
        <Card label="Goods seized" value={money(t.valueSeized)} testid="card-seized" />
        <Card label="Civil suits · TROs" value={`${t.suits} · ${t.restrainingOrders}`} />
        <Card label="Accounts frozen" value={`${t.accountsFrozen} (${money(t.amountFrozen)})`} />
        <Card label="Judgments · damages" value={`${t.judgments} · ${money(t.damages)}`} />
        <Card
          label="Platform actions"
          value={Object.values(t.platformActions).reduce((a, b) => a + b, 0)}
        />
        <Card label="Overdue refutation windows" value={t.overdue} warn={t.overdue > 0} />
      </div>
      <p data-testid="funnel-conversion">
        Conversion: lead to referral <strong>{pct(f.conversion.leadToReferral)}</strong>, referral
        to prosecution <strong>{pct(f.conversion.referralToProsecution)}</strong>, lead to
        prosecution <strong>{pct(f.conversion.leadToProsecution)}</strong>. Proactive to
        complaint-driven:{' '}
        <strong>
          {proactive}:{complaint}
        </strong>
        .
      </p>
      <div className="chart-grid">
        <section>
          <h2>From lead to sentence</h2>
          <EChart
            testid="chart-stages"
            name="funnel-stages"
            option={stagesOption}
            csv={[
              ['stage', 'investigations', 'share of leads'],
              ...f.stages.map((s) => [s.stage, s.count, s.ofLeads]),
            ]}
          />
        </section>
        <section>
          <h2>Over time</h2>
          <EChart
            testid="chart-months"
            name="funnel-by-month"
            option={monthsOption}
            csv={[
              ['month', 'leads', 'referrals', 'prosecutions', 'arrests', 'locations closed'],
              ...f.months.map((m) => [
                m.month,
                m.leads,
                m.referrals,
                m.prosecutions,
                m.arrests,
                m.locationsClosed,
              ]),
            ]}
          />
        </section>
        <section>
          <h2>Value seized</h2>
          <EChart
            testid="chart-seized"
            name="value-seized"
            option={seizedOption}
            csv={[
              ['month', ...currencies],
              ...f.months.map((m) => [m.month, ...currencies.map((c) => m.valueSeized[c] ?? 0)]),
            ]}
          />
        </section>
        <section>
          <h2>Proactive versus complaint-driven</h2>
          <EChart
            testid="chart-origin"
            name="funnel-by-origin"
            option={originOption}
            csv={[
              ['origin', 'leads', 'referred', 'prosecuted'],
              ...f.byOrigin.map((o) => [o.origin, o.leads, o.referred, o.prosecuted]),
            ]}
          />
        </section>
      </div>
      <h2>Platform actions and closures</h2>
      <table className="compact" data-testid="funnel-platform">
        <tbody>
          {Object.entries(t.platformActions).map(([a, n]) => (
            <tr key={a}>
              <td>{a.replaceAll('_', ' ')}</td>
              <td>{n}</td>
            </tr>
          ))}
          {Object.entries(t.closed).map(([r, n]) => (
            <tr key={r}>
              <td>closed: {r.replaceAll('_', ' ')}</td>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Export the whole funnel</h2>
      <label>
        Write CSV to
        <input
          data-testid="funnel-out"
          value={out}
          onChange={(e) => setOut(e.target.value)}
          placeholder="/path/to/funnel.csv"
        />
      </label>
      <button
        data-testid="funnel-export"
        disabled={!out}
        onClick={() => {
          setExportError(undefined);
          void call('funnel.exportCsv', { others, out }).then(
            (r) => setWritten(`${r.file} (sha256 ${r.sha256})`),
            (e: Error) => setExportError(e.message),
          );
        }}
      >
        Export CSV
      </button>
      {written && <p data-testid="funnel-written">Wrote {written}; recorded in the audit log.</p>}
      {exportError && <div className="error">{exportError}</div>}
    </div>
  );
}

function Card({
  label,
  value,
  testid,
  warn,
}: {
  label: string;
  value: string | number;
  testid?: string;
  warn?: boolean;
}) {
  return (
    <div className={`card${warn ? ' warn' : ''}`} data-testid={testid}>
      <div className="card-value">{value}</div>
      <div className="card-label">{label}</div>
    </div>
  );
}
