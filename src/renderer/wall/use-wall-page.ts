// The wall page's behaviour, apart from its markup: the kept wall of this window, views and tours,
// "show on wall" and #/wall?view= commands, questions before unsaved work is left, undo, and every
// wall command registered as an action.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tour, TourStep, View, WallState } from '../../shared/contract';
import { errorText } from '../api/client';
import { useCreateIds } from '../api/use-create-ids';
import { useActions } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import type { ConfirmChoice } from '../app/ConfirmDialog';
import { useHealth } from '../health/HealthProvider';
import { useRegister } from '../register/use-register';
import { listActions, WALL_ACTIONS, type WallCtx } from './wall-actions';
import { hasUnsavedWork, placeCamera, type WallAction } from './wall-state';
import { usePrewarm } from './use-prewarm';
import { useTour, type TourRun } from './use-tour';
import { useViewsAndTours } from './use-views';
import { useWallHistory } from './use-wall-history';
import { useWallStore } from './use-wall-store';
import { consumeHashCommands, useWindowPlace, windowKeyFromHash } from './use-window-place';

export interface Notice {
  id: number;
  kind: 'ok' | 'error' | 'undo';
  text: string;
}

export interface Question {
  title: string;
  body: string;
  choices: ConfirmChoice[];
}

/** Camera states a tour passes over: nothing would be shown but a black tile. */
const DOWN = new Set(['offline', 'awaiting_repair', 'decommissioned']);

