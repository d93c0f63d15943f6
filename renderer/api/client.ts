/**
 * The renderer's only way to the engine: a client derived from the contract. In Electron
 * it goes through the preload bridge; in web mode through the loopback bridge with the
 * per-run token from the address bar.
 */
import type { EventName, EventPayload, Input, Method, Output } from '../../shared/api/contract';
import type { ErrorInfo, Result } from '../../shared/errors';

/** Per-call options: an operation id makes a long call cancellable (shared/api/operations.ts). */
export interface CallOptions {
  readonly operation?: string;
}

interface Bridge {
  invoke(method: string, input: unknown, call?: CallOptions): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    ringlens?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

function webBridge(): Bridge {
  const token =
    new URLSearchParams(location.hash.slice(1)).get('token') ??
    sessionStorage.getItem('ringlens-token') ??
    '';
  sessionStorage.setItem('ringlens-token', token);
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | undefined;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const name of ['import.progress', 'operation.progress', 'case.locked', 'app.command']) {
      source.addEventListener(name, (e) => {
        for (const l of listeners.get(name) ?? []) l(JSON.parse((e as MessageEvent<string>).data));
      });
    }
  };
  return {
    async invoke(method, input, call) {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Ringlens-Token': token,
          ...(call?.operation && { 'X-Ringlens-Operation': call.operation }),
        },
        body: JSON.stringify(input ?? {}),
      });
      if (!res.ok)
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `the bridge answered ${res.status}` },
        };
      return (await res.json()) as Result<unknown>;
    },
    on(event, listener) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

const bridge: Bridge = window.ringlens ?? webBridge();
export const isDesktop = window.ringlens !== undefined;

/**
 * Calls whose round trip is measured (User Timing `api <method>` measures) so a slow first
 * draw can be taken apart: the UI bench reads them beside the engine's timing spans.
 */
const MEASURED = new Set<string>(['rings.list', 'ring.get', 'graph.overview']);

export async function call<M extends Method>(
  method: M,
  input: Input<M>,
  options?: CallOptions,
): Promise<Output<M>> {
  const sent = performance.now();
  const r = await bridge.invoke(method, input, options);
  if (MEASURED.has(method)) performance.measure(`api ${method}`, { start: sent });
  if (!r.ok) throw new ApiError(r.error);
  return r.value as Output<M>;
}

export function on<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return bridge.on(event, listener as (p: unknown) => void);
}

export function pathForFile(file: File): string | undefined {
  return bridge.pathForFile?.(file);
}
