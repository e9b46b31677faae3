import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/contract';
import { errorText, type ApiClient } from '../api/client';
import type { ConnectionState } from '../api/transport';
import { applyLanguage } from '../i18n';
import { CamerasPage } from '../pages/cameras/CamerasPage';
import { IncidentsPage } from '../pages/incidents/IncidentsPage';
import { MapPage } from '../pages/map/MapPage';
import { PlaybackPage } from '../pages/playback/PlaybackPage';
import { ReportsPage } from '../pages/reports/ReportsPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { WallPage } from '../pages/wall/WallPage';
import { AppContext, type AppState } from './app-context';
import { ErrorBoundary } from './ErrorBoundary';
import { Navigation } from './Navigation';
import { PAGES, type PageId } from './routes';
import { StatusBar } from './StatusBar';
import { useHashRoute } from './use-hash-route';

const PAGE_COMPONENTS: Record<PageId, () => ReactElement> = {
  wall: WallPage,
  map: MapPage,
  incidents: IncidentsPage,
  cameras: CamerasPage,
  playback: PlaybackPage,
  reports: ReportsPage,
  settings: SettingsPage,
};

type Boot = Omit<AppState, 'updateSettings' | 'api'>;

export function App({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [page, setHash] = useHashRoute();
  // Counts navigations so that choosing the page already shown still moves focus to its title.
  const [navigations, setNavigations] = useState(0);
  const navigate = useCallback(
    (p: PageId) => {
      setHash(p);
      setNavigations((n) => n + 1);
    },
    [setHash],
  );

  const load = useCallback(async () => {
    try {
      const [session, settings, system] = await Promise.all([
        api.call('session.me', {}),
        api.call('settings.get', {}),
        api.call('system.info', {}),
      ]);
      await applyLanguage(settings.language);
      setBoot({ session, settings, system });
      setBootError(null);
    } catch (err) {
      setBootError(errorText(t, err));
    }
  }, [api, t]);

  useEffect(() => {
    let first = true;
    return api.onConnection((s) => {
      setConnection(s);
      // Load on first connect and again after a reconnect (the core may have restarted).
      if (s === 'connected') {
        void load();
        first = false;
      } else if (first) setConnection(s);
    });
  }, [api, load]);

  useEffect(
    () =>
      api.on('settings.changed', (e) => {
        void applyLanguage(e.settings.language);
        setBoot((b) => (b ? { ...b, settings: e.settings } : b));
      }),
    [api],
  );

  // Alt+1 … Alt+7: pages. Focus moves to the new page's title so screen readers announce it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const i = Number(e.key) - 1;
      const target = PAGES[i];
      if (target) {
        e.preventDefault();
        navigate(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  useEffect(() => {
    document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [page, navigations]);

  const state = useMemo<AppState | null>(
    () =>
      boot && {
        api,
        ...boot,
        async updateSettings(patch: Partial<Settings>) {
          const settings = await api.call('settings.update', patch);
          await applyLanguage(settings.language);
          setBoot((b) => (b ? { ...b, settings } : b));
        },
      },
    [api, boot],
  );

  if (!state) {
    return (
      <div className="boot" role="status" aria-live="polite">
        <div className="boot__brand">{t('app.name')}</div>
        <p>{bootError ?? t(`status.connection.${connection}`)}</p>
      </div>
    );
  }
  const Current = PAGE_COMPONENTS[page];
  return (
    <AppContext.Provider value={state}>
      <div className="frame">
        <Navigation current={page} onNavigate={navigate} />
        <ErrorBoundary key={page} name={`page ${page}`} variant="page">
          <Current />
        </ErrorBoundary>
        <StatusBar connection={connection} />
      </div>
    </AppContext.Provider>
  );
}
