// One place that opens the quick incident dialog, wherever the officer is (a wall tile, the alarm
// queue), and says "Incident 2026-000123 logged" afterwards with a link to it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm, Incident } from '../../shared/contract';
import { QuickIncidentDialog, type QuickSource } from './QuickIncidentDialog';

interface Launcher {
  fromCamera(cameraId: string): void;
  fromAlarm(alarm: Alarm): void;
}

const LauncherContext = createContext<Launcher | null>(null);

export function useIncidentLauncher(): Launcher {
  const l = useContext(LauncherContext);
  if (!l) throw new Error('useIncidentLauncher outside IncidentLauncherProvider');
  return l;
}

export function IncidentLauncherProvider({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<QuickSource | null>(null);
  const [logged, setLogged] = useState<Incident | null>(null);
  const fromCamera = useCallback((cameraId: string) => enabled && setSource({ kind: 'camera', cameraId }), [enabled]);
  const fromAlarm = useCallback((alarm: Alarm) => enabled && setSource({ kind: 'alarm', alarm }), [enabled]);
  const value = useMemo(() => ({ fromCamera, fromAlarm }), [fromCamera, fromAlarm]);
  useEffect(() => {
    if (!logged) return;
    const id = setTimeout(() => setLogged(null), 8000);
    return () => clearTimeout(id);
  }, [logged]);
  return (
    <LauncherContext.Provider value={value}>
      {children}
      {source ? (
        <QuickIncidentDialog
          key={source.kind === 'camera' ? source.cameraId : source.alarm.id}
          source={source}
          onClose={() => setSource(null)}
          onLogged={(i) => {
            setSource(null);
            setLogged(i);
          }}
        />
      ) : null}
      {logged ? (
        <div className="toast" role="status">
          {t('book.incidents.logged', { number: logged.number })}{' '}
          <a href={`#/incidents?id=${logged.id}`} onClick={() => setLogged(null)}>
            {t('book.incidents.open')}
          </a>
        </div>
      ) : null}
    </LauncherContext.Provider>
  );
}
