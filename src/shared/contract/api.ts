// THE contract between UI and core. Every call is declared here once: both transports (Electron
// IPC and serve mode's WebSocket) and the renderer's typed client are derived from this table,
// and docs/api.md is generated from it (`npm run docs:api`).
import { z } from 'zod';
import { method } from './method';
import * as s from './schemas';
import { adminApi, sessionApi } from './auth-api';
import { onboardingApi, ptzApi } from './ptz-api';
import { cameraCreateInput, checkCoordinates, day, pointShape } from './register';
import { registerApi } from './register-api';
import { wallApi } from './wall-api';
import { recordingApi } from './recording-api';
import { alarmsApi, incidentsApi, shiftApi } from './incidents-api';
import { mapApi } from './map-api';
import { healthApi } from './health-api';

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
    input: z.object({
      id: s.clientId.optional(),
      parentId: s.id.nullable(),
      name: z.string().trim().min(1).max(200),
      kind: s.area.shape.kind,
      /** The day it came into being (a reorganisation); absent: it has always been there. */
      from: day.optional(),
    }),
    output: s.area,
  }),
  'register.createPoint': method({
    summary: 'Add a point (mounting location) in an area. A client-chosen `id` makes a retry safe.',
    permission: 'register.manage',
    audit: 'write',
    targets: { areaId: 'area' },
    input: pointShape.extend({ id: s.clientId.optional() }).superRefine(checkCoordinates),
    output: s.point,
  }),
  'register.createCamera': method({
    summary:
      'Add a camera at a point. URLs are checked (rtsp/rtsps streams, http/https ONVIF); credentials typed into a URL move to username/password. A client-chosen `id` makes a retry safe.',
    permission: 'register.manage',
    audit: 'write',
    targets: { pointId: 'point' },
    input: cameraCreateInput,
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
  ...wallApi,
  ...mapApi,
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
  ...registerApi,
  ...adminApi,
  ...onboardingApi,
  ...ptzApi,
  ...recordingApi,
  ...incidentsApi,
  ...alarmsApi,
  ...shiftApi,
  ...healthApi,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Api[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}
