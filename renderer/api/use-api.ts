import { useCallback, useEffect, useState } from 'react';
import type { Input, Method, Output } from '../../shared/api/contract';
import { ApiError, call } from './client';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  reload: () => void;
}

/**
 * Calls a method when the component mounts (and when `deps` change); while `enabled` is
 * false it waits, loading, and calls once it turns true.
 */
export function useApi<M extends Method>(
  method: M,
  input: Input<M>,
  deps: readonly unknown[] = [],
  enabled = true,
): Loaded<Output<M>> {
  const [state, setState] = useState<{ data?: Output<M>; error?: ApiError; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    // The effect starts a call to the engine (an external system); showing "loading" until it
    // answers is the synchronisation the rule allows for, done before the call goes out.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState((s) => ({ ...s, loading: true }));
    call(method, input).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) =>
        live &&
        setState({
          error:
            error instanceof ApiError
              ? error
              : new ApiError({ code: 'INTERNAL', message: String(error) }),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, tick, enabled, ...deps]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
