/** Issue 18: the shortcut sheet lists every graph shortcut (expand, hide, path…) the graph acts on. */
import { describe, expect, it } from 'vitest';
import { SHORTCUT_SECTIONS } from '../../../../renderer/app/Shortcuts';
import { GRAPH_SHORTCUTS } from '../../../../renderer/graph/shortcuts';

describe('the keyboard shortcut sheet', () => {
  it('lists every graph shortcut with what it does, and each key once', () => {
    const rows = SHORTCUT_SECTIONS.flatMap((s) => s.rows);
    const keys = rows.map(([k]) => k);
    for (const g of GRAPH_SHORTCUTS)
      expect(keys, `${g.key} (${g.action}) is on the sheet`).toContain(g.key);
    expect(new Set(keys).size).toBe(keys.length);
    const text = rows.map(([k, v]) => `${k} ${v}`).join('\n');
    expect(text).toMatch(/^E expand/m);
    expect(text).toMatch(/^H hide/m);
    expect(text).toMatch(/^P find paths/m);
  });
});
