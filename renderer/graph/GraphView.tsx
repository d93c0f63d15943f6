import { useEffect, useMemo, useRef, useState } from 'react';
import { downloadBlob } from '../util/download';
import { SelectionExport } from './SelectionExport';
import type cytoscape from 'cytoscape';
import type { GraphElements } from '../../shared/api/contract';
import { call } from '../api/client';
import { cy as cytoscapeLib } from './cytoscape-setup';
import {
  detailForZoom,
  edgeVisual,
  nodeVisual,
  stylesheet,
  styleOf,
  TYPE_STYLE,
} from './visual-language';
import type { LayoutRequest } from './layout.worker';

declare global {
  interface Window {
    __ringlensCy?: cytoscape.Core;
  }
}

interface Props {
  readonly elements: GraphElements;
  readonly positions: Record<string, { x: number; y: number }> | null;
  readonly onSelect: (entityId: number) => void;
  readonly onSavePositions?: (positions: Record<string, { x: number; y: number }>) => void;
}

function toCy(
  elements: GraphElements,
  positions?: Record<string, { x: number; y: number }>,
): cytoscape.ElementDefinition[] {
  const hubs = new Set(elements.nodes.filter((n) => n.role === 'hub').map((n) => n.id));
  return [
    ...elements.nodes.map((n) => ({
      group: 'nodes' as const,
      data: { ...n, ...nodeVisual(n.type, n.label) },
      ...(positions?.[n.id] && { position: positions[n.id] }),
    })),
    ...elements.edges.map((e) => ({
      group: 'edges' as const,
      data: {
        ...e,
        ...edgeVisual(e.type, e.number),
        hub: hubs.has(e.source) || hubs.has(e.target) ? 1 : 0,
      },
    })),
  ];
}

function runLayout(request: LayoutRequest): Promise<Record<string, { x: number; y: number }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<Record<string, { x: number; y: number }>>) => {
      resolve(e.data);
      worker.terminate();
    };
    worker.onerror = (e) => {
      reject(new Error(e.message));
      worker.terminate();
    };
    worker.postMessage(request);
  });
}

