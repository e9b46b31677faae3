// Adding ONVIF cameras (issue: "Add: by address and credentials. The console reads device
// information, profiles, main and sub stream URIs, snapshot URI, PTZ capability, and the clock
// offset; the technician checks, names, and places it"). Composed from the library's
// connectCamera; writes the register through RegisterService (password sealed there) and the
// ONVIF facts through DeviceRepository. Bulk add runs each row on its own: one camera's wrong
// password or silence is that row's result, not the batch's.
import type { z } from 'zod';
import type { bulkAddInput, Camera, CameraCreateInput, InspectedCamera, onboardInput } from '../../shared/contract';
import { AppError, isAppError, toErrorInfo } from '../../shared/errors';
import type { AuditSink } from '../api/audit-sink';
import type { Principal } from '../auth/principal';
import type { DeviceRepository } from '../devices/device-repository';
import type { DeviceService } from '../devices/device-service';
import { createLogger } from '../log/logger';
import { connectCamera, type CameraDescription, type ConnectOptions, type OnvifCamera } from '../onvif';

const log = createLogger('onboarding');

type Registered = InspectedCamera['registered'];
type Probe = { endpoint: string | null; serial: string | null; mac: string | null; address: string };

const BULK_CONCURRENCY = 8;

export interface OnboardingDeps {
  /** Registers the camera; the history names `by` (the technician who added it). */
  createCamera(input: CameraCreateInput, by: Principal): Camera;
  deviceRepo: DeviceRepository;
  devices: DeviceService;
  audit: AuditSink;
  connect?: (o: ConnectOptions) => Promise<OnvifCamera>;
  /** Per SOAP call (default 5 s: a silent device is a timeout within 5 s). */
  timeoutMs?: number;
}

/** host:port of a URL, host alone for `hostOnly`; null for what does not parse. */
function hostOf(url: string | null, hostOnly = false): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return hostOnly ? u.hostname : u.host;
  } catch {
    return null;
  }
}

/**
 * "Already registered" (issue: "whether it is already registered"): the same WS-Discovery
 * endpoint, serial number or MAC as a registered camera, or its ONVIF address; failing those, a
 * camera added by RTSP URL on the same host (a hint: an NVR's channels share one).
 */
export function registeredIndex(repo: DeviceRepository): (d: Probe) => Registered {
  const rows = repo.all();
  const cams = repo.addresses();
  const names = new Map(cams.map((c) => [c.cameraId, c.name]));
  const hit = (cameraId: string, by: NonNullable<Registered>['by']) => ({ cameraId, name: names.get(cameraId) ?? '', by });
  return (d) => {
    const norm = (s: string | null) => (s ? s.trim().toLowerCase() : '');
    const ep = norm(d.endpoint);
    const serial = norm(d.serial);
    const mac = norm(d.mac);
    for (const r of rows) if (ep && norm(r.endpoint) === ep) return hit(r.cameraId, 'endpoint');
    for (const r of rows) if (serial && norm(r.serial) === serial) return hit(r.cameraId, 'serial');
    for (const r of rows) if (mac && norm(r.mac) === mac) return hit(r.cameraId, 'mac');
    for (const c of cams) if (hostOf(c.onvifUrl) === d.address) return hit(c.cameraId, 'address');
    const host = hostOf(`http://${d.address}`, true);
    for (const c of cams) if (!c.onvifUrl && host && (hostOf(c.rtspMain, true) === host || hostOf(c.rtspSub, true) === host)) return hit(c.cameraId, 'address');
    return null;
  };
}

export class OnboardingService {
  constructor(private readonly d: OnboardingDeps) {}

  private read(address: string, username: string, password: string): Promise<OnvifCamera> {
    return (this.d.connect ?? connectCamera)({ address, username, password, timeoutMs: this.d.timeoutMs ?? 5000 });
  }

  private registered(desc: CameraDescription, endpoint: string | null): Registered {
    return registeredIndex(this.d.deviceRepo)({ endpoint, serial: desc.info.serial || null, mac: desc.info.mac ?? null, address: desc.address });
  }

  private static suggestedName(desc: CameraDescription): string {
    const make = [desc.info.manufacturer, desc.info.model].filter(Boolean).join(' ');
    return `${make || 'Camera'} ${desc.address.split(':')[0]}`.slice(0, 200);
  }

