// Camera health for every screen of this window: the core's snapshot at start and after every
// reconnect (so a new window has the right colours at once), then camera.health events. While the
// core is out of reach the knowledge is marked stale rather than shown as if current.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraHealth } from '../../shared/contract';
import type { ApiClient } from '../api/client';
import type { ConnectionState } from '../api/transport';
import { useApp } from '../app/app-context';
import { formatTime, type Language } from '../i18n';

export interface HealthView {
  byCamera: ReadonlyMap<string, CameraHealth>;
  /** False while the core is out of reach: the colours are the last known, not the current. */
  current: boolean;
  /** A state in words ("Offline · unreachable · since 14:02"), for screen readers and hover. */
  label(h: CameraHealth, current: boolean): string;
}

const BATCH_MS = 250;

const HealthContext = createContext<HealthView>({ byCamera: new Map(), current: false, label: (h) => h.state });

/**
 * One labeller for every dot of the window, its words kept per state: a table page of forty rows
 * called i18next four times a row (each call resolves its key anew), and each dot subscribed to
 * language changes of its own; together a third of a scroll frame's script time.
 */
function useHealthLabeller(): HealthView['label'] {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  const lang = i18n.language as Language;
  return useMemo(() => labeller(t, lang, settings.timeZone), [t, lang, settings.timeZone]);
}

function labeller(t: (key: string, params?: Record<string, unknown>) => string, lang: Language, timeZone: string): HealthView['label'] {
  const said = new Map<string, string>();
  return (h, current) => {
    const key = `${h.state}|${h.reason ?? ''}|${h.since ?? ''}|${current ? 1 : 0}`;
    let text = said.get(key);
    if (text === undefined) {
      const parts = [t(`health.${h.state}`)];
      if (h.reason) parts.push(t(`pages.wall.reason.${h.reason}`, { defaultValue: h.reason }));
      if (h.since) parts.push(t('health.since', { time: formatTime(h.since, lang, timeZone) }));
      if (!current) parts.push(t('health.noContact'));
      text = parts.join(' · ');
      // Bounded: times of day make new keys all shift long.
      if (said.size > 5000) said.clear();
      said.set(key, text);
    }
    return text;
  };
}

export function HealthProvider({ api, connection, enabled, children }: { api: ApiClient; connection: ConnectionState; enabled: boolean; children: ReactNode }) {
  const [byCamera, setByCamera] = useState<ReadonlyMap<string, CameraHealth>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const label = useHealthLabeller();

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
  const value = useMemo(() => ({ byCamera, current, label }), [byCamera, current, label]);
  return <HealthContext.Provider value={value}>{children}</HealthContext.Provider>;
}

export function useHealth(): HealthView {
  return useContext(HealthContext);
}