export function useWallPage() {
  const { t } = useTranslation();
  const { api, can, settings, preferences, updatePreferences, connection } = useApp();
  const createIds = useCreateIds();
  const tree = useRegister();
  const health = useHealth();
  const { views, tours, loaded: viewsLoaded, remember: rememberView } = useViewsAndTours();
  const [beforeTour, setBeforeTour] = useState<WallState | null>(null);
  const [windowKey] = useState(windowKeyFromHash);
  const store = useWallStore(windowKey, beforeTour);
  const { state, dispatch } = store;
  // This window's place follows the view it shows (the Reopen offer and the desktop app use it).
  const place = useWindowPlace(state.viewId);
  // Read by callbacks that must see the newest value without being re-created on every change.
  const stateRef = useRef(state);
  const viewsRef = useRef(views);
  const tourRef = useRef<TourRun | null>(null);
  const stopTourRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    stateRef.current = state;
    viewsRef.current = views;
  }, [state, views]);
  const history = useWallHistory(state, dispatch);
  const { act, undo } = history;
  const [dialog, setDialog] = useState<{ kind: 'save' } | { kind: 'tour'; tour: Tour | null } | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const [editingGrid, setEditingGrid] = useState(false);
  const [showStats, setShowStats] = useState<Set<number>>(new Set());
  const [snapshotRequest, setSnapshotRequest] = useState(0);
  const [notices, setNotices] = useState<Notice[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const wallRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const cameras = useMemo(() => new Map((tree?.cameras ?? []).map((c) => [c.id, c])), [tree]);
  const currentView = views.find((v) => v.id === state.viewId) ?? null;

  const notify = useCallback((kind: Notice['kind'], text: string) => {
    const id = Date.now() + Math.random();
    setNotices((n) => [...n.filter((x) => x.kind !== kind || kind === 'error'), { id, kind, text }].slice(-3));
    // Confirmations and undo offers fade; errors stay until clicked away.
    if (kind !== 'error') setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), kind === 'undo' ? 8000 : 4000);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), []);
  const fail = useCallback((err: unknown) => notify('error', errorText(t, err)), [notify, t]);
  const returnFocus = useCallback(() => gridRef.current?.focus({ preventScroll: true }), []);


  // ---- Views ----
  const loadNow = useCallback(
    (v: View) => {
      if (tourRef.current) stopTourRef.current();
      act({ type: 'load', view: v });
    },
    [act],
  );

  const saveView = useCallback(
    async (name: string, shared: boolean, shortcut: number | null, then?: () => void) => {
      setDialog(null);
      // Saving over a view the user may not edit (someone's shared view) makes a new one.
      // A new view gets an id now, kept for this name until the save is confirmed: see useCreateIds.
      const key = `view:${name}`;
      const id = currentView && currentView.editable && currentView.name === name && currentView.shared === shared ? currentView.id : createIds.idFor(key);
      try {
        const v = await api.call('views.save', { id, name, shared, shortcut, layout: state.layout, tiles: state.tiles });
        createIds.done(key);
        rememberView(v);
        dispatch({ type: 'saved', viewId: v.id });
        notify('ok', t('pages.wall.viewSaved', { name: v.name }));
        then?.();
      } catch (err) {
        fail(err);
      }
    },
    [api, createIds, currentView, dispatch, fail, notify, rememberView, state.layout, state.tiles, t],
  );

  /** Switching views never drops unsaved work silently: it asks, and undo still brings it back. */
  const requestView = useCallback(
    (v: View) => {
      if (v.id === state.viewId && !state.dirty) return;
      if (!hasUnsavedWork(state) || tourRef.current) return loadNow(v);
      const close = () => setQuestion(null);
      const choices: ConfirmChoice[] = [{ label: t('pages.wall.discardAndSwitch'), run: () => (close(), loadNow(v)) }];
      if (currentView?.editable)
        choices.push({ label: t('pages.wall.saveAndSwitch', { name: currentView.name }), kind: 'primary', run: () => (close(), void saveView(currentView.name, currentView.shared, currentView.shortcut, () => loadNow(v))) });
      else choices.push({ label: t('pages.wall.saveAsAndSwitch'), kind: 'primary', run: () => (close(), setDialog({ kind: 'save' })) });
      setQuestion({
        title: t('pages.wall.unsavedTitle'),
        body: currentView ? t('pages.wall.unsavedBody', { name: currentView.name, target: v.name }) : t('pages.wall.unsavedBodyNoView', { target: v.name }),
        choices,
      });
    },
    [currentView, loadNow, saveView, state, t],
  );

  const deleteView = useCallback(() => {
    const v = currentView;
    if (!v?.editable) return;
    setQuestion({
      title: t('pages.wall.deleteTitle', { name: v.name }),
      body: v.shared ? t('pages.wall.deleteShared') : t('pages.wall.deletePersonal'),
      choices: [
        {
          label: t('pages.wall.deleteView'),
          kind: 'danger',
          run: () => {
            setQuestion(null);
            void api.call('views.delete', { id: v.id }).then(() => {
              // The cameras stay on the wall, now as an unsaved arrangement that can be saved again.
              dispatch({ type: 'restore', state: { ...stateRef.current, viewId: null, dirty: true } });
              notify('ok', t('pages.wall.viewDeleted', { name: v.name }));
            }, fail);
          },
        },
      ],
    });
  }, [api, currentView, dispatch, fail, notify, t]);

  const setDefaultView = useCallback(() => {
    if (!currentView) return;
    void updatePreferences({ defaultViews: { ...preferences.defaultViews, [place.key]: currentView.id } }).then(
      () => notify('ok', t('pages.wall.defaultSet', { name: currentView.name })),
      fail,
    );
  }, [currentView, fail, notify, place.key, preferences.defaultViews, t, updatePreferences]);

  // A window with nothing kept opens with its default view: the user's choice for this window,
  // else the view on Shift+1, else the first one. Never an empty wall while views exist.
  const { ready: storeReady, fresh, applyDefault } = store;
  useEffect(() => {
    if (!storeReady || !fresh || !viewsLoaded) return;
    const chosen = preferences.defaultViews[place.key];
    const v = views.find((x) => x.id === chosen) ?? views.find((x) => x.shortcut === 1) ?? views[0];
    if (!v) return; // none yet (an empty register, the demo starting): the first one to appear
    applyDefault({ type: 'load', view: v });
  }, [applyDefault, fresh, place.key, preferences.defaultViews, storeReady, views, viewsLoaded]);

  // ---- #/wall?camera=… and #/wall?view=…, at start and whenever the address changes ----
  const showCamera = useCallback(
    (cameraId: string) => {
      const s = stateRef.current;
      const { index, displaced } = placeCamera(s, cameraId);
      act({ type: 'place', cameraId });
      const name = cameras.get(cameraId)?.name ?? '';
      const other = displaced ? cameras.get(displaced.cameraId)?.name : null;
      if (other) notify('undo', t('pages.wall.shownDisplaced', { name, n: index + 1, other }));
      else notify('ok', t('pages.wall.shown', { name, n: index + 1 }));
    },
    [act, cameras, notify, t],
  );
  // Commands wait here until the wall, the register and the views they need are known.
  const wanted = useRef<{ view: string | null; camera: string | null }>({ view: null, camera: null });
  const [hashSeen, setHashSeen] = useState(0);
  useEffect(() => {
    const read = () => {
      const cmd = consumeHashCommands();
      if (!cmd.view && !cmd.camera) return;
      wanted.current = cmd;
      setHashSeen((n) => n + 1);
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  // Waits until the wall's default is decided: a fresh wall first gets its view, then the command.
  const settledWall = store.ready && (!store.fresh || (viewsLoaded && views.length === 0));
  useEffect(() => {
    if (!settledWall) return;
    const w = wanted.current;
    if (w.camera && tree) {
      wanted.current = { ...w, camera: null };
      showCamera(w.camera);
    }
    if (w.view && viewsLoaded) {
      wanted.current = { ...wanted.current, view: null };
      const v = views.find((x) => x.id === w.view);
      if (v) requestView(v);
      else notify('error', t('pages.wall.viewGone'));
    }
  }, [hashSeen, notify, requestView, settledWall, showCamera, t, tree, views, viewsLoaded]);

  // ---- Tours ----
  const applyStep = useCallback(
    (step: TourStep) => {
      if (step.kind === 'camera') dispatch({ type: 'camera', cameraId: step.cameraId });
      else {
        const v = viewsRef.current.find((x) => x.id === step.viewId);
        if (v) dispatch({ type: 'load', view: v });
      }
    },
    [dispatch],
  );
  const usable = useCallback(
    (step: TourStep) => {
      const down = (id: string) => DOWN.has(health.byCamera.get(id)?.state ?? cameras.get(id)?.status ?? 'unknown');
      if (step.kind === 'camera') return !down(step.cameraId);
      const v = viewsRef.current.find((x) => x.id === step.viewId);
      const ids = (v?.tiles ?? []).flatMap((x) => (x ? [x.cameraId] : []));
      return ids.length > 0 && ids.some((id) => !down(id));
    },
    [cameras, health.byCamera],
  );
  const tour = useTour(applyStep, usable);
  usePrewarm(tour.run, views);
  useEffect(() => {
    tourRef.current = tour.run;
  }, [tour.run]);
  const startTour = useCallback(
    (x: Tour) => {
      if (x.steps.length === 0) return notify('error', t('validation.tourSteps'));
      setBeforeTour(stateRef.current);
      tour.start(x);
    },
    [notify, t, tour],
  );
  // The wall comes back exactly as it was: same view, same "changed" mark, same parked cameras.
  const stopTour = useCallback(() => {
    tour.stop();
    setBeforeTour((prev) => {
      if (prev) dispatch({ type: 'restore', state: prev });
      return null;
    });
  }, [dispatch, tour]);
  useEffect(() => {
    stopTourRef.current = stopTour;
  }, [stopTour]);
  const saveTour = useCallback(
    (input: { id?: string; name: string; dwellSeconds: number; shared: boolean; steps: TourStep[] }) => {
      setDialog(null);
      const key = `tour:${input.name}`;
      const id = input.id ?? createIds.idFor(key);
      void api.call('tours.save', { ...input, id }).then((x) => {
        createIds.done(key);
        notify('ok', t('pages.wall.tourSaved', { name: x.name }));
      }, fail);
    },
    [api, createIds, fail, notify, t],
  );
  const deleteTour = useCallback(
    (x: Tour) =>
      setQuestion({
        title: t('pages.wall.tourDeleteTitle', { name: x.name }),
        body: x.shared ? t('pages.wall.deleteShared') : t('pages.wall.deletePersonal'),
        choices: [
          {
            label: t('pages.wall.tourDelete'),
            kind: 'danger',
            run: () => {
              setQuestion(null);
              if (tourRef.current?.tour.id === x.id) stopTour();
              void api.call('tours.delete', { id: x.id }).then(() => notify('ok', t('pages.wall.tourDeleted', { name: x.name })), fail);
            },
          },
        ],
      }),
    [api, fail, notify, stopTour, t],
  );

  // ---- Small commands ----
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

  const ctx = useMemo<WallCtx>(
    () => ({
      state,
      tourRun: tour.run,
      canUndo: history.canUndo,
      currentView,
      act: (a: WallAction) => {
        // Arranging the wall by hand ends a tour: the officer has taken over.
        if (tourRef.current && a.type !== 'select' && a.type !== 'maximise') stopTour();
        act(a);
        // What takes something off the wall offers its undo where the officer is looking.
        if (a.type === 'clear' && state.tiles[a.index]) notify('undo', t('pages.wall.undoClear', { n: a.index + 1 }));
        else if (a.type === 'forgetParked' && state.parked.length) notify('undo', t('pages.wall.undoForget'));
      },
      undo: () => void undo(),
      focusSearch: () => searchRef.current?.focus(),
      toggleFullscreen,
      snapshot: () => setSnapshotRequest((n) => n + 1),
      toggleStats,
      loadView: requestView,
      saveView: () => setDialog({ kind: 'save' }),
      deleteView,
      setDefaultView,
      newWindow: (mode) => place.openNew(state.viewId, mode),
      editGrid: () => setEditingGrid((e) => !e),
      operatorMode: preferences.operatorMode,
      toggleOperatorMode: () => void updatePreferences({ operatorMode: !preferences.operatorMode }).catch(fail),
      tourStart: startTour,
      tourPause: tour.pause,
      tourResume: tour.resume,
      tourStop: stopTour,
      tourNew: () => setDialog({ kind: 'tour', tour: null }),
      tourEdit: (x) => setDialog({ kind: 'tour', tour: x }),
      tourDelete: deleteTour,
    }),
    [act, currentView, deleteTour, deleteView, fail, history.canUndo, notify, place, preferences.operatorMode, requestView, setDefaultView, startTour, state, stopTour, t, toggleFullscreen, toggleStats, tour.pause, tour.resume, tour.run, undo, updatePreferences],
  );
  useActions(WALL_ACTIONS, ctx);
  const dynamic = useMemo(() => listActions(views, tours), [views, tours]);
  useActions(dynamic, ctx);

  return {
    t,
    can,
    settings,
    connection,
    tree,
    views,
    tours,
    cameras,
    state,
    ready: store.ready,
    ctx,
    place,
    dialog,
    setDialog,
    question,
    setQuestion,
    editingGrid,
    setEditingGrid,
    showStats,
    snapshotRequest,
    notices,
    dismiss,
    undo,
    saveView,
    saveTour,
    searchRef,
    wallRef,
    gridRef,
    returnFocus,
    currentView,
    tourRun: tour.run,
  };
}
