// The facade the onboarding and PTZ services use: connectCamera() turns an address and
// credentials into a full description (make, model, firmware, serial, MAC, clock offset,
// profiles, main/sub stream URIs, snapshot URI, PTZ capability, services), and OnvifCamera
// carries the calls a console makes afterwards. Order of the connect (design.md, ONVIF facts):
// the camera's clock first (pre-auth), services (pre-auth), then the first authenticated call.
import { OnvifClient, type ClockReading } from './client';
import { getDeviceInformation, getNetworkInterfaces, resolveServices, type DeviceInformation, type ServiceEntry } from './device';
import { isOnvifError, OnvifError } from './errors';
import { createPullPointSubscription, type PullPointSubscription } from './events';
import { getProfiles, getSnapshotUri, getStreamUri, setSynchronizationPoint, type MediaProfile } from './media';
import * as ptz from './ptz';

export interface ConnectOptions {
  /** `host`, `host:port`, or the device service URL. */
  address: string;
  username: string;
  password: string;
  /** Per call; default 5 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface StreamChoice {
  profileToken: string;
  /** RTSP URI without credentials, `&amp;` already unescaped. */
  uri: string;
  encoding?: string;
  width?: number;
  height?: number;
}

export interface PtzCapability {
  /** The profile PTZ commands go to (a profile with a PTZ configuration). */
  profileToken: string;
  configurationToken?: string;
  node?: ptz.PtzNode;
}

export interface CameraInfo {
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
  hardwareId: string;
  mac?: string;
}

export interface CameraDescription {
  deviceUrl: string;
  /** host:port */
  address: string;
  info: CameraInfo;
  /** Camera clock minus ours, ms (show it; the onboarding service audits it). */
  clockOffsetMs: number;
  clockMeasured: boolean;
  timeZone?: string;
  profiles: MediaProfile[];
  streams: { main?: StreamChoice; sub?: StreamChoice };
  snapshotUri?: string;
  /** null: the camera has no PTZ (no PTZ service, or no profile with a PTZ configuration). */
  ptz: PtzCapability | null;
  services: ServiceEntry[];
}

/** http://host[:port]/onvif/device_service for a bare address; URLs pass through. */
export function deviceUrlOf(address: string): string {
  const a = address.trim();
  if (/^https?:\/\//i.test(a)) return new URL(a).href;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(a)) throw new OnvifError('onvif_address_refused', { address: a.replace(/\/\/[^@/]*@/, '//') });
  const u = new URL(`http://${a}`);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/onvif/device_service';
  return u.href;
}

/** Main = the largest video profile, sub = the smallest other one (cameras order them freely). */
export function chooseStreams(profiles: MediaProfile[]): { main?: MediaProfile; sub?: MediaProfile } {
  const video = profiles.filter((p) => p.token && (p.width !== undefined || p.encoding !== undefined));
  const list = video.length ? video : profiles.filter((p) => p.token);
  if (!list.length) return {};
  const area = (p: MediaProfile) => (p.width ?? 0) * (p.height ?? 0);
  const sorted = [...list].sort((a, b) => area(b) - area(a));
  const main = sorted[0]!;
  const rest = sorted.slice(1).filter((p) => area(p) < area(main) || area(main) === 0);
  return { main, sub: rest.length ? rest[rest.length - 1] : undefined };
}

export class OnvifCamera {
  constructor(
    readonly client: OnvifClient,
    public description: CameraDescription,
  ) {}

  private ptzProfile(profileToken?: string): string {
    const t = profileToken ?? this.description.ptz?.profileToken;
    if (!t) throw new OnvifError('onvif_not_supported', { address: this.client.address, feature: 'PTZ' });
    return t;
  }

  /** Re-reads the camera clock; the new offset is used for every later call. */
  measureClock(): Promise<ClockReading> {
    return this.client.measureClock().then((r) => {
      this.description.clockOffsetMs = r.offsetMs;
      this.description.clockMeasured = true;
      return r;
    });
  }

  async continuousMove(velocity: ptz.PtzVector, timeoutMs?: number, profileToken?: string): Promise<void> {
    return ptz.continuousMove(this.client, this.ptzProfile(profileToken), velocity, timeoutMs);
  }
  async stop(axes?: { panTilt?: boolean; zoom?: boolean }, profileToken?: string): Promise<void> {
    return ptz.stop(this.client, this.ptzProfile(profileToken), axes);
  }
  async relativeMove(translation: ptz.PtzVector, speed?: ptz.PtzVector, profileToken?: string): Promise<void> {
    return ptz.relativeMove(this.client, this.ptzProfile(profileToken), translation, speed);
  }
  async absoluteMove(position: ptz.PtzVector, speed?: ptz.PtzVector, profileToken?: string): Promise<void> {
    return ptz.absoluteMove(this.client, this.ptzProfile(profileToken), position, speed);
  }
  async getStatus(profileToken?: string): Promise<ptz.PtzStatus> {
    return ptz.getStatus(this.client, this.ptzProfile(profileToken));
  }
  async getPresets(includeEmpty = false, profileToken?: string): Promise<ptz.PtzPreset[]> {
    return ptz.getPresets(this.client, this.ptzProfile(profileToken), includeEmpty);
  }
  async setPreset(name?: string, presetToken?: string, profileToken?: string): Promise<string> {
    return ptz.setPreset(this.client, this.ptzProfile(profileToken), name, presetToken);
  }
  async gotoPreset(presetToken: string, speed?: ptz.PtzVector, profileToken?: string): Promise<void> {
    return ptz.gotoPreset(this.client, this.ptzProfile(profileToken), presetToken, speed);
  }
  async removePreset(presetToken: string, profileToken?: string): Promise<void> {
    return ptz.removePreset(this.client, this.ptzProfile(profileToken), presetToken);
  }
  async gotoHomePosition(speed?: ptz.PtzVector, profileToken?: string): Promise<void> {
    return ptz.gotoHomePosition(this.client, this.ptzProfile(profileToken), speed);
  }
  async setHomePosition(profileToken?: string): Promise<void> {
    return ptz.setHomePosition(this.client, this.ptzProfile(profileToken));
  }
  async getNodes(): Promise<ptz.PtzNode[]> {
    return ptz.getNodes(this.client);
  }
  async getConfigurationOptions(configurationToken?: string): Promise<ptz.PtzConfigurationOptions> {
    const t = configurationToken ?? this.description.ptz?.configurationToken;
    if (!t) throw new OnvifError('onvif_not_supported', { address: this.client.address, feature: 'PTZ' });
    return ptz.getConfigurationOptions(this.client, t);
  }
  /** Media SetSynchronizationPoint on a stream's profile (default main): a keyframe soon. */
  async requestKeyframe(profileToken?: string): Promise<void> {
    const t = profileToken ?? this.description.streams.main?.profileToken;
    if (!t) throw new OnvifError('onvif_not_supported', { address: this.client.address, feature: 'media' });
    return setSynchronizationPoint(this.client, t);
  }
  async createPullPointSubscription(terminationMs?: number): Promise<PullPointSubscription> {
    return createPullPointSubscription(this.client, terminationMs);
  }
}

/** Optional parts of a description: a camera that cannot say them is still a camera. */
async function optional<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    // Auth, timeouts and unreachability are not "optional": they would fail the next call too.
    if (isOnvifError(err) && ['camera_auth_failed', 'camera_timeout', 'camera_unreachable', 'onvif_cancelled', 'onvif_clock_skew'].includes(err.code)) throw err;
    return undefined;
  }
}