  async inspect(input: { address: string; username: string; password: string }): Promise<InspectedCamera> {
    const cam = await this.read(input.address, input.username, input.password);
    const desc = cam.description;
    const stream = (s: CameraDescription['streams']['main']) => (s ? { uri: s.uri, encoding: s.encoding ?? null, width: s.width ?? null, height: s.height ?? null } : null);
    return {
      deviceUrl: desc.deviceUrl,
      address: desc.address,
      endpoint: null,
      manufacturer: desc.info.manufacturer,
      model: desc.info.model,
      firmware: desc.info.firmware,
      serial: desc.info.serial,
      mac: desc.info.mac ?? null,
      clockOffsetMs: desc.clockOffsetMs,
      clockSkewed: this.d.devices.skewed(desc.clockOffsetMs),
      main: stream(desc.streams.main),
      sub: stream(desc.streams.sub),
      snapshotUri: desc.snapshotUri ?? null,
      ptz: desc.ptz !== null,
      registered: this.registered(desc, null),
      suggestedName: OnboardingService.suggestedName(desc),
    };
  }

  /** Reads the camera afresh (what the technician saw may be minutes old) and registers it. */
  async add(p: Principal, input: z.output<typeof onboardInput>): Promise<Camera> {
    const cam = await this.read(input.address, input.username, input.password);
    return this.register(p, cam.description, input);
  }

  private async register(p: Principal, desc: CameraDescription, input: Omit<z.output<typeof onboardInput>, 'address'>): Promise<Camera> {
    const already = this.registered(desc, input.endpoint);
    if (already) throw new AppError('camera_already_registered', { name: already.name, by: already.by });
    const main = desc.streams.main;
    if (!main) throw new AppError('camera_stream_not_found', { camera: input.name });
    const camera = this.d.createCamera({
      pointId: input.pointId,
      name: input.name,
      ptz: desc.ptz !== null,
      onvifUrl: desc.deviceUrl,
      rtspMain: main.uri,
      rtspSub: desc.streams.sub?.uri ?? null,
      username: input.username || null,
      password: input.password || null,
      transmission: input.transmission,
      funding: input.funding,
      // What the camera says it is goes into the register, so the ward report and search know it.
      make: (desc.info.manufacturer || '').slice(0, 100),
      model: (desc.info.model || '').slice(0, 100),
      serial: (desc.info.serial || '').slice(0, 100),
    }, p);
    this.d.deviceRepo.upsert({
      cameraId: camera.id,
      endpoint: input.endpoint,
      manufacturer: desc.info.manufacturer || null,
      model: desc.info.model || null,
      firmware: desc.info.firmware || null,
      serial: desc.info.serial || null,
      mac: desc.info.mac ?? null,
      snapshotUri: desc.snapshotUri ?? null,
      profileMain: main.profileToken,
      profileSub: desc.streams.sub?.profileToken ?? null,
      codecMain: main.encoding ?? null,
      codecSub: desc.streams.sub?.encoding ?? null,
      clockOffsetMs: null,
      clockCheckedAt: null,
    });
    // Through the device service: a skewed clock is flagged and audited under the technician's name.
    if (desc.clockMeasured) await this.d.devices.recordClock(camera.id, desc.clockOffsetMs, { userId: p.user.id, username: p.user.username });
    return camera;
  }

  /**
   * Many cameras, one set of credentials, one point. At most eight are read at a time (each read
   * is about ten SOAP calls); each row answers for itself, and each is audited on its own.
   */
  async bulkAdd(p: Principal, input: z.output<typeof bulkAddInput>) {
    const results: { address: string; ok: boolean; cameraId: string | null; name: string | null; error: ReturnType<typeof toErrorInfo> | null }[] = input.devices.map((d) => ({
      address: d.address,
      ok: false,
      cameraId: null,
      name: null,
      error: null,
    }));
    let next = 0;
    // Two rows of one batch must not both pass the "already registered" check for one camera.
    let writing: Promise<unknown> = Promise.resolve();
    const worker = async () => {
      while (next < input.devices.length) {
        const i = next++;
        const row = input.devices[i]!;
        try {
          const cam = await this.read(row.address, input.username, input.password);
          const name = row.name ?? OnboardingService.suggestedName(cam.description);
          const step = writing.then(() => this.register(p, cam.description, { ...input, name, endpoint: row.endpoint }));
          writing = step.catch(() => undefined);
          const camera = await step;
          results[i] = { address: row.address, ok: true, cameraId: camera.id, name: camera.name, error: null };
        } catch (err) {
          if (!isAppError(err)) log.error('bulk add row failed', { address: row.address, err: err instanceof Error ? err.message : String(err) });
          results[i] = { address: row.address, ok: false, cameraId: null, name: row.name ?? null, error: toErrorInfo(err) };
        }
        const r = results[i]!;
        await this.d.audit
          .append({
            actor: { userId: p.user.id, username: p.user.username },
            action: 'onboarding.bulkAddRow',
            outcome: r.ok ? 'ok' : 'failed',
            target: r.cameraId ? { kind: 'camera', id: r.cameraId, name: r.name } : null,
            details: { address: r.address, ...(r.error ? { error: r.error.code } : {}) },
          })
          .catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, input.devices.length) }, worker));
    return { results };
  }
}
