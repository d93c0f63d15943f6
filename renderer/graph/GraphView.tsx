/**
 * The investigator's chart: a ring graph (or a blank chart built from search) to lay out,
 * expand, collapse, hide, pin, group, undo and redo; labels readable at every zoom; case-wide
 * search; k paths between any two entities; every link traceable to its bundle rows.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type cytoscape from 'cytoscape';
import { downloadBlob } from '../util/download';
import { SelectionExport } from './SelectionExport';
import type { GraphElements, Output } from '../../shared/api/contract';
import { call } from '../api/client';
import { cy as cytoscapeLib } from './cytoscape-setup';
import { MEMBER_SIZE, NODE_SIZE, stylesheet } from './visual-language';
import type { LayoutMessage } from './layout.worker';
import type { LayoutName, LayoutRequest, Point } from './layout-engine';
import { quickPlacement } from './radial-tree';
import { firstView, labelDeclutter, type LabelSettings } from './labels';
import { drawn, setClassWhere } from './classes';
import {
  addElements,
  collapse,
  group,
  hide,
  History,
  showAll,
  togglePin,
  toCy,
  ungroup,
} from './chart-edits';
import { Legend } from './Legend';
import { CaseSearch } from './CaseSearch';
import { graphActionOf, type GraphAction } from './shortcuts';
import { collapsePhotos, expandAllPhotos, expandPhoto, sourceEdgeIds } from './photo-collapse';
import './graph.css';

declare global {
  interface Window {
    __ringlensCy?: cytoscape.Core;
  }
}

interface Props {
  readonly elements: GraphElements;
  readonly positions: Record<string, { x: number; y: number }> | null;
  /** Elements that arrive after the chart is drawn (a ring's probable edges), added once laid out. */
  readonly late?: GraphElements | null;
  readonly onSelect: (entityId: number) => void;
  readonly onSavePositions?: (positions: Record<string, { x: number; y: number }>) => void;
}

/** Rings above this size draw cheaper links (haystack, no arrows). */
const BIG = 1500;
/**
 * Rings from this size are drawn at once in their quick radial placement while the worker
 * refines the layout (smaller ones lay out in well under a second: one jump is enough).
 */
const QUICK_FIRST = 400;
const MIN_ZOOM = 0.02;
const MAX_ZOOM = 6;

/** Runs `f`, timed as a User Timing measure (the bench's phase table lists them). */
function timed<T>(name: string, f: () => T): T {
  const start = performance.now();
  try {
    return f();
  } finally {
    performance.measure(name, { start });
  }
}

function runLayout(
  request: LayoutRequest,
  onProgress: (fraction: number, phase: string) => void,
): Promise<Record<string, Point>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<LayoutMessage>) => {
      if (e.data.kind === 'progress') onProgress(e.data.fraction, e.data.phase);
      else {
        resolve(e.data.positions);
        worker.terminate();
      }
    };
    worker.onerror = (e) => {
      reject(new Error(e.message));
      worker.terminate();
    };
    worker.postMessage(request);
  });
}

function layoutRequest(
  cy: cytoscape.Core,
  name: LayoutName,
  fixed?: Record<string, Point>,
): LayoutRequest {
  const nodes = cy.nodes().filter((n) => !n.isParent());
  return {
    name,
    nodes: nodes.map((n) => ({
      id: n.id(),
      type: String(n.data('type')),
      role: String(n.data('role')),
    })),
    edges: cy.edges().map((e) => [e.source().id(), e.target().id()] as const),
    ...(fixed && { fixed }),
  };
}

type Sources = Output<'graph.edgeSources'>[number] & { label: string };

