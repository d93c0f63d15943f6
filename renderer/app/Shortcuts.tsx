/** The keyboard shortcut sheet (press ? anywhere outside a text field). */
import { GRAPH_SHORTCUTS } from '../graph/shortcuts';

export const SHORTCUTS: readonly [string, string][] = [
  ['?', 'show this sheet'],
  ['/', 'search: focus the search or filter field of the view'],
  ['Alt+← / Alt+→', 'back / forward'],
  ['Escape', 'close the entity panel or a dialog'],
  ['Tab / Shift+Tab', 'move between controls; every control shows a focus ring'],
  ['↑ ↓ PageUp PageDown Home End', 'move in a table; Enter opens the row'],
  ['Enter', 'submit a form, open the focused row or card'],
  ['Ctrl+C', 'copy the highlighted table row'],
];

/** The sheet's sections: the app's own keys, then the graph's (renderer/graph/shortcuts.ts). */
export const SHORTCUT_SECTIONS: readonly { title: string; rows: readonly [string, string][] }[] = [
  { title: 'Everywhere', rows: SHORTCUTS },
  {
    title: 'In a ring graph (when the focus is not in a text field)',
    rows: GRAPH_SHORTCUTS.filter((g) => g.key !== '/').map(
      (g) => [g.key, g.description.replace(/^graph: /, '')] as [string, string],
    ),
  },
];

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    // A click beside the dialog closes it, as people expect; the keyboard has Escape (below).
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      {/* Escape inside the dialog closes it (WAI-ARIA dialog pattern). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcut-sheet"
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          onClose();
        }}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        {SHORTCUT_SECTIONS.map((section) => (
          <table className="compact" key={section.title}>
            <caption>{section.title}</caption>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">What they do</th>
              </tr>
            </thead>
            <tbody>
              {section.rows.map(([k, v]) => (
                <tr key={k}>
                  <td>
                    <kbd>{k}</kbd>
                  </td>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <div className="row end">
          {/* A modal dialog moves focus into itself (WAI-ARIA dialog pattern). */}
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <button type="button" autoFocus onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
