// What a marker's colour says. The health states fold into the four an officer reads from a map:
// working, offline, awaiting repair, not known yet (and decommissioned, drawn faint).
import type { HealthState } from '../../shared/contract';

export const MAP_STATUSES = ['working', 'offline', 'awaiting_repair', 'unknown', 'decommissioned'] as const;
export type MapStatus = (typeof MAP_STATUSES)[number];

export function mapStatusOf(state: HealthState): MapStatus {
  switch (state) {
    case 'live':
      return 'working';
    case 'offline':
    case 'reconnecting':
      return 'offline';
    case 'awaiting_repair':
      return 'awaiting_repair';
    case 'decommissioned':
      return 'decommissioned';
    default:
      return 'unknown';
  }
}

/** The same hues as the health dots (theme.css: --live, --offline, --repair, --muted-state). */
export const STATUS_COLOUR: Record<MapStatus, string> = {
  working: '#46b37b',
  offline: '#ef6a60',
  awaiting_repair: '#9aa7ff',
  unknown: '#8f9bab',
  decommissioned: '#4b5563',
};
