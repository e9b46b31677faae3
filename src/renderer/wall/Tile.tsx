// One tile of the wall. It tells the truth at a glance and from two metres: a border and a word in
// the state's colour, the camera's number and name always whole, and a clock that is the time of
// the picture shown (frozen with it), never the browser's. Reasons are cut to fit, with the full
// text on hover and in the stats overlay.
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, TileAssignment, TileZoom } from '../../shared/contract';
import { Icon } from '../app/Icon';
import { formatDateTime, formatTime, type Language } from '../i18n';
import type { FrameInfo } from '../video/frame-times';
import type { PictureElement } from '../video/picture';
import { DRAG_CAMERA, DRAG_TILE } from './drag';
import { downloadSnapshot } from './snapshot';
import { showsVideo, tileStatus, type TileStatus } from './tile-status';
import { useLivePlayer } from './use-live-player';
import { useZoom } from './use-zoom';
import { ClockSkewBadge } from '../devices/ClockSkewBadge';
import { PtzSlot } from '../ptz/PtzSlot';
import { useTileAlarm } from '../alarms/alarm-store';
import { TileIncidentButton } from '../incidents/wall-actions';

export interface TileProps {
  index: number;
  assignment: TileAssignment;
  camera: Camera | undefined;
  stream: 'main' | 'sub';
  url: string | null;
  /** Playback shown in place of live video (see src/renderer/playback/wall-playback.tsx). */
  replay?: ReactNode;
  selected: boolean;
  maximised: boolean;
  showStats: boolean;
  timeZone: string;
  /** False while the core is out of reach: the wall's banner speaks, the tile keeps its last picture. */
  coreUp: boolean;
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
  onZoom(zoom: TileZoom): void;
}

type T = (k: string, o?: Record<string, unknown>) => string;

/** The short word in the tile's top bar: always short, so the name beside it stays whole. */
function chipText(t: T, s: TileStatus, now: number): string {
  switch (s.kind) {
    case 'reconnecting': {
      const seconds = s.retryAt ? Math.max(0, Math.ceil((s.retryAt - now) / 1000)) : 0;
      return seconds > 0 ? t('pages.wall.state.reconnecting', { seconds }) : t('pages.wall.state.reconnectingNow');
    }
    case 'stale':
      return t('pages.wall.state.stale', { seconds: s.seconds });
    default:
      return t(`pages.wall.state.${s.kind}`);
  }
}

/** The full reason, for the centre of a tile without a live picture, the tooltip and the stats. */
function reasonText(t: T, s: TileStatus): string | null {
  switch (s.kind) {
    case 'reconnecting':
    case 'offline':
      return t(`pages.wall.reason.${s.reason}`);
    case 'repair':
      return t('pages.wall.reason.repair');
    case 'decommissioned':
      return t('pages.wall.reason.decommissioned');
    case 'stale':
      return t('pages.wall.reason.stale');
    default:
      return null;
  }
}

/** The health dot's shape for each tile state (see HealthDot): one visual language everywhere. */
const MARK: Record<TileStatus['kind'], string> = {
  outage: 'unknown',
  idle: 'unknown',
  connecting: 'connecting',
  live: 'live',
  stale: 'stale-picture',
  reconnecting: 'reconnecting',
  offline: 'offline',
  repair: 'awaiting_repair',
  decommissioned: 'decommissioned',
  no_permission: 'unknown',
  unknown_camera: 'unknown',
};

const NO_FRAME: FrameInfo = { time: null, source: null, presentedAt: null, intervalMs: null };

