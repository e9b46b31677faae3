// Onboarding shapes: discovery jobs (WS-Discovery probe and range scan), what a camera says about
// itself when read by address, bulk add results, and the ONVIF facts the register keeps per camera.
import { z } from 'zod';
import { errorInfo, id } from './schemas';
import { ptzFov } from './ptz';

const ipv4 = z.string().regex(/^(?:\d{1,3}\.){3}\d{1,3}$/, { message: 'ipv4' });
const port = z.number().int().min(1).max(65535);

export const scanRangeSpec = z.union([z.object({ from: ipv4, to: ipv4 }), z.object({ cidr: z.string().regex(/^(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/) })]);

export const discoverInput = z
  .object({
    /** Send a WS-Discovery probe (multicast on this machine's networks, or unicast to probeTarget). */
    probe: z.boolean().default(true),
    /** A unicast probe to one address, for networks that pass UDP but not multicast. */
    probeTarget: z.object({ address: ipv4, port: port.default(3702) }).optional(),
    /** A range (≤ 1024 addresses) × ports to ask one by one. */
    range: scanRangeSpec.optional(),
    ports: z.array(port).min(1).max(16).optional(),
    /** Used to read make, model and MAC from cameras that will not say them without. */
    credentials: z.object({ username: z.string().max(200), password: z.string().max(200) }).optional(),
  })
  .refine((d) => d.probe || d.range, { message: 'nothing_to_do' });

export const registeredMatch = z.object({
  cameraId: id,
  name: z.string(),
  /** What matched: the same WS-Discovery endpoint, serial number, MAC, or address. */
  by: z.enum(['endpoint', 'serial', 'mac', 'address']),
});

export const discoveredDevice = z.object({
  /** Stable within a job: the endpoint reference, else the address. */
  key: z.string(),
  endpoint: z.string().nullable(),
  /** host:port */
  address: z.string(),
  deviceUrl: z.string(),
  via: z.enum(['probe', 'scan', 'both']),
  name: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  serial: z.string().nullable(),
  mac: z.string().nullable(),
  clockOffsetMs: z.number().nullable(),
  registered: registeredMatch.nullable(),
  /** XAddrs a probe answer named that were not contacted, with why (untrusted answers). */
  refused: z.array(z.object({ xaddr: z.string(), reason: z.string() })),
});
export type DiscoveredDevice = z.infer<typeof discoveredDevice>;

export const discoveryJob = z.object({
  id,
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  found: z.number().int(),
  elapsedMs: z.number(),
  /** null until the pace is known. */
  etaMs: z.number().nullable(),
  devices: z.array(discoveredDevice),
  error: errorInfo.nullable(),
});
export type DiscoveryJob = z.infer<typeof discoveryJob>;

const streamInfo = z.object({ uri: z.string(), encoding: z.string().nullable(), width: z.number().nullable(), height: z.number().nullable() });

/** What a camera says about itself, read by address and credentials, before it is added. */
export const inspectedCamera = z.object({
  deviceUrl: z.string(),
  address: z.string(),
  endpoint: z.string().nullable(),
  manufacturer: z.string(),
  model: z.string(),
  firmware: z.string(),
  serial: z.string(),
  mac: z.string().nullable(),
  clockOffsetMs: z.number(),
  clockSkewed: z.boolean(),
  main: streamInfo.nullable(),
  sub: streamInfo.nullable(),
  snapshotUri: z.string().nullable(),
  ptz: z.boolean(),
  registered: registeredMatch.nullable(),
  /** A name to start from: the camera's own (scopes), else make and model. */
  suggestedName: z.string(),
});
export type InspectedCamera = z.infer<typeof inspectedCamera>;

const cameraPlacement = {
  pointId: id,
  transmission: z.enum(['direct', 'fibre', 'residents_wifi', 'mobile', 'other']).default('direct'),
  funding: z.enum(['state', 'police', 'socialised']).default('state'),
};

const address = z.string().trim().min(1).max(300);
const credentials = { username: z.string().max(200), password: z.string().max(200) };

export const inspectInput = z.object({ address, ...credentials });

export const onboardInput = z.object({
  address,
  ...credentials,
  name: z.string().trim().min(1).max(200),
  /** The endpoint reference discovery saw, kept to recognise the camera later. */
  endpoint: z.string().max(200).nullable().default(null),
  ...cameraPlacement,
});

export const bulkAddInput = z.object({
  ...credentials,
  ...cameraPlacement,
  devices: z
    .array(z.object({ address, name: z.string().trim().min(1).max(200).optional(), endpoint: z.string().max(200).nullable().default(null) }))
    .min(1)
    .max(256),
});

export const bulkAddResult = z.object({
  results: z.array(
    z.object({
      address: z.string(),
      ok: z.boolean(),
      cameraId: id.nullable(),
      name: z.string().nullable(),
      error: errorInfo.nullable(),
    }),
  ),
});

/** ONVIF facts the register keeps for a camera added by onboarding (or measured later). */
export const cameraDevice = z.object({
  cameraId: id,
  endpoint: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  serial: z.string().nullable(),
  mac: z.string().nullable(),
  /** Camera clock minus the console's, ms; null until measured. */
  clockOffsetMs: z.number().nullable(),
  clockCheckedAt: z.number().nullable(),
  /** Off by more than the threshold (Settings): evidence timestamps from it are suspect. */
  clockSkewed: z.boolean(),
  fov: ptzFov.nullable(),
});
export type CameraDevice = z.infer<typeof cameraDevice>;
