/** Issue 16, fault 10 in the graph: a bidi override in a name is shown, never obeyed. */
import { describe, expect, it } from 'vitest';
import { nodeVisual } from '../../../../renderer/graph/visual-language';

describe('graph labels', () => {
  it('show control and bidi characters as ⟨U+XXXX⟩', () => {
    expect(nodeVisual('evidence', '\u202egnp.exe').display).toBe('⟨U+202E⟩gnp.exe');
    expect(nodeVisual('seller', 'Shop\u001b]8;;x\u0007').display).toBe('Shop⟨U+001B⟩]8;;x⟨U+0007⟩');
    expect(nodeVisual('seller', '张伟贸易').display).toBe('张伟贸易');
  });
});
