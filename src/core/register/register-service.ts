import type { Area, Camera, CameraInput, Point, RegisterTree, StreamKind } from '../../shared/contract';
import { cameraInput, parseCameraUrl, stripUrlCredentials, type CameraUrlKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log/logger';
import type { SecretBox } from '../secrets/secret-box';
import type { RegisterRepository } from './register-repository';

const log = createLogger('register');

/** Where the live relay finds a camera's stream; the password is opened only here. */
export interface CameraSource {
  url: string;
  username?: string;
  password?: string;
  transport: 'tcp' | 'udp';
}

/** Where a camera's ONVIF services are, with its credentials (alarms' events, snapshot URIs). */
export interface OnvifAccess {
  deviceUrl: string;
  username: string | null;
  password: string | null;
}

type UrlField = 'rtspMain' | 'rtspSub' | 'onvifUrl';
const URL_FIELDS: ReadonlyArray<readonly [UrlField, CameraUrlKind]> = [
  ['rtspMain', 'stream'],
  ['rtspSub', 'stream'],
  ['onvifUrl', 'device'],
];

/** What leaves the core: never a URL with credentials, whatever an old database holds. */
function publicCamera(c: Camera): Camera {
  return {
    ...c,
    onvifUrl: c.onvifUrl && stripUrlCredentials(c.onvifUrl),
    rtspMain: c.rtspMain && stripUrlCredentials(c.rtspMain),
    rtspSub: c.rtspSub && stripUrlCredentials(c.rtspSub),
  };
}

const conflict = (kind: string, id: string) => new AppError('conflict', { kind, id });

export class RegisterService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly secrets: SecretBox,
    private readonly onChange: () => void,
  ) {
    // At every core start, before anyone reads the register: a database from before URLs were
    // checked may hold credentials inside them. Done here, not in a migration, because sealing the
    // password needs the SecretBox, which migrations do not have.
    this.moveCredentialsOutOfStoredUrls();
  }

  tree(): RegisterTree {
    return { areas: this.repo.areas(), points: this.repo.points(), cameras: this.repo.cameras().map(publicCamera) };
  }

  exists(cameraId: string): boolean {
    return this.repo.camera(cameraId) !== null;
  }

  camera(id: string): Camera {
    const c = this.repo.camera(id);
    if (!c) throw new AppError('not_found', { kind: 'camera', id });
    return publicCamera(c);
  }

  // Creates take an optional client-chosen id: the same request again (a retry after a lost answer)
  // returns what the first one made; different content under that id is a conflict, never a second row.

  createArea(input: Omit<Area, 'id'> & { id?: string }): Area {
    const { id, parentId, name, kind } = input;
    const made = this.repo.transaction(() => {
      const existing = id ? this.repo.area(id) : null;
      if (existing && id) {
        if (existing.parentId === parentId && existing.name === name && existing.kind === kind) return null;
        throw conflict('area', id);
      }
      if (parentId && !this.repo.areaExists(parentId)) throw new AppError('not_found', { kind: 'area', id: parentId });
      return this.repo.insertArea({ parentId, name, kind }, id);
    });
    if (made) this.onChange();
    return made ?? this.repo.area(id!)!;
  }

  createPoint(input: Omit<Point, 'id'> & { id?: string }): Point {
    const { id, areaId, name, address, lat, lon } = input;
    const made = this.repo.transaction(() => {
      const existing = id ? this.repo.point(id) : null;
      if (existing && id) {
        if (existing.areaId === areaId && existing.name === name && existing.address === address && existing.lat === lat && existing.lon === lon)
          return null;
        throw conflict('point', id);
      }
      if (!this.repo.areaExists(areaId)) throw new AppError('not_found', { kind: 'area', id: areaId });
      return this.repo.insertPoint({ areaId, name, address, lat, lon }, id);
    });
    if (made) this.onChange();
    return made ?? this.repo.point(id!)!;
  }

  createCamera(raw: CameraInput): Camera {
    const { id, password, ...rest } = cameraInput.parse(raw);
    const made = this.repo.transaction(() => {
      const existing = id ? this.repo.camera(id) : null;
      if (existing && id) {
        if (this.sameCamera(existing, rest, password)) return null;
        throw conflict('camera', id);
      }
      if (!this.repo.pointExists(rest.pointId)) throw new AppError('not_found', { kind: 'point', id: rest.pointId });
      return this.repo.insertCamera({ ...rest, passwordBox: password ? this.secrets.seal(password) : null }, id);
    });
    if (made) this.onChange();
    return publicCamera(made ?? this.repo.camera(id!)!);
  }

  private sameCamera(c: Camera, input: Omit<Camera, 'id' | 'hasPassword'>, password: string | null): boolean {
    const keys = [
      'pointId',
      'name',
      'status',
      'ptz',
      'onvifUrl',
      'rtspMain',
      'rtspSub',
      'username',
      'rtspTransport',
      'preferredStream',
      'transmission',
      'funding',
    ] as const;
    if (keys.some((k) => c[k] !== input[k])) return false;
    const box = this.repo.cameraPasswordBox(c.id);
    try {
      return (box ? this.secrets.open(box) : null) === password;
    } catch {
      return false; // a box we cannot open (key changed) is not "the same request"
    }
  }

  setPreferredStream(cameraId: string, stream: Camera['preferredStream']): Camera {
    this.camera(cameraId); // not_found if it is not there
    this.repo.setPreferredStream(cameraId, stream);
    this.onChange();
    return this.camera(cameraId);
  }

  /**
   * The RTSP source for a camera's main or sub stream (sub falls back to main). The URL is given as
   * stored: the relay checks it again before ffmpeg sees it, and refuses a bad one for that camera.
   */
  source(cameraId: string, stream: StreamKind): CameraSource {
    const c = this.repo.camera(cameraId);
    if (!c) throw new AppError('not_found', { kind: 'camera', id: cameraId });
    const url = (stream === 'sub' ? (c.rtspSub ?? c.rtspMain) : (c.rtspMain ?? c.rtspSub)) ?? null;
    if (!url) throw new AppError('camera_stream_not_found', { camera: c.name });
    const box = this.repo.cameraPasswordBox(cameraId);
    return {
      url,
      transport: c.rtspTransport,
      ...(c.username ? { username: c.username } : {}),
      ...(box ? { password: this.secrets.open(box) } : {}),
    };
  }

  /** The camera's ONVIF device address and credentials (the password opened here only), or null. */
  onvifAccess(cameraId: string): OnvifAccess | null {
    const c = this.repo.camera(cameraId);
    if (!c?.onvifUrl) return null;
    const box = this.repo.cameraPasswordBox(cameraId);
    return { deviceUrl: c.onvifUrl, username: c.username, password: box ? this.secrets.open(box) : null };
  }

  /**
   * Stored URLs with credentials get them moved out: sealed into the camera's password, or dropped
   * when the camera has credentials of its own — the relay always put the camera's own over the
   * URL's (urlWithCredentials), so that is what the camera has really been using. A URL that does
   * not pass the checks is left as it is for a person to fix; the relay refuses it with a reason.
   */
  private moveCredentialsOutOfStoredUrls(): void {
    for (const row of this.repo.camerasWithUrlCredentials()) {
      const stored: Record<UrlField, string | null> = { rtspMain: row.rtsp_main, rtspSub: row.rtsp_sub, onvifUrl: row.onvif_url };
      const next = { ...stored };
      const hasOwn = row.username !== null || row.password_box !== null;
      let username = row.username;
      let passwordBox = row.password_box;
      let changed = false;
      for (const [field, kind] of URL_FIELDS) {
        const raw = stored[field];
        if (!raw) continue;
        const parsed = parseCameraUrl(raw, kind);
        if (!parsed.ok) {
          log.warn('a stored camera URL does not pass the checks; left for a person to fix', {
            camera: row.id,
            name: row.name,
            field,
            problem: parsed.problem,
          });
          continue;
        }
        const { url, username: user, password } = parsed.value;
        if (user === null && password === null) continue;
        next[field] = url;
        changed = true;
        if (hasOwn) continue;
        if (username === null && user !== null) username = user;
        if (passwordBox === null && password !== null) passwordBox = this.secrets.seal(password);
      }
      if (!changed) continue;
      this.repo.updateCameraAccess(row.id, { ...next, username, passwordBox });
      log.warn('moved credentials out of a stored camera URL', { camera: row.id, name: row.name, kept: hasOwn ? 'the camera’s own' : 'the URL’s' });
    }
  }
}
