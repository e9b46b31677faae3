// The console's pages, in navigation order, and what a role needs to see each. Alt+1 … Alt+9, then Alt+0
// for the tenth, jump to the visible ones in this order.
import type { Permission } from '../../shared/contract';

export const PAGES = ['wall', 'map', 'incidents', 'cameras', 'health', 'playback', 'reports', 'users', 'audit', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

export const PAGE_PERMISSION: Record<PageId, Permission> = {
  wall: 'live.view',
  map: 'register.view',
  // The book of the shift: its tabs show themselves by incidents.view, alarms.handle, shift.handover.
  incidents: 'incidents.view',
  cameras: 'register.view',
  // The health of the camera network: the dashboard, repair tickets, maintenance.
  health: 'register.view',
  playback: 'playback.view',
  reports: 'register.view',
  users: 'users.manage',
  audit: 'audit.read',
  // Everyone has settings: their own password and language; console-wide ones need settings.manage.
  settings: 'session',
};

export function pageFromHash(hash: string): PageId | null {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (PAGES as readonly string[]).includes(id ?? '') ? (id as PageId) : null;
}
