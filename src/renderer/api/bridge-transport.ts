import type { Bridge, Transport } from './transport';

/**
 * Electron: calls go through the preload bridge; the IPC channel itself never drops. The main
 * process keeps the session for the window (never the page), so sign-in is an ordinary bridge call.
 */
export function createBridgeTransport(bridge: Bridge): Transport {
  const withToken = (path: string, params: Record<string, string>) =>
    `${bridge.videoBase}${path}?${new URLSearchParams({ ...params, token: bridge.videoToken }).toString()}`;
  const connectionListeners = new Set<(s: 'connected') => void>();
  return {
    call: (method, input) => bridge.call(method, input),
    async sessionCall(method, input) {
      const r = await bridge.call(method, input);
      // As serve mode's socket reconnects after a session change, tell the app to load again.
      if (r.ok) for (const l of connectionListeners) l('connected');
      return r;
    },
    onEvent: (l) => bridge.onEvent(l),
    onSessionEnded: (l) => bridge.onSessionEnded(l),
    onConnection(l) {
      connectionListeners.add(l);
      l('connected');
      return () => connectionListeners.delete(l);
    },
    videoUrl: withToken,
    downloadUrl: (path, params = {}) => withToken(path, params).replace(/^ws/, 'http'),
  };
}
