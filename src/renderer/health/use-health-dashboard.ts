// The dashboard's data, kept live: loaded once, then again (at most once a second) whenever a
// camera's health or a repair ticket changes, and when the connection comes back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HealthDashboard, RepairTicket } from '../../shared/contract';
import { useApp } from '../app/app-context';

const COALESCE_MS = 1000;

export function useHealthDashboard(): { dashboard: HealthDashboard | null; tickets: RepairTicket[]; error: unknown; reload: () => void } {
  const { api } = useApp();
  const [dashboard, setDashboard] = useState<HealthDashboard | null>(null);
  const [tickets, setTickets] = useState<RepairTicket[]>([]);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);

  const load = useCallback(() => {
    void Promise.all([api.call('health.dashboard', {}), api.call('repair.list', {})]).then(
      ([d, t]) => {
        if (!alive.current) return;
        setDashboard(d);
        setTickets(t);
        setError(null);
      },
      (err: unknown) => alive.current && setError(err),
    );
  }, [api]);

  const soon = useCallback(() => {
    timer.current ??= setTimeout(() => {
      timer.current = null;
      load();
    }, COALESCE_MS);
  }, [load]);

  useEffect(() => {
    alive.current = true;
    load();
    const offs = [api.on('camera.health', soon), api.on('repair.changed', soon), api.on('register.changed', soon), api.onConnection((s) => s === 'connected' && load())];
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      offs.forEach((off) => off());
    };
  }, [api, load, soon]);

  // The core computes uptime in the background after it starts: ask again until it is there.
  const computing = dashboard !== null && dashboard.uptimeAt === null;
  useEffect(() => {
    if (!computing) return;
    const id = setTimeout(load, 3000);
    return () => clearTimeout(id);
  }, [computing, dashboard, load]);

  return { dashboard, tickets, error, reload: load };
}
