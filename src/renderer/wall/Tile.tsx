import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, TileAssignment } from '../../shared/contract';
import { Icon } from '../app/Icon';
import { formatDateTime, formatTime, type Language } from '../i18n';
import { DRAG_CAMERA, DRAG_TILE } from './drag';
import type { TileLiveState } from './live-state';
import { downloadSnapshot } from './snapshot';
import { useLivePlayer } from './use-live-player';
import { useZoom } from './use-zoom';
import { useTileAlarm } from '../alarms/alarm-store';
import { TileIncidentButton } from '../incidents/wall-actions';

export interface TileProps {
  index: number;
  assignment: TileAssignment;
  camera: Camera | undefined;
  stream: 'main' | 'sub';
  url: string | null;
  selected: boolean;
  maximised: boolean;
  showStats: boolean;
  timeZone: string;
  /** Bumped by the wall to ask the selected tile for a snapshot (key S). */
  snapshotRequest: number;
  style: React.CSSProperties;
  onSelect(): void;
  onDropCamera(cameraId: string): void;
  onSwap(from: number): void;
  onClear(): void;
  onToggleMaximise(): void;
  onStream(stream: 'auto' | 'main' | 'sub'): void;
  onToggleStats(): void;
}

function useSecondTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

function stateText(t: (k: string, o?: Record<string, unknown>) => string, s: TileLiveState, now: number): string {
  switch (s.state) {
    case 'idle':
      return t('pages.wall.state.idle');
    case 'connecting':
      return t('pages.wall.state.connecting');
    case 'live':
      return t('pages.wall.state.live');
    case 'reconnecting': {
      const seconds = s.retryAt ? Math.max(0, Math.ceil((s.retryAt - now) / 1000)) : 0;
      return seconds > 0 ? t('pages.wall.state.reconnecting', { seconds }) : t('pages.wall.state.reconnectingNow');
    }
    case 'offline':
      if (s.reason === 'no_permission' || s.reason === 'unknown_camera') return t(`pages.wall.state.${s.reason}`);
      return t('pages.wall.state.offline', { reason: t(`pages.wall.reason.${s.reason}`) });
  }
}

