/** The graph's shortcuts: each listed key maps to its action, and the app's keys are left alone. */
import { describe, expect, it } from 'vitest';
import { GRAPH_SHORTCUTS, graphActionOf } from '../../../../renderer/graph/shortcuts';

const press = (
  key: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) =>
  graphActionOf({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('graph shortcuts', () => {
  it('maps every listed key to the action the sheet says', () => {
    for (const s of GRAPH_SHORTCUTS) {
      if (s.action === 'search') continue; // `/` is the app's own (it focuses the search box)
      const first = s.key.split(' / ')[0]!;
      const parts = first.split('+');
      const key = parts.at(-1)!;
      const mods = {
        shiftKey: parts.includes('Shift'),
        ctrlKey: parts.includes('Ctrl'),
      };
      expect(press(mods.shiftKey ? key.toUpperCase() : key.toLowerCase(), mods), s.key).toBe(
        s.action,
      );
    }
    expect(new Set(GRAPH_SHORTCUTS.map((s) => s.key)).size).toBe(GRAPH_SHORTCUTS.length);
  });

  it('has keys for expand, hide and path, and ignores Alt (back/forward) and unknown keys', () => {
    expect(press('e')).toBe('expand');
    expect(press('h')).toBe('hide');
    expect(press('p')).toBe('path');
    expect(press('ArrowLeft', { altKey: true })).toBeNull();
    expect(press('q')).toBeNull();
    expect(press('?')).toBeNull();
    expect(press('y', { metaKey: true })).toBe('redo');
  });
});
