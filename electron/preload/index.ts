/**
 * The only bridge between the sandboxed renderer and the main process: `invoke` for the
 * contract's methods (an explicit allow-list) and `on` for its events. Frozen, so nothing
 * in the page can widen it.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { METHODS, EVENT_NAMES } from '../../shared/api/contract';

const methods = new Set<string>(METHODS);
const events = new Set<string>(EVENT_NAMES);

const bridge = Object.freeze({
  invoke: (method: string, input: unknown, call?: { operation?: string }) => {
    if (!methods.has(method))
      return Promise.resolve({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: `unknown method ${method}` },
      });
    return ipcRenderer.invoke('ringlens:api', method, input, {
      ...(typeof call?.operation === 'string' && { operation: call.operation }),
    });
  },
  on: (event: string, listener: (payload: unknown) => void) => {
    if (!events.has(event)) return () => undefined;
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(`ringlens:event:${event}`, wrapped);
    return () => ipcRenderer.off(`ringlens:event:${event}`, wrapped);
  },
  /** Path of a dropped file (Electron 32+ no longer puts it on File). */
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});

contextBridge.exposeInMainWorld('ringlens', bridge);
