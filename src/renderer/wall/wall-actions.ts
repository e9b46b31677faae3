// Every wall command, one action each (see actions/README.md): the keys, the buttons, the command
// palette and the key help all come from these. Views and tours add one action each, so the
// palette can load any view by name and the key help shows each view's own Shift+number.
import type { Tour, View } from '../../shared/contract';
import { neighbour, PRESETS } from '../../shared/layouts';
import type { ActionSpec } from '../actions/types';
import type { TourRun } from './use-tour';
import type { WallAction, WallState } from './wall-state';

export interface WallCtx {
  state: WallState;
  tourRun: TourRun | null;
  canUndo: boolean;
  currentView: View | null;
  act(a: WallAction): void;
  undo(): void;
  focusSearch(): void;
  toggleFullscreen(): void;
  snapshot(): void;
  toggleStats(index: number): void;
  loadView(view: View): void;
  saveView(): void;
  deleteView(): void;
  setDefaultView(): void;
  newWindow(mode: 'console' | 'wall'): void;
  editGrid(): void;
  toggleOperatorMode(): void;
  operatorMode: boolean;
  tourStart(tour: Tour): void;
  tourPause(): void;
  tourResume(): void;
  tourStop(): void;
  tourNew(): void;
  tourEdit(tour: Tour): void;
  tourDelete(tour: Tour): void;
}

const TILE_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const hasCamera = (c: WallCtx) => !!c.state.tiles[c.state.selected];

export const WALL_ACTIONS: readonly ActionSpec<WallCtx>[] = [
  ...TILE_KEYS.map(
    (key, i): ActionSpec<WallCtx> => ({
      name: `wall.selectTile${i + 1}`,
      labelKey: 'actions.wall.selectTileN',
      labelParams: { n: i + 1 },
      group: 'wall',
      keys: [key],
      hidden: true,
      family: { labelKey: 'actions.wall.selectTile', keys: '1 … 9, 0' },
      enabled: (c) => i < c.state.layout.cells.length,
      perform: (c) => c.act({ type: 'select', index: i }),
    }),
  ),
  ...(['Left', 'Right', 'Up', 'Down'] as const).map(
    (dir): ActionSpec<WallCtx> => ({
      name: `wall.move${dir}`,
      labelKey: `actions.wall.move${dir}`,
      group: 'wall',
      keys: [`Arrow${dir}`],
      hidden: true,
      family: { labelKey: 'actions.wall.move', keys: '← ↑ → ↓' },
      perform: (c) => c.act({ type: 'select', index: neighbour(c.state.layout, c.state.selected, dir.toLowerCase() as 'left' | 'right' | 'up' | 'down') }),
    }),
  ),
  {
    name: 'wall.maximise',
    labelKey: 'actions.wall.maximise',
    group: 'tile',
    keys: ['Enter'],
    perform: (c) => c.act({ type: 'maximise', index: c.state.maximised === c.state.selected ? null : c.state.selected }),
  },
  { name: 'wall.restore', labelKey: 'actions.wall.restore', group: 'tile', keys: ['Escape'], enabled: (c) => c.state.maximised !== null, perform: (c) => c.act({ type: 'maximise', index: null }) },
  { name: 'wall.clearTile', labelKey: 'actions.wall.clearTile', group: 'tile', keys: ['Delete'], enabled: hasCamera, perform: (c) => c.act({ type: 'clear', index: c.state.selected }) },
  { name: 'wall.snapshot', labelKey: 'actions.wall.snapshot', group: 'tile', keys: ['S'], enabled: hasCamera, perform: (c) => c.snapshot() },
  { name: 'wall.stats', labelKey: 'actions.wall.stats', group: 'tile', keys: ['I'], enabled: hasCamera, perform: (c) => c.toggleStats(c.state.selected) },
  { name: 'wall.undo', labelKey: 'actions.wall.undo', group: 'wall', keys: ['Ctrl+Z'], enabled: (c) => c.canUndo, perform: (c) => c.undo() },
  { name: 'wall.search', labelKey: 'actions.wall.search', group: 'wall', keys: ['/'], perform: (c) => c.focusSearch() },
  { name: 'wall.fullscreen', labelKey: 'actions.wall.fullscreen', group: 'wall', keys: ['F'], perform: (c) => c.toggleFullscreen() },
  { name: 'wall.operatorMode', labelKey: 'actions.wall.operatorMode', group: 'wall', keys: ['O'], perform: (c) => c.toggleOperatorMode() },
  { name: 'wall.editGrid', labelKey: 'actions.wall.editGrid', group: 'wall', perform: (c) => c.editGrid() },
  { name: 'wall.newWindow', labelKey: 'actions.wall.newWindow', group: 'wall', perform: (c) => c.newWindow('console') },
  { name: 'wall.newWallWindow', labelKey: 'actions.wall.newWallWindow', group: 'wall', perform: (c) => c.newWindow('wall') },
  ...PRESETS.map(
    (l): ActionSpec<WallCtx> => ({
      name: `wall.layout.${l.name}`,
      labelKey: 'actions.wall.layout',
      labelParams: { name: l.name },
      group: 'wall',
      perform: (c) => c.act({ type: 'layout', layout: l }),
    }),
  ),
  { name: 'views.save', labelKey: 'actions.views.save', group: 'views', keys: ['Ctrl+S'], whileTyping: true, perform: (c) => c.saveView() },
  { name: 'views.delete', labelKey: 'actions.views.delete', group: 'views', enabled: (c) => !!c.currentView?.editable, perform: (c) => c.deleteView() },
  { name: 'views.setDefault', labelKey: 'actions.views.setDefault', group: 'views', enabled: (c) => !!c.currentView, perform: (c) => c.setDefaultView() },
  { name: 'tours.new', labelKey: 'actions.tours.new', group: 'tours', permission: 'live.view', perform: (c) => c.tourNew() },
  { name: 'tours.pause', labelKey: 'actions.tours.pause', group: 'tours', enabled: (c) => !!c.tourRun && !c.tourRun.paused, perform: (c) => c.tourPause() },
  { name: 'tours.resume', labelKey: 'actions.tours.resume', group: 'tours', enabled: (c) => !!c.tourRun?.paused, perform: (c) => c.tourResume() },
  { name: 'tours.stop', labelKey: 'actions.tours.stop', group: 'tours', enabled: (c) => !!c.tourRun, perform: (c) => c.tourStop() },
];

