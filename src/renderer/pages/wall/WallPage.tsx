// The video wall page. Its behaviour is use-wall-page's; this is what the officer sees: toolbar,
// camera tree, the grid, parked cameras, and messages laid over the grid (never pushing it down).
// In a wall-only window or operator mode it is the grid alone with a slim bar of facts.
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { Page } from '../../app/Page';
import { StartDemoButton } from '../../demo/StartDemoButton';
import { CameraTree } from '../../wall/CameraTree';
import { GridEditor } from '../../wall/GridEditor';
import { ParkedStrip } from '../../wall/ParkedStrip';
import { SaveViewDialog } from '../../wall/SaveViewDialog';
import { TourDialog } from '../../wall/TourDialog';
import { useWallPage } from '../../wall/use-wall-page';
import { WallFacts } from '../../wall/WallFacts';
import { WallGrid } from '../../wall/WallGrid';
import { WallToolbar } from '../../wall/WallToolbar';
import { useApp } from '../../app/app-context';
import { formatTime, type Language } from '../../i18n';
// Playback on the wall (instant replay, playback at a time): a seam kept in src/renderer/playback.
import { WallPlaybackControls, WallPlaybackProvider } from '../../playback/wall-playback';
import { useAlarmPop } from '../../alarms/pop';
import { useNewIncidentAction } from '../../incidents/wall-actions';

