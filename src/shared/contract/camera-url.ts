// Camera addresses: what may be saved as a camera's stream or device URL. Checked once in the
// contract (so the add/edit form names the problem beside the field) and again by the live relay
// right before it starts ffmpeg (a stored value may predate these rules). Why this strict: ffmpeg
// opens whatever it is given — `file:`, `concat:` and `subfile:` read local files, `http:` and
// `tcp:` reach services on the core's own machine — a CR/LF in an RTSP URL becomes a header in the
// request to the camera, and a password typed into the URL was stored and sent back in clear
// (issue "Trust": camera sources).
import type { ValidationProblem } from './problems';

/** Live streams: RTSP, and RTSP over TLS. */
export const STREAM_SCHEMES = ['rtsp', 'rtsps'] as const;
/** A camera's device service (ONVIF), snapshot or MJPEG page: plain web addresses. */
export const DEVICE_SCHEMES = ['http', 'https'] as const;
export type CameraUrlKind = 'stream' | 'device';

const SCHEMES: Record<CameraUrlKind, readonly string[]> = { stream: STREAM_SCHEMES, device: DEVICE_SCHEMES };

/** Long enough for a vendor's query string, short enough to stay a URL. */
export const MAX_CAMERA_URL_LENGTH = 2000;

export type CameraUrlProblem = Extract<ValidationProblem, `url_${string}`>;

export interface ParsedCameraUrl {
  /** The URL without credentials, as WHATWG serialises it. */
  url: string;
  scheme: string;
  host: string;
  port: number | null;
  /** Percent-decoded credentials found in the URL (null when there were none). */
  username: string | null;
  password: string | null;
}

export type CameraUrlResult = { ok: true; value: ParsedCameraUrl } | { ok: false; problem: CameraUrlProblem; scheme?: string };

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators. Checked on the RAW text:
// WHATWG's URL parser silently drops tab and newline, so `new URL` alone would let them by.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`);
const IPV6 = /^[0-9A-Fa-f:.]+$/;

/** Decodes %XX runs that form valid UTF-8 and leaves anything else as typed (`pa%ss` stays). */
export function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

const fail = (problem: CameraUrlProblem, scheme?: string): CameraUrlResult => ({ ok: false, problem, ...(scheme ? { scheme } : {}) });

/** Checks one camera URL against what `kind` allows; see the module comment for why. */
export function parseCameraUrl(raw: string, kind: CameraUrlKind): CameraUrlResult {
  if (raw.length > MAX_CAMERA_URL_LENGTH) return fail('url_too_long');
  if (CONTROL.test(raw)) return fail('url_control_chars');
  const text = raw.replace(/^ +| +$/g, '');
  const m = SCHEME.exec(text);
  const rest = m ? text.slice(m[0].length) : '';
  if (!m) return fail('url_no_scheme');
  const scheme = m[1]!.toLowerCase();
  if (!rest.startsWith('//')) {
    // `192.168.1.5:554/x`, `camera.local:554/x`, `admin:pw@host/x`: an address typed without its
    // scheme, not a scheme of its own (a port after the colon, a dot in the "scheme", an @ early on).
    if (/^\d/.test(rest) || scheme.includes('.') || /^[^/]*@/.test(rest)) return fail('url_no_scheme');
    return fail('url_scheme', scheme);
  }
  if (!SCHEMES[kind].includes(scheme)) return fail('url_scheme', scheme);

  // The authority ends at the first / ? # (and \ for http, which WHATWG reads as /); the userinfo
  // ends at its LAST @, as WHATWG has it: `rtsp://admin:P@ss@host/x` is user admin, password P@ss.
  const afterSlashes = rest.slice(2);
  const delimiter = kind === 'device' ? /[/?#\\]/ : /[/?#]/;
  const end = afterSlashes.search(delimiter);
  const authority = end === -1 ? afterSlashes : afterSlashes.slice(0, end);
  const at = authority.lastIndexOf('@');
  const hostPort = at === -1 ? authority : authority.slice(at + 1);

  let host: string;
  let portText: string | null = null;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close === -1 || !IPV6.test(hostPort.slice(1, close))) return fail('url_host');
    host = hostPort.slice(0, close + 1);
    const after = hostPort.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return fail('url_host');
    if (after) portText = after.slice(1);
  } else {
    const colon = hostPort.lastIndexOf(':');
    host = colon === -1 ? hostPort : hostPort.slice(0, colon);
    if (colon !== -1) portText = hostPort.slice(colon + 1);
    if (host !== '' && (!HOSTNAME.test(host) || host.length > 253)) return fail('url_host');
  }
  if (host === '') return fail('url_host');
  let port: number | null = null;
  if (portText !== null) {
    // A password holding / ? or # cut the authority short: `rtsp://admin:pa/ss@host` reads as host
    // "admin", port "pa". Say where the password belongs rather than "bad port".
    if (at === -1 && !/^\d*$/.test(portText) && afterSlashes.includes('@')) return fail('url_userinfo');
    if (!/^\d{1,5}$/.test(portText)) return fail('url_port');
    port = Number(portText);
    if (port < 1 || port > 65535) return fail('url_port');
  }

  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return fail('url_invalid');
  }
  // Our reading and WHATWG's must agree, or ffmpeg and we could mean different hosts.
  if (u.hostname.toLowerCase() !== host.toLowerCase() || (u.port === '' ? null : Number(u.port)) !== (port === defaultPort(scheme) ? null : port)) {
    return fail('url_invalid');
  }
  const username = u.username ? percentDecode(u.username) : null;
  const password = u.password ? percentDecode(u.password) : null;
  u.username = '';
  u.password = '';
  return { ok: true, value: { url: u.href, scheme, host, port, username, password } };
}

/** WHATWG drops a special scheme's default port from `u.port` (http 80, https 443). */
function defaultPort(scheme: string): number | null {
  return scheme === 'http' ? 80 : scheme === 'https' ? 443 : null;
}

/**
 * The URL with any credentials removed, for output (defence in depth: they are moved out when
 * saved, but a database from before may still hold some). An unparseable value loses everything
 * between `scheme://` and its last `@`: showing too little beats showing a password.
 */
export function stripUrlCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)(.*)$/s.exec(url);
    if (!m) return url;
    const at = m[2]!.lastIndexOf('@');
    return at === -1 ? url : m[1]! + m[2]!.slice(at + 1);
  }
}
