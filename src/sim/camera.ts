// One virtual camera: its ONVIF endpoint, its RTSP side in the shared GStreamer process, its
// discovery entry, PTZ head and event hub, and the faults a test can inject.
import type { DiscoveryResponder } from './discovery/responder';
import type { OnvifCamera } from './onvif/context';
import { deviceUuid, scopesOf } from './onvif/device';
import { EventHub } from './onvif/events';
import { OnvifEndpoint } from './onvif/server';
import { SnapshotSource } from './onvif/snapshot';
import { PtzModel, type PtzState } from './ptz/ptz-model';
import type { GstProcess } from './rtsp/gst-process';
import { RTSP_PATHS } from './streams';
import type { CameraVariant, SimCameraHandle, SimCameraInfo, StreamName, VideoCodec } from './types';

export interface ResolvedCameraSpec {
  index: number;
  name: string;
  variant: CameraVariant;
  live: boolean;
  username: string;
  password: string;
  model: string;
  manufacturer: string;
  onvifPort: number;
  rtspPort: number;
  clockOffsetMs: number;
  /** Frames per second really sent (looped cameras); 25 unless a test slows it. */
  fps: number;
}

export interface CameraDeps {
  host: string;
  gst: GstProcess | null;
  discovery: DiscoveryResponder | null;
  cacheDir: string;
  reservePort: () => Promise<number>;
  log: (line: string) => void;
}

const SYSTEM_REBOOT_SECONDS = 5;
// While the head moves the picture follows the position ~12x/s (the scene window and the PTZ
// line); a 40 ms update would be smoother but costs a JSON message per frame per camera.
const PTZ_OVERLAY_MS = 80;

export function codecOf(variant: CameraVariant): VideoCodec {
  return variant === 'h265' ? 'h265' : variant === 'mjpeg' ? 'mjpeg' : 'h264';
}

export class SimCamera implements SimCameraHandle, OnvifCamera {
  info!: SimCameraInfo;
  readonly ptz: PtzModel | null;
  readonly events: EventHub;
  private clockOffsetMs: number;
  private readonly endpoint: OnvifEndpoint;
  private snapshots: Record<StreamName, SnapshotSource> | null = null;
  private ptzTimer: NodeJS.Timeout | null = null;
  private rebooting: Promise<void> | null = null;
  /** Ends a reboot's downtime early (dispose must not wait for it). */
  private wakeFromReboot: (() => void) | null = null;
  private disposed = false;

  constructor(
    private readonly spec: ResolvedCameraSpec,
    private readonly deps: CameraDeps,
  ) {
    this.clockOffsetMs = spec.clockOffsetMs;
    this.ptz = spec.variant === 'ptz' ? new PtzModel() : null;
    this.events = new EventHub(() => this.nowMs());
    this.endpoint = new OnvifEndpoint(this);
  }

  private get hasRtsp(): boolean {
    return this.spec.variant !== 'dead' && this.deps.gst !== null;
  }

  async start(): Promise<void> {
    const { spec, deps } = this;
    const codec = codecOf(spec.variant);
    let rtspPort = spec.rtspPort;
    if (this.hasRtsp) {
      rtspPort = await deps.gst!.addCamera({
        name: spec.name,
        index: spec.index,
        host: deps.host,
        port: spec.rtspPort,
        codec,
        live: spec.live,
        fps: spec.fps,
        ptz: spec.variant === 'ptz',
        username: spec.username,
        password: spec.password,
        cacheDir: deps.cacheDir,
      });
    } else if (!rtspPort) {
      rtspPort = await deps.reservePort(); // a dead camera's URI points at a port nobody serves
    }
    const onvifPort = await this.endpoint.listen(deps.host, spec.onvifPort);
    const rtsp = (s: StreamName) => `rtsp://${deps.host}:${rtspPort}${RTSP_PATHS[s]}`;
    this.info = {
      name: spec.name,
      onvif: `http://${deps.host}:${onvifPort}/onvif/device_service`,
      rtspMain: rtsp('main'),
      rtspSub: rtsp('sub'),
      username: spec.username,
      password: spec.password,
      ptz: this.ptz !== null,
      variant: spec.variant,
      codec,
      live: spec.live && codec === 'h264' && spec.variant !== 'dead',
      onvifPort,
      rtspPort,
      host: deps.host,
      model: spec.model,
      manufacturer: spec.manufacturer,
      serialNumber: `WFSIM${String(spec.index + 1).padStart(4, '0')}${deviceUuid(spec.name).slice(0, 6).toUpperCase()}`,
    };
    const creds = { username: spec.username, password: spec.password };
    this.snapshots = { main: new SnapshotSource(rtsp('main'), creds), sub: new SnapshotSource(rtsp('sub'), creds) };
    if (this.clockOffsetMs) await this.gstRequest('clock', { offsetMs: this.clockOffsetMs });
    this.announce();
    this.ptzChanged();
  }

