// Range scan for networks that block multicast: every address × port gets a pre-auth
// GetSystemDateAndTime; those that answer ONVIF get GetDeviceInformation (pre-auth, which some
// firmwares allow, or with the credentials given) and GetNetworkInterfaces for the MAC. At most
// `concurrency` probes are in flight; progress reports count and time left; an AbortSignal
// cancels (the promise then resolves with what was found, `cancelled: true`).
import { OnvifClient } from './client';
import { getDeviceInformation, getNetworkInterfaces, getScopes } from './device';
import { isOnvifError } from './errors';
import { expandRange } from './network';

export const DEFAULT_SCAN_PORTS = [80, 8000, 8080, 8899, 2020];

export interface ScanOptions {
  range: { from: string; to: string } | { cidr: string };
  ports?: number[];
  /** Device service path to try; default the ONVIF default. */
  path?: string;
  /** In-flight limit; default 64. */
  concurrency?: number;
  /** Per probe; default 1500 ms (a closed port refuses at once, a silent host costs this). */
  timeoutMs?: number;
  /** Tried for GetDeviceInformation when the camera does not answer it without. */
  credentials?: { username: string; password: string };
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  onFound?: (d: ScannedDevice) => void;
}

export interface ScanProgress {
  done: number;
  total: number;
  found: number;
  elapsedMs: number;
  /** Estimated from the average pace so far; null until something finished. */
  etaMs: number | null;
}

export interface ScannedDevice {
  /** host:port */
  address: string;
  deviceUrl: string;
  manufacturer?: string;
  model?: string;
  firmware?: string;
  serial?: string;
  mac?: string;
  name?: string;
  clockOffsetMs: number;
  /** Whether the details came from an authenticated call (false: pre-auth or scopes only). */
  authenticated: boolean;
}

export interface ScanResult {
  devices: ScannedDevice[];
  done: number;
  total: number;
  cancelled: boolean;
  concurrency: number;
  elapsedMs: number;
}

/**
 * What a device service at `deviceUrl` says about itself without a session: its clock (pre-auth,
 * which also tells an ONVIF device from anything else on the port), then make, model, firmware,
 * serial and MAC (pre-auth where the firmware allows, else with `credentials`). Null when nothing
 * ONVIF answers there. Used by the range scan and for devices a WS-Discovery probe found.
 */
export async function describeDevice(
  deviceUrl: string,
  opts: { timeoutMs?: number; credentials?: { username: string; password: string }; signal?: AbortSignal } = {},
): Promise<ScannedDevice | null> {
  const timeoutMs = opts.timeoutMs ?? 1500;
  const anon = new OnvifClient({ deviceUrl, timeoutMs, signal: opts.signal });
  try {
    await anon.measureClock();
  } catch {
    return null; // refused, silent, or not ONVIF: not a camera for this scan
  }
  const dev: ScannedDevice = { address: anon.address, deviceUrl: anon.deviceUrl, clockOffsetMs: Math.round(anon.clockOffsetMs), authenticated: false };
  const fill = async (client: OnvifClient, authenticated: boolean) => {
    const info = await getDeviceInformation(client);
    Object.assign(dev, { manufacturer: info.manufacturer, model: info.model, firmware: info.firmwareVersion, serial: info.serialNumber, authenticated });
    const nics = await getNetworkInterfaces(client).catch(() => []);
    dev.mac = nics.find((n) => n.mac)?.mac;
  };
  try {
    await fill(anon, false);
  } catch (err) {
    if (!isOnvifError(err) || !['camera_auth_failed', 'onvif_clock_skew'].includes(err.code)) return dev;
    if (opts.credentials) {
      const authed = new OnvifClient({ deviceUrl, timeoutMs, signal: opts.signal, clockOffsetMs: anon.clockOffsetMs, ...opts.credentials });
      authed.clockMeasured = true;
      try {
        await fill(authed, true);
        const scope = await getScopes(authed).catch(() => null);
        if (scope?.name) dev.name = scope.name;
      } catch {
        /* wrong credentials for this one: it is still listed, without details */
      }
    }
  }
  return dev;
}

function probeOne(host: string, port: number, opts: ScanOptions, timeoutMs: number): Promise<ScannedDevice | null> {
  const deviceUrl = `http://${host}${port === 80 ? '' : `:${port}`}${opts.path ?? '/onvif/device_service'}`;
  return describeDevice(deviceUrl, { timeoutMs, credentials: opts.credentials, signal: opts.signal });
}

export async function scanRange(opts: ScanOptions): Promise<ScanResult> {
  const hosts = expandRange(opts.range);
  const ports = opts.ports ?? DEFAULT_SCAN_PORTS;
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 64, 256));
  const timeoutMs = opts.timeoutMs ?? 1500;
  const targets: [string, number][] = [];
  for (const h of hosts) for (const p of ports) targets.push([h, p]);
  const total = targets.length;
  const started = Date.now();
  const devices: ScannedDevice[] = [];
  let next = 0;
  let done = 0;
  const report = () => {
    const elapsedMs = Date.now() - started;
    opts.onProgress?.({ done, total, found: devices.length, elapsedMs, etaMs: done ? Math.round((elapsedMs / done) * (total - done)) : null });
  };
  const worker = async () => {
    while (next < total && !opts.signal?.aborted) {
      const [host, port] = targets[next++]!;
      const dev = await probeOne(host, port, opts, timeoutMs);
      done++;
      if (dev && !opts.signal?.aborted) {
        devices.push(dev);
        opts.onFound?.(dev);
      }
      report();
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { devices, done, total, cancelled: !!opts.signal?.aborted, concurrency, elapsedMs: Date.now() - started };
}
