// Playback commands, one action each (the registry's model: actions/README.md). The playback page
// registers them with useActions while it is shown; buttons run them through the registry too.
import type { ActionSpec } from '../actions/types';
import { SPEEDS, type SyncClock } from './sync-clock';

export interface PlaybackCtx {
  clock: SyncClock;
  hasCameras: boolean;
  /** One frame on or back in every tile (false when a tile must seek instead). */
  step(direction: 1 | -1): void;
  bookmark(): void;
  focusJump(): void;
  exportSelection(): void;
}

const speedIndex = (c: PlaybackCtx) => SPEEDS.indexOf(c.clock.state.speed as (typeof SPEEDS)[number]);
const enabled = (c: PlaybackCtx) => c.hasCameras;

export const PLAYBACK_ACTIONS: readonly ActionSpec<PlaybackCtx>[] = [
  {
    name: 'playback.playPause',
    labelKey: 'rec.actions.playPause',
    group: 'playback',
    keys: ['Space', 'K'],
    permission: 'playback.view',
    enabled,
    perform: (c) => (c.clock.state.playing && !c.clock.state.reverse ? c.clock.pause() : c.clock.play()),
  },
  {
    name: 'playback.forward',
    labelKey: 'rec.actions.forward',
    group: 'playback',
    keys: ['L'],
    permission: 'playback.view',
    enabled,
    perform: (c) => c.clock.play(),
  },
  {
    name: 'playback.reverse',
    labelKey: 'rec.actions.reverse',
    group: 'playback',
    keys: ['J'],
    permission: 'playback.view',
    enabled,
    perform: (c) => c.clock.reverse(),
  },
  {
    name: 'playback.faster',
    labelKey: 'rec.actions.faster',
    group: 'playback',
    keys: [']'],
    permission: 'playback.view',
    enabled,
    perform: (c) => c.clock.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, speedIndex(c) + 1)]!),
  },
  {
    name: 'playback.slower',
    labelKey: 'rec.actions.slower',
    group: 'playback',
    keys: ['['],
    permission: 'playback.view',
    enabled,
    perform: (c) => c.clock.setSpeed(SPEEDS[Math.max(0, speedIndex(c) - 1)]!),
  },
  {
    name: 'playback.stepForward',
    labelKey: 'rec.actions.stepForward',
    group: 'playback',
    keys: ['.'],
    permission: 'playback.view',
    enabled,
    perform: (c) => c.step(1),
  },
  {
    name: 'playback.stepBack',
    labelKey: 'rec.actions.stepBack',
    group: 'playback',
    keys: [','],
    permission: 'playback.view',
    enabled,
    perform: (c) => c.step(-1),
  },
  {
    name: 'playback.jumpBack',
    labelKey: 'rec.actions.jumpBack',
    group: 'playback',
    keys: ['Shift+ArrowLeft'],
    permission: 'playback.view',
    enabled,
    perform: (c) => c.clock.seek(c.clock.now() - 10_000),
  },
  {
    name: 'playback.jumpForward',
    labelKey: 'rec.actions.jumpForward',
    group: 'playback',
    keys: ['Shift+ArrowRight'],
    permission: 'playback.view',
    enabled,
    perform: (c) => c.clock.seek(c.clock.now() + 10_000),
  },
  {
    name: 'playback.jumpTo',
    labelKey: 'rec.actions.jumpTo',
    group: 'playback',
    keys: ['G'],
    permission: 'playback.view',
    perform: (c) => c.focusJump(),
  },
  {
    name: 'playback.bookmark',
    labelKey: 'rec.actions.bookmark',
    group: 'playback',
    keys: ['B'],
    permission: 'playback.view',
    enabled,
    perform: (c) => c.bookmark(),
  },
  {
    name: 'playback.export',
    labelKey: 'rec.actions.export',
    group: 'playback',
    keys: ['E'],
    permission: 'export.create',
    enabled,
    perform: (c) => c.exportSelection(),
  },
];