export function Tile(p: TileProps) {
  const { t, i18n } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const { state, stats } = useLivePlayer(videoRef, p.url);
  const { zoom, reset, handlers } = useZoom();
  const [dragOver, setDragOver] = useState(false);
  const now = useSecondTick(!!p.camera);
  const n = p.index + 1;
  const name = p.camera?.name;

  useEffect(() => reset(), [p.assignment?.cameraId, reset]);

  const snapshot = () => {
    const v = videoRef.current;
    if (!v || !name) return;
    const at = new Date();
    void downloadSnapshot(v, name, formatDateTime(at.getTime(), i18n.language as Language, p.timeZone), at);
  };
  // The wall asks the selected tile for a snapshot by bumping the request counter.
  const lastRequest = useRef(p.snapshotRequest);
  useEffect(() => {
    if (p.snapshotRequest !== lastRequest.current) {
      lastRequest.current = p.snapshotRequest;
      if (p.selected) snapshot();
    }
  });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    const cam = e.dataTransfer.getData(DRAG_CAMERA);
    const tile = e.dataTransfer.getData(DRAG_TILE);
    if (cam) p.onDropCamera(cam);
    else if (tile !== '') p.onSwap(Number(tile));
  };

  const label = name ?? t('pages.wall.tileEmpty', { n });
  const live = state.state === 'live';
  const transcoded = live && state.transcoded;
  // An open alarm of this camera flashes the tile (a steady frame where motion is reduced).
  const alarm = useTileAlarm(p.camera?.id);
  const cls = ['tile', p.selected && 'tile--selected', dragOver && 'tile--drop', `tile--${state.state}`, alarm && `tile--alarm tile--alarm-${alarm.priority}`].filter(Boolean).join(' ');

  return (
    <section
      className={cls}
      style={p.style}
      role="region"
      aria-label={label}
      data-tile={n}
      data-camera-id={p.assignment?.cameraId ?? ''}
      data-state={p.camera ? state.state : 'empty'}
      data-stream={p.camera ? p.stream : ''}
      data-alarm={alarm?.priority ?? undefined}
      tabIndex={-1}
      draggable={!!p.camera}
      onClick={p.onSelect}
      onDoubleClick={p.onToggleMaximise}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TILE, String(p.index));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={onDrop}
    >
      {p.camera ? (
        <>
          <div className="tile__viewport" {...handlers}>
            <video
              ref={videoRef}
              className="tile__video"
              muted
              playsInline
              autoPlay
              aria-label={t('pages.wall.tile', { n })}
              style={{ transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})` }}
            />
          </div>
          <div className="tile__top">
            <span className="tile__name">
              <span className="tile__no">{n}</span>
              {name}
            </span>
            {transcoded ? (
              <span className="tile__badge" title={t('pages.wall.transcodedHint', { codec: state.sourceCodec.toUpperCase() })}>
                {t('pages.wall.transcoded')}
              </span>
            ) : null}
            {zoom.scale > 1 ? <span className="tile__badge">{t('pages.wall.zoom', { factor: zoom.scale.toFixed(1) })}</span> : null}
            {alarm ? <span className="tile__alarm">{t('book.alarms.tileBadge', { kind: t(`book.kind.${alarm.kind}`), count: alarm.count })}</span> : null}
            <span className="tile__spacer" />
            <span className={`tile__state tile__state--${state.state}`} role="status">
              {stateText(t, state, now)}
            </span>
          </div>
          {!live ? <div className="tile__curtain" aria-hidden="true" /> : null}
          <div className="tile__bottom">
            <time className="tile__clock">{formatTime(now, i18n.language as Language, p.timeZone)}</time>
            {p.showStats && stats ? (
              <span className="tile__stats" role="note">
                {t('pages.wall.statsLine', {
                  codec: (stats.codec ?? '?').toUpperCase(),
                  width: stats.width ?? '?',
                  height: stats.height ?? '?',
                  fps: stats.fps.toFixed(0),
                  kbps: stats.kbps.toFixed(0),
                  viewers: stats.viewers,
                  age: stats.msSinceLastFrame ?? '–',
                })}
              </span>
            ) : null}
            <span className="tile__spacer" />
            <div className="tile__tools">
              <select
                className="tile__select"
                aria-label={t('pages.wall.streamLabel')}
                title={t('pages.wall.streamLabel')}
                value={p.assignment?.stream ?? 'auto'}
                onChange={(e) => p.onStream(e.target.value as 'auto' | 'main' | 'sub')}
                onClick={(e) => e.stopPropagation()}
              >
                <option value="auto">{t('pages.wall.stream.auto')}</option>
                <option value="main">{t('pages.wall.stream.main')}</option>
                <option value="sub">{t('pages.wall.stream.sub')}</option>
              </select>
              <button type="button" className="tile__button" onClick={p.onToggleStats} aria-pressed={p.showStats} aria-label={t('pages.wall.stats')} title={`${t('pages.wall.stats')} (I)`}>
                <Icon name="stats" />
              </button>
              <button type="button" className="tile__button" onClick={snapshot} disabled={!live} aria-label={t('pages.wall.snapshot')} title={`${t('pages.wall.snapshot')} (S)`}>
                <Icon name="snapshot" />
              </button>
              <TileIncidentButton index={p.index} />
              <button
                type="button"
                className="tile__button"
                onClick={p.onToggleMaximise}
                aria-label={p.maximised ? t('pages.wall.restore') : t('pages.wall.maximise')}
                title={p.maximised ? `${t('pages.wall.restore')} (Esc)` : `${t('pages.wall.maximise')} (Enter)`}
              >
                <Icon name={p.maximised ? 'restore' : 'maximise'} />
              </button>
              <button type="button" className="tile__button" onClick={p.onClear} aria-label={t('pages.wall.clear')} title={`${t('pages.wall.clear')} (Delete)`}>
                <Icon name="close" />
              </button>
            </div>
          </div>
        </>
      ) : (
        <div className="tile__empty">
          <span className="tile__no">{n}</span>
          <span>{t('pages.wall.tileEmptyHint')}</span>
        </div>
      )}
    </section>
  );
}
