import { describe, expect, it } from 'vitest';
import type { Camera, CameraHealth } from '../../shared/contract';
import { HealthService, observationOf } from './health-service';

function setup(cams: Pick<Camera, 'id' | 'status'>[]) {
  const list = [...cams];
  const health = new HealthService({ cameras: () => list });
  const seen: CameraHealth[] = [];
  health.onChange((h) => seen.push(h));
  return { health, list, seen, state: (id: string) => health.get(id)?.state };
}

describe('camera health now', () => {
  it('claims nothing of a camera nobody has watched: unknown, not green', () => {
    const { health } = setup([{ id: 'a', status: 'working' }]);
    expect(health.snapshot(() => true)).toEqual([{ cameraId: 'a', state: 'unknown', reason: null, since: null }]);
  });

  it('follows the relays, the best stream wins, and keeps the last word after the viewers leave', () => {
    const { health, state, seen } = setup([{ id: 'a', status: 'working' }]);
    health.observe('a', 'sub', observationOf({ state: 'connecting', attempt: 0 }));
    expect(state('a')).toBe('connecting');
    health.observe('a', 'sub', observationOf({ state: 'live', since: 5, codec: 'h264', sourceCodec: 'h264', transcoded: false, width: 640, height: 360 }));
    health.observe('a', 'main', observationOf({ state: 'reconnecting', reason: 'timeout', attempt: 1, retryAt: 9 }));
    expect(health.get('a')).toMatchObject({ state: 'live', since: 5 });
    health.observe('a', 'sub', { state: 'idle' });
    expect(health.get('a')).toMatchObject({ state: 'reconnecting', reason: 'timeout' });
    health.observe('a', 'main', { state: 'idle' });
    // Nobody retries once nobody watches: a failing camera left alone reads as offline.
    expect(health.get('a')).toMatchObject({ state: 'offline', reason: 'timeout' });
    expect(seen.map((h) => h.state)).toEqual(['connecting', 'live', 'reconnecting', 'offline']);
  });

  it('takes a relay’s word over an older probe’s, and a newer probe’s over a relay’s', () => {
    const { health, state } = setup([{ id: 'a', status: 'working' }]);
    health.observe('a', 'probe', { state: 'live', since: 100 });
    expect(state('a')).toBe('live');
    // The wall lost the stream after the probe had found the camera live: the tree says so.
    health.observe('a', 'main', observationOf({ state: 'offline', reason: 'stream_not_found', attempt: 2, retryAt: 9 }, 200));
    expect(health.get('a')).toMatchObject({ state: 'offline', reason: 'stream_not_found' });
    // A later probe found it back before the relay's next try: the newer word counts.
    health.observe('a', 'probe', { state: 'live', since: 300 });
    expect(state('a')).toBe('live');
    // A relay streaming since before a failed probe: live (it is watching the picture now).
    health.observe('a', 'main', observationOf({ state: 'live', since: 350, codec: 'h264', sourceCodec: 'h264', transcoded: false, width: 1, height: 1 }));
    health.observe('a', 'probe', { state: 'offline', reason: 'timeout', since: 400 });
    expect(state('a')).toBe('live');
    // Nobody watches any more: the probe speaks alone.
    health.observe('a', 'main', { state: 'idle' });
    expect(health.get('a')).toMatchObject({ state: 'offline', reason: 'timeout' });
  });

  it('lets the register’s awaiting repair and decommissioned win, and follows register changes', () => {
    const { health, list, state } = setup([
      { id: 'a', status: 'awaiting_repair' },
      { id: 'b', status: 'working' },
    ]);
    health.observe('a', 'sub', observationOf({ state: 'offline', reason: 'unreachable', attempt: 3, retryAt: null }));
    expect(state('a')).toBe('awaiting_repair');
    list[1] = { id: 'b', status: 'decommissioned' };
    list.push({ id: 'c', status: 'working' });
    list.splice(0, 1);
    health.refresh();
    expect(state('b')).toBe('decommissioned');
    expect(state('c')).toBe('unknown');
    expect(health.get('a')).toBeNull();
  });

  it('gives each caller only the cameras it may see', () => {
    const { health } = setup([
      { id: 'a', status: 'working' },
      { id: 'b', status: 'working' },
    ]);
    expect(health.snapshot((id) => id === 'b').map((h) => h.cameraId)).toEqual(['b']);
  });
});
