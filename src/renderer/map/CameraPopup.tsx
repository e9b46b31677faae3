// A clicked camera: its live sub stream (the wall's player), name, point, state, and its actions —
// to the wall, PTZ, playback, a new incident — each run through the actions registry. The name can
// be dragged onto a wall tile (another window's wall takes it like a camera from the tree).
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCamera } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { useActionRegistry } from '../actions/ActionsProvider';
import { HealthDot } from '../health/HealthDot';
import { DRAG_CAMERA } from '../wall/drag';
import { useLivePlayer } from '../wall/use-live-player';

export function CameraPopup({ camera, sameSpot, onPick, onClose }: { camera: MapCamera; sameSpot: MapCamera[]; onPick: (id: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const actions = useActionRegistry();
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stillRef = useRef<HTMLCanvasElement>(null);
  const url = api.videoUrl('/video', { camera: camera.id, stream: 'sub' });
  const { state, path } = useLivePlayer(videoRef, canvasRef, stillRef, url);
  const run = (name: string) => () => void actions.run(name, camera.id);
  const can = (name: string) => {
    const a = actions.find(name);
    return !!a && actions.isEnabled(a);
  };
  return (
    <section className="map-popup" aria-label={camera.name} data-camera={camera.id}>
      <header className="map-popup__head">
        <HealthDot camera={camera} />
        <h2
          draggable
          title={t('pages.map.dragToWall')}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_CAMERA, camera.id);
            e.dataTransfer.setData('text/plain', camera.name);
            e.dataTransfer.effectAllowed = 'copy';
          }}
        >
          {camera.name}
        </h2>
        <button type="button" className="button button--quiet" aria-label={t('pages.map.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="map-popup__video" data-state={state.state}>
        {/* As on a wall tile: the player's path decides which of the two shows the picture. */}
        <video
          ref={videoRef}
          muted
          playsInline
          autoPlay
          aria-label={t('pages.map.liveOf', { name: camera.name })}
          data-picture={path?.path === 'mse' ? '' : undefined}
          style={{ display: path?.path === 'webcodecs' ? 'none' : undefined }}
        />
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={t('pages.map.liveOf', { name: camera.name })}
          data-picture={path?.path === 'webcodecs' ? '' : undefined}
          style={{ display: path?.path === 'webcodecs' ? undefined : 'none' }}
        />
        <canvas ref={stillRef} aria-hidden="true" style={{ visibility: state.state === 'live' ? 'hidden' : 'visible' }} />
        {state.state !== 'live' ? <span className="map-popup__state">{t(`pages.map.video.${state.state}`, { defaultValue: state.state })}</span> : null}
      </div>
      <p className="map-popup__point">
        {camera.pointName}
        {camera.address ? <span className="muted"> · {camera.address}</span> : null}
      </p>
      <p className="muted map-popup__coords">
        {camera.lat !== null && camera.lon !== null ? `${camera.lat.toFixed(5)}, ${camera.lon.toFixed(5)}` : t('pages.map.noCoordinates')}
        {camera.heading !== null ? ` · ${t('pages.map.heading', { deg: Math.round(camera.heading) })}` : ''}
        {camera.fieldOfView !== null ? ` · ${t('pages.map.fov', { deg: Math.round(camera.fieldOfView) })}` : ''}
      </p>
      <div className="map-popup__actions">
        <button type="button" className="button" onClick={run('map.toWall')}>
          {t('actions.map.toWall')}
        </button>
        {camera.ptz ? (
          <button type="button" className="button" onClick={run('map.ptz')}>
            {t('actions.map.ptz')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={run('map.playback')} disabled={!can('map.playback')}>
          {t('actions.map.playback')}
        </button>
        <button type="button" className="button" onClick={run('map.newIncident')} disabled={!can('map.newIncident')} title={can('map.newIncident') ? undefined : t('pages.map.incidentsAbsent')}>
          {t('actions.map.newIncident')}
        </button>
      </div>
      {sameSpot.length > 1 ? (
        <ul className="map-popup__others" aria-label={t('pages.map.atThisPoint')}>
          {sameSpot.map((c) => (
            <li key={c.id}>
              <button type="button" className="button button--quiet" aria-pressed={c.id === camera.id} onClick={() => onPick(c.id)}>
                <HealthDot camera={c} /> {c.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
