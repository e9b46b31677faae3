// PTZ for the whole console: one controller per camera (ptz-controller.ts) made on first use,
// click-to-centre and box zoom from the field of view, presets with the console's own names, and
// patrols stored here and run by the controllers. Every console hears who holds a camera
// (ptz.lock), patrol progress (ptz.patrol) and cameras that will not stop (ptz.alert).
import type { PatrolRun, PtzCapabilities, PtzPreset, PtzState, PtzVelocity } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AuditSink } from '../api/audit-sink';
import type { Principal } from '../auth/principal';
import type { DeviceRepository } from '../devices/device-repository';
import type { DeviceService } from '../devices/device-service';
import type { OnvifSessions } from '../devices/sessions';
import type { EventBus } from '../events/event-bus';
import { createLogger } from '../log/logger';
import type { OnvifCamera } from '../onvif';
import { absoluteTarget, boxZoom, centreTranslation } from './geometry';
import { DEFAULT_PTZ_TIMING, PtzController, type PtzTiming } from './ptz-controller';
import { claim, lockedError, mayRelease } from './ptz-lock';
import type { PatrolRepository } from './patrol-repository';

const log = createLogger('ptz');

export interface PtzServiceDeps {
  sessions: OnvifSessions;
  devices: DeviceService;
  deviceRepo: DeviceRepository;
  patrols: PatrolRepository;
  /** The register's view of a camera: its name and whether it is a PTZ camera. */
  camera(cameraId: string): { name: string; ptz: boolean };
  events: EventBus;
  audit: AuditSink;
  idleMs: () => number;
  timing?: Partial<PtzTiming>;
}

type Box = { x: number; y: number; w: number; h: number; aspect: number };

/** A camera-side preset name: ASCII, at most 32 characters (what many firmwares keep). */
export function cameraPresetName(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '')
    .trim();
  return (ascii || 'Preset').slice(0, 32);
}

function capabilitiesOf(cam: OnvifCamera | null): PtzCapabilities {
  const node = cam?.description.ptz?.node;
  // Without a node description, offer what nearly every PTZ camera does and let the camera say no.
  if (!node) return { continuous: true, relative: true, absolute: false, home: true, presets: true, maxPresets: null };
  return {
    continuous: !!node.continuousPanTilt || !!node.continuousZoom || (!node.relativePanTilt && !node.absolutePanTilt),
    relative: !!node.relativePanTilt,
    absolute: !!node.absolutePanTilt,
    home: node.homeSupported ?? true,
    presets: (node.maxPresets ?? 1) > 0,
    maxPresets: node.maxPresets ?? null,
  };
}

export class PtzService {
  private readonly controllers = new Map<string, PtzController>();
  private readonly timing: PtzTiming;
  private disposed = false;

  constructor(private readonly d: PtzServiceDeps) {
    this.timing = { ...DEFAULT_PTZ_TIMING, ...d.timing };
  }

  private controller(cameraId: string): PtzController {
    if (this.disposed) throw new AppError('internal', {});
    let c = this.controllers.get(cameraId);
    if (c) return c;
    const cam = this.d.camera(cameraId);
    if (!cam.ptz) throw new AppError('onvif_not_supported', { feature: 'PTZ', address: cam.name });
    const target = () => ({ kind: 'camera', id: cameraId, name: this.d.camera(cameraId).name });
    c = new PtzController({
      cameraId,
      cameraName: () => this.d.camera(cameraId).name,
      sessions: this.d.sessions,
      idleMs: this.d.idleMs,
      timing: this.timing,
      log: log.child(cameraId),
      onLock: (lock) => this.d.events.publish({ type: 'ptz.lock', cameraId, lock }),
      onPatrol: (patrol) => this.d.events.publish({ type: 'ptz.patrol', cameraId, patrol }),
      onAlert: (alert, attempts) => this.d.events.publish({ type: 'ptz.alert', cameraId, alert, attempts }),
      audit: (entry) => void this.d.audit.append({ ...entry, target: target() }).catch((err: unknown) => log.error('audit append failed', { err: String(err) })),
    });
    this.controllers.set(cameraId, c);
    return c;
  }

  async state(cameraId: string): Promise<PtzState> {
    const c = this.controller(cameraId);
    let cam: OnvifCamera | null = null;
    let position: PtzState['position'] = null;
    try {
      cam = await this.d.sessions.get(cameraId);
      const s = await this.d.sessions.with(cameraId, (x) => x.getStatus());
      if (s.pan !== undefined || s.zoom !== undefined) position = { pan: s.pan ?? 0, tilt: s.tilt ?? 0, zoom: s.zoom ?? 0, moving: s.panTiltMoving || s.zoomMoving };
    } catch (err) {
      // Who holds the camera is worth showing even while it does not answer.
      log.info('PTZ state without the camera', { cameraId, err: String(err) });
    }
    return { cameraId, capabilities: capabilitiesOf(cam), lock: c.currentLock(), patrol: c.patrolRun(), position, fov: this.d.devices.fov(cameraId) };
  }

  move(p: Principal, cameraId: string, velocity: PtzVelocity) {
    return this.controller(cameraId).move(p, velocity);
  }

  hold(p: Principal, cameraId: string): boolean {
    return this.controllers.get(cameraId)?.hold(p) ?? false;
  }

  stop(p: Principal, cameraId: string): Promise<boolean> {
    return this.controller(cameraId).stop(p);
  }

