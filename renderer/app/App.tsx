import { useEffect, useState } from 'react';
import type { CaseStatus } from '../../shared/api/contract';
import { call, on } from '../api/client';
import { OpenCase, LockScreen, type OpenCaseInitial } from '../views/OpenCase';
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
import { ComplainantDossierView } from '../views/ComplainantDossier';
import { useNavigation, VIEW_LABELS, VIEWS } from './navigation';
import { ShortcutSheet } from './Shortcuts';
import { AutoLockField } from './AutoLockField';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

export function App() {
  const [status, setStatus] = useState<CaseStatus>();
  const nav = useNavigation();
  const { place, go } = nav;
  const [generation, setGeneration] = useState(0);
  const [switching, setSwitching] = useState(false);
  const [shortcuts, setShortcuts] = useState(false);
  const [menuFile, setMenuFile] = useState<OpenCaseInitial>();

  const opened = (s: CaseStatus) => (
    setStatus(s),
    setSwitching(false),
    nav.reset(),
    setGeneration((g) => g + 1)
  );
  const closeCase = () =>
    void call('case.close', {}).then(() => call('case.status', {}).then(opened));

  useEffect(() => {
    void call('case.status', {}).then(setStatus);
    const offLock = on('case.locked', () => void call('case.status', {}).then(setStatus));
    // The desktop menu's commands; the web mode has the same buttons in the sidebar.
    const offMenu = on('app.command', (c) => {
      if (c.command === 'case.close') closeCase();
      else if (c.command === 'lock') void call('case.lock', {}).then(setStatus);
      else if (c.command === 'back') nav.back();
      else if (c.command === 'forward') nav.forward();
      else if (c.command === 'shortcuts') setShortcuts(true);
      else {
        setMenuFile(c.file && { ...c.file, purpose: c.command === 'case.new' ? 'new' : 'open' });
        setSwitching(true);
      }
    });
    return () => {
      offLock();
      offMenu();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key === 'ArrowLeft') {
        e.preventDefault();
        nav.back();
      } else if (e.altKey && e.key === 'ArrowRight') {
        e.preventDefault();
        nav.forward();
      } else if (
        e.key === 'Escape' &&
        place.entity !== null &&
        !document.querySelector('[role=dialog]')
      )
        go({ entity: null });
      else if (!typing(e.target) && e.key === '?') setShortcuts(true);
      else if (!typing(e.target) && e.key === '/') {
        const search = document.querySelector<HTMLElement>('main [data-search]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nav, place.entity, go]);

  if (!status) return <div className="center-card">starting…</div>;
  if (status.locked)
    return (
      <LockScreen
        path={status.path ?? ''}
        onUnlocked={(s) => (setStatus(s), setGeneration((g) => g + 1))}
      />
    );
  if (!status.open || switching)
    return (
      <main>
        <OpenCase
          key={menuFile?.token ?? 'open'}
          onOpened={opened}
          current={status.open ? status.path : null}
          initial={menuFile}
          onCancel={status.open ? () => setSwitching(false) : undefined}
        />
      </main>
    );

  const openRing = (id: string) => go({ view: 'rings', ring: id });
  const openEntity = (id: number | null) => go({ entity: id });
  const openComplainant = (key: string) => go({ view: 'complainants', complainant: key });
  const caseName =
    status.path
      ?.split(/[/\\]/)
      .pop()
      ?.replace(/\.ringlens$/, '') ?? '';
  return (
    <div className="app" key={generation}>
      <nav className="sidebar" aria-label="Views">
        <div className="brand">Ringlens</div>
        <div className="case-bar" data-testid="case-bar">
          <div className="case-name" title={status.path ?? ''} data-testid="case-name">
            {caseName}
          </div>
          <div className="row wrap">
            <button
              type="button"
              data-testid="switch-case"
              onClick={() => (setMenuFile(undefined), setSwitching(true))}
            >
              Open or new…
            </button>
            <button type="button" data-testid="close-case" onClick={closeCase}>
              Close case
            </button>
          </div>
        </div>
        <div className="row history">
          <button
            type="button"
            aria-label="Back"
            title="Back (Alt+←)"
            disabled={!nav.canBack}
            onClick={nav.back}
            data-testid="nav-back"
          >
            ←
          </button>
          <button
            type="button"
            aria-label="Forward"
            title="Forward (Alt+→)"
            disabled={!nav.canForward}
            onClick={nav.forward}
            data-testid="nav-forward"
          >
            →
          </button>
        </div>
        {VIEWS.map((v) => (
          <button
            type="button"
            key={v}
            data-testid={`nav-${v}`}
            className={place.view === v ? 'active' : ''}
            aria-current={place.view === v ? 'page' : undefined}
            onClick={() => go({ view: v, ...(v === 'complainants' && { complainant: null }) })}
          >
            {VIEW_LABELS[v]}
          </button>
        ))}
        <div className="spacer" />
        <AutoLockField minutes={status.autoLockMinutes} onChanged={setStatus} />
        <button
          type="button"
          data-testid="lock"
          onClick={() => void call('case.lock', {}).then(setStatus)}
        >
          Lock
        </button>
        <button
          type="button"
          className="sidebar-help small"
          onClick={() => setShortcuts(true)}
          data-testid="show-shortcuts"
        >
          Keyboard shortcuts (?)
        </button>
      </nav>
      {/* Focusable so that a long view scrolls from the keyboard too (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must take focus to scroll by keyboard (axe: scrollable-region-focusable) */}
      <main className="content" tabIndex={0} aria-label={VIEW_LABELS[place.view]}>
        {place.view === 'home' && <Home onRing={openRing} onComplainant={openComplainant} />}
        {place.view === 'import' && (
          <Import onImported={() => undefined} onRings={() => go({ view: 'rings' })} />
        )}
        {place.view === 'entities' && <Entities onOpen={openEntity} />}
        {place.view === 'rings' && (
          <Rings selected={place.ring} onSelectRing={openRing} onOpenEntity={openEntity} />
        )}
        {place.view === 'worklist' && <Worklist />}
        {place.view === 'funnel' && <Funnel />}
        {place.view === 'matches' && <Matches />}
        {place.view === 'complainants' &&
          (place.complainant ? (
            <ComplainantDossierView
              complainantKey={place.complainant}
              onOpenEntity={openEntity}
              onExport={(key) => go({ view: 'export', complainant: key })}
            />
          ) : (
            <Complainants onOpen={openComplainant} />
          ))}
        {place.view === 'hotspots' && <Hotspots />}
        {place.view === 'export' && (
          <Export ringId={place.ring} complainantKey={place.complainant} />
        )}
        {place.view === 'share' && <Share ringId={place.ring} />}
        {place.view === 'audit' && <Audit />}
      </main>
      {place.entity !== null && (
        <div className="side">
          <button
            type="button"
            className="close"
            aria-label="Close the panel (Escape)"
            onClick={() => openEntity(null)}
          >
            ✕
          </button>
          <EntityPanel entityId={place.entity} onOpen={openEntity} />
        </div>
      )}
      {shortcuts && <ShortcutSheet onClose={() => setShortcuts(false)} />}
    </div>
  );
}
