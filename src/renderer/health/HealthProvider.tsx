// Camera health for every screen of this window: the core's snapshot at start and after every
// reconnect (so a new window has the right colours at once), then camera.health events. While the
// core is out of reach the knowledge is marked stale rather than shown as if current.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CameraHealth } from '../../shared/contract';
import type { ApiClient } from '../api/client';
import type { ConnectionState } from '../api/transport';

export interface HealthView {
  byCamera: ReadonlyMap<string, CameraHealth>;
  /** False while the core is out of reach: the colours are the last known, not the current. */
  current: boolean;
}

const BATCH_MS = 250;

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
    // Events are applied in batches, a quarter second apart: each application copies the map and
    // re-renders every dot on screen, and a 100,000-camera register going offline sends thousands
    // of events a minute (one copy each held the window's main thread: the camera table stuttered).
    const pending = new Map<string, CameraHealth>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = [...pending.values()];
      pending.clear();
      setByCamera((m) => {
        const next = new Map(m);
        for (const h of batch) next.set(h.cameraId, h);
        return next;
      });
    };
    const off = api.on('camera.health', ({ type: _t, ...h }) => {
      if (!alive) return;
      if (!snapshotDone) early.push(h);
      pending.set(h.cameraId, h);
      timer ??= setTimeout(flush, BATCH_MS);
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
      if (timer) clearTimeout(timer);
      off();
    };
  }, [api, connection, enabled]);

  const current = connection === 'connected' && loaded;
  // One value per change: a new object on every render re-rendered every dot with the page.
  const value = useMemo(() => ({ byCamera, current }), [byCamera, current]);
  return <HealthContext.Provider value={value}>{children}</HealthContext.Provider>;
}

export function useHealth(): HealthView {
  return useContext(HealthContext);
}
