// How the renderer reaches the core. Serve mode: one WebSocket (/api) that reconnects by itself.
// Electron: the preload's bridge (window.watchfloor), which forwards to the same dispatcher.
import type { CoreEvent, Result } from '../../shared/contract';

/** `signedOut`: the core ended this client's session (signed out elsewhere, password changed, account disabled). */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /**
   * The calls that hand out or take away a session (sign-in, first administrator, sign-out): an
   * HTTP POST in serve mode, so the core can set the cookie; the bridge in Electron. Afterwards the
   * transport reconnects so that its socket carries the new session.
   */
  sessionCall(method: string, input: unknown): Promise<Result<unknown>>;
  /** The core ended this client's session: show the sign-in screen. */
  onSessionEnded(listener: () => void): () => void;
  /** ws:// base for the live video channel, e.g. ws://127.0.0.1:8640 (with a token in Electron). */
  videoUrl(path: string, params: Record<string, string>): string;
  /** Same-origin address of a download (e.g. the audit trail as CSV), with a token in Electron. */
  downloadUrl(path: string, params?: Record<string, string>): string;
}

/** What the Electron preload exposes on window.watchfloor (see src/preload). */
export interface Bridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  onSessionEnded(listener: () => void): () => void;
  videoBase: string;
  videoToken: string;
}

declare global {
  interface Window {
    watchfloor?: Bridge;
  }
}
