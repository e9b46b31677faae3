// "An alarm can pop its camera onto a designated alarm tile or window": a setting of this console
// (kept in the browser, like the sound), read by the wall. The alarm window is a wall window opened
// with #/wall?alarm=1: it shows the newest alarm's camera full size, whatever this setting says.
import { useEffect, useState } from 'react';
import { ALARM_PRIORITIES, type AlarmPriority } from '../../shared/contract';
import type { WallAction } from '../wall/wall-state';
import { priorityRank, useAlarmStore } from './alarm-store';

export interface PopSetting {
  target: 'off' | 'tile' | 'window';
  /** 1-based tile of the wall. */
  tile: number;
  minPriority: AlarmPriority;
}

const KEY = 'wf.alarmPop';
const DEFAULT: PopSetting = { target: 'off', tile: 1, minPriority: 'high' };
const listeners = new Set<(s: PopSetting) => void>();

export function readPop(): PopSetting {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<PopSetting> | null;
    if (!v) return DEFAULT;
    return {
      target: v.target === 'tile' || v.target === 'window' ? v.target : 'off',
      tile: typeof v.tile === 'number' && v.tile >= 1 && v.tile <= 36 ? Math.floor(v.tile) : 1,
      minPriority: (ALARM_PRIORITIES as readonly string[]).includes(v.minPriority ?? '') ? v.minPriority! : 'high',
    };
  } catch {
    return DEFAULT;
  }
}

export function writePop(s: PopSetting): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // lasts until reload
  }
  for (const l of listeners) l(s);
}

export function usePopSetting(): PopSetting {
  const [s, set] = useState(readPop);
  useEffect(() => {
    listeners.add(set);
    // Another window of this console changed it.
    const onStorage = (e: StorageEvent) => e.key === KEY && set(readPop());
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(set);
      window.removeEventListener('storage', onStorage);
    };
  }, []);
  return s;
}

export const isAlarmWindow = () => /[?&]alarm=1\b/.test(window.location.hash);

/** The wall's seam: new alarms put their camera on the alarm tile (or fill the alarm window). */
export function useAlarmPop(dispatch: (a: WallAction) => void): void {
  const store = useAlarmStore();
  const setting = usePopSetting();
  useEffect(() => {
    const windowMode = isAlarmWindow();
    if (!windowMode && setting.target !== 'tile') return;
    return store.onNew((fresh) => {
      const top = fresh
        .filter((a) => a.cameraId && priorityRank(a.priority) <= priorityRank(setting.minPriority))
        .sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority))[0];
      if (!top?.cameraId) return;
      if (windowMode) dispatch({ type: 'camera', cameraId: top.cameraId });
      else dispatch({ type: 'assign', index: setting.tile - 1, cameraId: top.cameraId });
    });
  }, [store, setting, dispatch]);
}
