// Plain SQL for what the register keeps of a camera's ONVIF side (migration 006): identity,
// media profiles and codecs, clock offset, field of view; and the console's preset names.
import type { PtzFov } from '../../shared/contract';
import type { Db } from '../store/database';

export interface DeviceRow {
  cameraId: string;
  endpoint: string | null;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  mac: string | null;
  snapshotUri: string | null;
  profileMain: string | null;
  profileSub: string | null;
  codecMain: string | null;
  codecSub: string | null;
  clockOffsetMs: number | null;
  clockCheckedAt: number | null;
  fov: PtzFov | null;
}

interface Raw {
  camera_id: string;
  endpoint: string | null;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  mac: string | null;
  snapshot_uri: string | null;
  profile_main: string | null;
  profile_sub: string | null;
  codec_main: string | null;
  codec_sub: string | null;
  clock_offset_ms: number | null;
  clock_checked_at: number | null;
  fov: string | null;
}

function fovOf(text: string | null): PtzFov | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as PtzFov;
  } catch {
    return null;
  }
}

const toRow = (r: Raw): DeviceRow => ({
  cameraId: r.camera_id,
  endpoint: r.endpoint,
  manufacturer: r.manufacturer,
  model: r.model,
  firmware: r.firmware,
  serial: r.serial,
  mac: r.mac,
  snapshotUri: r.snapshot_uri,
  profileMain: r.profile_main,
  profileSub: r.profile_sub,
  codecMain: r.codec_main,
  codecSub: r.codec_sub,
  clockOffsetMs: r.clock_offset_ms,
  clockCheckedAt: r.clock_checked_at,
  fov: fovOf(r.fov),
});

/** Where a registered camera can be reached, for "already registered" by address. */
export interface CameraAddresses {
  cameraId: string;
  name: string;
  onvifUrl: string | null;
  rtspMain: string | null;
  rtspSub: string | null;
}

export class DeviceRepository {
  constructor(private readonly db: Db) {}

  get(cameraId: string): DeviceRow | null {
    const r = this.db.prepare('SELECT * FROM camera_onvif WHERE camera_id = ?').get(cameraId) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  all(): DeviceRow[] {
    return (this.db.prepare('SELECT * FROM camera_onvif').all() as Raw[]).map(toRow);
  }

  upsert(d: Omit<DeviceRow, 'fov'> & { fov?: PtzFov | null }): void {
    this.db
      .prepare(
        `INSERT INTO camera_onvif(camera_id, endpoint, manufacturer, model, firmware, serial, mac, snapshot_uri, profile_main, profile_sub,
           codec_main, codec_sub, clock_offset_ms, clock_checked_at, fov, updated_at)
         VALUES (@cameraId, @endpoint, @manufacturer, @model, @firmware, @serial, @mac, @snapshotUri, @profileMain, @profileSub,
           @codecMain, @codecSub, @clockOffsetMs, @clockCheckedAt, @fov, @now)
         ON CONFLICT(camera_id) DO UPDATE SET endpoint = coalesce(excluded.endpoint, endpoint), manufacturer = excluded.manufacturer,
           model = excluded.model, firmware = excluded.firmware, serial = excluded.serial, mac = excluded.mac, snapshot_uri = excluded.snapshot_uri,
           profile_main = excluded.profile_main, profile_sub = excluded.profile_sub, codec_main = excluded.codec_main, codec_sub = excluded.codec_sub,
           clock_offset_ms = excluded.clock_offset_ms, clock_checked_at = excluded.clock_checked_at, fov = coalesce(excluded.fov, fov),
           updated_at = excluded.updated_at`,
      )
      .run({ ...d, fov: d.fov ? JSON.stringify(d.fov) : null, now: Date.now() });
  }

  /** A clock reading for a camera (a row is made for cameras added by RTSP URL with an ONVIF address). */
  setClock(cameraId: string, offsetMs: number, at: number): void {
    this.db
      .prepare(
        `INSERT INTO camera_onvif(camera_id, clock_offset_ms, clock_checked_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(camera_id) DO UPDATE SET clock_offset_ms = excluded.clock_offset_ms, clock_checked_at = excluded.clock_checked_at, updated_at = excluded.updated_at`,
      )
      .run(cameraId, Math.round(offsetMs), at, at);
  }

  /** Profiles and codecs learned from a live ONVIF session of a camera added by RTSP URL. */
  setMedia(cameraId: string, m: { profileMain: string | null; profileSub: string | null; codecMain: string | null; codecSub: string | null }): void {
    this.db
      .prepare(
        `INSERT INTO camera_onvif(camera_id, profile_main, profile_sub, codec_main, codec_sub, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(camera_id) DO UPDATE SET profile_main = excluded.profile_main, profile_sub = excluded.profile_sub,
           codec_main = excluded.codec_main, codec_sub = excluded.codec_sub, updated_at = excluded.updated_at`,
      )
      .run(cameraId, m.profileMain, m.profileSub, m.codecMain, m.codecSub, Date.now());
  }

  setFov(cameraId: string, fov: PtzFov): void {
    this.db
      .prepare(
        `INSERT INTO camera_onvif(camera_id, fov, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(camera_id) DO UPDATE SET fov = excluded.fov, updated_at = excluded.updated_at`,
      )
      .run(cameraId, JSON.stringify(fov), Date.now());
  }

  addresses(): CameraAddresses[] {
    return this.db.prepare('SELECT id AS cameraId, name, onvif_url AS onvifUrl, rtsp_main AS rtspMain, rtsp_sub AS rtspSub FROM cameras').all() as CameraAddresses[];
  }

  presetNames(cameraId: string): Map<string, string> {
    const rows = this.db.prepare('SELECT token, name FROM ptz_preset_names WHERE camera_id = ?').all(cameraId) as { token: string; name: string }[];
    return new Map(rows.map((r) => [r.token, r.name]));
  }

  setPresetName(cameraId: string, token: string, name: string): void {
    this.db
      .prepare('INSERT INTO ptz_preset_names(camera_id, token, name) VALUES (?, ?, ?) ON CONFLICT(camera_id, token) DO UPDATE SET name = excluded.name')
      .run(cameraId, token, name);
  }

  deletePresetName(cameraId: string, token: string): void {
    this.db.prepare('DELETE FROM ptz_preset_names WHERE camera_id = ? AND token = ?').run(cameraId, token);
  }
}
