// THE contract between UI and core. Every call is declared here once: both transports (Electron
// IPC and serve mode's WebSocket) and the renderer's typed client are derived from this table,
// and docs/api.md is generated from it (`npm run docs:api`).
import { z } from 'zod';
import { method } from './method';
import * as s from './schemas';
import * as w from './wall';
import { adminApi, sessionApi } from './auth-api';
import { alarmsApi, incidentsApi, shiftApi } from './incidents-api';

export const api = {
  'system.info': method({
    summary: 'Version, data directory and what this core can do.',
    permission: 'session',
    audit: 'none',
    input: z.object({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      databaseFile: z.string(),
      shell: z.enum(['electron', 'serve']),
      ffmpeg: z.string().nullable(),
    }),
  }),
  ...sessionApi,
  'settings.get': method({
    summary: 'Console settings (language, time zone, tour dwell).',
    permission: 'session',
    audit: 'none',
    input: z.object({}),
    output: s.settings,
  }),
  'settings.update': method({
    summary: 'Change some settings; every client receives settings.changed.',
    permission: 'settings.manage',
    audit: 'write',
    input: s.settingsPatch,
    output: s.settings,
  }),
  'system.backup': method({
    summary:
      "Consistent copy of the database (SQLite online backup) into the data folder's backups/, under a new name (never over an existing file).",
    permission: 'system.backup',
    audit: 'write',
    // Strict: the file's place is the core's to choose. A `destination` is refused (unknown key) rather
    // than ignored, so an old client does not believe its copy went where it asked.
    input: z.object({}).strict(),
    output: z.object({ file: z.string(), bytes: z.number() }),
  }),
  'register.tree': method({
    summary: 'All areas, points and cameras the user may see.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: s.registerTree,
  }),
  'register.createArea': method({
    summary: 'Add an area (city, ward, residential group...) under a parent. A client-chosen `id` makes a retry safe.',
    permission: 'register.manage',
    audit: 'write',
    targets: { parentId: 'area' },
    input: z.object({ id: s.clientId.optional(), parentId: s.id.nullable(), name: z.string().trim().min(1).max(200), kind: s.area.shape.kind }),
    output: s.area,
  }),
  'register.createPoint': method({
    summary: 'Add a point (mounting location) in an area. A client-chosen `id` makes a retry safe.',
    permission: 'register.manage',
    audit: 'write',
    targets: { areaId: 'area' },
    input: z.object({
      id: s.clientId.optional(),
      areaId: s.id,
      name: z.string().trim().min(1).max(200),
      address: z.string().max(500).default(''),
      lat: z.number().min(-90).max(90).nullable().default(null),
      lon: z.number().min(-180).max(180).nullable().default(null),
    }),
    output: s.point,
  }),
  'register.createCamera': method({
    summary:
      'Add a camera at a point. URLs are checked (rtsp/rtsps streams, http/https ONVIF); credentials typed into a URL move to username/password. A client-chosen `id` makes a retry safe.',
    permission: 'register.manage',
    audit: 'write',
    targets: { pointId: 'point' },
    input: s.cameraInput,
    output: s.camera,
  }),
  'register.setPreferredStream': method({
    summary: "Set which stream a camera's tiles take: auto (by tile size), main or sub.",
    permission: 'register.manage',
    audit: 'write',
    targets: { cameraId: 'camera' },
    input: z.object({ cameraId: s.id, stream: z.enum(['auto', 'main', 'sub']) }),
    output: s.camera,
  }),
  'views.list': method({
    summary: "The caller's own views and the shared ones.",
    permission: 'live.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(w.view),
  }),
  'views.save': method({
    summary: 'Create or update a view (layout + cameras). Shared views need views.manage. A new view may carry a client-chosen `id`.',
    permission: 'live.view',
    audit: 'write',
    input: w.viewInput,
    output: w.view,
  }),
  'views.delete': method({
    summary: 'Delete a view the caller may edit.',
    permission: 'live.view',
    audit: 'write',
    input: z.object({ id: s.id }),
    output: z.object({ id: s.id }),
  }),
  'tours.list': method({
    summary: "The caller's own tours and the shared ones.",
    permission: 'live.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(w.tour),
  }),
  'tours.save': method({
    summary: 'Create or update a tour (views or cameras with a dwell time). A new tour may carry a client-chosen `id`.',
    permission: 'live.view',
    audit: 'write',
    input: w.tourInput,
    output: w.tour,
  }),
  'tours.delete': method({
    summary: 'Delete a tour the caller may edit.',
    permission: 'live.view',
    audit: 'write',
    input: z.object({ id: s.id }),
    output: z.object({ id: s.id }),
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
  'demo.status': method({
    summary: 'Whether the demo site (virtual cameras) runs in this core.',
    permission: 'session',
    audit: 'none',
    input: z.object({}),
    output: z.object({ running: z.boolean(), cameras: z.number() }),
  }),
  'demo.start': method({
    summary: 'Start the demo site: virtual cameras, and on first start their areas, points, views and a tour.',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({}),
    output: z.object({ running: z.boolean(), cameras: z.number() }),
  }),
  ...adminApi,
  ...incidentsApi,
  ...alarmsApi,
  ...shiftApi,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Api[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}
