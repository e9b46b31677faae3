// The signed-in console: navigation over the pages this role may see, the page, the status bar,
// and the lock (idle or on request) over all of it. The user's preferences (UI scale, contrast,
// operator mode) are applied here, and a wall-only window or operator mode shows the wall alone.
import { useCallback, useEffect, useMemo, useState, type Dispatch, type ReactElement, type SetStateAction } from 'react';
import type { Permission, Preferences, Settings } from '../../shared/contract';
import type { ApiClient } from '../api/client';
import type { ConnectionState } from '../api/transport';
import { ActionsProvider } from '../actions/ActionsProvider';
import { AppActions } from '../actions/app-actions';
import { CommandSurfaces } from '../actions/CommandSurfaces';
import { AlarmProvider } from '../alarms/alarm-store';
import { AlarmDrawer } from '../alarms/AlarmCenter';
import { IncidentLauncherProvider } from '../incidents/launcher';
import { MapIncidentSource } from '../incidents/map-source';
import { LockOverlay } from '../auth/LockOverlay';
import { useIdleLock } from '../auth/use-idle-lock';
import { HealthProvider } from '../health/HealthProvider';
import { applyLanguage, setLocalLanguage, usableSettings } from '../i18n';
import { AuditPage } from '../pages/audit/AuditPage';
import { CamerasPage } from '../pages/cameras/CamerasPage';
import { HealthPage } from '../pages/health/HealthPage';
import { IncidentsPage } from '../pages/incidents/IncidentsPage';
import { prewarmMapWhenIdle } from '../map/MapCanvas';
import { MapPage } from '../pages/map/MapPage';
import { PlaybackPage } from '../pages/playback/PlaybackPage';
import { ReportsPage } from '../pages/reports/ReportsPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { UsersPage } from '../pages/users/UsersPage';
import { WallPage } from '../pages/wall/WallPage';
import { windowModeFromHash } from '../wall/use-window-place';
import type { SignedInBoot } from './App';
import { AppContext, type AppState } from './app-context';
import { ErrorBoundary } from './ErrorBoundary';
import { Navigation } from './Navigation';
import { PAGE_PERMISSION, PAGES, type PageId } from './routes';
import { StatusBar } from './StatusBar';
import { useHashRoute } from './use-hash-route';

const PAGE_COMPONENTS: Record<PageId, () => ReactElement> = {
  wall: WallPage,
  map: MapPage,
  incidents: IncidentsPage,
  cameras: CamerasPage,
  health: HealthPage,
  playback: PlaybackPage,
  reports: ReportsPage,
  users: UsersPage,
  audit: AuditPage,
  settings: SettingsPage,
};

/** Scale and contrast apply to the whole document, dialogs included. */
function useDisplayPreferences(p: Preferences): void {
  useEffect(() => {
    const root = document.documentElement;
    // --ui-scale drives CSS zoom on the root (theme.css): layout and text scale together, as
    // browser zoom does, so nothing overflows its box at 200 %.
    root.style.setProperty('--ui-scale', String(p.uiScale / 100));
    if (p.highContrast) root.dataset.contrast = 'high';
    else delete root.dataset.contrast;
  }, [p.uiScale, p.highContrast]);
  useEffect(
    () => () => {
      document.documentElement.style.removeProperty('--ui-scale');
      delete document.documentElement.dataset.contrast;
    },
    [],
  );
}

