// Shapes shared by the camera lab's parts and its users (tests, benchmarks, the demo).
import type { PtzState } from './ptz/ptz-model';

/**
 * - `ptz`: H.264, PTZ service (pan/tilt/zoom, presets, home).
 * - `fixed`: H.264, no PTZ service in capabilities or services.
 * - `h265`: H.265 Main (I420) only, fixed, always a looped clip.
 * - `mjpeg`: RTP/JPEG only (640x360 main, 320x180 sub), fixed, looped clip.
 * - `dead`: ONVIF answers in full, but nothing listens on its RTSP port.
 */
export type CameraVariant = 'ptz' | 'fixed' | 'h265' | 'mjpeg' | 'dead';
export type VideoCodec = 'h264' | 'h265' | 'mjpeg';

export interface CameraSpec {
  /** Default `cam01`, `cam02`, ... by position. */
  name?: string;
  /** Default from the lab's mix (see defaultCameraSpecs). */
  variant?: CameraVariant;
  /** Live-encoded with clock, frame counter, PTZ text and latency stamp; only for H.264 variants.
   *  Default: the first camera of the lab only (a live 720p+360p camera costs ~45 % of a core). */
  live?: boolean;
  username?: string;
  /** Default: the lab's password. */
  password?: string;
  model?: string;
  manufacturer?: string;
  /** Fixed ports; default free ports (or basePort + 2i / + 2i + 1). */
  onvifPort?: number;
  rtspPort?: number;
  /** Camera clock minus host clock, ms (the GetSystemDateAndTime answer and the auth check). */
  clockOffsetMs?: number;
  /** Frames per second the RTSP streams really send (looped cameras only; default 25, what ONVIF
   *  says the encoder is set to): a camera that cannot keep up with its configured rate. */
  fps?: number;
}

/** What the CLI prints per camera (its JSON line holds the first seven fields). */
export interface SimCameraInfo {
  name: string;
  /** Device service address, e.g. http://127.0.0.1:8000/onvif/device_service */
  onvif: string;
  rtspMain: string;
  rtspSub: string;
  username: string;
  password: string;
  ptz: boolean;
  variant: CameraVariant;
  codec: VideoCodec;
  live: boolean;
  onvifPort: number;
  rtspPort: number;
  host: string;
  model: string;
  manufacturer: string;
  serialNumber: string;
}

export type StreamName = 'main' | 'sub';

/** Fault injection and state of one camera (tests call these; so does the CLI's stdin). */
export interface SimCameraHandle {
  readonly info: SimCameraInfo;
  /** Unmounts the RTSP stream(s) and drops their clients (DESCRIBE then gets 404). */
  stopStream(): Promise<void>;
  startStream(): Promise<void>;
  /** RTSP answers 401 to every request while on (ONVIF still accepts the password). */
  refuseRtspAuth(on: boolean): Promise<void>;
  /** Every SOAP answer is delayed this long (0 = off). */
  slowSoap(seconds: number): void;
  /** SOAP answers are cut-off, unparseable XML while on. */
  malformedXml(on: boolean): void;
  /** RTSP, ONVIF and discovery are gone (ports refuse) for `seconds`, then back on the same
   *  ports; resolves when the camera is back. */
  reboot(seconds: number): Promise<void>;
  /** The frame rate the RTSP streams really send from now on (looped cameras only; ONVIF still says
   *  25): a camera that cannot keep up, e.g. a slow link or an overloaded encoder. */
  setFrameRate(fps: number): Promise<void>;
  /** Sets the camera clock to host clock + offset (affects GetSystemDateAndTime, auth, OSD). */
  skewClock(offsetMs: number): Promise<void>;
  /** Queues a motion event (RuleEngine/CellMotionDetector/Motion and VideoSource/MotionAlarm). */
  raiseMotion(active?: boolean): void;
  /** Queues a tampering event (VideoSource/GlobalSceneChange/ImagingService). */
  raiseTampering(active?: boolean): void;
  /** PTZ Stop is answered OK but ignored while on (the head keeps moving): a worn head. */
  ptzIgnoresStop(on: boolean): void;
  /** Current PTZ position; null for cameras without PTZ. */
  ptzState(): PtzState | null;
}

export interface LabOptions {
  cameras: number | CameraSpec[];
  /** Deterministic ports: camera i gets ONVIF basePort + 2i and RTSP basePort + 2i + 1. */
  basePort?: number;
  /** WS-Discovery UDP port; default 3702. `false` turns discovery off. */
  discoveryPort?: number | false;
  host?: '127.0.0.1' | string;
  /** Default: random per lab. */
  password?: string;
  username?: string;
  /** Clip cache; default os.tmpdir()/watchfloor-sim-cache. */
  cacheDir?: string;
  /** Where the lab reports what it does (never passwords); default silent. */
  log?: (line: string) => void;
}

export interface Lab {
  readonly cameras: SimCameraInfo[];
  camera(name: string): SimCameraHandle;
  /** The discovery port actually bound, or null when discovery is off/unavailable. */
  readonly discoveryPort: number | null;
  /** Process ids the lab started (the GStreamer process), for leak checks. */
  readonly pids: number[];
  dispose(): Promise<void>;
}
