// The wall's seam to playback, kept apart from the wall's own code (the wall is being reworked in
// another branch): a provider the wall page wraps around its grid, one hook the grid asks per tile
// ("show this instead of live?"), and the controls for the toolbar.
// - Instant replay (R): the selected tile plays its camera's last 30 s; Esc goes back to live.
// - Playback at a time: the whole view switches to synchronised playback at a typed date and time
//   (console's zone), and back to live.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../shared/contract';
import { utcToZoned, zonedToUtc } from '../../shared/zoned-time';
import { useActions } from '../actions/ActionsProvider';
import type { ActionSpec } from '../actions/types';
import { useApp } from '../app/app-context';
import { RecordedTile } from './RecordedTile';
import { SyncClock } from './sync-clock';

export const INSTANT_REPLAY_MS = 30_000;

interface WallPlayback {
  /** What a tile shows instead of live video, or null for live. */
  tile(index: number, camera: Camera | undefined): ReactNode | null;
  active: boolean;
  wallClock: SyncClock | null;
  replay(index: number): void;
  wallAt(utc: number): void;
  live(): void;
}

const Ctx = createContext<WallPlayback | null>(null);

/** For the wall grid: null outside a provider (the wall then shows live only). */
export function useWallPlayback(): WallPlayback | null {
  return useContext(Ctx);
}

interface ActionCtx {
  selectedHasCamera: boolean;
  active: boolean;
  replay(): void;
  live(): void;
  togglePlay(): void;
}

const WALL_PLAYBACK_ACTIONS: readonly ActionSpec<ActionCtx>[] = [
  {
    name: 'wall.instantReplay',
    labelKey: 'rec.wall.replay',
    group: 'wall',
    keys: ['R'],
    permission: 'playback.view',
    enabled: (c) => c.selectedHasCamera,
    perform: (c) => c.replay(),
  },
  {
    name: 'wall.backToLive',
    labelKey: 'rec.wall.live',
    group: 'wall',
    keys: ['Escape'],
    whileTyping: false,
    enabled: (c) => c.active,
    perform: (c) => c.live(),
  },
  {
    name: 'wall.playbackPlayPause',
    labelKey: 'rec.actions.playPause',
    group: 'playback',
    keys: ['Space'],
    permission: 'playback.view',
    enabled: (c) => c.active,
    perform: (c) => c.togglePlay(),
  },
];

export function WallPlaybackProvider({
  selected,
  cameraAt,
  children,
}: {
  selected: number;
  cameraAt: (index: number) => string | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [replays, setReplays] = useState<Map<number, SyncClock>>(new Map());
  const [wallClock, setWallClock] = useState<SyncClock | null>(null);
  const value = useMemo<WallPlayback>(
    () => ({
      active: replays.size > 0 || wallClock !== null,
      wallClock,
      tile(index, camera) {
        if (!camera) return null;
        const clock = replays.get(index) ?? wallClock;
        if (!clock) return null;
        return (
          <RecordedTile
            key={`${camera.id}:${replays.has(index) ? 'r' : 'w'}`}
            cameraId={camera.id}
            name={camera.name}
            clock={clock}
            badge={replays.has(index) ? t('rec.wall.replayBadge') : t('rec.wall.playbackBadge')}
          />
        );
      },
      replay(index) {
        setReplays((m) => new Map(m).set(index, new SyncClock(Date.now() - INSTANT_REPLAY_MS, true)));
      },
      wallAt(utc) {
        setReplays(new Map());
        setWallClock(new SyncClock(utc, true));
      },
      live() {
        setReplays(new Map());
        setWallClock(null);
      },
    }),
    [replays, wallClock, t],
  );
  // Only what the actions need, so that the registration does not change with every wall render.
  const selectedHasCamera = cameraAt(selected) !== null;
  const actionCtx = useMemo<ActionCtx>(
    () => ({
      selectedHasCamera,
      active: value.active,
      replay: () => value.replay(selected),
      live: value.live,
      togglePlay: () => {
        const clocks = wallClock ? [wallClock] : [...replays.values()];
        for (const c of clocks) {
          if (c.state.playing) c.pause();
          else c.play();
        }
      },
    }),
    [selectedHasCamera, selected, value, wallClock, replays],
  );
  useActions(WALL_PLAYBACK_ACTIONS, actionCtx);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** Toolbar: "Playback at" a date and time for the whole view, and "Back to live". */
export function WallPlaybackControls() {
  const { t } = useTranslation();
  const { settings, can } = useApp();
  const pb = useWallPlayback();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(() => utcToZoned(Date.now() - 10 * 60_000, settings.timeZone));
  if (!pb || !can('playback.view')) return null;
  if (pb.active)
    return (
      <button type="button" className="button button--primary" onClick={pb.live} title={`${t('rec.wall.live')} (Esc)`}>
        {t('rec.wall.live')}
      </button>
    );
  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} title={t('rec.wall.atHint')}>
        {t('rec.wall.at')}
      </button>
    );
  return (
    <form
      className="wall-pb-form"
      onSubmit={(e) => {
        e.preventDefault();
        const utc = zonedToUtc(text, settings.timeZone);
        if (utc !== null) {
          pb.wallAt(utc);
          setOpen(false);
        }
      }}
    >
      <input
        className="input"
        type="datetime-local"
        step={1}
        aria-label={t('rec.jump.label', { zone: settings.timeZone })}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoFocus
      />
      <button type="submit" className="button button--primary">
        {t('rec.jump.go')}
      </button>
      <button type="button" className="button" onClick={() => setOpen(false)}>
        {t('common.close')}
      </button>
    </form>
  );
}
