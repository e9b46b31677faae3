// One WebSocket per client carries calls, results and events (JSON). Bad messages get a typed
// error and the connection stays up.
import type { WebSocket } from 'ws';
import { callMessage, MAX_MESSAGE_BYTES, type ServerMessage } from '../../shared/contract';
import type { CallContext, Dispatcher } from '../api/dispatcher';
import type { EventBus } from '../events/event-bus';

export function attachApiSocket(ws: WebSocket, dispatcher: Dispatcher, events: EventBus, ctx: CallContext): void {
  const send = (msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const unsubscribe = events.subscribe((event) => send({ kind: 'event', event }));
  ws.on('close', unsubscribe);
  ws.on('message', async (data, isBinary) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    if (size > MAX_MESSAGE_BYTES) {
      send({ kind: 'result', id: null, ok: false, error: { code: 'message_too_large', params: { bytes: size, limit: MAX_MESSAGE_BYTES } } });
      return;
    }
    let parsed: unknown;
    try {
      if (isBinary) throw new Error('binary');
      parsed = JSON.parse(data.toString());
    } catch {
      send({ kind: 'result', id: null, ok: false, error: { code: 'bad_request', params: { problem: 'not_json' } } });
      return;
    }
    const msg = callMessage.safeParse(parsed);
    if (!msg.success) {
      const id = typeof parsed === 'object' && parsed && 'id' in parsed && (typeof parsed.id === 'number' || typeof parsed.id === 'string') ? parsed.id : null;
      send({ kind: 'result', id, ok: false, error: { code: 'bad_request', params: { problem: 'not_a_call' } } });
      return;
    }
    const result = await dispatcher.call(msg.data.method, msg.data.input, ctx);
    send({ kind: 'result', id: msg.data.id, ...result });
  });
}
