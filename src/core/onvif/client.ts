// One camera session: where its services live, its credentials, and its clock offset. Every
// ONVIF call goes through call(), which adds WS-UsernameToken (except for ONVIF Core's pre-auth
// set), answers HTTP Digest challenges, and tells a wrong password from a wrong clock: on
// NotAuthorized it re-reads the camera's clock and retries ONCE with the corrected Created
// before it reports camera_auth_failed (issue: "after ruling out clock skew").
import { DigestSession, usernameTokenHeader, type Credentials } from './auth';
import {
  addressOf,
  authFailedError,
  isAuthFault,
  isNotSupportedFault,
  notSupportedError,
  OnvifError,
} from './errors';
import { DEFAULT_TIMEOUT_MS, NS, soapCall, SoapFaultError } from './soap';
import { child, findText, numberOf, path, type XmlElement } from './xml';

export type ServiceName = 'device' | 'media' | 'media2' | 'ptz' | 'events' | 'imaging';

/** ONVIF Core's pre-auth set: sent without a token (cameras answer them even with a wrong one). */
export const PRE_AUTH_ACTIONS: ReadonlySet<string> = new Set([
  'GetSystemDateAndTime',
  'GetCapabilities',
  'GetServices',
  'GetServiceCapabilities',
  'GetWsdlUrl',
  'GetHostname',
  'GetEndpointReference',
]);

export interface OnvifClientOptions {
  /** The device service, e.g. http://192.0.2.10/onvif/device_service */
  deviceUrl: string;
  username?: string;
  password?: string;
  /** Per call; default 5 s (the "a device that does not answer → a timeout within 5 s"). */
  timeoutMs?: number;
  /** A known offset (camera clock − ours, ms), e.g. from an earlier session. */
  clockOffsetMs?: number;
  signal?: AbortSignal;
}

export interface CallOptions {
  /** Default: whether the action is outside the pre-auth set. */
  auth?: boolean;
  /** Override the service address (pull-point subscriptions live at their own address). */
  url?: string;
  timeoutMs?: number;
  /** Extra header content (wsa:To / wsa:Action for the events service). */
  header?: string;
  /** Default true: on NotAuthorized, re-read the clock and retry once (off inside that check). */
  retryOnAuthFault?: boolean;
}

export interface ClockReading {
  /** Camera clock minus ours, ms (UTCDateTime against the midpoint of the round trip). */
  offsetMs: number;
  /** The camera's own zone string (e.g. CST-8), for display only. */
  timeZone?: string;
  /** Round trip of the reading: the offset is good to about half of it plus 1 s (no sub-seconds). */
  rttMs: number;
}

const SERVICE_NAMESPACES: Record<string, ServiceName> = {
  [NS.tds]: 'device',
  [NS.trt]: 'media',
  [NS.tr2]: 'media2',
  [NS.tptz]: 'ptz',
  [NS.tev]: 'events',
  'http://www.onvif.org/ver20/imaging/wsdl': 'imaging',
};

export class OnvifClient {
  readonly deviceUrl: string;
  /** host:port, for errors and logs. */
  readonly address: string;
  readonly timeoutMs: number;
  readonly services: Partial<Record<ServiceName, string>> = {};
  clockOffsetMs: number;
  /** True once GetSystemDateAndTime has been read (the offset is then measured, not assumed). */
  clockMeasured = false;
  timeZone: string | undefined;
  private readonly creds: Credentials | null;
  private readonly digest: DigestSession | undefined;
  private readonly signal: AbortSignal | undefined;

