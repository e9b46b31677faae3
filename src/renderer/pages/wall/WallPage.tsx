import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TourStep } from '../../../shared/contract';
import { errorText } from '../../api/client';
import { useCreateIds } from '../../api/use-create-ids';
import { useApp } from '../../app/app-context';
import { EmptyState } from '../../app/EmptyState';
import { StartDemoButton } from '../../demo/StartDemoButton';
import { Page } from '../../app/Page';
import { useRegister } from '../../register/use-register';
import { CameraTree } from '../../wall/CameraTree';
import { GridEditor } from '../../wall/GridEditor';
import { preset } from '../../../shared/layouts';
import { SaveViewDialog } from '../../wall/SaveViewDialog';
import { TourDialog } from '../../wall/TourDialog';
import { useLiveStates } from '../../wall/use-live-states';
import { usePrewarm } from '../../wall/use-prewarm';
import { useTour } from '../../wall/use-tour';
import { useViewsAndTours } from '../../wall/use-views';
import { useWallKeys } from '../../wall/use-wall-keys';
import { cameraFromHash, useWindowPlace, viewFromHash } from '../../wall/use-window-place';
import { WallGrid } from '../../wall/WallGrid';
import { initialWall, wallReducer, type WallState } from '../../wall/wall-state';
import { WallToolbar } from '../../wall/WallToolbar';
import { useAlarmPop } from '../../alarms/pop';
import { useNewIncidentAction } from '../../incidents/wall-actions';

