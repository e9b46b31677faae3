// The camera lab's programmatic entry: startLab() brings up N virtual ONVIF cameras and returns
// a Lab whose dispose() leaves no process, port or timer behind.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { SimCamera, type ResolvedCameraSpec } from './camera';
import { cameraName, defaultCameraSpecs, defaultVariant, MODELS } from './defaults';
import { DiscoveryResponder, WSD_PORT } from './discovery/responder';
import { freePort } from './ports';
import { GstProcess } from './rtsp/gst-process';
import type { CameraSpec, Lab, LabOptions, SimCameraHandle } from './types';

export type { CameraSpec, Lab, LabOptions, SimCameraHandle, SimCameraInfo } from './types';

export const DEFAULT_CACHE_DIR = path.join(os.tmpdir(), 'watchfloor-sim-cache');

export function resolveSpecs(options: LabOptions, password: string, username: string): ResolvedCameraSpec[] {
  const specs: CameraSpec[] = typeof options.cameras === 'number' ? defaultCameraSpecs(options.cameras) : options.cameras;
  const names = new Set<string>();
  return specs.map((s, index) => {
    const variant = s.variant ?? defaultVariant(index);
    const name = s.name ?? cameraName(index);
    if (names.has(name)) throw new Error(`camera lab: duplicate camera name ${name}`);
    names.add(name);
    const base = options.basePort;
    return {
      index,
      name,
      variant,
      live: (s.live ?? index === 0) && (variant === 'ptz' || variant === 'fixed'),
      username: s.username ?? username,
      password: s.password ?? password,
      model: s.model ?? MODELS[variant].model,
      manufacturer: s.manufacturer ?? MODELS[variant].manufacturer,
      onvifPort: s.onvifPort ?? (base ? base + 2 * index : 0),
      rtspPort: s.rtspPort ?? (base ? base + 2 * index + 1 : 0),
      clockOffsetMs: s.clockOffsetMs ?? 0,
      fps: s.fps ?? 25,
    };
  });
}

export async function startLab(options: LabOptions): Promise<Lab> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const password = options.password ?? randomBytes(9).toString('base64url');
  const specs = resolveSpecs(options, password, options.username ?? 'admin');

  const cameras: SimCamera[] = [];
  let gst: GstProcess | null = null;
  let discovery: DiscoveryResponder | null = null;
  let disposed: Promise<void> | null = null;

  const dispose = (): Promise<void> =>
    (disposed ??= (async () => {
      await Promise.allSettled(cameras.map((c) => c.dispose()));
      await Promise.allSettled([gst?.dispose(), discovery?.dispose()]);
    })());

  try {
    if (specs.some((s) => s.variant !== 'dead')) gst = await GstProcess.start();
    if (options.discoveryPort !== false) discovery = await DiscoveryResponder.start(options.discoveryPort ?? WSD_PORT, log);
    const deps = {
      host,
      gst,
      discovery,
      cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
      reservePort: () => freePort(host),
      log,
    };
    // One at a time: the first start of a camera encodes its clip, which uses both cores.
    for (const spec of specs) {
      const camera = new SimCamera(spec, deps);
      cameras.push(camera);
      await camera.start();
    }
  } catch (err) {
    await dispose();
    throw err;
  }

  const byName = new Map(cameras.map((c) => [c.info.name, c]));
  return {
    cameras: cameras.map((c) => c.info),
    camera(name: string): SimCameraHandle {
      const c = byName.get(name);
      if (!c) throw new Error(`camera lab: no camera named ${name}`);
      return c;
    },
    discoveryPort: discovery?.port ?? null,
    pids: gst?.pid ? [gst.pid] : [],
    dispose,
  };
}
