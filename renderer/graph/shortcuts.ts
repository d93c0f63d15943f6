/**
 * The graph's keyboard shortcuts, as data: the graph view acts on them, and the app's
 * shortcut sheet lists them (key, action, description). Single letters act only when the
 * focus is not in a text field, so typing a search never triggers them.
 */

export type GraphAction =
  | 'search'
  | 'expand'
  | 'collapse'
  | 'hide'
  | 'showAll'
  | 'pin'
  | 'path'
  | 'clearPath'
  | 'fit'
  | 'relayout'
  | 'undo'
  | 'redo';

export interface GraphShortcut {
  /** As printed on the sheet. */
  readonly key: string;
  readonly action: GraphAction;
  readonly description: string;
}

export const GRAPH_SHORTCUTS: readonly GraphShortcut[] = [
  { key: '/', action: 'search', description: 'graph: search the whole case' },
  { key: 'E', action: 'expand', description: "graph: expand the last clicked node's neighbours" },
  { key: 'C', action: 'collapse', description: 'graph: collapse what expanding it added' },
  { key: 'H', action: 'hide', description: 'graph: hide the selected nodes' },
  { key: 'Shift+H', action: 'showAll', description: 'graph: show all hidden nodes' },
  { key: 'I', action: 'pin', description: 'graph: pin or unpin the selected nodes' },
  { key: 'P', action: 'path', description: 'graph: find paths between the two picked ends' },
  { key: 'Shift+P', action: 'clearPath', description: 'graph: clear the drawn paths' },
  { key: 'F', action: 'fit', description: 'graph: fit the whole chart in view' },
  { key: 'R', action: 'relayout', description: 'graph: lay the chart out again' },
  { key: 'Ctrl+Z', action: 'undo', description: 'graph: undo the last edit' },
  { key: 'Ctrl+Shift+Z / Ctrl+Y', action: 'redo', description: 'graph: redo' },
];

interface KeyLike {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** The graph action a key press asks for, or null. `/` is the app's own (it focuses search). */
export function graphActionOf(e: KeyLike): GraphAction | null {
  if (e.altKey) return null;
  const k = e.key.toLowerCase();
  if (e.ctrlKey || e.metaKey) {
    if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (k === 'y') return 'redo';
    return null;
  }
  switch (k) {
    case 'e':
      return 'expand';
    case 'c':
      return 'collapse';
    case 'h':
      return e.shiftKey ? 'showAll' : 'hide';
    case 'i':
      return 'pin';
    case 'p':
      return e.shiftKey ? 'clearPath' : 'path';
    case 'f':
      return 'fit';
    case 'r':
      return 'relayout';
    default:
      return null;
  }
}
