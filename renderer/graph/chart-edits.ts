/**
 * Chart edits as investigators know them from i2 and Maltego, as functions of the Cytoscape
 * core: add elements (from expand, search or paths), collapse what an expand added, hide,
 * pin, group; and an undo/redo history of snapshots taken before each edit.
 */
import type cytoscape from 'cytoscape';
import type { GraphElements } from '../../shared/api/contract';
import { edgeVisual, nodeVisual } from './visual-language';

export function toCy(
  elements: GraphElements,
  positions?: Record<string, { x: number; y: number }> | null,
): cytoscape.ElementDefinition[] {
  const hubs = new Set(elements.nodes.filter((n) => n.role === 'hub').map((n) => n.id));
  return [
    ...elements.nodes.map((n) => ({
      group: 'nodes' as const,
      data: { ...n, ...nodeVisual(n.type, n.label) },
      ...(positions?.[n.id] && { position: { ...positions[n.id]! } }),
    })),
    ...elements.edges.map((e) => ({
      group: 'edges' as const,
      data: {
        ...e,
        ...edgeVisual(e.type, e.number, e.probability),
        hub: hubs.has(e.source) || hubs.has(e.target) ? 1 : 0,
      },
    })),
  ];
}

/**
 * Adds what is not drawn yet (edges only where both ends are drawn) and returns the new
 * collection; new nodes remember who brought them (`addedBy`) so a collapse can take them away.
 */
export function addElements(
  cy: cytoscape.Core,
  elements: GraphElements,
  addedBy?: string,
): cytoscape.CollectionReturnValue {
  const defs = toCy(elements).filter((el) => cy.getElementById(String(el.data.id)).empty());
  const nodes = defs.filter((d) => d.group === 'nodes');
  for (const n of nodes) if (addedBy) n.data.addedBy = addedBy;
  const known = new Set([...cy.nodes().map((n) => n.id()), ...nodes.map((n) => String(n.data.id))]);
  const edges = defs.filter(
    (d) =>
      d.group === 'edges' && known.has(String(d.data.source)) && known.has(String(d.data.target)),
  );
  return cy.add([...nodes, ...edges]);
}

/** Removes the nodes an expand of `node` added that nothing else holds on to. */
export function collapse(cy: cytoscape.Core, node: cytoscape.NodeSingular): number {
  const brought = cy
    .nodes()
    .filter(
      (n) =>
        n.data('addedBy') === node.id() &&
        !n.hasClass('pinned') &&
        n.neighborhood('node').every((m) => m.same(node) || m.data('addedBy') === node.id()),
    );
  const count = brought.length;
  brought.remove();
  return count;
}

export function hide(eles: cytoscape.CollectionReturnValue): void {
  eles.addClass('hidden');
}
export function showAll(cy: cytoscape.Core): void {
  cy.elements('.hidden').removeClass('hidden');
}

/** Pinned nodes keep their place through re-layouts and cannot be dragged by accident. */
export function togglePin(nodes: cytoscape.NodeCollection): void {
  nodes.forEach((n) => {
    const pin = !n.hasClass('pinned');
    n.toggleClass('pinned', pin);
    if (pin) n.lock();
    else n.unlock();
  });
}

let groupCounter = 0;
/** Puts the nodes in a named box (a Cytoscape compound node); ungroup releases them. */
export function group(cy: cytoscape.Core, nodes: cytoscape.NodeCollection, name: string): void {
  const id = `group-${Date.now().toString(36)}-${groupCounter++}`;
  cy.add({
    group: 'nodes',
    data: { id, type: 'group', role: 'group', display: name, label: name, fs: 12 / cy.zoom() },
  });
  nodes.move({ parent: id });
}
export function ungroup(nodes: cytoscape.NodeCollection): void {
  nodes.forEach((n) => {
    if (n.isParent()) {
      n.children().move({ parent: null });
      n.remove();
    } else if (n.isChild()) n.move({ parent: null });
  });
}

/** Undo and redo over whole-chart snapshots (elements with positions, classes, locks). */
export class History {
  private readonly past: object[][] = [];
  private readonly future: object[][] = [];
  constructor(
    private readonly cy: cytoscape.Core,
    private readonly limit = 40,
  ) {}
  private snapshot(): object[] {
    return this.cy.elements().jsons();
  }
  private restore(s: object[]): void {
    this.cy.batch(() => {
      this.cy.elements().remove();
      const added = this.cy.add(s as cytoscape.ElementDefinition[]);
      added.nodes('.pinned').lock();
    });
  }
  /** Call before an edit. */
  record(): void {
    this.past.push(this.snapshot());
    if (this.past.length > this.limit) this.past.shift();
    this.future.length = 0;
  }
  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }
  undo(): void {
    const s = this.past.pop();
    if (!s) return;
    this.future.push(this.snapshot());
    this.restore(s);
  }
  redo(): void {
    const s = this.future.pop();
    if (!s) return;
    this.past.push(this.snapshot());
    this.restore(s);
  }
}
