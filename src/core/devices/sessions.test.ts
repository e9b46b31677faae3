import { describe, expect, it } from 'vitest';
import { OnvifError } from '../onvif/errors';
import type { ConnectOptions, OnvifCamera } from '../onvif';
import { OnvifSessions, type SessionSource } from './sessions';

function setup(initial: SessionSource | null) {
  let source = initial;
  const connects: ConnectOptions[] = [];
  const connected: string[] = [];
  const sessions = new OnvifSessions({
    source: () => source,
    onConnected: (id) => connected.push(id),
    connect: async (o) => {
      connects.push(o);
      return { description: { address: o.address } } as unknown as OnvifCamera;
    },
  });
  return { sessions, connects, connected, setSource: (s: SessionSource | null) => (source = s) };
}

const SRC = { address: 'http://192.0.2.10/onvif/device_service', username: 'admin', password: 'one' };

describe('ONVIF sessions', () => {
  it('connect once per camera and share the session, also between concurrent callers', async () => {
    const { sessions, connects, connected } = setup(SRC);
    const [a, b] = await Promise.all([sessions.get('cam'), sessions.get('cam')]);
    expect(a).toBe(b);
    expect(await sessions.get('cam')).toBe(a);
    expect(connects).toHaveLength(1);
    expect(connected).toEqual(['cam']);
    sessions.dispose();
    expect(connects[0]!.signal?.aborted).toBe(true);
  });

  it('connect afresh when the register changed the address or password', async () => {
    const { sessions, connects, setSource } = setup(SRC);
    await sessions.get('cam');
    setSource({ ...SRC, password: 'two' });
    await sessions.get('cam');
    expect(connects.map((c) => c.password)).toEqual(['one', 'two']);
    expect(connects[0]!.signal?.aborted).toBe(true);
  });

  it('drop a session after a connection-level failure, keep it after a refusal of one command', async () => {
    const { sessions, connects } = setup(SRC);
    await expect(sessions.with('cam', async () => Promise.reject(new OnvifError('onvif_not_supported', { feature: 'x' })))).rejects.toThrow();
    await sessions.get('cam');
    expect(connects).toHaveLength(1);
    await expect(sessions.with('cam', async () => Promise.reject(new OnvifError('camera_timeout', { address: 'x', timeoutMs: 1 })))).rejects.toThrow();
    await sessions.get('cam');
    expect(connects).toHaveLength(2);
  });

  it('say a camera without an ONVIF address does not support it', async () => {
    const { sessions } = setup(null);
    await expect(sessions.get('cam')).rejects.toMatchObject({ code: 'onvif_not_supported' });
  });
});
