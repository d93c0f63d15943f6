import { useEffect, useState } from 'react';
import type { CaseStatus } from '../../shared/api/contract';
import { call, on } from '../api/client';
import { OpenCase, LockScreen } from '../views/OpenCase';
import { Home } from '../views/Home';
import { Import } from '../views/Import';
import { Entities } from '../views/Entities';
import { Rings } from '../views/Rings';
import { Audit, Complainants, Hotspots } from '../views/Analytics';
import { EntityPanel } from '../entity/EntityPanel';
import { Export } from '../views/Export';
import { Share } from '../views/Share';
import { Worklist } from '../views/Worklist';
import { Funnel } from '../views/Funnel';
import { Matches } from '../views/Matches';

const VIEWS = [
  'home',
  'import',
  'entities',
  'rings',
  'matches',
  'worklist',
  'funnel',
  'complainants',
  'hotspots',
  'export',
  'share',
  'audit',
] as const;
type View = (typeof VIEWS)[number];

export function App() {
  const [status, setStatus] = useState<CaseStatus>();
  const [view, setView] = useState<View>('home');
  const [ring, setRing] = useState<string | null>(null);
  const [entity, setEntity] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    void call('case.status', {}).then(setStatus);
    return on('case.locked', () => void call('case.status', {}).then(setStatus));
  }, []);

  if (!status) return <div className="center-card">starting…</div>;
  if (status.locked)
    return (
      <LockScreen
        path={status.path ?? ''}
        onUnlocked={(s) => (setStatus(s), setGeneration((g) => g + 1))}
      />
    );
  if (!status.open)
    return (
      <OpenCase onOpened={(s) => (setStatus(s), setView('home'), setGeneration((g) => g + 1))} />
    );

  const openRing = (id: string) => (setRing(id), setView('rings'));
  return (
    <div className="app" key={generation}>
      <nav className="sidebar">
        <div className="brand">Ringlens</div>
        {VIEWS.map((v) => (
          <button
            key={v}
            data-testid={`nav-${v}`}
            className={view === v ? 'active' : ''}
            onClick={() => setView(v)}
          >
            {v[0]!.toUpperCase() + v.slice(1)}
          </button>
        ))}
        <div className="spacer" />
        <label className="muted small">
          auto-lock after{' '}
          <input
            type="number"
            min={1}
            max={1440}
            value={status.autoLockMinutes}
            onChange={(e) =>
              void call('case.setAutoLock', {
                minutes: Math.max(1, Number(e.target.value) || 1),
              }).then(setStatus)
            }
          />{' '}
          min
        </label>
        <button data-testid="lock" onClick={() => void call('case.lock', {}).then(setStatus)}>
          Lock
        </button>
        <div className="muted small case-path" title={status.path ?? ''}>
          {status.path}
        </div>
      </nav>
      <main className="content">
        {view === 'home' && <Home onRing={openRing} />}
        {view === 'import' && <Import onImported={() => undefined} />}
        {view === 'entities' && <Entities onOpen={setEntity} />}
        {view === 'rings' && (
          <Rings selected={ring} onSelectRing={setRing} onOpenEntity={setEntity} />
        )}
        {view === 'worklist' && <Worklist />}
        {view === 'funnel' && <Funnel />}
        {view === 'matches' && <Matches />}
        {view === 'complainants' && <Complainants />}
        {view === 'hotspots' && <Hotspots />}
        {view === 'export' && <Export ringId={ring} />}
        {view === 'share' && <Share />}
        {view === 'audit' && <Audit />}
      </main>
      {entity !== null && (
        <div className="side">
          <button className="close" onClick={() => setEntity(null)}>
            ✕
          </button>
          <EntityPanel entityId={entity} onOpen={setEntity} />
        </div>
      )}
    </div>
  );
}
