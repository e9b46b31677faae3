// Camera health for every screen of this window: the core's snapshot at start and after every
// reconnect (so a new window has the right colours at once), then camera.health events. While the
// core is out of reach the knowledge is marked stale rather than shown as if current.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { CameraHealth } from '../../shared/contract';
import type { ApiClient } from '../api/client';
import type { ConnectionState } from '../api/transport';

export interface HealthView {
  byCamera: ReadonlyMap<string, CameraHealth>;
  /** False while the core is out of reach: the colours are the last known, not the current. */
  current: boolean;
}

const HealthContext = createContext<HealthView>({ byCamera: new Map(), current: false });

export function HealthProvider({ api, connection, enabled, children }: { api: ApiClient; connection: ConnectionState; enabled: boolean; children: ReactNode }) {
  const [byCamera, setByCamera] = useState<ReadonlyMap<string, CameraHealth>>(new Map());
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (!enabled || connection !== 'connected') return;
    let alive = true;
    // Events that arrive while the snapshot is on its way are newer than it: apply them after.
    const early: CameraHealth[] = [];
    let snapshotDone = false;
    const off = api.on('camera.health', ({ type: _t, ...h }) => {
      if (!alive) return;
      if (!snapshotDone) early.push(h);
      setByCamera((m) => new Map(m).set(h.cameraId, h));
    });
    void api.call('health.cameras', {}).then(
      (r) => {
        if (!alive) return;
        const next = new Map(r.cameras.map((c) => [c.cameraId, c]));
        for (const h of early) next.set(h.cameraId, h);
        snapshotDone = true;
        setByCamera(next);
        setLoaded(true);
      },
      () => undefined,
    );
    return () => {
      alive = false;
      off();
    };
  }, [api, connection, enabled]);

  return <HealthContext.Provider value={{ byCamera, current: connection === 'connected' && loaded }}>{children}</HealthContext.Provider>;
}

export function useHealth(): HealthView {
  return useContext(HealthContext);
}