  /** Click-to-centre (no box) or box zoom: RelativeMove where the camera has it, else AbsoluteMove. */
  async aim(p: Principal, cameraId: string, box: Box, zoomIn: boolean) {
    const fov = this.d.devices.fov(cameraId);
    return this.controller(cameraId).command(p, async (cam) => {
      const caps = capabilitiesOf(cam);
      const s = await cam.getStatus().catch(() => null);
      const current = { pan: s?.pan ?? 0, tilt: s?.tilt ?? 0, zoom: s?.zoom ?? 0 };
      const t = zoomIn ? boxZoom(fov, current.zoom, box, box.aspect) : { ...centreTranslation(fov, current.zoom, box.x, box.y, box.aspect), zoom: current.zoom };
      const delta = { pan: t.pan, tilt: t.tilt, ...(zoomIn ? { zoom: t.zoom - current.zoom } : {}) };
      if (caps.relative || !caps.absolute || !s) await cam.relativeMove(delta);
      else await cam.absoluteMove(absoluteTarget(current, delta));
      return { pan: t.pan, tilt: t.tilt, zoom: t.zoom };
    });
  }

  async home(p: Principal, cameraId: string): Promise<{ ok: boolean }> {
    await this.controller(cameraId).command(p, (cam) => cam.gotoHomePosition());
    return { ok: true };
  }

  async presets(cameraId: string): Promise<PtzPreset[]> {
    this.controller(cameraId);
    const list = await this.d.sessions.with(cameraId, (cam) => cam.getPresets());
    const names = this.d.deviceRepo.presetNames(cameraId);
    return list.map((x) => ({ token: x.token, name: names.get(x.token) ?? x.name, position: x.position ? { pan: x.position.pan ?? 0, tilt: x.position.tilt ?? 0, zoom: x.position.zoom ?? 0 } : null }));
  }

  async gotoPreset(p: Principal, cameraId: string, token: string): Promise<{ ok: boolean }> {
    await this.controller(cameraId).command(p, (cam) => cam.gotoPreset(token));
    return { ok: true };
  }

  /** The camera keeps an ASCII name of at most 32 characters; the console keeps the real one. */
  async savePreset(p: Principal, cameraId: string, name: string, token?: string): Promise<PtzPreset> {
    const saved = await this.controller(cameraId).command(p, (cam) => cam.setPreset(cameraPresetName(name), token));
    this.d.deviceRepo.setPresetName(cameraId, saved, name);
    return (await this.presets(cameraId)).find((x) => x.token === saved) ?? { token: saved, name, position: null };
  }

  async renamePreset(cameraId: string, token: string, name: string): Promise<PtzPreset> {
    const found = (await this.presets(cameraId)).find((x) => x.token === token);
    if (!found) throw new AppError('not_found', { kind: 'preset', id: token });
    this.d.deviceRepo.setPresetName(cameraId, token, name);
    return { ...found, name };
  }

  async deletePreset(p: Principal, cameraId: string, token: string): Promise<{ token: string }> {
    await this.controller(cameraId).command(p, (cam) => cam.removePreset(token));
    this.d.deviceRepo.deletePresetName(cameraId, token);
    return { token };
  }

  release(p: Principal, cameraId: string): { released: boolean } {
    const c = this.controllers.get(cameraId);
    const current = c?.currentLock() ?? null;
    if (!c || !current) return { released: false };
    if (!mayRelease(current, p)) throw lockedError(current);
    return { released: c.release() };
  }

  patrolList(cameraId: string) {
    return this.d.patrols.list(cameraId);
  }

  savePatrol(p: Principal, input: { id?: string; cameraId: string; name: string; steps: { presetToken: string; dwellSeconds: number }[] }) {
    this.controller(input.cameraId);
    if (input.id) {
      const existing = this.d.patrols.get(input.id);
      if (!existing || existing.cameraId !== input.cameraId) throw new AppError('not_found', { kind: 'patrol', id: input.id });
    }
    return this.d.patrols.save(input, p.user.id);
  }

  deletePatrol(cameraId: string, patrolId: string): { id: string } {
    const existing = this.d.patrols.get(patrolId);
    if (!existing || existing.cameraId !== cameraId) throw new AppError('not_found', { kind: 'patrol', id: patrolId });
    const c = this.controllers.get(cameraId);
    if (c?.patrolRun()?.patrolId === patrolId) c.endPatrol();
    this.d.patrols.delete(patrolId);
    return { id: patrolId };
  }

  startPatrol(p: Principal, cameraId: string, patrolId: string): PatrolRun {
    const plan = this.d.patrols.get(patrolId);
    if (!plan || plan.cameraId !== cameraId) throw new AppError('not_found', { kind: 'patrol', id: patrolId });
    return this.controller(cameraId).startPatrol(p, plan);
  }

  /** Whoever could take the camera over may stop its patrol. */
  stopPatrol(p: Principal, cameraId: string): { stopped: boolean } {
    const c = this.controllers.get(cameraId);
    if (!c?.patrolRun()) return { stopped: false };
    const current = c.currentLock();
    if (current && !mayRelease(current, p)) claim(current, p); // throws ptz_locked for a lower rank
    return { stopped: c.endPatrol() };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.controllers.values()].map((c) => c.dispose()));
    this.controllers.clear();
  }
}