export function WallPage() {
  const { t } = useTranslation();
  const { api, can, settings } = useApp();
  const tree = useRegister();
  const { views, tours } = useViewsAndTours();
  const [state, dispatch] = useReducer(wallReducer, initialWall);
  const [dialog, setDialog] = useState<'save' | 'tour' | null>(null);
  const [editingGrid, setEditingGrid] = useState(false);
  const [showStats, setShowStats] = useState<Set<number>>(new Set());
  const [snapshotRequest, setSnapshotRequest] = useState(0);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const wallRef = useRef<HTMLDivElement>(null);
  const beforeTour = useRef<WallState | null>(null);
  const windows = useWindowPlace(state.viewId);
  const liveStates = useLiveStates();
  const createIds = useCreateIds();

  const cameras = useMemo(() => new Map((tree?.cameras ?? []).map((c) => [c.id, c])), [tree]);
  const fail = useCallback((err: unknown) => setMessage({ kind: 'error', text: errorText(t, err) }), [t]);

  // Confirmations fade after a few seconds; errors stay until clicked away.
  useEffect(() => {
    if (message?.kind !== 'ok') return;
    const id = setTimeout(() => setMessage(null), 4000);
    return () => clearTimeout(id);
  }, [message]);

  // "Show on wall" from the map or elsewhere (#/wall?camera=…): that camera alone.
  useEffect(() => {
    const id = cameraFromHash();
    if (id) dispatch({ type: 'camera', cameraId: id });
  }, []);

  // A window opened for a view (#/wall?view=…) shows it as soon as the views are known.
  const wantedView = useRef(viewFromHash());
  useEffect(() => {
    const id = wantedView.current;
    const v = id ? views.find((x) => x.id === id) : undefined;
    if (v) {
      dispatch({ type: 'load', view: v });
      wantedView.current = null;
    }
  }, [views]);

  const applyStep = useCallback(
    (step: TourStep) => {
      if (step.kind === 'camera') dispatch({ type: 'camera', cameraId: step.cameraId });
      else {
        const v = views.find((x) => x.id === step.viewId);
        if (v) dispatch({ type: 'load', view: v });
      }
    },
    [views],
  );
  const tour = useTour(applyStep);
  usePrewarm(tour.run, views);

  const toggleStats = useCallback((i: number) => {
    setShowStats((s) => {
      const n = new Set(s);
      if (n.has(i)) n.delete(i);
      else n.add(i);
      return n;
    });
  }, []);

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void wallRef.current?.requestFullscreen().catch(() => undefined);
  }, []);

  const keyActions = useMemo(
    () => ({
      dispatch,
      focusSearch: () => searchRef.current?.focus(),
      toggleFullscreen,
      snapshot: () => setSnapshotRequest((n) => n + 1),
      toggleStats,
      loadView: (n: number) => {
        const v = views[n];
        if (v) dispatch({ type: 'load', view: v });
      },
    }),
    [toggleFullscreen, toggleStats, views],
  );
  useWallKeys(state, keyActions);
  // Seams of the book of the shift: "New incident from this camera" (N, tile button, palette) and
  // alarms popping their camera onto the designated alarm tile or window.
  useNewIncidentAction(state.tiles, state.selected);
  useAlarmPop(dispatch);

  const saveView = async (name: string, shared: boolean) => {
    setDialog(null);
    const current = views.find((v) => v.id === state.viewId);
    // Saving over a view the user may not edit (someone's shared view) makes a new one.
    // A new view gets an id now, kept for this name until the save is confirmed: see useCreateIds.
    const key = `view:${name}`;
    const id = current && current.editable && current.name === name ? current.id : createIds.idFor(key);
    try {
      const v = await api.call('views.save', { id, name, shared, layout: state.layout, tiles: state.tiles });
      createIds.done(key);
      dispatch({ type: 'saved', viewId: v.id });
      setMessage({ kind: 'ok', text: t('pages.wall.viewSaved', { name: v.name }) });
    } catch (err) {
      fail(err);
    }
  };

  const startTour = (id: string) => {
    const found = tours.find((x) => x.id === id);
    if (!found) return;
    beforeTour.current = state;
    tour.start(found);
  };
  const stopTour = () => {
    tour.stop();
    const prev = beforeTour.current;
    if (prev) {
      dispatch({ type: 'layout', layout: prev.layout });
      prev.tiles.forEach((a, i) => (a ? dispatch({ type: 'assign', index: i, cameraId: a.cameraId }) : dispatch({ type: 'clear', index: i })));
    }
    beforeTour.current = null;
  };

  if (tree && tree.cameras.length === 0) {
    return (
      <Page title={t('pages.wall.title')}>
        <EmptyState title={t('pages.wall.emptyTitle')} body={t('pages.wall.emptyBody')}>
          <StartDemoButton />
        </EmptyState>
      </Page>
    );
  }

  const current = views.find((v) => v.id === state.viewId);
  const run = tour.run;
  return (
    <Page
      title={t('pages.wall.title')}
      className="page--wall"
      tools={
        <WallToolbar
          state={state}
          views={views}
          tours={tours}
          tourRun={run}
          editingGrid={editingGrid}
          onLayout={(name) => dispatch({ type: 'layout', layout: preset(name) })}
          onEditGrid={() => setEditingGrid((e) => !e)}
          onView={(id) => {
            const v = views.find((x) => x.id === id);
            if (v) dispatch({ type: 'load', view: v });
          }}
          onSaveView={() => setDialog('save')}
          onDeleteView={() => current && void api.call('views.delete', { id: current.id }).then(() => dispatch({ type: 'saved', viewId: '' }), fail)}
          onTourStart={startTour}
          onTourPause={tour.pause}
          onTourResume={tour.resume}
          onTourStop={stopTour}
          onTourNew={() => setDialog('tour')}
          onNewWindow={() => windows.openNew(state.viewId)}
          onFullscreen={toggleFullscreen}
        />
      }
    >
      <div className="wall" ref={wallRef}>
        {tree ? <CameraTree ref={searchRef} tree={tree} liveStates={liveStates} onPick={(id) => dispatch({ type: 'assign', index: state.selected, cameraId: id })} /> : null}
        <div className="wall__main">
          {windows.others.length > 0 ? (
            <div className="wall__notice" role="status">
              <button type="button" className="button button--primary" onClick={windows.reopen}>
                {t('pages.wall.restoreWindows', { count: windows.others.length })}
              </button>
              <button type="button" className="button" onClick={windows.forget}>
                {t('common.close')}
              </button>
            </div>
          ) : null}
          {run ? (
            <div className="wall__notice" role="status">
              {run.paused
                ? t('pages.wall.tourPaused', { name: run.tour.name, step: run.step + 1, count: run.tour.steps.length })
                : t('pages.wall.tourStatus', { name: run.tour.name, step: run.step + 1, count: run.tour.steps.length, seconds: run.tour.dwellSeconds })}
            </div>
          ) : null}
          {message ? (
            <div className={`wall__notice message--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} onClick={() => setMessage(null)}>
              {message.text}
            </div>
          ) : null}
          {editingGrid ? (
            <GridEditor layout={state.layout} onChange={(l) => dispatch({ type: 'layout', layout: l })} onDone={() => setEditingGrid(false)} />
          ) : (
            <WallGrid state={state} dispatch={dispatch} cameras={cameras} showStats={showStats} onToggleStats={toggleStats} snapshotRequest={snapshotRequest} />
          )}
          <p className="wall__keys muted">{t('pages.wall.keys')}</p>
        </div>
      </div>
      {dialog === 'save' ? (
        <SaveViewDialog
          initialName={current?.name ?? ''}
          initialShared={current?.shared ?? false}
          canShare={can('views.manage')}
          onSave={(n, s) => void saveView(n, s)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'tour' ? (
        <TourDialog
          views={views}
          cameras={tree?.cameras ?? []}
          dwellDefault={settings.tourDwellSeconds}
          onClose={() => setDialog(null)}
          onSave={(name, dwellSeconds, steps) => {
            setDialog(null);
            const key = `tour:${name}`;
            void api.call('tours.save', { id: createIds.idFor(key), name, dwellSeconds, shared: false, steps }).then(() => createIds.done(key), fail);
          }}
        />
      ) : null}
    </Page>
  );
}
