// One ONVIF session per camera, reused by PTZ and the live relay's keyframe requests: connecting
// costs about ten SOAP calls (clock, services, identity, profiles, stream URIs, PTZ nodes), a PTZ
// key press must not pay them. Sessions are made on first use from the register (address and the
// sealed password, opened only here), shared by concurrent callers, dropped when the camera stops
// answering or refuses the password (the next use connects afresh), and aborted by dispose().
import { connectCamera, isOnvifError, type ConnectOptions, type OnvifCamera } from '../onvif';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log/logger';

const log = createLogger('onvif-sessions');

export interface SessionSource {
  address: string;
  username: string;
  password: string;
}

export interface OnvifSessionsOptions {
  /** Where and as whom to reach a camera; null when it has no ONVIF address. */
  source(cameraId: string): SessionSource | null;
  /** Told about every new session (the device service stores the clock offset and profiles). */
  onConnected?(cameraId: string, camera: OnvifCamera): void;
  /** Per SOAP call; default 5 s (the "a device that does not answer → a timeout within 5 s"). */
  timeoutMs?: number;
  connect?: (o: ConnectOptions) => Promise<OnvifCamera>;
}

/** Errors after which a session is not worth keeping. */
const CONNECTION_ERRORS = new Set(['camera_auth_failed', 'camera_timeout', 'camera_unreachable', 'onvif_clock_skew', 'camera_bad_response']);

export class OnvifSessions {
  private readonly sessions = new Map<string, { camera: Promise<OnvifCamera>; abort: AbortController; key: string }>();
  private disposed = false;

  constructor(private readonly o: OnvifSessionsOptions) {}

  /** The camera's session, connecting if needed. Rejects with the library's typed errors. */
  get(cameraId: string): Promise<OnvifCamera> {
    if (this.disposed) return Promise.reject(new Error('sessions disposed'));
    const source = this.o.source(cameraId);
    const existing = this.sessions.get(cameraId);
    // The register is read on every use: a changed address or password makes a new session.
    const key = source ? `${source.address}\u0000${source.username}\u0000${source.password}` : '';
    if (existing && existing.key === key) return existing.camera;
    if (existing) this.drop(cameraId);
    if (!source) return Promise.reject(new AppError('onvif_not_supported', { feature: 'ONVIF', address: '' }));
    const abort = new AbortController();
    const connect = this.o.connect ?? connectCamera;
    const camera = connect({ ...source, timeoutMs: this.o.timeoutMs, signal: abort.signal }).then(
      (cam) => {
        if (this.sessions.get(cameraId)?.abort === abort) this.o.onConnected?.(cameraId, cam);
        return cam;
      },
      (err: unknown) => {
        if (this.sessions.get(cameraId)?.abort === abort) this.sessions.delete(cameraId);
        throw err;
      },
    );
    // A rejected session nobody awaited must not become an unhandled rejection.
    camera.catch(() => undefined);
    this.sessions.set(cameraId, { camera, abort, key });
    return camera;
  }

  /** Runs `fn` on the camera's session; a connection-level failure drops the session first. */
  async with<T>(cameraId: string, fn: (camera: OnvifCamera) => Promise<T>): Promise<T> {
    const camera = await this.get(cameraId);
    try {
      return await fn(camera);
    } catch (err) {
      if (isOnvifError(err) && CONNECTION_ERRORS.has(err.code)) {
        log.info('dropping the camera session after an error', { cameraId, code: err.code });
        this.drop(cameraId);
      }
      throw err;
    }
  }

  /** Forgets a camera's session (its address or password changed, or it failed). */
  drop(cameraId: string): void {
    const s = this.sessions.get(cameraId);
    if (!s) return;
    this.sessions.delete(cameraId);
    s.abort.abort();
  }

  clear(): void {
    for (const id of [...this.sessions.keys()]) this.drop(id);
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }
}
