// The contract's entries for the wall: views, tours, each window's wall and place, the user's
// preferences, and camera health. Spread into `api` (api.ts) so there is still one table of methods.
import { z } from 'zod';
import { cameraHealth } from './health';
import { method } from './method';
import { preferences } from './preferences';
import { id } from './schemas';
import * as w from './wall';

export const wallApi = {
  'views.list': method({
    summary: "The caller's own views and the shared ones.",
    permission: 'live.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(w.view),
  }),
  'views.save': method({
    summary: 'Create or update a view (layout + cameras). Shared views need views.manage.',
    permission: 'live.view',
    audit: 'write',
    input: w.viewInput,
    output: w.view,
  }),
  'views.delete': method({
    summary: 'Delete a view the caller may edit.',
    permission: 'live.view',
    audit: 'write',
    input: z.object({ id }),
    output: z.object({ id }),
  }),
  'tours.list': method({
    summary: "The caller's own tours and the shared ones.",
    permission: 'live.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(w.tour),
  }),
  'tours.save': method({
    summary: 'Create or update a tour (views or cameras with a dwell time).',
    permission: 'live.view',
    audit: 'write',
    input: w.tourInput,
    output: w.tour,
  }),
  'tours.delete': method({
    summary: 'Delete a tour the caller may edit.',
    permission: 'live.view',
    audit: 'write',
    input: z.object({ id }),
    output: z.object({ id }),
  }),
  'workspace.get': method({
    summary: "The caller's windows: which view each shows and where it was on screen.",
    permission: 'live.view',
    audit: 'none',
    input: z.object({}),
    output: w.workspace,
  }),
  'workspace.saveWindow': method({
    summary: 'Remember one window (key, view, position, display); `closed` forgets it.',
    permission: 'live.view',
    audit: 'none',
    input: z.object({ window: w.workspaceWindow, closed: z.boolean().default(false) }),
    output: w.workspace,
  }),
  'workspace.wall': method({
    summary: "This window's wall as the caller left it (layout, cameras, streams, zoom, parked cameras), or null.",
    permission: 'live.view',
    audit: 'none',
    input: z.object({ window: w.windowKey }),
    output: z.object({ state: w.wallState.nullable(), updatedAt: z.number().nullable() }),
  }),
  'workspace.saveWall': method({
    // Not audited: it follows every drag and key on the wall; the views it came from are.
    summary: "Keep this window's wall. Cameras outside the caller's areas are refused (not_found).",
    permission: 'live.view',
    audit: 'none',
    input: z.object({ window: w.windowKey, state: w.wallState }),
    output: z.object({ updatedAt: z.number() }),
  }),
  'preferences.get': method({
    summary: "The caller's own preferences: UI scale, high contrast, operator mode, default view per window.",
    permission: 'session',
    audit: 'none',
    input: z.object({}),
    output: preferences,
  }),
  'preferences.update': method({
    // Not audited: how big one person's screen is drawn changes nothing of the centre's records.
    summary: "Change some of the caller's preferences; the caller's other windows receive preferences.changed.",
    permission: 'session',
    audit: 'none',
    input: preferences.partial(),
    output: preferences,
  }),
  'health.cameras': method({
    summary: 'What the core knows now of every camera the caller may see (live relays, register status); kept current by camera.health events.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.object({ cameras: z.array(cameraHealth), at: z.number() }),
  }),
} as const;
