// The console's view of the alarm queue: loaded once (and again after a reconnect), then kept by
// the core's alarm.changed events. Events are applied in batches (every BATCH_MS), so a storm of
// hundreds per second costs two or three renders a second and the wall stays responsive; the core already
// coalesces them into one row per camera and kind. New rows sound (once per batch, the most urgent
// pattern), flash their tiles and may pop their camera onto the wall.
// The view is an external store read with useSyncExternalStore: a batch re-renders only what shows
// the queue (the bell, the drawer) and the tiles whose camera's alarm changed — never the wall
// page itself (measured: re-rendering the whole wall per batch made 55 ms long tasks at 100/s).
import { createContext, startTransition, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ALARM_PRIORITIES, type Alarm, type AlarmPriority, type Snooze } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { AlarmSound } from './sound';

const BATCH_MS = 400;
/** In a storm (many events in a batch) the screen is redrawn once a second: still live, never busy. */
const STORM_BATCH_MS = 1000;
const STORM_EVENTS = 40;

export interface AlarmView {
  /** Open alarms, most urgent first, then newest. */
  list: Alarm[];
  /** The most urgent open alarm of each camera (the tile flash). */
  byCamera: Map<string, Alarm>;
  snoozes: Map<string, Snooze>;
}

/** The latest view and who wants to hear when it changes. */
class ViewStore {
  private view: AlarmView = EMPTY_VIEW;
  private readonly listeners = new Set<() => void>();
  get = (): AlarmView => this.view;
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  set(view: AlarmView): void {
    this.view = view;
    for (const l of this.listeners) l();
  }
}

interface AlarmStore {
  views: ViewStore;
  sound: AlarmSound;
  enabled: boolean;
  drawerOpen: boolean;
  setDrawerOpen(open: boolean): void;
  /** New rows as they arrive (after the batch that brought them). */
  onNew(listener: (alarms: Alarm[]) => void): () => void;
  reload(): void;
}

const AlarmContext = createContext<AlarmStore | null>(null);
const EMPTY_VIEW: AlarmView = { list: [], byCamera: new Map(), snoozes: new Map() };

export const priorityRank = (p: AlarmPriority) => ALARM_PRIORITIES.indexOf(p);
export const compareAlarms = (a: Alarm, b: Alarm) => priorityRank(a.priority) - priorityRank(b.priority) || b.lastAt - a.lastAt;

function viewOf(alarms: Map<string, Alarm>, snoozes: Map<string, Snooze>): AlarmView {
  const list = [...alarms.values()].sort(compareAlarms);
  const byCamera = new Map<string, Alarm>();
  for (const a of list) if (a.cameraId && !byCamera.has(a.cameraId)) byCamera.set(a.cameraId, a);
  const now = Date.now();
  return { list, byCamera, snoozes: new Map([...snoozes].filter(([, s]) => s.until > now)) };
}

export function AlarmProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const { api } = useApp();
  const [sound] = useState(() => new AlarmSound());
  const [views] = useState(() => new ViewStore());
  const [drawerOpen, setDrawerOpen] = useState(false);
  const alarms = useRef(new Map<string, Alarm>());
  const snoozes = useRef(new Map<string, Snooze>());
  const listeners = useRef(new Set<(a: Alarm[]) => void>());
  const [generation, setGeneration] = useState(0);

  useEffect(() => () => sound.dispose(), [sound]);
  // Browsers let a page make sound only after the user touched it.
  useEffect(() => {
    const unlock = () => sound.unlock();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [sound]);

  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    let pending: { alarm: Alarm; isNew: boolean }[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let wait = BATCH_MS;
    const publish = () => views.set(viewOf(alarms.current, snoozes.current));
    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      wait = batch.length > STORM_EVENTS ? STORM_BATCH_MS : BATCH_MS;
      const fresh: Alarm[] = [];
      for (const { alarm, isNew } of batch) {
        if (alarm.ackedAt !== null) alarms.current.delete(alarm.id);
        else {
          alarms.current.set(alarm.id, alarm);
          if (isNew) fresh.push(alarm);
        }
      }
      publish();
      if (fresh.length) {
        const top = [...fresh].sort(compareAlarms)[0]!;
        sound.play(top.priority);
        for (const l of listeners.current) l(fresh);
      }
    };
    const load = () =>
      api.call('alarms.queue', {}).then(
        (q) => {
          if (!alive) return;
          alarms.current = new Map(q.alarms.map((a) => [a.id, a]));
          snoozes.current = new Map(q.snoozes.map((s) => [s.cameraId, s]));
          publish();
        },
        () => undefined,
      );
    void load();
    const offConn = api.onConnection((s) => s === 'connected' && void load());
    const offAlarm = api.on('alarm.changed', (e) => {
      pending.push({ alarm: e.alarm, isNew: e.isNew });
      timer ??= setTimeout(flush, wait);
    });
    const offSnooze = api.on('alarm.snooze', (e) => {
      if (e.until === null) snoozes.current.delete(e.cameraId);
      else void load(); // who and why come with the queue
      publish();
    });
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      offConn();
      offAlarm();
      offSnooze();
    };
  }, [api, enabled, sound, views, generation]);

  const store = useMemo<AlarmStore>(
    () => ({
      views,
      sound,
      enabled,
      drawerOpen,
      setDrawerOpen,
      onNew: (l) => {
        listeners.current.add(l);
        return () => listeners.current.delete(l);
      },
      reload: () => setGeneration((g) => g + 1),
    }),
    [views, sound, enabled, drawerOpen],
  );
  return <AlarmContext.Provider value={store}>{children}</AlarmContext.Provider>;
}

export function useAlarmStore(): AlarmStore {
  const s = useContext(AlarmContext);
  if (!s) throw new Error('useAlarmStore outside AlarmProvider');
  return s;
}

/**
 * The queue as shown now, re-rendered with every batch as a transition: React renders it in slices
 * that yield to the browser, so a storm that reorders the drawer's rows does not hold the main
 * thread for one long task (measured: a single 60 ms task when the storm began, without it).
 */
export function useAlarmView(): AlarmView {
  const { views } = useAlarmStore();
  const [view, setView] = useState(views.get);
  // The store only changes in batches after mount; the initial value came from it already.
  useEffect(() => views.subscribe(() => startTransition(() => setView(views.get()))), [views]);
  return view;
}

const NO_VIEWS = new ViewStore();

/** The open alarms as a store others can follow (the map's flashing markers); null without alarms. */
export function useAlarmViewStore(): { get(): AlarmView; subscribe(l: () => void): () => void } | null {
  const s = useContext(AlarmContext);
  return s && s.enabled ? s.views : null;
}

/**
 * The most urgent open alarm of a camera, for its tiles (null: none, or alarms not for this role).
 * Re-renders the tile only when that camera's alarm row changed.
 */
export function useTileAlarm(cameraId: string | undefined): Alarm | null {
  const views = useContext(AlarmContext)?.views ?? NO_VIEWS;
  return useSyncExternalStore(views.subscribe, () => (cameraId ? (views.get().byCamera.get(cameraId) ?? null) : null));
}