export function WallPage() {
  const { searchRef, wallRef, gridRef, ...w } = useWallPage();
  const { t, state } = w;
  const { i18n } = useTranslation();
  const { preferences, connectionSince } = useApp();
  const coreUp = w.connection === 'connected';
  const lostSince = coreUp ? null : connectionSince;
  const wallOnly = w.place.mode === 'wall' || preferences.operatorMode;
  // Seams of the book of the shift: "New incident from this camera" (N, tile button, palette) and
  // alarms popping their camera onto the designated alarm tile or window.
  useNewIncidentAction(state.tiles, state.selected);
  useAlarmPop(w.ctx.act);

  const cameraAt = (i: number) => state.tiles[i]?.cameraId ?? null;
  if (w.tree && w.tree.cameras.length === 0) {
    // The same element tree as the full wall below, so the title the officer's focus is on (Alt+1
    // pressed before the register arrived) is kept, not replaced.
    return (
      <WallPlaybackProvider selected={state.selected} cameraAt={cameraAt}>
        <Page title={t('pages.wall.title')}>
          <EmptyState title={t('pages.wall.emptyTitle')} body={t('pages.wall.emptyBody')}>
            <StartDemoButton />
          </EmptyState>
        </Page>
      </WallPlaybackProvider>
    );
  }

  const run = w.tourRun;
  const overlays = (
    <div className="wall__overlays">
      {!coreUp ? (
        <div className="wall__outage" role="alert">
          <strong>{t('pages.wall.outageTitle')}</strong>
          <span>
            {t('pages.wall.outageBody', { time: lostSince ? formatTime(lostSince, i18n.language as Language, w.settings.timeZone) : '' })}
          </span>
        </div>
      ) : null}
      <div className="wall__notices">
        {w.place.others.length > 0 ? (
          <div className="notice" role="status">
            <button type="button" className="button button--primary" onClick={w.place.reopen}>
              {t('pages.wall.restoreWindows', { count: w.place.others.length })}
            </button>
            <button type="button" className="button" onClick={w.place.forget}>
              {t('common.close')}
            </button>
          </div>
        ) : null}
        {run ? (
          <div className="notice" role="status">
            {run.paused
              ? t('pages.wall.tourPaused', { name: run.tour.name, step: run.step + 1, count: run.tour.steps.length })
              : t('pages.wall.tourStatus', { name: run.tour.name, step: run.step + 1, count: run.tour.steps.length, seconds: run.tour.dwellSeconds })}
            {run.skipped > 0 ? <span className="muted"> · {t('pages.wall.tourSkipped', { count: run.skipped })}</span> : null}
          </div>
        ) : null}
        {w.notices.map((n) => (
          <div key={n.id} className={`notice notice--${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <span>{n.text}</span>
            {n.kind === 'undo' ? (
              <button type="button" className="button" onClick={() => (w.undo(), w.dismiss(n.id))}>
                {t('pages.wall.undo')}
              </button>
            ) : null}
            <button type="button" className="button button--quiet notice__close" aria-label={t('common.close')} onClick={() => w.dismiss(n.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );

  const body = (
    <div className={`wall${wallOnly ? ' wall--only' : ''}`} ref={wallRef}>
      {w.tree && !wallOnly ? <CameraTree ref={searchRef} tree={w.tree} onPick={(id) => w.ctx.act({ type: 'assign', index: state.selected, cameraId: id })} /> : null}
      <div className="wall__main">
        {wallOnly ? <WallFacts view={w.currentView} operatorMode={preferences.operatorMode} onExit={() => w.ctx.toggleOperatorMode()} /> : null}
        <div className={`wall__stage${coreUp ? '' : ' wall__stage--outage'}`}>
          {w.editingGrid ? (
            <GridEditor layout={state.layout} onChange={(l) => w.ctx.act({ type: 'layout', layout: l })} onDone={() => w.setEditingGrid(false)} />
          ) : (
            <WallGrid
              state={state}
              act={w.ctx.act}
              cameras={w.cameras}
              showStats={w.showStats}
              onToggleStats={w.ctx.toggleStats}
              snapshotRequest={w.snapshotRequest}
              gridRef={gridRef}
            />
          )}
          {overlays}
        </div>
        <ParkedStrip
          parked={state.parked}
          cameras={w.cameras}
          onUnpark={(id) => w.ctx.act({ type: 'unpark', cameraId: id })}
          onForget={() => w.ctx.act({ type: 'forgetParked' })}
        />
      </div>
    </div>
  );

  const dialogs = (
    <>
      {w.dialog?.kind === 'save' ? (
        <SaveViewDialog
          initialName={w.currentView?.name ?? ''}
          initialShared={w.currentView?.shared ?? false}
          initialShortcut={w.currentView?.shortcut ?? null}
          views={w.views}
          currentId={w.currentView?.id ?? null}
          canShare={w.can('views.manage')}
          onSave={(n, s, k) => void w.saveView(n, s, k)}
          onClose={() => w.setDialog(null)}
        />
      ) : null}
      {w.dialog?.kind === 'tour' ? (
        <TourDialog
          tour={w.dialog.tour}
          views={w.views}
          cameras={w.tree?.cameras ?? []}
          dwellDefault={w.settings.tourDwellSeconds}
          canShare={w.can('views.manage')}
          onClose={() => w.setDialog(null)}
          onSave={w.saveTour}
        />
      ) : null}
      {w.question ? (
        <ConfirmDialog title={w.question.title} body={w.question.body} choices={w.question.choices} cancelLabel={t('pages.wall.cancel')} onCancel={() => w.setQuestion(null)} />
      ) : null}
    </>
  );

  if (wallOnly) {
    return (
      <WallPlaybackProvider selected={state.selected} cameraAt={cameraAt}>
      <main className="page page--wall page--wall-only" aria-label={t('pages.wall.title')}>
        <h1 id="page-title" tabIndex={-1} className="visually-hidden">
          {t('pages.wall.title')}
        </h1>
        {body}
        {dialogs}
      </main>
      </WallPlaybackProvider>
    );
  }

  return (
    <WallPlaybackProvider selected={state.selected} cameraAt={cameraAt}>
    <Page
      title={t('pages.wall.title')}
      quietTitle
      className="page--wall"
      tools={
        <>
          <WallPlaybackControls />
          <WallToolbar state={state} views={w.views} tours={w.tours} tourRun={run} editingGrid={w.editingGrid} returnFocus={w.returnFocus} />
        </>
      }
    >
      {body}
      {dialogs}
    </Page>
    </WallPlaybackProvider>
  );
}
