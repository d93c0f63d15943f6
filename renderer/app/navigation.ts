/**
 * Where the person is (view, ring, entity, complainant), with back and forward history like
 * a browser's: every drill-down is a step that Back undoes.
 */
import { useCallback, useState } from 'react';

export const VIEWS = [
  'home',
  'import',
  'entities',
  'rings',
  'matches',
  'worklist',
  'funnel',
  'complainants',
  'hotspots',
  'export',
  'share',
  'audit',
] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<View, string> = {
  home: 'Home',
  import: 'Import',
  entities: 'Entities',
  rings: 'Rings',
  matches: 'Matches',
  worklist: 'Worklist',
  funnel: 'Funnel',
  complainants: 'Complainants',
  hotspots: 'Hotspots',
  export: 'Export packet',
  share: 'Share',
  audit: 'Audit log',
};

export interface Place {
  readonly view: View;
  readonly ring: string | null;
  readonly entity: number | null;
  readonly complainant: string | null;
}

const HOME: Place = { view: 'home', ring: null, entity: null, complainant: null };

export function useNavigation() {
  const [state, setState] = useState<{ stack: Place[]; at: number }>({ stack: [HOME], at: 0 });
  const place = state.stack[state.at]!;
  const go = useCallback(
    (change: Partial<Place>) =>
      setState((s) => {
        const next = { ...s.stack[s.at]!, ...change };
        return {
          stack: [...s.stack.slice(0, s.at + 1), next].slice(-200),
          at: Math.min(s.at + 1, 199),
        };
      }),
    [],
  );
  const back = useCallback(() => setState((s) => ({ ...s, at: Math.max(0, s.at - 1) })), []);
  const forward = useCallback(
    () => setState((s) => ({ ...s, at: Math.min(s.stack.length - 1, s.at + 1) })),
    [],
  );
  const reset = useCallback(() => setState({ stack: [HOME], at: 0 }), []);
  return {
    place,
    go,
    back,
    forward,
    reset,
    canBack: state.at > 0,
    canForward: state.at < state.stack.length - 1,
  };
}
