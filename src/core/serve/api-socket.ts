// One WebSocket per client carries calls, results and events (JSON). Bad messages get a typed
// error and the connection stays up. The session is looked up again for every call, so a lock,
// a sign-out elsewhere or a changed role applies at once; events reach only those who may see them.
import type { WebSocket } from 'ws';
import { callMessage, MAX_MESSAGE_BYTES, type ServerMessage } from '../../shared/contract';
import type { CallContext, Dispatcher } from '../api/dispatcher';
import type { AccessPolicy } from '../auth/access-policy';
import type { CallSource } from '../auth/auth-service';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../events/event-bus';
import { createLogger } from '../log/logger';

const log = createLogger('serve.api');

export interface ApiSocketDeps {
  dispatcher: Dispatcher;
  events: EventBus;
  access: AccessPolicy;
  /** The caller as of now (null: not signed in, or the session has ended). */
  principal: () => Principal | null;
  source: CallSource;
}

export function attachApiSocket(ws: WebSocket, d: ApiSocketDeps): void {
  const send = (msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const unsubscribe = d.events.subscribe((event) => {
    const p = d.principal();
    if (p && d.access.eventVisible(p, event)) send({ kind: 'event', event });
  });
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    void onMessage(data, isBinary).catch((err: unknown) => {
      // The dispatcher turns handler failures into results; anything landing here is our bug.
      log.error('api message failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      send({ kind: 'result', id: null, ok: false, error: { code: 'internal', params: {} } });
    });
  });

  async function onMessage(data: unknown, isBinary: boolean): Promise<void> {
    const size = Array.isArray(data) ? data.reduce((n: number, b: Buffer) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    if (size > MAX_MESSAGE_BYTES) {
      send({ kind: 'result', id: null, ok: false, error: { code: 'message_too_large', params: { bytes: size, limit: MAX_MESSAGE_BYTES } } });
      return;
    }
    let parsed: unknown;
    try {
      if (isBinary) throw new Error('binary');
      parsed = JSON.parse(String(data));
    } catch {
      send({ kind: 'result', id: null, ok: false, error: { code: 'bad_request', params: { problem: 'not_json' } } });
      return;
    }
    const msg = callMessage.safeParse(parsed);
    if (!msg.success) {
      const id = typeof parsed === 'object' && parsed && 'id' in parsed && (typeof parsed.id === 'number' || typeof parsed.id === 'string') ? parsed.id : null;
      send({ kind: 'result', id: typeof id === 'string' ? id.slice(0, 64) : id, ok: false, error: { code: 'bad_request', params: { problem: 'not_a_call' } } });
      return;
    }
    const ctx: CallContext = { principal: d.principal(), source: d.source };
    const result = await d.dispatcher.call(msg.data.method, msg.data.input, ctx);
    send({ kind: 'result', id: msg.data.id, ...result });
  }
}
