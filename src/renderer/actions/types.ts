// One user command, one action (the model is Excalidraw's actions folder): a name, the label's
// translation key, its shortcuts, the permission it needs, and what it does. Buttons, keys,
// joysticks and the command palette all run commands through the registry, never directly.
import type { Permission } from '../../shared/contract';

/** Where an action lives: global ones work on every page, the others while their host is shown. */
export type ActionGroup = 'app' | 'wall' | 'views' | 'tours' | 'tile' | 'ptz' | 'playback' | 'map' | 'health' | 'register';

export interface ActionSpec<C = unknown, A = void> {
  /** Unique and stable (the palette, tests and the audit use it): `wall.selectTile`. */
  name: string;
  /** Translation key of the label shown in menus, the palette and the key help. */
  labelKey: string;
  /** Parameters for the label (e.g. the view's number). */
  labelParams?: Record<string, string | number>;
  group: ActionGroup;
  /**
   * Key chords, written as in the key help: `Ctrl+K`, `Shift+1`, `ArrowLeft`, `F`, `?`, `Delete`.
   * Letters match case-insensitively; digits match by physical key, so `Shift+1` works on any layout.
   */
  keys?: readonly string[];
  permission?: Permission;
  /** False: the palette greys it out and its keys do nothing. */
  enabled?: (ctx: C) => boolean;
  /** Runs once: key down, click, palette, joystick button. */
  perform: (ctx: C, arg: A) => void | Promise<void>;
  /**
   * Press-and-hold commands (a PTZ move): called when the key or button is let go, and also on
   * blur, on a hidden tab, or when the host goes away — a lost key-up must never leave it running.
   */
  release?: (ctx: C) => void;
  /** Also while the focus is in a text field (Escape, Ctrl+K). */
  whileTyping?: boolean;
  /** Hidden from the palette (e.g. one of nine "select tile N" twins that the palette lists once). */
  hidden?: boolean;
  /**
   * Twins shown as one row in the key help (`select tile 1` … `select tile 10`): the row's label
   * key, and the keys it shows (`1 … 9, 0`). The first available twin stands for the family.
   */
  family?: { labelKey: string; keys: string };
}

/** An action bound to the context it runs in, as the registry keeps it. */
export interface BoundAction {
  spec: ActionSpec<unknown, unknown>;
  ctx: unknown;
}
