// How the renderer reaches the core. Serve mode: one WebSocket (/api) that reconnects by itself.
// Electron: the preload's bridge (window.watchfloor), which forwards to the same dispatcher.
import type { CoreEvent, Result } from '../../shared/contract';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** ws:// base for the live video channel, e.g. ws://127.0.0.1:8640 (with a token in Electron). */
  videoUrl(path: string, params: Record<string, string>): string;
}

/** What the Electron preload exposes on window.watchfloor (see src/preload). */
export interface Bridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  videoBase: string;
  videoToken: string;
}

declare global {
  interface Window {
    watchfloor?: Bridge;
  }
}
