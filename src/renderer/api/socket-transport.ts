import type { CoreEvent, Result, ServerMessage } from '../../shared/contract';
import type { ConnectionState, Transport } from './transport';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/** A call that gets no answer in this time fails with camera-agnostic `core_timeout`. */
const CALL_TIMEOUT_MS = 60_000;
/** Close codes: the server's "session ended", and ours for "reconnect with the new cookie". */
const SESSION_ENDED = 4001;
const RENEW = 4000;

interface Pending {
  resolve: (r: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createSocketTransport(base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`): Transport {
  let ws: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retryMs = RETRY_MIN_MS;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const eventListeners = new Set<(e: CoreEvent) => void>();
  const connectionListeners = new Set<(s: ConnectionState) => void>();
  const sessionEndedListeners = new Set<() => void>();

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    for (const l of connectionListeners) l(s);
  };

  const failAll = () => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error: { code: 'internal', params: { reason: 'disconnected' } } });
      pending.delete(id);
    }
  };

  const connect = () => {
    setState('connecting');
    const socket = new WebSocket(`${base}/api`);
    ws = socket;
    socket.onopen = () => {
      retryMs = RETRY_MIN_MS;
      setState('connected');
      for (const m of queue.splice(0)) socket.send(m);
    };
    socket.onmessage = (ev) => {
      const msg = JSON.parse(String(ev.data)) as ServerMessage;
      if (msg.kind === 'event') {
        for (const l of eventListeners) l(msg.event);
        return;
      }
      if (typeof msg.id !== 'number') return;
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      p.resolve(msg.ok ? { ok: true, value: msg.value } : { ok: false, error: msg.error });
    };
    socket.onclose = (ev) => {
      if (ws !== socket) return;
      ws = null;
      failAll();
      // The core ended our session (4001): say so, and come back at once as an anonymous client.
      if (ev.code === SESSION_ENDED) for (const l of sessionEndedListeners) l();
      if (ev.code === SESSION_ENDED || ev.code === RENEW) {
        retryMs = RETRY_MIN_MS;
        connect();
        return;
      }
      setState('disconnected');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
  };
  connect();

  return {
    call(method, input) {
      return new Promise((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'internal', params: { reason: 'timeout' } } });
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        const text = JSON.stringify({ kind: 'call', id, method, input });
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(text);
        else queue.push(text);
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
        return { ok: false, error: { code: 'internal', params: { reason: 'disconnected' } } };
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
  };
}