  private announce(): void {
    this.deps.discovery?.add({ endpoint: `urn:uuid:${deviceUuid(this.info.name)}`, xaddr: this.info.onvif, scopes: scopesOf(this) });
  }

  private async gstRequest(cmd: string, args: Record<string, unknown> = {}): Promise<void> {
    if (this.hasRtsp) await this.deps.gst!.request(cmd, { name: this.spec.name, ...args });
  }

  nowMs(): number {
    return Date.now() + this.clockOffsetMs;
  }

  snapshot(stream: StreamName): Promise<Buffer> {
    if (!this.snapshots || !this.hasRtsp) return Promise.reject(new Error('video stream is down'));
    return this.snapshots[stream].get();
  }

  ptzState(): PtzState | null {
    return this.ptz?.state() ?? null;
  }

  /** Live PTZ cameras draw their position; looped cameras keep showing their clip. */
  ptzChanged(): void {
    if (!this.ptz || !this.info.live || this.disposed) return;
    const push = () => {
      const s = this.ptz!.state();
      const moving = s.panTiltMoving || s.zoomMoving;
      const sign = (v: number) => (v >= 0 ? '+' : '') + v.toFixed(3);
      const text = `PTZ pan ${sign(s.pan)} tilt ${sign(s.tilt)} zoom ${s.zoom.toFixed(3)} ${moving ? 'MOVING' : 'IDLE'}`;
      void this.gstRequest('ptz', { text, pan: s.pan, tilt: s.tilt, zoom: s.zoom }).catch(() => undefined);
      if (!moving && this.ptzTimer) {
        clearInterval(this.ptzTimer);
        this.ptzTimer = null;
      }
    };
    push();
    if (!this.ptzTimer) this.ptzTimer = setInterval(push, PTZ_OVERLAY_MS);
  }

  /** ONVIF SetSynchronizationPoint: a keyframe at once where the encoder is live (not looped). */
  async requestKeyframe(): Promise<boolean> {
    if (!this.hasRtsp || !this.info.live) return false;
    const reply = await this.deps.gst!.request('keyframe', { name: this.spec.name });
    return reply.sent === true;
  }

  systemReboot(): void {
    // Answer first (the reply must leave before the port closes), then a 5 s reboot.
    setTimeout(() => {
      if (!this.disposed) void this.reboot(SYSTEM_REBOOT_SECONDS).catch(() => undefined);
    }, 1000).unref();
  }

  // ---- faults -------------------------------------------------------------------------------

  async stopStream(): Promise<void> {
    await this.gstRequest('stream', { on: false });
  }

  async startStream(): Promise<void> {
    await this.gstRequest('stream', { on: true });
  }

  async refuseRtspAuth(on: boolean): Promise<void> {
    await this.gstRequest('auth', { refuse: on });
  }

  slowSoap(seconds: number): void {
    this.endpoint.faults.slowMs = Math.max(0, seconds * 1000);
  }

  malformedXml(on: boolean): void {
    this.endpoint.faults.malformed = on;
  }

  async setFrameRate(fps: number): Promise<void> {
    if (!(fps > 0 && fps <= 25)) throw new Error(`camera lab: frame rate ${fps} is not in (0, 25]`);
    await this.gstRequest('fps', { fps });
  }

  async skewClock(offsetMs: number): Promise<void> {
    this.clockOffsetMs = offsetMs;
    await this.gstRequest('clock', { offsetMs });
  }

  ptzIgnoresStop(on: boolean): void {
    if (this.ptz) this.ptz.ignoreStop = on;
  }

  raiseMotion(active = true): void {
    this.events.raise('motion', active);
  }

  raiseTampering(active = true): void {
    this.events.raise('tampering', active);
  }

  reboot(seconds: number): Promise<void> {
    this.rebooting ??= this.doReboot(seconds).finally(() => (this.rebooting = null));
    return this.rebooting;
  }

  private async doReboot(seconds: number): Promise<void> {
    this.deps.log(`${this.info.name}: reboot for ${seconds}s`);
    this.deps.discovery?.remove(`urn:uuid:${deviceUuid(this.info.name)}`);
    this.events.close();
    await Promise.all([this.endpoint.close(), this.gstRequest('detach')]);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(), seconds * 1000);
      this.wakeFromReboot = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeFromReboot = null;
    if (this.disposed) return;
    await this.gstRequest('attach');
    await this.endpoint.listen(this.deps.host, this.info.onvifPort);
    this.announce();
    this.deps.log(`${this.info.name}: back`);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.wakeFromReboot?.();
    if (this.ptzTimer) clearInterval(this.ptzTimer);
    this.ptzTimer = null;
    this.snapshots?.main.dispose();
    this.snapshots?.sub.dispose();
    this.events.close();
    if (this.info) this.deps.discovery?.remove(`urn:uuid:${deviceUuid(this.info.name)}`);
    await this.endpoint.close();
  }
}
