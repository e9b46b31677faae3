// The map's commands. The popup's buttons, keys and the palette run them through the registry.
// Playback opens the recording feature's page at a minute ago (#/playback?camera=…&at=…); a new
// incident goes to the incidents feature through its seam (seams.ts), and is greyed out without it.
import type { ActionSpec } from '../actions/types';
import type { IncidentSpan } from './incident-window';
import { incidentSource } from './seams';

export interface MapActionCtx {
  selected: string | null;
  canEdit: boolean;
  editing: boolean;
  hasIncidents: boolean;
  setEditing: (on: boolean) => void;
  /** Which incidents the map shows (the custom range keeps the span shown until edited). */
  setIncidentWindow: (kind: IncidentSpan | 'custom') => void;
  toggleHeat: () => void;
  /** Asks, then removes the link to another map (the editor's row says which). */
  removeHotspot: (id: string) => void;
  focusSearch: () => void;
  close: () => void;
}

const cameraOf = (c: MapActionCtx, arg: string | undefined) => arg ?? c.selected;

export const MAP_ACTIONS: readonly ActionSpec<MapActionCtx, string | undefined>[] = [
  {
    name: 'map.toWall',
    labelKey: 'actions.map.toWall',
    group: 'map',
    keys: ['W'],
    permission: 'live.view',
    enabled: (c) => c.selected !== null,
    perform: (c, arg) => {
      const id = cameraOf(c, arg);
      if (id) window.location.hash = `#/wall?camera=${encodeURIComponent(id)}`;
    },
  },
  {
    name: 'map.ptz',
    labelKey: 'actions.map.ptz',
    group: 'map',
    permission: 'ptz.control',
    enabled: (c) => c.selected !== null,
    // PTZ is steered from a wall tile: the camera goes to the wall, where its tile has the panel.
    perform: (c, arg) => {
      const id = cameraOf(c, arg);
      if (id) window.location.hash = `#/wall?camera=${encodeURIComponent(id)}`;
    },
  },
  {
    name: 'map.playback',
    labelKey: 'actions.map.playback',
    group: 'map',
    keys: ['P'],
    permission: 'playback.view',
    enabled: (c) => c.selected !== null,
    perform: (c, arg) => {
      const id = cameraOf(c, arg);
      if (id) window.location.hash = `#/playback?camera=${encodeURIComponent(id)}&at=${Date.now() - 60_000}`;
    },
  },
  {
    name: 'map.newIncident',
    labelKey: 'actions.map.newIncident',
    group: 'map',
    keys: ['N'],
    enabled: (c) => c.selected !== null && c.hasIncidents,
    perform: (c, arg) => {
      const id = cameraOf(c, arg);
      if (id) incidentSource()?.newIncident(id);
    },
  },
  {
    name: 'map.edit',
    labelKey: 'actions.map.edit',
    group: 'map',
    keys: ['E'],
    permission: 'register.manage',
    enabled: (c) => c.canEdit,
    perform: (c) => c.setEditing(!c.editing),
  },
  {
    name: 'map.search',
    labelKey: 'actions.map.search',
    group: 'map',
    keys: ['/'],
    perform: (c) => c.focusSearch(),
  },
  {
    name: 'map.heat',
    labelKey: 'actions.map.heat',
    group: 'map',
    keys: ['H'],
    enabled: (c) => c.hasIncidents,
    perform: (c) => c.toggleHeat(),
  },
  ...(['day', 'week', 'month', 'custom'] as const).map(
    (kind): ActionSpec<MapActionCtx, string | undefined> => ({
      name: `map.incidents${kind[0]!.toUpperCase()}${kind.slice(1)}`,
      labelKey: `actions.map.incidents.${kind}`,
      group: 'map',
      permission: 'incidents.view',
      enabled: (c) => c.hasIncidents,
      perform: (c) => c.setIncidentWindow(kind),
    }),
  ),
  {
    name: 'map.removeHotspot',
    labelKey: 'actions.map.removeHotspot',
    group: 'map',
    permission: 'register.manage',
    // Run from a link's row in edit mode, which names the link; nothing to pick in the palette.
    hidden: true,
    enabled: (c) => c.editing,
    perform: (c, id) => {
      if (id) c.removeHotspot(id);
    },
  },
  {
    name: 'map.close',
    labelKey: 'actions.map.close',
    group: 'map',
    keys: ['Escape'],
    enabled: (c) => c.selected !== null,
    perform: (c) => c.close(),
  },
];
