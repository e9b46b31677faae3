// One camera's recorded video following the sync clock: a new player on each seek, play/pause/speed
// passed on, drift corrected (rate nudge within ±25 %, a new session beyond 3 s behind, waiting when
// it ran ahead over a gap), reverse play by frames inside the buffer and by sessions further back.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app-context';
import { formatDateTime, type Language } from '../i18n';
import { createRecordedPlayer, type RecordedPlayer, type RecordedStatus } from './recorded-player';
import type { SyncClock } from './sync-clock';

/** Every player on the page, for diagnostics and the sync benchmark (read-only). */
const probes = new Set<RecordedPlayer>();
const g = globalThis as { __wfPlaybackProbe?: () => Array<number | null>; __wfPlaybackStats?: () => unknown[] };
g.__wfPlaybackProbe = () => [...probes].map((p) => p.presentedUtc());
g.__wfPlaybackStats = () => [...probes].map((p) => ({ utc: p.presentedUtc(), ...p.stats() }));

export interface RecordedTileProps {
  cameraId: string;
  name: string;
  clock: SyncClock;
  /** Called with the UTC on screen, about four times a second (the page's cursor follows tile 1). */
  onPresented?: (utc: number | null) => void;
  /** First frame painted after a seek (latency measurement). */
  onFirstFrame?: () => void;
  badge?: string;
}

export function RecordedTile({ cameraId, name, clock, onPresented, onFirstFrame, badge }: RecordedTileProps) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const videoRef = useRef<HTMLVideoElement>(null);
  const playerRef = useRef<RecordedPlayer | null>(null);
  const [epoch, setEpoch] = useState(clock.state.epoch);
  const [session, setSession] = useState(0);
  const [status, setStatus] = useState<RecordedStatus>({ state: 'loading' });
  const [shown, setShown] = useState<number | null>(null);
  const [holding, setHolding] = useState(false);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const cb = useRef({ onPresented, onFirstFrame });
  useEffect(() => {
    cb.current = { onPresented, onFirstFrame };
  }, [onPresented, onFirstFrame]);

  useEffect(() => clock.subscribe((s) => setEpoch(s.epoch)), [clock]);

  // A session per seek (epoch) or per correction (session).
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const s = clock.state;
    const at = Math.round(s.reverse ? clock.now() - 1000 : clock.now());
    const player0 = at;
    const player = createRecordedPlayer(video, {
      url: api.videoUrl('/playback', { camera: cameraId, at: String(at), speed: String(s.speed), paused: s.playing && !s.reverse ? '0' : '1' }),
      at: s.reverse ? clock.now() : at,
      speed: s.speed,
      paused: !s.playing || s.reverse,
      onStatus: (st) => {
        setStatus(st);
        if (st.state === 'loading') {
          setStartedAt(player0);
          setHolding(false);
        }
      },
      onFirstFrame: () => cb.current.onFirstFrame?.(),
    });
    playerRef.current = player;
    probes.add(player);
    return () => {
      probes.delete(player);
      player.dispose();
      if (playerRef.current === player) playerRef.current = null;
    };
  }, [api, cameraId, clock, epoch, session]);

  // Play, pause and speed follow the clock.
  useEffect(
    () =>
      clock.subscribe((s) => {
        const p = playerRef.current;
        if (!p) return;
        p.setSpeed(s.speed);
        if (s.playing && !s.reverse) p.play();
        else p.pause();
      }),
    [clock],
  );

  // A frame step: inside the buffer if it reaches, else a paused session at the new cursor.
  useEffect(
    () =>
      clock.onStep((d) => {
        const p = playerRef.current;
        if (!p || !p.step(d)) setSession((n) => n + 1);
      }),
    [clock],
  );

  // In the clock's group (drift is corrected there, for all players at once).
  useEffect(
    () =>
      clock.join({
        presentedUtc: () => playerRef.current?.presentedUtc() ?? null,
        setRateFactor: (f) => playerRef.current?.setRateFactor(f),
        hold: (on) => {
          setHolding(on);
          if (on) playerRef.current?.pause();
          else playerRef.current?.play();
        },
        reseek: () => setSession((n) => n + 1),
      }),
    [clock],
  );

  // The tile's clock four times a second; reverse steps on every frame.
  useEffect(() => {
    let raf = 0;
    const reverseStep = () => {
      const p = playerRef.current;
      if (p && clock.state.reverse && clock.state.playing) {
        if (!p.showBuffered(clock.now())) setSession((n) => n + 1);
      }
      raf = requestAnimationFrame(reverseStep);
    };
    raf = requestAnimationFrame(reverseStep);
    const timer = setInterval(() => {
      const utc = playerRef.current?.presentedUtc() ?? null;
      setShown(utc);
      cb.current.onPresented?.(utc);
    }, 250);
    return () => {
      cancelAnimationFrame(raf);
      clearInterval(timer);
    };
  }, [clock]);

  const lang = i18n.language as Language;
  const message =
    status.state === 'none'
      ? t('rec.tile.none')
      : holding
        ? t('rec.tile.gap')
        : status.state === 'ended'
          ? t('rec.tile.ended')
          : status.state === 'error'
            ? t('rec.tile.error')
            : status.state === 'loading'
              ? t('rec.tile.loading')
              : null;
  return (
    <section className="rtile" role="region" aria-label={name} data-camera-id={cameraId} data-state={status.state} data-started-at={startedAt ?? ''}>
      <video ref={videoRef} className="rtile__video" muted playsInline aria-label={t('rec.tile.video', { name })} />
      <div className="rtile__top">
        <span className="rtile__name">{name}</span>
        {badge ? <span className="tile__badge">{badge}</span> : null}
      </div>
      {message ? (
        <div className="rtile__message" role="status">
          {message}
        </div>
      ) : null}
      <div className="rtile__bottom">
        <time className="rtile__time" data-utc={shown ?? ''}>
          {shown !== null ? formatDateTime(shown, lang, settings.timeZone, true) : '–'}
        </time>
      </div>
    </section>
  );
}
