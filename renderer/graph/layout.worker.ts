/**
 * Layouts off the UI thread (see layout-engine.ts), reporting progress as they go:
 * `{ kind: 'progress', fraction, phase }` messages, then `{ kind: 'done', positions }`.
 */
import { computeLayout, type LayoutRequest, type Point } from './layout-engine';

export type { LayoutRequest };
export type LayoutMessage =
  | { readonly kind: 'progress'; readonly fraction: number; readonly phase: string }
  | { readonly kind: 'done'; readonly positions: Record<string, Point> };

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const post = (m: LayoutMessage) => (self as unknown as Worker).postMessage(m);
  const positions = computeLayout(e.data, (fraction, phase) =>
    post({ kind: 'progress', fraction, phase }),
  );
  post({ kind: 'done', positions });
};
