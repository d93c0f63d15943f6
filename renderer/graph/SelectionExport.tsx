/**
 * Exporting the nodes an investigator selected in the graph (shift-drag a box, or
 * shift-click) with the links among them, for Gephi, Cytoscape desktop or Aleph.
 */
import { useState } from 'react';
import { call } from '../api/client';

export function SelectionExport({ selectedIds }: { selectedIds: readonly number[] }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<'graphml' | 'gexf' | 'ftm'>('graphml');
  const [out, setOut] = useState('');
  const [message, setMessage] = useState<string>();
  if (!open) {
    return (
      <button
        data-testid="export-selection"
        disabled={selectedIds.length === 0}
        onClick={() => setOpen(true)}
        title="shift-drag or shift-click to select nodes"
      >
        Export selection ({selectedIds.length})
      </button>
    );
  }
  return (
    <span className="selection-export">
      <select
        data-testid="selection-format"
        value={format}
        onChange={(e) => setFormat(e.target.value as typeof format)}
      >
        <option value="graphml">GraphML</option>
        <option value="gexf">GEXF</option>
        <option value="ftm">FollowTheMoney</option>
      </select>
      <input
        data-testid="selection-out"
        value={out}
        onChange={(e) => setOut(e.target.value)}
        placeholder="/path/to/selection.graphml"
      />
      <button
        data-testid="selection-write"
        disabled={!out || selectedIds.length === 0}
        onClick={() => {
          setMessage(undefined);
          call('interop.export', { format, entityIds: [...selectedIds], out }).then(
            (r) =>
              setMessage(
                `wrote ${r.items} items of ${selectedIds.length} selected nodes, sha256 ${r.sha256.slice(0, 12)}…`,
              ),
            (e: Error) => setMessage(e.message),
          );
        }}
      >
        Write
      </button>
      <button onClick={() => setOpen(false)}>×</button>
      {message && <span data-testid="selection-result"> {message}</span>}
    </span>
  );
}