export function Console({ api, boot, setBoot, connection, connectionSince, reload }: {
  api: ApiClient;
  boot: SignedInBoot;
  setBoot: Dispatch<SetStateAction<SignedInBoot | null>>;
  connection: ConnectionState;
  connectionSince: number;
  reload: () => Promise<void>;
}) {
  const [hashPage, setHash] = useHashRoute();
  // Counts navigations so that choosing the page already shown still moves focus to its title.
  const [navigations, setNavigations] = useState(0);
  const can = useCallback((p: Permission) => boot.session.permissions.includes(p), [boot.session.permissions]);
  const pages = useMemo(() => PAGES.filter((p) => can(PAGE_PERMISSION[p])), [can]);
  const page: PageId = hashPage && pages.includes(hashPage) ? hashPage : (pages[0] ?? 'settings');
  const navigate = useCallback(
    (p: PageId) => {
      setHash(p);
      setNavigations((n) => n + 1);
    },
    [setHash],
  );
  useDisplayPreferences(boot.preferences);
  // A wall-only window (one per big screen) and operator mode show the wall and nothing else.
  const wallOnly = page === 'wall' && (windowModeFromHash() === 'wall' || boot.preferences.operatorMode);

  useEffect(
    () =>
      api.on('settings.changed', (e) => {
        void applyLanguage(e.settings.language);
        setBoot((b) => (b ? { ...b, settings: usableSettings(e.settings) } : b));
      }),
    [api, setBoot],
  );
  // Another window of the same user changed a preference: follow it here too.
  useEffect(() => api.on('preferences.changed', (e) => setBoot((b) => (b ? { ...b, preferences: e.preferences } : b))), [api, setBoot]);

  // The map's worker starts while the console is idle, where the map can be opened at all (not in
  // a window that only shows a wall).
  const mapOpens = !wallOnly && pages.includes('map');
  useEffect(() => (mapOpens ? prewarmMapWhenIdle() : undefined), [mapOpens]);

  useEffect(() => {
    if (!wallOnly) document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [page, navigations, wallOnly]);

  const lock = useCallback(async () => {
    await api.call('session.lock', { reason: 'user' });
    setBoot((b) => (b ? { ...b, session: { ...b.session, locked: true } } : b));
  }, [api, setBoot]);

  useIdleLock(boot.session.locked ? 0 : boot.session.idleLockMinutes, () => {
    void api.call('session.lock', { reason: 'idle' }).then(() => setBoot((b) => (b ? { ...b, session: { ...b.session, locked: true } } : b)));
  });

  const state = useMemo<AppState>(
    () => ({
      api,
      ...boot,
      connection,
      connectionSince,
      can,
      lock,
      async signOut() {
        await api.call('session.signOut', {});
        await reload();
      },
      async updateSettings(patch: Partial<Settings>) {
        const settings = await api.call('settings.update', patch);
        // Choosing the console's language here also drops this browser's own choice.
        if (patch.language) setLocalLanguage(null);
        await applyLanguage(settings.language);
        setBoot((b) => (b ? { ...b, settings: usableSettings(settings) } : b));
      },
      async updatePreferences(patch: Partial<Preferences>) {
        // Shown at once; the core's answer (and its event to the user's other windows) follows.
        setBoot((b) => (b ? { ...b, preferences: { ...b.preferences, ...patch } } : b));
        const preferences = await api.call('preferences.update', patch);
        setBoot((b) => (b ? { ...b, preferences } : b));
      },
    }),
    [api, boot, connection, connectionSince, can, lock, reload, setBoot],
  );

  const Current = PAGE_COMPONENTS[page];
  return (
    <AppContext.Provider value={state}>
      <HealthProvider api={api} connection={connection} enabled={can('register.view')}>
        <ActionsProvider can={can}>
          {/* The alarm queue and the quick incident dialog live above every page (status-bar bell, wall tiles). */}
          <AlarmProvider enabled={can('alarms.handle')}>
            <IncidentLauncherProvider enabled={can('incidents.manage')}>
              <AppActions pages={pages} navigate={navigate} />
              <MapIncidentSource />
              <CommandSurfaces />
              <div className={wallOnly ? 'frame frame--wall-only' : 'frame'} inert={boot.session.locked ? true : undefined}>
                {wallOnly ? null : <Navigation pages={pages} current={page} onNavigate={navigate} />}
                <ErrorBoundary key={page} name={`page ${page}`} variant="page">
                  <Current />
                </ErrorBoundary>
                {wallOnly ? null : <StatusBar connection={connection} />}
                <AlarmDrawer />
              </div>
            </IncidentLauncherProvider>
          </AlarmProvider>
        </ActionsProvider>
      </HealthProvider>
      {boot.session.locked ? <LockOverlay onUnlocked={() => setBoot((b) => (b ? { ...b, session: { ...b.session, locked: false } } : b))} /> : null}
    </AppContext.Provider>
  );
}
