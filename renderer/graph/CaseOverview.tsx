/**
 * The case overview: every ring, the suppressed hubs its accounts touch and the identifiers
 * tying rings together, in one picture. Click a node to see what it is and which ring it
 * belongs to; double-click (or "Open ring") to open that ring's graph.
 */
import { useEffect, useRef, useState } from 'react';
import type cytoscape from 'cytoscape';
import { useApi } from '../api/use-api';
import { formatValue } from '../../shared/format-value';
import { visualOf } from '../../shared/graph/visual-language';
import { mountOverview } from './overview-chart';
import { setClassWhere } from './classes';
import { OVERVIEW_AUTO_DRAW_MAX } from './overview-policy';
import './graph.css';

declare global {
  interface Window {
    __ringlensOverviewCy?: cytoscape.Core;
  }
}

interface Picked {
  readonly label: string;
  readonly type: string;
  readonly role: string;
  readonly ringId: string;
}

export function CaseOverview({
  onOpenRing,
  requested,
}: {
  onOpenRing: (ringId: string) => void;
  /** The investigator asked for the overview (its button), so it is drawn whatever its size. */
  requested: boolean;
}) {
  const { data, error } = useApi('graph.overview', {});
  const [asked, setAsked] = useState(false);
  const total = data ? data.nodes.length + data.edges.length : 0;
  const draw = requested || asked || total <= OVERVIEW_AUTO_DRAW_MAX;
  const container = useRef<HTMLDivElement>(null);
  const [webgl, setWebgl] = useState(false);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [height, setHeight] = useState(600);
  const open = useRef(onOpenRing);
  useEffect(() => {
    open.current = onOpenRing;
  }, [onOpenRing]);

  // The overview takes the height left in the window below its top.
  useEffect(() => {
    const fit = () => {
      const top = container.current?.getBoundingClientRect().top ?? 200;
      setHeight(Math.max(320, window.innerHeight - top - 12));
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [data]);

  useEffect(() => {
    const div = container.current;
    if (!data || !div || !draw) return;
    const start = performance.now();
    // A big overview in three chunks, so a ring clicked in the list while it draws waits for
    // one chunk, not all. Each chunk costs a redraw of what is in: at 50,937 elements, mount
    // to drawn took 12.8 s in ten chunks and 7.9 s in three (one bench run each, shared CPU).
    // Below 20,000 elements one piece is quick enough.
    const total = data.nodes.length + data.edges.length;
    const chunk = total > 20_000 ? Math.ceil(total / 3) : 0;
    const { cy, done } = mountOverview(div, data, { webgl, chunk });
    performance.measure('overview mounted (first chunk)', { start });
    window.__ringlensOverviewCy = cy;
    cy.on('tap', 'node', (e) => {
      const n = e.target as cytoscape.NodeSingular;
      const ringId = String(n.data('ringId') ?? '');
      if (n.hasClass('ring-title')) {
        open.current(ringId);
        return;
      }
      setPicked({
        label: String(n.data('label')),
        type: String(n.data('type')),
        role: String(n.data('role')),
        ringId,
      });
      // Highlight the node's ring (or, for a hub or tie, the rings it reaches).
      // Only the elements whose fading changes are restyled (classes.ts): not all 50,000.
      cy.batch(() => {
        const keep = ringId
          ? cy.nodes().filter((x) => x.data('ringId') === ringId)
          : n.closedNeighborhood().nodes();
        const kept = keep.union(keep.connectedEdges());
        setClassWhere(cy, cy.elements().toArray(), 'faded', (x) => !kept.has(x));
      });
    });
    cy.on('tap', (e) => {
      if (e.target === cy) {
        cy.elements('.faded').removeClass('faded');
        setPicked(null);
      }
    });
    cy.on('dbltap', 'node', (e) => {
      const ringId = String((e.target as cytoscape.NodeSingular).data('ringId') ?? '');
      if (ringId) open.current(ringId);
    });
    const ro = new ResizeObserver(() => cy.resize());
    ro.observe(div);
    void done.then(() =>
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (cy.destroyed()) return;
          performance.measure('overview drawn', { start });
          div.setAttribute('data-ready', 'true');
        }),
      ),
    );
    return () => {
      ro.disconnect();
      div.removeAttribute('data-ready');
      cy.destroy();
      if (window.__ringlensOverviewCy === cy) delete window.__ringlensOverviewCy;
    };
  }, [data, webgl, draw]);

  if (error) return <div className="error">{error.message}</div>;
  if (!data) return <div>building the case overview…</div>;
  const hubs = data.nodes.filter((n) => n.role === 'hub').length;
  const ties = data.nodes.filter((n) => n.role === 'tie').length;
  return (
    <div className="case-overview" data-testid="case-overview">
      <div className="graph-toolbar">
        <strong>Case overview</strong>
        <span className="muted" data-testid="overview-status">
          {formatValue(data.rings.length)} rings · {formatValue(data.nodes.length)} nodes ·{' '}
          {formatValue(data.edges.length)} links · {formatValue(hubs)} suppressed hubs ·{' '}
          {formatValue(ties)} identifiers in two or more rings
          {data.truncated && ' · lowest-ranked rings left out (too many elements)'}
        </span>
        <button onClick={() => window.__ringlensOverviewCy?.fit(undefined, 20)}>Fit</button>
        <label title="Cytoscape's WebGL renderer: faster with a graphics card, slower without one">
          <input
            type="checkbox"
            data-testid="overview-webgl"
            checked={webgl}
            onChange={(e) => setWebgl(e.target.checked)}
          />{' '}
          WebGL
        </label>
        {picked && (
          <span data-testid="overview-picked">
            {picked.label} ({visualOf(picked.type).label.toLowerCase()}
            {picked.role === 'hub'
              ? ', suppressed hub'
              : picked.role === 'tie'
                ? ', in two or more rings'
                : ''}
            ){picked.ringId && ` · ring ${picked.ringId} `}
            {picked.ringId && (
              <button data-testid="overview-open-ring" onClick={() => onOpenRing(picked.ringId)}>
                Open ring {picked.ringId}
              </button>
            )}
          </span>
        )}
      </div>
      {!draw && (
        <p data-testid="overview-waiting">
          This overview has {total.toLocaleString('en')} elements: drawing it keeps the window busy
          for a second or more, so it is drawn when you ask.{' '}
          <button type="button" data-testid="overview-draw" onClick={() => setAsked(true)}>
            Draw the case overview
          </button>{' '}
          <span className="muted">or choose a ring from the list.</span>
        </p>
      )}
      <p className="muted small" hidden={!draw}>
        Each disc is a ring (members on the rim, shared identifiers inside); grey dashed nodes are
        suppressed hubs, orange-ringed nodes are identifiers found in two or more rings. Click a
        ring's title or double-click a node to open the ring.
      </p>
      <div
        className="graph-canvas overview-canvas"
        ref={container}
        data-testid="overview-canvas"
        style={{ height, display: draw ? undefined : 'none' }}
      />
    </div>
  );
}