export function GraphView({ elements, positions, onSelect, onSavePositions }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const navRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('laying out…');
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [pathInfo, setPathInfo] = useState<string>('');
  const [selection, setSelection] = useState<number[]>([]);
  const navRedraw = useRef<(() => void) | null>(null);
  const types = useMemo(() => [...new Set(elements.nodes.map((n) => n.type))].sort(), [elements]);

  useEffect(() => {
    if (!container.current) return;
    let live = true;
    let cy: cytoscape.Core | undefined;
    // Cytoscape is created once the positions are known, so the graph is drawn once.
    const mount = (pos: Record<string, { x: number; y: number }>) => {
      if (!live || !container.current) return;
      cy = cytoscapeLib()({
        container: container.current,
        elements: toCy(elements, pos),
        style: stylesheet(),
        layout: { name: 'preset' },
        minZoom: 0.05,
        maxZoom: 4,
        textureOnViewport: elements.nodes.length > 1500,
        hideEdgesOnViewport: elements.edges.length > 4000,
      });
      cyRef.current = cy;
      window.__ringlensCy = cy;
      cy.on('tap', 'node', (e) => {
        const node = e.target as cytoscape.NodeSingular;
        onSelect(node.data('entityId') as number);
        setSelected((s) => [...s.filter((x) => x !== node.id()), node.id()].slice(-2));
      });
      cy.on('select unselect', 'node', () =>
        setSelection(cy!.$('node:selected').map((n) => n.data('entityId') as number)),
      );
      cy.fit(undefined, 30);
      detailForZoom(cy);
      setStatus(`${cy.nodes().length} nodes, ${cy.edges().length} links`);
      // Ready once the graph has been drawn (two frames, as the bare-Cytoscape baseline in the bench counts);
      // the overview comes after: building it renders the whole graph again.
      const div = container.current;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!live || cyRef.current !== cy || !cy) return;
          div.setAttribute('data-ready', 'true');
          // The navigator: an overview of the whole graph with the visible part framed.
          if (navRef.current) {
            const nav = (
              cy as unknown as { navigator(o: object): { _onRenderHandler?: () => void } }
            ).navigator({
              container: '.navigator',
              viewLiveFramerate: 0,
              thumbnailEventFramerate: 10,
              rerenderDelay: 300,
              removeCustomContainer: false,
            });
            // The extension redraws its thumbnail (a PNG of the whole graph) after every render,
            // panning included; the picture only changes when elements do, so redraw on those.
            const redraw = nav._onRenderHandler;
            if (redraw) {
              (cy as unknown as { offRender(f: () => void): void }).offRender(redraw);
              cy.on('add remove position', redraw);
              // Style events also fire while panning, so changes that hide elements call it themselves.
              navRedraw.current = redraw;
              requestAnimationFrame(() => redraw());
            }
          }
        }),
      );
    };
    const all = elements.nodes.map((n) => n.id);
    const saved = positions && all.every((id) => positions[id]) ? positions : null;
    if (saved) mount(saved);
    else
      void runLayout({
        nodes: all,
        edges: elements.edges.map((e) => [e.source, e.target] as const),
        ...(positions && { fixed: positions }),
      }).then(mount, (e: Error) => setStatus(`layout failed: ${e.message}`));
    return () => {
      live = false;
      cy?.destroy();
      cyRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [elements]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() =>
      cy
        .nodes()
        .forEach((n) => void n.toggleClass('hidden-type', hidden.has(n.data('type') as string))),
    );
    navRedraw.current?.();
  }, [hidden]);

  const focus = () => {
    const cy = cyRef.current;
    if (!cy || !search.trim()) return;
    const q = search.trim().toLowerCase();
    const hits = cy
      .nodes()
      .filter(
        (n) =>
          String(n.data('label')).toLowerCase().includes(q) || String(n.data('entityId')) === q,
      );
    cy.elements().unselect();
    hits.select();
    if (hits.length) cy.animate({ fit: { eles: hits, padding: 80 } }, { duration: 300 });
    setStatus(`${hits.length} match${hits.length === 1 ? '' : 'es'} for “${search}”`);
  };

  const expand = async () => {
    const cy = cyRef.current;
    const id = selected.at(-1);
    if (!cy || !id) return;
    const more = await call('graph.neighbours', { entityId: Number(id.slice(1)), limit: 100 });
    const center = cy.getElementById(id).position();
    const fresh = toCy(more).filter((el) => cy.getElementById(String(el.data.id)).empty());
    fresh.forEach((el, i) => {
      if (el.group === 'nodes')
        el.position = { x: center.x + 120 * Math.cos(i), y: center.y + 120 * Math.sin(i) };
    });
    cy.add(fresh);
    setStatus(
      `added ${fresh.length} elements around ${String(cy.getElementById(id).data('label'))}`,
    );
  };

  const findPath = async () => {
    const cy = cyRef.current;
    if (!cy || selected.length < 2) return;
    const [a, b] = selected as [string, string];
    const paths = await call('path.find', { from: a.slice(1), to: b.slice(1), k: 1, maxHops: 8 });
    cy.elements().removeClass('on-path faded');
    if (!paths.length) {
      setPathInfo('no path within 8 hops');
      return;
    }
    const p = paths[0]!;
    const missing: cytoscape.ElementDefinition[] = [];
    p.steps.forEach((s, i) => {
      if (cy.getElementById(`n${s.entity.id}`).empty())
        missing.push({
          group: 'nodes',
          data: {
            id: `n${s.entity.id}`,
            entityId: s.entity.id,
            type: s.entity.type,
            label: s.entity.label,
            role: 'other',
            ...nodeVisual(s.entity.type, s.entity.label),
          },
          position: { x: 40 * i, y: 40 * i },
        });
      const prev = p.steps[i - 1];
      if (s.via && prev) {
        const eid = `e${s.via.linkId}`;
        if (cy.getElementById(eid).empty()) {
          const [src, dst] = s.via.forward
            ? [prev.entity.id, s.entity.id]
            : [s.entity.id, prev.entity.id];
          missing.push({
            group: 'edges',
            data: {
              id: eid,
              source: `n${src}`,
              target: `n${dst}`,
              type: s.via.type,
              number: 0,
              ...edgeVisual(s.via.type, 0),
            },
          });
        }
      }
    });
    cy.add(missing);
    const onPath = cy.collection();
    p.steps.forEach((s) => {
      onPath.merge(cy.getElementById(`n${s.entity.id}`));
      if (s.via) onPath.merge(cy.getElementById(`e${s.via.linkId}`));
    });
    cy.elements().not(onPath).addClass('faded');
    onPath.addClass('on-path');
    setPathInfo(`${p.hops} hops: ${p.steps.map((s) => s.entity.label).join(' → ')}`);
  };

  const save = () => {
    const cy = cyRef.current;
    if (!cy || !onSavePositions) return;
    const pos: Record<string, { x: number; y: number }> = {};
    cy.nodes().forEach((n) => void (pos[n.id()] = { ...n.position() }));
    onSavePositions(pos);
    setStatus('positions saved: packets will use this arrangement');
  };

  return (
    <div className="graph">
      <div className="toolbar">
        <input
          data-testid="graph-search"
          placeholder="search nodes"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && focus()}
        />
        <button onClick={focus}>Focus</button>
        <button
          onClick={() => void expand()}
          disabled={!selected.length}
          title="add the selected node's neighbours"
        >
          Expand
        </button>
        <button
          data-testid="find-path"
          onClick={() => void findPath()}
          disabled={selected.length < 2}
          title="shortest path between the last two selected nodes"
        >
          Path between selected
        </button>
        <button
          onClick={() => (cyRef.current?.elements().removeClass('on-path faded'), setPathInfo(''))}
        >
          Clear
        </button>
        <button onClick={() => cyRef.current?.fit(undefined, 30)}>Fit</button>
        {onSavePositions && <button onClick={save}>Save positions</button>}
        <button
          onClick={() =>
            cyRef.current &&
            downloadBlob(
              'ring.png',
              cyRef.current.png({
                output: 'blob',
                full: true,
                scale: 2,
                bg: '#ffffff',
              }),
            )
          }
        >
          PNG
        </button>
        <button
          onClick={() =>
            cyRef.current &&
            downloadBlob(
              'ring.svg',
              new Blob(
                [
                  (cyRef.current as unknown as { svg(o: object): string }).svg({
                    full: true,
                    bg: '#ffffff',
                  }),
                ],
                { type: 'image/svg+xml' },
              ),
            )
          }
        >
          SVG
        </button>
        <SelectionExport selectedIds={selection} />
        <span className="status" data-testid="graph-status">
          {status}
        </span>
      </div>
      <div className="legend">
        {types.map((t) => (
          <label key={t} className="legend-item">
            <input
              type="checkbox"
              checked={!hidden.has(t)}
              onChange={() =>
                setHidden((h) =>
                  h.has(t) ? new Set([...h].filter((x) => x !== t)) : new Set([...h, t]),
                )
              }
            />
            <span className="swatch" style={{ background: styleOf(t).color }} />
            {TYPE_STYLE[t]?.label ?? t}
          </label>
        ))}
        <span className="legend-item">
          <span className="swatch member" /> ring member
        </span>
        <span className="legend-item">
          <span className="swatch hub" /> suppressed hub
        </span>
      </div>
      {pathInfo && (
        <div className="path-info" data-testid="path-info">
          {pathInfo}
        </div>
      )}
      <div className="canvas-wrap">
        <div className="canvas" ref={container} data-testid="graph-canvas" />
        <div
          className="navigator"
          ref={navRef}
          data-testid="graph-navigator"
          title="overview: drag the frame to move around"
        />
      </div>
    </div>
  );
}
