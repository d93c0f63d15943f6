import { useEffect, useState } from 'react';

/**
 * True once the browser has had an idle moment after `ready` turned true (or `timeoutMs`
 * passed), for this `key`: work that can wait (a second call to the engine) starts after
 * the frames the user is waiting for, not beside them.
 */
export function useIdleAfter(ready: boolean, key: string, timeoutMs = 3000): boolean {
  const [idleKey, setIdleKey] = useState<string | null>(null);
  useEffect(() => {
    if (!ready) return;
    const handle = requestIdleCallback(() => setIdleKey(key), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }, [ready, key, timeoutMs]);
  return idleKey === key;
}
