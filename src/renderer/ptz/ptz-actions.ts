// Every PTZ command is one action (src/renderer/actions): the pad's buttons, the keys, the
// joystick and the command palette all run these, never the API directly. Moves are
// press-and-hold: `perform` presses a direction into the tile's drive, `release` lets it go (the
// registry also releases on key-up, blur, a hidden tab and when the tile goes away).
import type { ActionSpec } from '../actions/types';
import { DIRECTIONS, scaled, type Direction, type PtzDrive, type Velocity } from './ptz-drive';

export interface PtzCtx {
  drive: PtzDrive;
  speed: number;
  setSpeed(s: number): void;
  /**
   * False while someone of a higher rank holds the camera. Only for showing it: commands still go
   * to the core, which refuses them with who holds the camera (the console's view may be stale).
   */
  canSteer: boolean;
  home(): void;
  stop(): void;
  release(): void;
  gotoPreset(token: string): void;
  savePreset(): void;
  hasPresets: boolean;
  canRelease: boolean;
}

export interface PtzPanelCtx {
  open: boolean;
  toggle(): void;
}

/** Keys as the key help shows them: arrows and + / −, Home/PgUp/End/PgDn for the diagonals. */
const KEYS: Record<Direction, string[]> = {
  left: ['ArrowLeft'],
  right: ['ArrowRight'],
  up: ['ArrowUp'],
  down: ['ArrowDown'],
  upLeft: ['Home'],
  upRight: ['PageUp'],
  downLeft: ['End'],
  downRight: ['PageDown'],
  zoomIn: ['+', '='],
  zoomOut: ['-'],
};

export const SPEEDS = [0.1, 0.25, 0.5, 0.75, 1] as const;

const move = (d: Direction): ActionSpec<PtzCtx> => ({
  name: `ptz.${d}`,
  labelKey: `ptz.actions.${d}`,
  group: 'ptz',
  keys: KEYS[d],
  permission: 'ptz.control',
  perform: (c) => c.drive.press(`action:${d}`, scaled(d, c.speed)),
  release: (c) => c.drive.release(`action:${d}`),
});

const step = (c: PtzCtx, dir: 1 | -1) => {
  const i = SPEEDS.findIndex((s) => s >= c.speed - 1e-6);
  c.setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? SPEEDS.length - 1 : i) + dir))]!);
};

/** The steering actions of the selected PTZ tile while its PTZ panel is open. */
export const PTZ_ACTIONS: readonly ActionSpec<PtzCtx, never>[] = [
  ...(Object.keys(DIRECTIONS) as Direction[]).map(move),
  { name: 'ptz.stop', labelKey: 'ptz.actions.stop', group: 'ptz', permission: 'ptz.control', perform: (c) => c.stop() },
  { name: 'ptz.home', labelKey: 'ptz.actions.home', group: 'ptz', keys: ['H'], permission: 'ptz.control', perform: (c) => c.home() },
  { name: 'ptz.faster', labelKey: 'ptz.actions.faster', group: 'ptz', keys: [']'], permission: 'ptz.control', perform: (c) => step(c, 1) },
  { name: 'ptz.slower', labelKey: 'ptz.actions.slower', group: 'ptz', keys: ['['], permission: 'ptz.control', perform: (c) => step(c, -1) },
  { name: 'ptz.savePreset', labelKey: 'ptz.actions.savePreset', group: 'ptz', permission: 'ptz.control', perform: (c) => c.savePreset() },
  {
    name: 'ptz.gotoPreset',
    labelKey: 'ptz.actions.gotoPreset',
    group: 'ptz',
    permission: 'ptz.control',
    hidden: true,
    enabled: (c) => c.hasPresets,
    perform: (c, token: never) => c.gotoPreset(token as unknown as string),
  },
  { name: 'ptz.release', labelKey: 'ptz.actions.release', group: 'ptz', permission: 'ptz.control', enabled: (c) => c.canRelease, perform: (c) => c.release() },
  {
    // The joystick's proportional velocity (a zero velocity lets go).
    name: 'ptz.joystick',
    labelKey: 'ptz.actions.joystick',
    group: 'ptz',
    permission: 'ptz.control',
    hidden: true,
    perform: (c, v: never) => c.drive.press('joystick', v as unknown as Velocity),
    release: (c) => c.drive.release('joystick'),
  },
];

/** Opens or closes the PTZ panel of the selected PTZ tile (its keys steer only while it is open). */
export const PTZ_PANEL_ACTIONS: readonly ActionSpec<PtzPanelCtx, never>[] = [
  { name: 'ptz.togglePanel', labelKey: 'ptz.actions.togglePanel', group: 'ptz', keys: ['P'], permission: 'ptz.control', perform: (c) => c.toggle() },
];
