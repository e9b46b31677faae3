// The cameras' ONVIF facts (make, model, clock offset and skew flag), loaded once per console and
// shared by every tile and the register page; reloaded when the register changes.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { CameraDevice } from '../../shared/contract';
import type { ApiClient } from '../api/client';
import { useApp } from '../app/app-context';

interface Store {
  devices: Map<string, CameraDevice>;
  listeners: Set<() => void>;
  users: number;
  off: (() => void) | null;
}

const stores = new WeakMap<ApiClient, Store>();

function storeFor(api: ApiClient): Store {
  let s = stores.get(api);
  if (!s) {
    s = { devices: new Map(), listeners: new Set(), users: 0, off: null };
    stores.set(api, s);
  }
  return s;
}

function load(api: ApiClient, s: Store): void {
  api.call('devices.list', {}).then(
    (list) => {
      s.devices = new Map(list.map((d) => [d.cameraId, d]));
      for (const l of s.listeners) l();
    },
    () => undefined, // no register.view: no facts to show
  );
}

/** One loader per console, however many tiles ask: the first user starts it, the last stops it. */
function acquire(api: ApiClient): () => void {
  const s = storeFor(api);
  if (s.users++ === 0) {
    load(api, s);
    s.off = api.on('register.changed', () => load(api, s));
  }
  return () => {
    if (--s.users === 0) {
      s.off?.();
      s.off = null;
    }
  };
}

function subscribe(api: ApiClient, listener: () => void): () => void {
  const s = storeFor(api);
  s.listeners.add(listener);
  return () => s.listeners.delete(listener);
}

export function useDevices(): Map<string, CameraDevice> {
  const { api, can } = useApp();
  const allowed = can('register.view');
  useEffect(() => (allowed ? acquire(api) : undefined), [api, allowed]);
  // The same subscribe function while the client is the same: a new one would resubscribe on every render.
  const listen = useCallback((l: () => void) => subscribe(api, l), [api]);
  return useSyncExternalStore(listen, () => storeFor(api).devices);
}

/** "1 h 2 min ahead", "12 s behind" (the camera's clock against the console's). */
export function formatOffset(t: (k: string, o?: Record<string, unknown>) => string, ms: number): string {
  const abs = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const sec = abs % 60;
  const amount =
    h > 0 ? (m > 0 ? t('devices.hours', { h, m }) : t('devices.hoursOnly', { h })) : m > 0 ? t('devices.minutes', { m, s: sec }) : t('devices.seconds', { s: sec });
  return t(ms >= 0 ? 'devices.ahead' : 'devices.behind', { amount });
}