  constructor(opts: OnvifClientOptions) {
    const u = new URL(opts.deviceUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new OnvifError('onvif_address_refused', { address: u.protocol });
    u.username = '';
    u.password = '';
    this.deviceUrl = u.href;
    this.address = addressOf(u);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.clockOffsetMs = opts.clockOffsetMs ?? 0;
    this.creds = opts.username !== undefined ? { username: opts.username, password: opts.password ?? '' } : null;
    this.digest = this.creds ? new DigestSession(this.creds) : undefined;
    this.signal = opts.signal;
    this.services.device = this.deviceUrl;
  }

  get hasCredentials(): boolean {
    return this.creds !== null;
  }

  /**
   * Vendor quirk (cameras behind NAT or port forwarding, many Dahua/Hikvision NVR channels):
   * XAddrs name the camera's own LAN address and port 80. Only the path is trusted; the origin
   * is the one we were given. This also means an answer can never point us at another host.
   */
  rebase(xaddr: string): string {
    try {
      const x = new URL(xaddr.trim());
      const base = new URL(this.deviceUrl);
      return new URL(x.pathname + x.search, base.origin).href;
    } catch {
      return this.deviceUrl;
    }
  }

  serviceUrl(service: ServiceName): string | undefined {
    return this.services[service];
  }

  /** Sends one action; returns the `...Response` element. */
  async call(service: ServiceName, action: string, body: string, opts: CallOptions = {}): Promise<XmlElement> {
    const url = opts.url ?? this.services[service] ?? (service === 'device' ? this.deviceUrl : undefined);
    if (!url) throw notSupportedError(this.address, service);
    const auth = (opts.auth ?? !PRE_AUTH_ACTIONS.has(action)) && this.creds !== null;
    const send = () =>
      soapCall({
        url,
        body,
        header: (auth ? usernameTokenHeader(this.creds!, Date.now() + this.clockOffsetMs) : '') + (opts.header ?? ''),
        action: `${namespaceOf(service)}/${action}`,
        timeoutMs: opts.timeoutMs ?? this.timeoutMs,
        signal: this.signal,
        digest: this.digest,
      });
    try {
      return (await send()).body;
    } catch (err) {
      if (!(err instanceof SoapFaultError)) throw err;
      if (isAuthFault(err.extra.fault)) {
        if (!auth || opts.retryOnAuthFault === false) throw authFailedError(this.address, err.extra);
        return (await this.retryAfterClockCheck(send)).body;
      }
      if (isNotSupportedFault(err.extra.fault)) throw notSupportedError(this.address, action, err.extra);
      throw err;
    }
  }

  /** NotAuthorized: was it the clock? Re-measure, retry once, then say which it was. */
  private async retryAfterClockCheck<T>(send: () => Promise<T>): Promise<T> {
    const before = this.clockOffsetMs;
    let measured = false;
    try {
      await this.measureClock();
      measured = true;
    } catch {
      /* a camera that will not tell its time: we cannot rule skew out */
    }
    try {
      return await send();
    } catch (err) {
      if (err instanceof SoapFaultError && isAuthFault(err.extra.fault)) {
        if (!measured) throw new OnvifError('onvif_clock_skew', { address: this.address, offsetMs: Math.round(before) }, err.extra);
        throw authFailedError(this.address, err.extra);
      }
      throw err;
    }
  }

  /** Reads the camera clock (pre-auth) and stores the offset used for Created from then on. */
  async measureClock(): Promise<ClockReading> {
    const t0 = Date.now();
    const res = await soapCall({
      url: this.services.device ?? this.deviceUrl,
      body: `<GetSystemDateAndTime xmlns="${NS.tds}"/>`,
      action: `${NS.tds}/GetSystemDateAndTime`,
      timeoutMs: this.timeoutMs,
      signal: this.signal,
      digest: this.digest,
    }).catch((err: unknown) => {
      // A few firmwares want even this call authenticated (seen as a fault or 401).
      if (this.creds && err instanceof SoapFaultError && isAuthFault(err.extra.fault)) return null;
      throw err;
    });
    const t1 = Date.now();
    // retryOnAuthFault: false, or a refused signed request would land back here, and again.
    const body = res?.body ?? (await this.call('device', 'GetSystemDateAndTime', `<GetSystemDateAndTime xmlns="${NS.tds}"/>`, { auth: true, retryOnAuthFault: false }));
    const reading = parseSystemDateAndTime(body, (t0 + t1) / 2);
    this.clockOffsetMs = reading.offsetMs;
    this.clockMeasured = true;
    this.timeZone = reading.timeZone;
    return { ...reading, rttMs: t1 - t0 };
  }
}

function namespaceOf(service: ServiceName): string {
  return { device: NS.tds, media: NS.trt, media2: NS.tr2, ptz: NS.tptz, events: NS.tev, imaging: 'http://www.onvif.org/ver20/imaging/wsdl' }[service];
}

export function serviceForNamespace(ns: string): ServiceName | undefined {
  return SERVICE_NAMESPACES[ns.trim()];
}

/**
 * Camera time from a GetSystemDateAndTimeResponse. Vendor quirk: LocalDateTime is in the camera's
 * own zone (Hikvision's factory default is CST-8 even in Viet Nam), so only UTCDateTime counts;
 * a camera without UTCDateTime gets LocalDateTime taken as UTC, which at worst over-corrects by
 * its zone — still within what the retry-after-clock-check logic can live with.
 */
export function parseSystemDateAndTime(body: XmlElement, ourMidpointMs: number): { offsetMs: number; timeZone?: string; cameraUtcMs: number } {
  const sdt = child(body, 'SystemDateAndTime') ?? body;
  const dt = child(sdt, 'UTCDateTime') ?? child(sdt, 'LocalDateTime');
  const n = (p: string[]) => numberOf(path(dt, ...p)?.text.trim());
  const y = n(['Date', 'Year']);
  const mo = n(['Date', 'Month']);
  const d = n(['Date', 'Day']);
  const h = n(['Time', 'Hour']);
  const mi = n(['Time', 'Minute']);
  const s = n(['Time', 'Second']);
  if ([y, mo, d, h, mi, s].some((v) => v === undefined)) {
    throw new OnvifError('camera_bad_response', { address: '', reason: 'no_date_time' });
  }
  const cameraUtcMs = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  // Cameras report whole seconds: the true time is somewhere in [s, s+1), so add half a second.
  const offsetMs = cameraUtcMs + 500 - ourMidpointMs;
  const tz = findText(child(sdt, 'TimeZone'), 'TZ');
  return { offsetMs, timeZone: tz || undefined, cameraUtcMs };
}
