// The serve-mode transport without a browser: a fake WebSocket class whose sockets the test opens,
// closes and answers by hand, and fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/contract';
import { createSocketTransport, type SocketLike } from './socket-transport';

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: Array<{ id: number; method: string; input: unknown }> = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('InvalidStateError');
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({});
  }
  answer(id: number, value: unknown) {
    this.onmessage?.({ data: JSON.stringify({ kind: 'result', id, ok: true, value }) });
  }
  static last() {
    return FakeSocket.all[FakeSocket.all.length - 1]!;
  }
}

const sentCount = () => FakeSocket.all.reduce((n, s) => n + s.sent.length, 0);

let transport: ReturnType<typeof createSocketTransport>;
beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  transport = createSocketTransport({ base: 'ws://core', WebSocketImpl: FakeSocket, callTimeoutMs: 60_000, queueTimeoutMs: 10_000, retryMinMs: 500 });
});
afterEach(() => {
  transport.close();
  vi.useRealTimers();
});

function track(p: Promise<Result<unknown>>) {
  const box: { result: Result<unknown> | null } = { result: null };
  void p.then((r) => (box.result = r));
  return box;
}

describe('socket transport', () => {
  it('sends at once when connected and answers the caller', async () => {
    FakeSocket.last().open();
    const r = track(transport.call('settings.get', {}));
    expect(FakeSocket.last().sent).toEqual([{ kind: 'call', id: 1, method: 'settings.get', input: {} }]);
    FakeSocket.last().answer(1, { language: 'vi' });
    await vi.runOnlyPendingTimersAsync();
    expect(r.result).toEqual({ ok: true, value: { language: 'vi' } });
  });

  it('sends a call queued while connecting once the socket opens', async () => {
    const r = track(transport.call('views.list', {}));
    expect(sentCount()).toBe(0);
    FakeSocket.last().open();
    expect(FakeSocket.last().sent.map((m) => m.method)).toEqual(['views.list']);
    FakeSocket.last().answer(1, []);
    await Promise.resolve();
    expect(r.result).toEqual({ ok: true, value: [] });
  });

  it('fails a call that waited too long for a connection, and never sends it afterwards', async () => {
    FakeSocket.last().drop(); // the core is away
    const r = track(transport.call('views.save', { name: 'Cổng chợ' }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(r.result).toEqual({ ok: false, error: { code: 'core_unavailable', params: { method: 'views.save' } } });
    // The core comes back: the failed save must not happen behind the operator's back.
    await vi.advanceTimersByTimeAsync(2_000);
    FakeSocket.last().open();
    expect(sentCount()).toBe(0);
  });

  it('reports a call whose answer was lost in a disconnect as outcome_unknown, and never resends it', async () => {
    FakeSocket.last().open();
    const r = track(transport.call('register.createCamera', { name: 'x' }));
    expect(sentCount()).toBe(1);
    FakeSocket.last().drop();
    await Promise.resolve();
    expect(r.result).toEqual({ ok: false, error: { code: 'outcome_unknown', params: { method: 'register.createCamera', reason: 'disconnected' } } });
    await vi.advanceTimersByTimeAsync(1_000);
    FakeSocket.last().open();
    expect(FakeSocket.last().sent).toEqual([]);
  });

  it('reports a sent call with no answer in time as outcome_unknown and ignores a late answer', async () => {
    FakeSocket.last().open();
    const r = track(transport.call('system.backup', {}));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.result).toEqual({ ok: false, error: { code: 'outcome_unknown', params: { method: 'system.backup', reason: 'timeout' } } });
    FakeSocket.last().answer(1, { file: 'x', bytes: 1 });
    expect(r.result).toMatchObject({ ok: false });
  });

  it('keeps call order across a reconnect and fails none that are still within their wait', async () => {
    FakeSocket.last().drop();
    const a = track(transport.call('views.list', {}));
    await vi.advanceTimersByTimeAsync(400);
    const b = track(transport.call('tours.list', {}));
    await vi.advanceTimersByTimeAsync(200); // reconnect attempt after 500 ms
    const s = FakeSocket.last();
    s.open();
    expect(s.sent.map((m) => m.method)).toEqual(['views.list', 'tours.list']);
    s.answer(1, []);
    s.answer(2, []);
    await Promise.resolve();
    expect([a.result?.ok, b.result?.ok]).toEqual([true, true]);
    // Answered calls leave no timer behind to fail them later.
    await vi.advanceTimersByTimeAsync(120_000);
    expect([a.result?.ok, b.result?.ok]).toEqual([true, true]);
  });

  it('ignores garbage from the socket instead of throwing', () => {
    FakeSocket.last().open();
    expect(() => FakeSocket.last().onmessage?.({ data: 'not json' })).not.toThrow();
  });
});