export function Tile(p: TileProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stillRef = useRef<HTMLCanvasElement>(null);
  const { state, stats, player, path } = useLivePlayer(videoRef, canvasRef, stillRef, p.url);
  // The element the picture is on (WebCodecs: the canvas; MSE: the video), for snapshots and PTZ.
  const pictureRef = useRef<PictureElement | null>(null);
  useEffect(() => {
    pictureRef.current = path?.path === 'webcodecs' ? canvasRef.current : videoRef.current;
  }, [path]);
  const { zoom, transform, handlers } = useZoom(p.assignment?.zoom, p.onZoom);
  const [dragOver, setDragOver] = useState(false);
  // What the picture says, polled a few times a second; the tile renders only when what it shows
  // changes (the clock's second, the state, a countdown): a render per frame would cost a wall.
  const [truth, setTruth] = useState<{ frame: FrameInfo; perf: number; wall: number }>({ frame: NO_FRAME, perf: 0, wall: 0 });
  const n = p.index + 1;
  const name = p.camera?.name;
  const inputs = useRef({ state, status: p.camera?.status, coreUp: p.coreUp });
  useEffect(() => {
    inputs.current = { state, status: p.camera?.status, coreUp: p.coreUp };
  }, [state, p.camera?.status, p.coreUp]);

  useEffect(() => {
    if (!p.camera) return;
    let shown = '';
    const id = setInterval(() => {
      const frame = player.current?.frame() ?? NO_FRAME;
      const perf = performance.now();
      const wall = Date.now();
      const i = inputs.current;
      const s = tileStatus(i.state, frame, perf, i.status, i.coreUp);
      const countdown = s.kind === 'reconnecting' && s.retryAt ? Math.ceil((s.retryAt - wall) / 1000) : '';
      const key = `${s.kind}:${'seconds' in s ? s.seconds : ''}:${countdown}:${frame.time === null ? '' : Math.floor(frame.time / 1000)}`;
      if (key === shown) return;
      shown = key;
      setTruth({ frame, perf, wall });
    }, 250);
    return () => clearInterval(id);
  }, [p.camera, player]);
  const { frame } = truth;
  const clockNow = truth;

  // The core is back: every tile tries at once instead of at the end of its backoff.
  useEffect(() => {
    if (p.coreUp) player.current?.retryNow();
  }, [p.coreUp, player]);

  const status = tileStatus(state, frame, clockNow.perf, p.camera?.status, p.coreUp);
  const reason = reasonText(t, status);
  const chip = chipText(t, status, clockNow.wall);

  const snapshot = () => {
    const v = player.current?.picture() ?? pictureRef.current;
    if (!v || !name) return;
    // The picture's own time where known: a snapshot says when it was seen, not when it was saved.
    const at = frame.time ?? Date.now();
    void downloadSnapshot(v, name, formatDateTime(at, lang, p.timeZone), at, p.timeZone);
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
  const video = showsVideo(status);
  const transcoded = state.state === 'live' && state.transcoded;
  // An open alarm of this camera flashes the tile (a steady frame where motion is reduced).
  const alarm = useTileAlarm(p.camera?.id);
  const cls = ['tile', p.selected && 'tile--selected', dragOver && 'tile--drop', p.camera ? `tile--${status.kind}` : 'tile--empty', alarm && `tile--alarm tile--alarm-${alarm.priority}`].filter(Boolean).join(' ');
  const clock = frame.time !== null ? formatTime(frame.time, lang, p.timeZone) : null;

  return (
    <section
      className={cls}
      style={p.style}
      role="region"
      aria-label={label}
      aria-current={p.selected ? 'true' : undefined}
      data-tile={n}
      data-camera-id={p.assignment?.cameraId ?? ''}
      data-state={p.camera ? (state.state === 'live' ? 'live' : state.state) : 'empty'}
      data-status={p.camera ? status.kind : 'empty'}
      data-stream={p.camera ? p.stream : ''}
      data-frame-time={frame.time ?? ''}
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
      {p.camera && p.replay ? (
        <div className="tile__replay">{p.replay}</div>
      ) : p.camera ? (
        <>
          <div className="tile__viewport" {...handlers}>
            {/* Both exist; the player's path decides which one shows (data-picture marks it). */}
            <video
              ref={videoRef}
              className="tile__video"
              muted
              playsInline
              autoPlay
              aria-label={t('pages.wall.tile', { n })}
              data-picture={path?.path === 'mse' ? '' : undefined}
              style={{ transform, display: path?.path === 'webcodecs' ? 'none' : undefined }}
            />
            <canvas
              ref={canvasRef}
              className="tile__video"
              role="img"
              aria-label={t('pages.wall.tile', { n })}
              data-picture={path?.path === 'webcodecs' ? '' : undefined}
              style={{ transform, display: path?.path === 'webcodecs' ? undefined : 'none' }}
            />
            {/* The kept last picture: whenever the player has let go of the video (restarting, lost). */}
            <canvas ref={stillRef} className="tile__still" aria-hidden="true" style={{ transform, visibility: video && state.state === 'live' ? 'hidden' : 'visible' }} />
          </div>
          {!video && status.kind !== 'outage' ? (
            <div className="tile__message" aria-hidden="true" title={reason ? `${chip}: ${reason}` : chip}>
              <span className="tile__message-state">{chip}</span>
              {reason ? <span className="tile__message-reason">{reason}</span> : null}
            </div>
          ) : null}
          <div className="tile__top">
            <span className="tile__no">{n}</span>
            <span className="tile__name" title={name}>
              {name}
            </span>
            {/* The state as a shape and colour beside the name (the word is in the centre or by the
                clock); a wide tile also spells "Live". Never text that could push the name aside. */}
            {status.kind === 'outage' ? null : (
              <span className={`tile__mark tile__mark--${status.kind}`} aria-hidden="true" title={reason ? `${chip}: ${reason}` : chip}>
                <span className={`hdot hdot--${MARK[status.kind]}`} />
                {status.kind === 'live' ? <span className="tile__mark-word">{chip}</span> : null}
              </span>
            )}
            {/* Screen readers get the whole sentence in one place. */}
            {status.kind === 'outage' ? null : (
              <span className="visually-hidden" role="status">
                {chip}
                {reason ? `: ${reason}` : ''}
              </span>
            )}
          </div>
          <div className="tile__bottom">
            {clock ? (
              <time className="tile__clock" dateTime={new Date(frame.time!).toISOString()} title={t(`pages.wall.clock.${frame.source ?? 'arrival'}`)}>
                {clock}
              </time>
            ) : null}
            {status.kind === 'stale' ? (
              <span className="tile__stale" aria-hidden="true">
                {chip}
              </span>
            ) : null}
            {transcoded ? (
              <span className="tile__badge" title={t('pages.wall.transcodedHint', { codec: state.sourceCodec.toUpperCase() })}>
                {t('pages.wall.transcoded')}
              </span>
            ) : null}
            {zoom.scale > 1 ? <span className="tile__badge">{t('pages.wall.zoom', { factor: zoom.scale.toFixed(1) })}</span> : null}
            <ClockSkewBadge cameraId={p.camera.id} />
            {alarm ? <span className="tile__alarm">{t('book.alarms.tileBadge', { kind: t(`book.kind.${alarm.kind}`), count: alarm.count })}</span> : null}
            <span className="tile__spacer" />
            <div className="tile__tools">
              <select
                className="tile__select"
                aria-label={t('pages.wall.streamLabel')}
                title={t('pages.wall.streamLabel')}
                value={p.assignment?.stream ?? 'auto'}
                onChange={(e) => {
                  p.onStream(e.target.value as 'auto' | 'main' | 'sub');
                  // Back to the wall: a focused dropdown would keep the wall's keys.
                  e.currentTarget.blur();
                }}
                onClick={(e) => e.stopPropagation()}
              >
                <option value="auto">{t('pages.wall.stream.auto')}</option>
                <option value="main">{t('pages.wall.stream.main')}</option>
                <option value="sub">{t('pages.wall.stream.sub')}</option>
              </select>
              <button type="button" className="tile__button" onClick={p.onToggleStats} aria-pressed={p.showStats} aria-label={t('pages.wall.stats')} title={`${t('pages.wall.stats')} (I)`}>
                <Icon name="stats" />
              </button>
              <button type="button" className="tile__button" onClick={snapshot} disabled={!video} aria-label={t('pages.wall.snapshot')} title={`${t('pages.wall.snapshot')} (S)`}>
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
          <PtzSlot camera={p.camera} pictureRef={pictureRef} selected={p.selected} maximised={p.maximised} />
          {p.showStats ? (
            <div className="tile__stats" role="note">
              <div>{`${chip}${reason ? `: ${reason}` : ''}`}</div>
              <div>
                {frame.time !== null
                  ? t('pages.wall.lastFrame', { time: formatDateTime(frame.time, lang, p.timeZone, true), source: t(`pages.wall.clock.${frame.source ?? 'arrival'}`) })
                  : t('pages.wall.noFrameYet')}
              </div>
              {stats ? (
                <div>
                  {t('pages.wall.statsLine', {
                    codec: (stats.codec ?? '?').toUpperCase(),
                    width: stats.width ?? '?',
                    height: stats.height ?? '?',
                    fps: stats.fps.toFixed(0),
                    kbps: stats.kbps.toFixed(0),
                    count: stats.viewers,
                  })}
                </div>
              ) : null}
              {path ? <div data-decoder={path.path}>{path.fallback ? t('pages.wall.decoder.mseBecause', { reason: t(`pages.wall.decoder.fallback.${path.fallback}`) }) : t(`pages.wall.decoder.${path.path}`)}</div> : null}
            </div>
          ) : null}
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