/** One action per view (Shift+its number) and per tour (start, edit, delete). */
export function listActions(views: readonly View[], tours: readonly Tour[]): ActionSpec<WallCtx>[] {
  const out: ActionSpec<WallCtx>[] = views.map((v) => ({
    name: `views.load.${v.id}`,
    labelKey: 'actions.views.load',
    labelParams: { name: v.name },
    group: 'views',
    ...(v.shortcut ? { keys: [`Shift+${v.shortcut}`], family: { labelKey: 'actions.views.loadN', keys: 'Shift+1 … 9' } } : {}),
    perform: (c) => c.loadView(v),
  }));
  for (const tour of tours) {
    out.push({ name: `tours.start.${tour.id}`, labelKey: 'actions.tours.start', labelParams: { name: tour.name }, group: 'tours', enabled: (c) => !c.tourRun, perform: (c) => c.tourStart(tour) });
    if (tour.editable) {
      out.push({ name: `tours.edit.${tour.id}`, labelKey: 'actions.tours.edit', labelParams: { name: tour.name }, group: 'tours', perform: (c) => c.tourEdit(tour) });
      out.push({ name: `tours.delete.${tour.id}`, labelKey: 'actions.tours.delete', labelParams: { name: tour.name }, group: 'tours', perform: (c) => c.tourDelete(tour) });
    }
  }
  return out;
}

/**
 * Each user's Shift+numbers: a personal view's number wins over a shared one's, so an officer's
 * own keys never change because someone else saved a view.
 */
export function effectiveShortcuts(views: readonly View[]): View[] {
  const mine = new Set(views.filter((v) => !v.shared && v.shortcut).map((v) => v.shortcut));
  return views.map((v) => (v.shared && v.shortcut && mine.has(v.shortcut) ? { ...v, shortcut: null } : v));
}
