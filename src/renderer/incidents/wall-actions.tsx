// The wall's seam for incidents: the action "New incident from this camera" (key N, the tile
// button, the command palette) registered while the wall is shown, and the tile's button, which
// runs it through the actions registry like every other command.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TileAssignment } from '../../shared/contract';
import { useActionRegistry, useActions, useAvailableActions } from '../actions/ActionsProvider';
import type { ActionSpec } from '../actions/types';
import { useIncidentLauncher } from './launcher';

export const NEW_INCIDENT_ACTION = 'tile.newIncident';

interface Ctx {
  tiles: readonly TileAssignment[];
  selected: number;
  launch(cameraId: string): void;
}

const cameraOf = (c: Ctx, tile: number | undefined) => c.tiles[tile ?? c.selected]?.cameraId ?? null;

const SPECS: ActionSpec<Ctx, number | undefined>[] = [
  {
    name: NEW_INCIDENT_ACTION,
    labelKey: 'book.incidents.fromCamera',
    group: 'tile',
    keys: ['N'],
    permission: 'incidents.manage',
    enabled: (c) => cameraOf(c, undefined) !== null,
    perform: (c, tile) => {
      const cam = cameraOf(c, tile);
      if (cam) c.launch(cam);
    },
  },
];

/** Registers the wall's incident action for the selected tile (or the tile a button names). */
export function useNewIncidentAction(tiles: readonly TileAssignment[], selected: number): void {
  const { fromCamera } = useIncidentLauncher();
  const ctx = useMemo(() => ({ tiles, selected, launch: fromCamera }), [tiles, selected, fromCamera]);
  useActions(SPECS as unknown as ActionSpec<Ctx, never>[], ctx);
}

/** The tile's button for it (shown to those who may log incidents). */
export function TileIncidentButton({ index }: { index: number }) {
  const { t } = useTranslation();
  const registry = useActionRegistry();
  // Re-rendered when hosts (re)register: the wall registers the action after its tiles mount.
  const available = useAvailableActions();
  if (!available.some((a) => a.spec.name === NEW_INCIDENT_ACTION)) return null;
  return (
    <button
      type="button"
      className="tile__button tile__button--incident"
      aria-label={t('book.incidents.fromCamera')}
      title={`${t('book.incidents.fromCamera')} (N)`}
      onClick={(e) => {
        e.stopPropagation();
        registry.run(NEW_INCIDENT_ACTION, index);
      }}
    >
      <svg
        viewBox="0 0 24 24"
        width="16"
        height="16"
        aria-hidden="true"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M12 3 2 20h20L12 3zM12 10v4M12 17h.01" />
      </svg>
    </button>
  );
}
