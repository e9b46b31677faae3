// Serve mode's transport: one WebSocket (/api) that reconnects by itself.
// The rule for calls (issue "Trust": a save the UI had reported as failed happened later, when the
// socket came back): a call the UI has been told failed is never sent afterwards.
// - Not connected: the call waits up to `queueTimeoutMs`, then fails as `core_unavailable` and
//   leaves the queue — nothing was done, the operator may simply try again.
// - Sent, and the socket closed or no answer came in `callTimeoutMs`: it fails as `outcome_unknown`
//   — the core may or may not have done it — and is never sent again. Creates carry a client-chosen
//   id, so a retry after checking cannot make a second record.
import type { CoreEvent, Result, ServerMessage } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';
import type { ConnectionState, Transport } from './transport';

/** The part of the DOM's WebSocket we use; tests pass a fake class. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = new (url: string) => SocketLike;

/** Close codes: the server's "session ended", and ours for "reconnect with the new cookie". */
const SESSION_ENDED = 4001;
const RENEW = 4000;

export interface SocketTransportOptions {
  /** ws(s)://host:port; default: the page's own origin. */
  base?: string;
  WebSocketImpl?: SocketFactory;
  /** Sent and unanswered this long → outcome_unknown. */
  callTimeoutMs?: number;
  /** Waiting for a connection this long → core_unavailable, never sent. */
  queueTimeoutMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
}

const OPEN = 1; // WebSocket.OPEN

interface Call {
  id: number;
  method: string;
  text: string;
  resolve: (r: Result<unknown>) => void;
  timer?: ReturnType<typeof setTimeout>;
}

export function createSocketTransport(options: SocketTransportOptions = {}): Transport & { close(): void } {
  const base = options.base ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
  const Impl: SocketFactory = options.WebSocketImpl ?? (WebSocket as unknown as SocketFactory);
  const callTimeoutMs = options.callTimeoutMs ?? 60_000;
  const queueTimeoutMs = options.queueTimeoutMs ?? 10_000;
  const retryMinMs = options.retryMinMs ?? 500;
  const retryMaxMs = options.retryMaxMs ?? 10_000;

  let ws: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retryMs = retryMinMs;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  /** Waiting for a connection, in call order. */
  const queued: Call[] = [];
  /** Sent, waiting for the answer. */
  const sent = new Map<number, Call>();
  const eventListeners = new Set<(e: CoreEvent) => void>();
  const connectionListeners = new Set<(s: ConnectionState) => void>();
  const sessionEndedListeners = new Set<() => void>();

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    for (const l of connectionListeners) l(s);
  };

  const settle = (call: Call, r: Result<unknown>) => {
    clearTimeout(call.timer);
    call.resolve(r);
  };
  const failure = (code: ErrorInfo['code'], call: Call, params: ErrorInfo['params'] = {}): Result<unknown> => ({
    ok: false,
    error: { code, params: { method: call.method, ...params } },
  });

  const send = (socket: SocketLike, call: Call): boolean => {
    try {
      socket.send(call.text);
    } catch {
      return false; // nothing left the page: it stays queued
    }
    clearTimeout(call.timer);
    sent.set(call.id, call);
    call.timer = setTimeout(() => {
      if (sent.delete(call.id)) settle(call, failure('outcome_unknown', call, { reason: 'timeout' }));
    }, callTimeoutMs);
    return true;
  };

  const enqueue = (call: Call) => {
    queued.push(call);
    call.timer = setTimeout(() => {
      const i = queued.indexOf(call);
      if (i === -1) return;
      queued.splice(i, 1); // reported as failed: it must never go out later
      settle(call, failure('core_unavailable', call));
    }, queueTimeoutMs);
  };

  const onAnswer = (raw: unknown) => {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(String(raw)) as ServerMessage;
    } catch {
      return; // not ours to crash over
    }
    if (msg.kind === 'event') {
      for (const l of eventListeners) l(msg.event);
      return;
    }
    if (msg.kind !== 'result' || typeof msg.id !== 'number') return;
    const call = sent.get(msg.id);
    // Unknown: an answer to a call already reported as failed (timed out). Too late to count.
    if (!call) return;
    sent.delete(msg.id);
    settle(call, msg.ok ? { ok: true, value: msg.value } : { ok: false, error: msg.error });
  };

  const connect = () => {
    retryTimer = null;
    if (closed) return;
    setState('connecting');
    let socket: SocketLike;
    try {
      socket = new Impl(`${base}/api`);
    } catch {
      scheduleReconnect();
      return;
    }
    ws = socket;
    socket.onopen = () => {
      if (ws !== socket) return;
      retryMs = retryMinMs;
      setState('connected');
      while (queued.length > 0 && socket.readyState === OPEN) {
        if (!send(socket, queued[0]!)) break;
        queued.shift();
      }
    };
    socket.onmessage = (ev) => {
      if (ws === socket) onAnswer(ev.data);
    };
    socket.onclose = (ev) => {
      if (ws !== socket) return;
      ws = null;
      // Their answers can no longer arrive: whether the core acted is unknown.
      for (const call of [...sent.values()]) settle(call, failure('outcome_unknown', call, { reason: 'disconnected' }));
      sent.clear();
      // The core ended our session (4001): say so, and come back at once as an anonymous client;
      // after a sign-in or sign-out (4000) come back at once with the new cookie.
      if (ev.code === SESSION_ENDED) for (const l of sessionEndedListeners) l();
      if (ev.code === SESSION_ENDED || ev.code === RENEW) {
        retryMs = retryMinMs;
        connect();
        return;
      }
      setState('disconnected');
      scheduleReconnect();
    };
  };

  const scheduleReconnect = () => {
    if (closed) return;
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, retryMaxMs);
  };

  connect();

  return {
    call(method, input) {
      return new Promise((resolve) => {
        const id = nextId++;
        const call: Call = { id, method, text: JSON.stringify({ kind: 'call', id, method, input }), resolve };
        if (ws && ws.readyState === OPEN && send(ws, call)) return;
        enqueue(call);
      });
    },
    async sessionCall(method, input) {
      let result: Result<unknown>;
      try {
        const res = await fetch(`/api/http/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
        result = (await res.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'core_unavailable', params: {} } };
      }
      // The cookie changed: the socket must be opened again to carry it.
      if (result.ok) ws?.close(RENEW, 'session changed');
      return result;
    },
    onSessionEnded(l) {
      sessionEndedListeners.add(l);
      return () => sessionEndedListeners.delete(l);
    },
    downloadUrl(path, params = {}) {
      const q = new URLSearchParams(params).toString();
      return `${location.origin}${path}${q ? `?${q}` : ''}`;
    },
    onEvent(l) {
      eventListeners.add(l);
      return () => eventListeners.delete(l);
    },
    onConnection(l) {
      connectionListeners.add(l);
      l(state);
      return () => connectionListeners.delete(l);
    },
    videoUrl(path, params) {
      return `${base}${path}?${new URLSearchParams(params).toString()}`;
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const socket = ws;
      ws = null;
      socket?.close();
      for (const call of queued.splice(0)) settle(call, failure('core_unavailable', call));
      for (const call of sent.values()) settle(call, failure('outcome_unknown', call, { reason: 'disconnected' }));
      sent.clear();
    },
  };
}
