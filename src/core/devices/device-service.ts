// The cameras' ONVIF side as the rest of the core sees it: identity and clock offset per camera
// (with the skew flag and its audit entry), the field of view for click-to-centre, the codec and
// media profile behind each stream (the live relay's cold start), and keyframe requests.
import type { CameraDevice, PtzFov, StreamKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AuditSink } from '../api/audit-sink';
import type { AccessPolicy } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../events/event-bus';
import { createLogger } from '../log/logger';
import type { OnvifCamera } from '../onvif';
import type { DeviceRepository, DeviceRow } from './device-repository';
import type { OnvifSessions } from './sessions';

const log = createLogger('devices');

/**
 * A typical outdoor speed dome (60° wide, 30× optical, pan over 360°, tilt over 180°) until a
 * technician enters the camera's own figures: click-to-centre then lands near, and a second click
 * finishes the job.
 */
export const DEFAULT_FOV: PtzFov = { hfovWideDeg: 60, zoomRatio: 30, panRangeDeg: 360, tiltRangeDeg: 180 };

export interface DeviceServiceDeps {
  repo: DeviceRepository;
  sessions: OnvifSessions;
  access: AccessPolicy;
  audit: AuditSink;
  events: EventBus;
  clockSkewMs: () => number;
  cameraName: (cameraId: string) => string | null;
}

/** Who a core-made audit entry is filed under when no person asked for it. */
export const SYSTEM_ACTOR = { userId: null, username: 'system' };

export class DeviceService {
  constructor(private readonly d: DeviceServiceDeps) {}

  private view(row: DeviceRow | null, cameraId: string): CameraDevice {
    const offset = row?.clockOffsetMs ?? null;
    return {
      cameraId,
      endpoint: row?.endpoint ?? null,
      manufacturer: row?.manufacturer ?? null,
      model: row?.model ?? null,
      firmware: row?.firmware ?? null,
      serial: row?.serial ?? null,
      mac: row?.mac ?? null,
      clockOffsetMs: offset,
      clockCheckedAt: row?.clockCheckedAt ?? null,
      clockSkewed: this.skewed(offset),
      fov: row?.fov ?? null,
    };
  }

  skewed(offsetMs: number | null): boolean {
    return offsetMs !== null && Math.abs(offsetMs) > this.d.clockSkewMs();
  }

  list(p: Principal): CameraDevice[] {
    return this.d.repo
      .all()
      .filter((r) => this.d.access.cameraVisible(p, r.cameraId))
      .map((r) => this.view(r, r.cameraId));
  }

  get(cameraId: string): CameraDevice {
    return this.view(this.d.repo.get(cameraId), cameraId);
  }

  fov(cameraId: string): PtzFov {
    return this.d.repo.get(cameraId)?.fov ?? DEFAULT_FOV;
  }

  setFov(cameraId: string, fov: PtzFov): CameraDevice {
    this.d.repo.setFov(cameraId, fov);
    this.d.events.publish({ type: 'register.changed' });
    return this.get(cameraId);
  }

  /** Reads the camera's clock now (pre-auth GetSystemDateAndTime) and records it. */
  async checkClock(cameraId: string, actor: { userId: string | null; username: string | null } = SYSTEM_ACTOR): Promise<CameraDevice> {
    const reading = await this.d.sessions.with(cameraId, (cam) => cam.measureClock());
    await this.recordClock(cameraId, reading.offsetMs, actor);
    return this.get(cameraId);
  }

  /**
   * Stores a measured offset. Crossing the threshold either way is audited (the issue: "a camera
   * off by an hour works; the skew is shown and audited"), and every console hears of it.
   */
  async recordClock(cameraId: string, offsetMs: number, actor: { userId: string | null; username: string | null } = SYSTEM_ACTOR): Promise<void> {
    const before = this.d.repo.get(cameraId);
    const wasSkewed = this.skewed(before?.clockOffsetMs ?? null);
    const now = this.skewed(offsetMs);
    this.d.repo.setClock(cameraId, offsetMs, Date.now());
    const changed = before?.clockOffsetMs == null || Math.abs(before.clockOffsetMs - offsetMs) >= 1000 || wasSkewed !== now;
    if (wasSkewed !== now || (now && before?.clockOffsetMs == null)) {
      await this.d.audit
        .append({
          actor,
          action: now ? 'camera.clockSkew' : 'camera.clockFixed',
          outcome: 'ok',
          target: { kind: 'camera', id: cameraId, name: this.d.cameraName(cameraId) },
          details: { offsetMs: Math.round(offsetMs), thresholdMs: this.d.clockSkewMs() },
        })
        .catch((err: unknown) => log.error('audit append failed', { err: String(err) }));
    }
    if (changed) this.d.events.publish({ type: 'register.changed' });
  }

  /** The codec the camera's profile names for a stream, so the relay need not probe for it. */
  codecOf(cameraId: string, stream: StreamKind): string | null {
    const r = this.d.repo.get(cameraId);
    return (stream === 'sub' ? (r?.codecSub ?? r?.codecMain) : r?.codecMain) ?? null;
  }

  /**
   * Media SetSynchronizationPoint on the stream's profile: the camera sends a keyframe soon, so a
   * viewer who just joined need not wait up to a GOP. Resolves false for cameras without ONVIF.
   */
  async requestKeyframe(cameraId: string, stream: StreamKind): Promise<boolean> {
    const source = this.d.repo.get(cameraId);
    let camera: OnvifCamera;
    try {
      camera = await this.d.sessions.get(cameraId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'onvif_not_supported') return false;
      throw err;
    }
    const d = camera.description;
    const profile =
      (stream === 'sub' ? (source?.profileSub ?? d.streams.sub?.profileToken) : source?.profileMain) ?? d.streams.main?.profileToken;
    await this.d.sessions.with(cameraId, (cam) => cam.requestKeyframe(profile));
    return true;
  }

  /**
   * A new session: its clock reading is the freshest there is, and its profiles fill gaps for
   * cameras added by RTSP URL (tokens only, for keyframe requests: which profile their typed URLs
   * belong to is not known, so their codecs are not taken from it).
   */
  connected(cameraId: string, camera: OnvifCamera): void {
    const d = camera.description;
    if (d.clockMeasured) void this.recordClock(cameraId, d.clockOffsetMs).catch((err: unknown) => log.warn('could not record the clock', { cameraId, err: String(err) }));
    const row = this.d.repo.get(cameraId);
    if (!row?.profileMain && d.streams.main) {
      this.d.repo.setMedia(cameraId, {
        profileMain: d.streams.main.profileToken,
        profileSub: d.streams.sub?.profileToken ?? null,
        codecMain: null,
        codecSub: null,
      });
    }
  }
}