export function GraphView({ elements, positions, late, onSelect, onSavePositions }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  // The live chart, its history and its label pass: one mutable holder that lives as long as
  // the view (state, not refs, because the toolbar reads it while rendering).
  const [live] = useState(() => ({
    cy: null as cytoscape.Core | null,
    history: null as History | null,
    labels: null as { update: () => void; dispose: () => void } | null,
  }));
  /** The late elements already added to the chart. */
  const lateAdded = useRef<GraphElements | null>(null);
  /** The chart drawn and laid out (its refined layout applied): late elements may join. */
  const [laidOut, setLaidOut] = useState<cytoscape.Core | null>(null);
  // A new blank chart (from search) replaces the ring's elements until the ring changes.
  const [override, setOverride] = useState<{
    from: GraphElements;
    elements: GraphElements;
    positions: null;
  } | null>(null);
  const chart = useMemo(
    () => (override && override.from === elements ? override : { elements, positions }),
    [override, elements, positions],
  );
  const [status, setStatus] = useState('laying out…');
  const [progress, setProgress] = useState<number | null>(0);
  const [layoutName, setLayoutName] = useState<LayoutName>('force');
  const [legend, setLegend] = useState<{ type: string; count: number }[]>([]);
  const [roles, setRoles] = useState({ members: false, hubs: false, probable: false });
  const [hiddenTypes, setHiddenTypes] = useState<Set<string>>(new Set());
  const [unlabelled, setUnlabelled] = useState<Set<string>>(new Set());
  const [labelPx, setLabelPx] = useState(12);
  const [edgeLabels, setEdgeLabels] = useState(true);
  const [selectedNodes, setSelectedNodes] = useState<string[]>([]);
  const [ends, setEnds] = useState<{
    from?: { id: number; label: string };
    to?: { id: number; label: string };
  }>({});
  const [k, setK] = useState(3);
  const [pathInfo, setPathInfo] = useState<string[]>([]);
  const [sources, setSources] = useState<Sources | null>(null);
  /** Photos folded into "shares photo" links (0: every photo drawn with its listings). */
  const [folded, setFolded] = useState(0);
  const [, setTick] = useState(0);
  const labelSettings = useRef<LabelSettings>({
    px: 12,
    hiddenTypes: new Set(),
    edgeLabels: true,
  });

  // The graph takes the height left in the window below it, and follows window resizes.
  useEffect(() => {
    const fit = () => {
      const el = root.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top;
      el.style.height = `${Math.max(360, window.innerHeight - top - 10)}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    // Text above the graph rewraps when a side panel takes width: follow its height too.
    const ro = new ResizeObserver(fit);
    if (root.current?.parentElement) ro.observe(root.current.parentElement);
    return () => {
      window.removeEventListener('resize', fit);
      ro.disconnect();
    };
  }, []);

  const refreshLegend = useCallback(() => {
    const cy = live.cy;
    if (!cy) return;
    const counts = new Map<string, number>();
    // What is drawn is read from the classes that hide (display: none in the style sheet), not
    // from Cytoscape's `:visible`, which computes every node's style first: on a 3,505-node
    // ring that was 200 ms before its first frame.
    const roles = { members: false, hubs: false };
    cy.nodes().forEach((n) => {
      if (n.isParent() || !drawn(n)) return;
      const t = String(n.data('type'));
      counts.set(t, (counts.get(t) ?? 0) + 1);
      const role = n.data('role') as string;
      if (role === 'member') roles.members = true;
      else if (role === 'hub') roles.hubs = true;
    });
    // A type hidden from the legend's switch stays listed so it can be shown again.
    for (const t of hiddenTypes)
      if (cy.nodes(`[type = "${t}"]`).nonempty()) counts.set(t, counts.get(t) ?? 0);
    setLegend(
      [...counts.entries()]
        .map(([type, count]) => ({ type, count }))
        .sort((a, b) => a.type.localeCompare(b.type)),
    );
    setRoles({
      ...roles,
      probable: cy.edges('[type = "probable_match"]').toArray().some(drawn),
    });
    setFolded(cy.nodes('.photo-folded[type = "image_fingerprint"]').length);
    setTick((t) => t + 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- live is a holder for the imperative Cytoscape chart, made once per component; React renders nothing from it
  }, [hiddenTypes]);

  /** Runs an edit with an undo snapshot first, then refreshes legend and labels. */
  const edit = (what: (cy: cytoscape.Core) => void | Promise<void>) => async () => {
    const cy = live.cy;
    if (!cy) return;
    live.history?.record();
    await what(cy);
    refreshLegend();
    live.labels?.update();
  };

  const place = async (cy: cytoscape.Core, fresh: cytoscape.NodeCollection) => {
    if (fresh.empty()) return;
    const fixed: Record<string, Point> = {};
    cy.nodes()
      .difference(fresh)
      .forEach((n) => void (!n.isParent() && (fixed[n.id()] = { ...n.position() })));
    setProgress(0);
    const pos = await runLayout(layoutRequest(cy, 'force', fixed), (f) => setProgress(f));
    setProgress(null);
    cy.batch(() => fresh.forEach((n) => void (pos[n.id()] && n.position(pos[n.id()]!))));
  };

  // eslint-disable-next-line react-hooks/immutability -- live is a holder for the imperative Cytoscape chart, made once per component; React renders nothing from it
  useEffect(() => {
    const div0 = container.current;
    if (!div0) return;
    let alive = true;
    let cy: cytoscape.Core | undefined;
    const { elements: els, positions: saved } = chart;
    const big = els.nodes.length > BIG;
    /** Nodes the investigator dragged before the refined layout came: they stay put. */
    const dragged = new Set<string>();
    /** Marks the chart drawn (and laid out when `final`) once two frames have painted it. */
    const painted = (final: boolean) => {
      const c = cy;
      const div = container.current;
      if (!c || !div) return;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!alive || live.cy !== c) return;
          div.setAttribute('data-drawn', 'true');
          performance.mark(final ? 'graph ready' : 'graph quick placement painted');
          if (final) {
            div.setAttribute('data-ready', 'true');
            setLaidOut(c);
          }
        }),
      );
    };
    const mount = (pos: Record<string, Point>, final: boolean) => {
      if (!alive || !container.current) return;
      const defs = timed('graph: elements built', () => toCy(els, pos));
      // Types switched off in the legend stay off in a new chart (classes given at creation
      // cost no restyle).
      for (const d of defs)
        if (d.group === 'nodes' && hiddenTypes.has(String(d.data.type))) d.classes = 'hidden-type';
      const div = container.current;
      // The fit and the first label pass, computed from the positions before Cytoscape
      // draws: given at creation, nothing is restyled or fitted again before the first frame.
      const view = timed('graph: first view', () =>
        firstView(
          els.nodes.map((n, i) => ({
            id: n.id,
            type: n.type,
            role: n.role,
            display: String(defs[i]!.data.display),
            size: n.role === 'member' ? MEMBER_SIZE : NODE_SIZE,
          })),
          els.edges,
          pos,
          { width: div.clientWidth, height: div.clientHeight },
          { ...labelSettings.current, hiddenNodeTypes: hiddenTypes },
          { minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, padding: 30 },
        ),
      );
      if (view)
        for (const d of defs)
          if (view.labelled.has(String(d.data.id))) {
            d.classes = d.classes ? `${String(d.classes)} labelled` : 'labelled';
            d.data.fs = d.group === 'nodes' ? view.nodeFs : view.edgeFs;
          }
      cy = timed('graph: cytoscape created', () =>
        cytoscapeLib()({
          container: div,
          elements: defs,
          style: stylesheet(big),
          ...(view
            ? { zoom: view.zoom, pan: view.pan, layout: { name: 'preset', fit: false } }
            : { layout: { name: 'preset' } }),
          minZoom: MIN_ZOOM,
          maxZoom: MAX_ZOOM,
          // Textures while panning keep big rings smooth; labels are redrawn sharp at rest.
          textureOnViewport: big,
          hideEdgesOnViewport: els.edges.length > 4000,
          boxSelectionEnabled: true,
        }),
      );
      // eslint-disable-next-line react-hooks/immutability -- live is a holder for the imperative Cytoscape chart, made once per component; React renders nothing from it
      live.cy = cy;
      window.__ringlensCy = cy;
      live.history = new History(cy);
      cy.nodes('.pinned').lock();
      cy.on('tap', 'node', (e) => {
        const node = e.target as cytoscape.NodeSingular;
        if (node.isParent()) return;
        const id = Number(node.data('entityId'));
        if (id > 0) onSelect(id);
        setSelectedNodes((s) => [...s.filter((x) => x !== node.id()), node.id()].slice(-2));
      });
      cy.on('tap', 'edge', (e) => {
        const edge = e.target as cytoscape.EdgeSingular;
        const label = `${String(edge.source().data('label'))} — ${String(edge.data('type')).replace(/_/g, ' ')} → ${String(edge.target().data('label'))}`;
        const edgeIds = sourceEdgeIds(edge);
        // A folded "shares photo" link opens into its listings; its rows are listed all the same.
        if (edge.hasClass('shares-photo')) {
          live.history?.record();
          expandPhoto(cy!, String(edge.data('photo')));
          setFolded(cy!.nodes('.photo-folded[type = "image_fingerprint"]').length);
          refreshLegend();
          live.labels?.update();
        }
        void call('graph.edgeSources', { edgeIds }).then(
          (r) => setSources({ edgeId: edge.id(), sources: r.flatMap((x) => x.sources), label }),
          (err: Error) =>
            setSources({ edgeId: edge.id(), sources: [], label: `${label}: ${err.message}` }),
        );
      });
      cy.on('select unselect', 'node', () => setTick((t) => t + 1));
      cy.on('dragfree', 'node', (e) => void dragged.add((e.target as cytoscape.NodeSingular).id()));
      live.labels = labelDeclutter(cy, () => labelSettings.current);
      if (!view) {
        cy.fit(undefined, 30);
        timed('graph: labels placed', () => live.labels!.update());
      }
      timed('graph: legend', refreshLegend);
      const counts = `${cy.nodes().length} nodes, ${cy.edges().length} links`;
      if (final) {
        setProgress(null);
        setStatus(counts);
      } else setStatus(`${counts} · quick placement drawn, refining the layout…`);
      cy.one('render', () => performance.mark('graph: first frame rendered'));
      performance.mark('graph mounted');
      painted(final);
    };
    /** The worker's layout replaces the quick placement (nodes dragged meanwhile stay put). */
    const refine = (pos: Record<string, Point>) => {
      if (!alive || !cy) return;
      const c = cy;
      c.batch(() =>
        c.nodes().forEach((n) => {
          const p = pos[n.id()];
          if (p && !n.locked() && !dragged.has(n.id())) n.position(p);
        }),
      );
      c.fit(undefined, 30);
      live.labels?.update();
      setProgress(null);
      setStatus(`${c.nodes().length} nodes, ${c.edges().length} links`);
      painted(true);
    };
    const ids = els.nodes.map((n) => n.id);
    if (saved && ids.every((id) => saved[id])) mount(saved, true);
    else {
      performance.mark('graph layout start');
      setProgress(0);
      const req: LayoutRequest = {
        name: 'force',
        nodes: els.nodes.map((n) => ({ id: n.id, type: n.type, role: n.role })),
        edges: els.edges.map((e) => [e.source, e.target] as const),
        ...(saved && { fixed: saved }),
      };
      const startLayout = () =>
        void runLayout(req, (f) => alive && setProgress(f)).then(
          (p) => {
            performance.mark('graph layout done');
            if (cy) refine(p);
            else mount(p, true);
          },
          (e: Error) => setStatus(`layout failed: ${e.message}`),
        );
      // A big ring is drawn at once in the radial tree the force layout starts from, and the
      // worker starts once that is on screen: on a two-core laptop it shared the CPU with
      // the first frame (click to drawn 2.25 s on a 3,505-node ring with both at once).
      if (els.nodes.length >= QUICK_FIRST) {
        mount({ ...quickPlacement(req.nodes, req.edges), ...saved }, false);
        requestAnimationFrame(() => requestAnimationFrame(() => alive && startLayout()));
      } else startLayout();
    }
    // The canvas follows its box: a side panel opening shrinks the graph.
    const ro = new ResizeObserver(() => live.cy?.resize());
    ro.observe(div0);
    return () => {
      alive = false;
      ro.disconnect();
      live.labels?.dispose();
      cy?.destroy();
      live.cy = null;
      lateAdded.current = null;
      setLaidOut(null);
      div0.removeAttribute('data-ready');
      div0.removeAttribute('data-drawn');
      div0.removeAttribute('data-late');
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chart]);

  // Late elements (a ring's probable edges) join once the layout is done, beside a drawn end.
  useEffect(() => {
    const cy = laidOut;
    if (!cy || cy !== live.cy || !late || lateAdded.current === late) return;
    lateAdded.current = late;
    const fresh = addElements(cy, late);
    fresh.nodes().forEach((n, i) => {
      const anchor = n.neighborhood('node').filter((m) => !fresh.contains(m))[0];
      const a = anchor?.position() ?? { x: 0, y: 0 };
      const angle = (i * 2.4) % (2 * Math.PI);
      n.position({ x: a.x + Math.cos(angle) * 60, y: a.y + Math.sin(angle) * 60 });
    });
    refreshLegend();
    live.labels?.update();
    container.current?.setAttribute('data-late', 'true');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- live is a holder for the imperative Cytoscape chart, made once per component; React renders nothing from it
  }, [laidOut, late, refreshLegend]);

  useEffect(() => {
    const was = labelSettings.current;
    labelSettings.current = { px: labelPx, hiddenTypes: unlabelled, edgeLabels };
    // The chart's first label pass ran with these settings already: no second one at mount.
    if (
      was.px === labelPx &&
      was.edgeLabels === edgeLabels &&
      was.hiddenTypes.size === unlabelled.size &&
      [...unlabelled].every((t) => was.hiddenTypes.has(t))
    )
      return;
    live.labels?.update();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- live is a holder for the imperative Cytoscape chart, made once per component; React renders nothing from it
  }, [labelPx, unlabelled, edgeLabels]);

  useEffect(() => {
    const cy = live.cy;
    if (!cy) return;
    // Only the nodes whose type was switched on or off change (the chart was drawn with them).
    const nodes = cy
      .nodes()
      .toArray()
      .filter((n) => !n.isParent());
    const changed = nodes.some(
      (n) => n.hasClass('hidden-type') !== hiddenTypes.has(String(n.data('type'))),
    );
    if (!changed) return;
    cy.batch(() =>
      setClassWhere(cy, nodes, 'hidden-type', (n) => hiddenTypes.has(String(n.data('type')))),
    );
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the legend mirrors what Cytoscape (an external system) draws
    refreshLegend();
    live.labels?.update();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- live is a holder for the imperative Cytoscape chart, made once per component; React renders nothing from it
  }, [hiddenTypes, refreshLegend]);

  const relayout = edit(async (cy) => {
    const pinned: Record<string, Point> = {};
    cy.nodes('.pinned').forEach((n) => void (pinned[n.id()] = { ...n.position() }));
    setProgress(0);
    setStatus(`laying out (${layoutName})…`);
    const pos = await runLayout(layoutRequest(cy, layoutName, pinned), (f) => setProgress(f));
    setProgress(null);
    cy.batch(() =>
      cy.nodes().forEach((n) => void (pos[n.id()] && !n.locked() && n.position(pos[n.id()]!))),
    );
    cy.fit(undefined, 30);
    setStatus(`${cy.nodes().length} nodes, ${cy.edges().length} links · ${layoutName} layout`);
  });

  const selected = () => live.cy?.nodes(':selected').filter((n) => !n.isParent());
  const lastTapped = () => {
    const id = selectedNodes.at(-1);
    return id ? live.cy?.getElementById(id) : undefined;
  };

  const expand = edit(async (cy) => {
    const node = lastTapped();
    if (!node || node.empty() || Number(node.data('entityId')) <= 0) return;
    const more = await call('graph.neighbours', {
      entityId: Number(node.data('entityId')),
      limit: 100,
    });
    const fresh = addElements(cy, more, node.id()).nodes();
    await place(cy, fresh);
    setStatus(`added ${fresh.length} nodes around ${String(node.data('label'))}`);
  });

  const collapseNode = edit((cy) => {
    const node = lastTapped();
    if (!node || node.empty()) return;
    const n = collapse(cy, node);
    setStatus(`collapsed ${n} nodes into ${String(node.data('label'))}`);
  });

  const drawnIds = () => new Set(live.cy?.nodes().map((n) => Number(n.data('entityId'))) ?? []);

  const addEntities = (ids: number[]) =>
    void edit(async (cy) => {
      const drawn = [...drawnIds()].filter((x) => x > 0);
      const more = await call('graph.entities', { entityIds: ids, drawn });
      const fresh = addElements(cy, more, 'search').nodes();
      await place(cy, fresh);
      cy.elements().unselect();
      fresh.select();
      cy.animate({ fit: { eles: cy.elements(':visible'), padding: 40 } }, { duration: 250 });
      setStatus(`added ${fresh.length} from search`);
    })();

  const newChart = async (ids: number[]) => {
    const more = await call('graph.entities', { entityIds: ids, drawn: [] });
    setOverride({ from: elements, elements: more, positions: null });
  };

  const focusEntity = (id: number) => {
    const cy = live.cy;
    const n = cy?.getElementById(`n${id}`);
    if (!cy || !n || n.empty()) return;
    cy.elements().unselect();
    n.select();
    cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
  };

  const pathEnds = () => {
    const cy = live.cy;
    const fromTap = selectedNodes.map((id) => cy?.getElementById(id));
    const a =
      ends.from ??
      (fromTap.length === 2 && fromTap[0]
        ? { id: Number(fromTap[0].data('entityId')), label: String(fromTap[0].data('label')) }
        : undefined);
    const b =
      ends.to ??
      (fromTap.length >= 1 && fromTap.at(-1)
        ? {
            id: Number(fromTap.at(-1)!.data('entityId')),
            label: String(fromTap.at(-1)!.data('label')),
          }
        : undefined);
    return a && b && a.id !== b.id ? ([a, b] as const) : null;
  };

  const findPaths = edit(async (cy) => {
    const pair = pathEnds();
    if (!pair) return;
    const [a, b] = pair;
    const paths = await call('path.find', { from: String(a.id), to: String(b.id), k, maxHops: 8 });
    cy.elements('.on-path, .faded, .path-end').removeClass('on-path faded path-end');
    if (!paths.length) {
      setPathInfo([`no path within 8 hops between ${a.label} and ${b.label}`]);
      return;
    }
    // Everything on the paths joins the chart, then gets highlighted; both ends marked.
    const nodes = new Map<number, GraphElements['nodes'][number]>();
    const edges: GraphElements['edges'] = [];
    for (const p of paths)
      p.steps.forEach((s, i) => {
        nodes.set(s.entity.id, {
          id: `n${s.entity.id}`,
          entityId: s.entity.id,
          type: s.entity.type,
          label: s.entity.label,
          role: 'other',
        });
        const prev = p.steps[i - 1];
        if (s.via && prev) {
          const [src, dst] = s.via.forward
            ? [prev.entity.id, s.entity.id]
            : [s.entity.id, prev.entity.id];
          edges.push({
            id: `e${s.via.linkId}`,
            source: `n${src}`,
            target: `n${dst}`,
            type: s.via.type,
            number: 0,
          });
        }
      });
    const fresh = addElements(cy, { nodes: [...nodes.values()], edges }, 'path').nodes();
    await place(cy, fresh);
    const on = cy.collection();
    for (const p of paths)
      for (const s of p.steps) {
        on.merge(cy.getElementById(`n${s.entity.id}`));
        if (s.via) on.merge(cy.getElementById(`e${s.via.linkId}`));
      }
    cy.elements().not(on).addClass('faded');
    on.addClass('on-path');
    cy.getElementById(`n${a.id}`).addClass('path-end');
    cy.getElementById(`n${b.id}`).addClass('path-end');
    cy.animate({ fit: { eles: on, padding: 60 } }, { duration: 250 });
    setPathInfo(
      paths.map((p) => `${p.hops} hops: ${p.steps.map((s) => s.entity.label).join(' → ')}`),
    );
  });

  const clearPaths = () => {
    live.cy?.elements('.on-path, .faded, .path-end').removeClass('on-path faded path-end');
    setPathInfo([]);
    setEnds({});
  };

  const save = () => {
    const cy = live.cy;
    if (!cy || !onSavePositions) return;
    const pos: Record<string, { x: number; y: number }> = {};
    cy.nodes().forEach((n) => void (!n.isParent() && (pos[n.id()] = { ...n.position() })));
    onSavePositions(pos);
    setStatus('positions saved: packets will use this arrangement');
  };

  const h = live.history;
  const sel = selected();
  const pair = pathEnds();

  // Keyboard shortcuts (shortcuts.ts): the latest handlers, read when a key is pressed.
  const actions = useRef<Partial<Record<GraphAction, () => void>>>({});
  // Refreshed after every render, so a key press runs today's handlers.
  useEffect(() => {
    actions.current = {
      expand: () => void (selectedNodes.length && expand()),
      collapse: () => void (selectedNodes.length && collapseNode()),
      hide: () => void (sel?.length && edit(() => hide(selected()!))()),
      showAll: () => void edit((cy) => showAll(cy))(),
      pin: () => void (sel?.length && edit(() => togglePin(selected()!))()),
      path: () => void (pair && findPaths()),
      clearPath: clearPaths,
      fit: () => live.cy?.fit(undefined, 30),
      relayout: () => void relayout(),
      undo: () => h?.canUndo && (h.undo(), refreshLegend(), live.labels?.update()),
      redo: () => h?.canRedo && (h.redo(), refreshLegend(), live.labels?.update()),
    };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing =
        !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName ?? ''));
      if (typing || e.defaultPrevented || document.querySelector('[role=dialog][aria-modal]'))
        return;
      const action = graphActionOf(e);
      const run = action && actions.current[action];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="graph" ref={root}>
      <div className="graph-toolbar">
        <CaseSearch
          isDrawn={(id) => drawnIds().has(id)}
          onAdd={addEntities}
          onNewChart={(ids) => void newChart(ids)}
          onPathEnd={(end, e) => setEnds((x) => ({ ...x, [end]: e }))}
          onFocus={focusEntity}
        />
        <span className="graph-group" role="group" aria-label="layout">
          <select
            data-testid="layout-choice"
            value={layoutName}
            onChange={(e) => setLayoutName(e.target.value as LayoutName)}
            aria-label="layout"
          >
            <option value="force">force-directed</option>
            <option value="grouped">grouped by type</option>
            <option value="hierarchical">hierarchical (ownership)</option>
          </select>
          <button data-testid="relayout" aria-keyshortcuts="R" onClick={() => void relayout()}>
            Re-layout
          </button>
          <button onClick={() => live.cy?.fit(undefined, 30)}>Fit</button>
        </span>
        <span className="graph-group" role="group" aria-label="edit">
          <button
            data-testid="undo"
            aria-keyshortcuts="Control+Z"
            disabled={!h?.canUndo}
            onClick={() => (h?.undo(), refreshLegend(), live.labels?.update())}
          >
            Undo
          </button>
          <button
            data-testid="redo"
            aria-keyshortcuts="Control+Shift+Z"
            disabled={!h?.canRedo}
            onClick={() => (h?.redo(), refreshLegend(), live.labels?.update())}
          >
            Redo
          </button>
          <button
            data-testid="expand"
            aria-keyshortcuts="E"
            onClick={() => void expand()}
            disabled={!selectedNodes.length}
            title="add the last clicked node's neighbours"
          >
            Expand
          </button>
          <button
            data-testid="collapse"
            aria-keyshortcuts="C"
            onClick={() => void collapseNode()}
            disabled={!selectedNodes.length}
            title="remove what expanding the last clicked node added"
          >
            Collapse
          </button>
          <button
            data-testid="hide"
            aria-keyshortcuts="H"
            disabled={!sel?.length}
            onClick={() => void edit(() => hide(selected()!))()}
          >
            Hide
          </button>
          <button onClick={() => void edit((cy) => showAll(cy))()}>Show all</button>
          <button
            data-testid="fold-photos"
            aria-pressed={folded > 0}
            title="draw shared photos as one 'shares photo' link between shops (click a link to open it), or with their listings"
            onClick={() =>
              void edit((cy) => {
                if (folded) {
                  expandAllPhotos(cy);
                  setFolded(0);
                  setStatus('photos drawn with their listings');
                } else {
                  const n = collapsePhotos(cy);
                  setFolded(n);
                  setStatus(`${n} shared photos folded into "shares photo" links`);
                }
              })()
            }
          >
            {folded ? 'Photos: show listings' : 'Photos: fold to "shares photo"'}
          </button>
          <button
            data-testid="pin"
            aria-keyshortcuts="I"
            disabled={!sel?.length}
            onClick={() => void edit(() => togglePin(selected()!))()}
            title="pinned nodes stay put through re-layouts"
          >
            Pin
          </button>
          <button
            data-testid="group"
            disabled={(sel?.length ?? 0) < 2}
            onClick={() =>
              void edit((cy) => group(cy, selected()!, `group of ${selected()!.length}`))()
            }
          >
            Group
          </button>
          <button disabled={!sel?.length} onClick={() => void edit(() => ungroup(selected()!))()}>
            Ungroup
          </button>
        </span>
        <span className="graph-group" role="group" aria-label="paths">
          <span className="muted" data-testid="path-ends">
            {pair ? `${pair[0].label} ↔ ${pair[1].label}` : 'pick two ends'}
          </span>
          <select
            value={k}
            onChange={(e) => setK(Number(e.target.value))}
            aria-label="number of paths"
          >
            {[1, 2, 3, 5, 8].map((n) => (
              <option key={n} value={n}>
                {n} path{n > 1 ? 's' : ''}
              </option>
            ))}
          </select>
          <button
            data-testid="find-path"
            aria-keyshortcuts="P"
            onClick={() => void findPaths()}
            disabled={!pair}
          >
            Find paths
          </button>
          <button data-testid="clear-paths" onClick={clearPaths}>
            Clear
          </button>
        </span>
        <span className="graph-group" role="group" aria-label="labels">
          <label>
            labels{' '}
            <select
              data-testid="label-size"
              value={labelPx}
              onChange={(e) => setLabelPx(Number(e.target.value))}
            >
              {[11, 12, 14, 16, 18].map((p) => (
                <option key={p} value={p}>
                  {p} px
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              checked={edgeLabels}
              onChange={(e) => setEdgeLabels(e.target.checked)}
            />{' '}
            link labels
          </label>
        </span>
        <span className="graph-group" role="group" aria-label="export">
          {onSavePositions && <button onClick={save}>Save positions</button>}
          <button
            onClick={() =>
              live.cy &&
              downloadBlob(
                'ring.png',
                live.cy.png({
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
              live.cy &&
              downloadBlob(
                'ring.svg',
                new Blob(
                  [
                    (live.cy as unknown as { svg(o: object): string }).svg({
                      full: true,
                      bg: '#ffffff',
                    }),
                  ],
                  {
                    type: 'image/svg+xml',
                  },
                ),
              )
            }
          >
            SVG
          </button>
          <SelectionExport
            selectedIds={
              (sel ?? live.cy?.collection())
                ?.map((n) => Number(n.data('entityId')))
                .filter((x) => x > 0) ?? []
            }
          />
        </span>
        <span className="graph-status" data-testid="graph-status">
          {progress !== null && (
            <progress
              data-testid="layout-progress"
              value={progress}
              max={1}
              aria-label="layout progress"
            />
          )}{' '}
          {status}
        </span>
      </div>
      <Legend
        types={legend}
        hiddenTypes={hiddenTypes}
        unlabelledTypes={unlabelled}
        onToggleType={(t) =>
          setHiddenTypes((s) => {
            const n = new Set(s);
            if (n.has(t)) n.delete(t);
            else n.add(t);
            return n;
          })
        }
        onToggleLabels={(t) =>
          setUnlabelled((s) => {
            const n = new Set(s);
            if (n.has(t)) n.delete(t);
            else n.add(t);
            return n;
          })
        }
        hasMembers={roles.members}
        hasHubs={roles.hubs}
        hasProbable={roles.probable}
      />
      {pathInfo.length > 0 && (
        <ol className="graph-path-info" data-testid="path-info">
          {pathInfo.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ol>
      )}
      <div className="graph-body">
        <div className="graph-canvas-wrap">
          <div className="graph-canvas" ref={container} data-testid="graph-canvas" />
        </div>
        {sources && (
          <aside className="graph-sources" data-testid="edge-sources">
            <button className="close" onClick={() => setSources(null)} aria-label="close sources">
              ✕
            </button>
            <h3>{sources.label}</h3>
            {sources.sources.length ? (
              <ul>
                {sources.sources.map((s, i) => (
                  <li key={i}>
                    <code>{s.bundleId}</code> {s.file}:{s.line}
                    <div className="muted small">
                      bundle sha256 {s.bundleSha256.slice(0, 16)}… ·{' '}
                      {s.signer ? `signed by ${s.signer.slice(0, 16)}…` : 'unsigned'}
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">no source rows recorded for this link</p>
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