export async function connectCamera(opts: ConnectOptions): Promise<OnvifCamera> {
  const client = new OnvifClient({
    deviceUrl: deviceUrlOf(opts.address),
    username: opts.username,
    password: opts.password,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
  // 1. The clock, before anything is signed with it. A camera that will not say its time is
  //    still tried with offset 0 (the auth retry then reports onvif_clock_skew, not a password).
  await client.measureClock().catch((err: unknown) => {
    if (isOnvifError(err) && ['camera_timeout', 'camera_unreachable', 'onvif_cancelled'].includes(err.code)) throw err;
  });
  // 2. Where the services are (pre-auth), 3. who it is (the first call that proves the password).
  const services = await resolveServices(client);
  const dev: DeviceInformation = await getDeviceInformation(client);
  const nics = await optional(getNetworkInterfaces(client));
  const profiles = (await optional(getProfiles(client))) ?? [];
  const chosen = chooseStreams(profiles);
  const streamOf = async (p: MediaProfile | undefined): Promise<StreamChoice | undefined> => {
    if (!p) return undefined;
    const uri = await optional(getStreamUri(client, p.token));
    return uri ? { profileToken: p.token, uri, encoding: p.encoding, width: p.width, height: p.height } : undefined;
  };
  const main = await streamOf(chosen.main);
  const sub = await streamOf(chosen.sub);
  const snapshotUri = chosen.main ? await optional(getSnapshotUri(client, chosen.main.token)) : undefined;

  let ptzCap: PtzCapability | null = null;
  const ptzProfile = profiles.find((p) => p.ptzConfigurationToken) ?? (client.serviceUrl('ptz') ? chosen.main : undefined);
  if (client.serviceUrl('ptz') && ptzProfile) {
    const nodes = await optional(ptz.getNodes(client));
    if (nodes === undefined || nodes.length > 0) {
      const node = nodes?.find((n) => n.token === ptzProfile.ptzNodeToken) ?? nodes?.[0];
      ptzCap = { profileToken: ptzProfile.token, configurationToken: ptzProfile.ptzConfigurationToken, node };
    }
  }

  const description: CameraDescription = {
    deviceUrl: client.deviceUrl,
    address: client.address,
    info: {
      manufacturer: dev.manufacturer,
      model: dev.model,
      firmware: dev.firmwareVersion,
      serial: dev.serialNumber,
      hardwareId: dev.hardwareId,
      mac: nics?.find((n) => n.mac)?.mac,
    },
    clockOffsetMs: Math.round(client.clockOffsetMs),
    clockMeasured: client.clockMeasured,
    timeZone: client.timeZone,
    profiles,
    streams: { main, sub },
    snapshotUri,
    ptz: ptzCap,
    services,
  };
  return new OnvifCamera(client, description);
}
