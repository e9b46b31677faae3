import type { Bridge, Transport } from './transport';

/** Electron: calls go through the preload bridge; the IPC channel itself never drops. */
export function createBridgeTransport(bridge: Bridge): Transport {
  return {
    call: (method, input) => bridge.call(method, input),
    onEvent: (l) => bridge.onEvent(l),
    onConnection(l) {
      l('connected');
      return () => undefined;
    },
    videoUrl(path, params) {
      return `${bridge.videoBase}${path}?${new URLSearchParams({ ...params, token: bridge.videoToken }).toString()}`;
    },
  };
}
