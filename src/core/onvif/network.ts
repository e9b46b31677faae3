// IPv4 helpers and the XAddr filter. Discovery answers and camera-given addresses are untrusted
// (issue: "only http(s) XAddrs in the scanned network are contacted (no file:, no link-local, no
// other hosts)"): a forged ProbeMatch could otherwise point the console at itself (serve mode on
// 127.0.0.1), at a router's admin page, or at a file: URL.
import os from 'node:os';

export interface Ipv4Net {
  base: number;
  prefix: number;
}

export function ipv4ToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function intToIpv4(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const maskOf = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** "192.0.2.0/24" or a single address ("/32"). */
export function parseCidr(cidr: string): Ipv4Net | null {
  const [ip, p] = cidr.split('/');
  const n = ipv4ToInt(ip ?? '');
  const prefix = p === undefined ? 32 : Number(p);
  if (n === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return null;
  return { base: (n & maskOf(prefix)) >>> 0, prefix };
}

export function inNet(ip: number, net: Ipv4Net): boolean {
  return ((ip & maskOf(net.prefix)) >>> 0) === net.base;
}

export const isLinkLocal = (ip: number) => ip >>> 16 === ((169 << 8) | 254);
export const isLoopback = (ip: number) => ip >>> 24 === 127;
const isMulticastOrReserved = (ip: number) => ip >>> 28 >= 14; // 224.0.0.0/4 and 240.0.0.0/4
const isUnspecified = (ip: number) => ip >>> 24 === 0;

/** Subnets of this machine's IPv4 interfaces; loopback only when asked (tests, the lab). */
export function localNetworks(includeLoopback = false): Ipv4Net[] {
  const out: Ipv4Net[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' || (a.internal && !includeLoopback)) continue;
      const net = parseCidr(a.cidr ?? `${a.address}/32`);
      if (net && !isLinkLocal(net.base)) out.push(net);
    }
  }
  return out;
}

export type XaddrVerdict = { ok: true; url: URL } | { ok: false; reason: 'scheme' | 'not_ipv4' | 'link_local' | 'reserved' | 'outside' | 'credentials' | 'invalid' };

/**
 * Whether we may contact an XAddr: http(s) only, an IPv4 literal (a name could resolve anywhere),
 * no credentials in it, never link-local/multicast/unspecified, and inside one of `networks`.
 * Loopback is allowed only when a loopback network is listed (tests and the lab).
 */
export function checkXaddr(xaddr: string, networks: Ipv4Net[]): XaddrVerdict {
  let url: URL;
  try {
    url = new URL(xaddr.trim());
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  const ip = ipv4ToInt(url.hostname);
  if (ip === null) return { ok: false, reason: 'not_ipv4' };
  if (isLinkLocal(ip)) return { ok: false, reason: 'link_local' };
  if (isMulticastOrReserved(ip) || isUnspecified(ip) || ip === 0xffffffff) return { ok: false, reason: 'reserved' };
  if (!networks.some((n) => inNet(ip, n))) return { ok: false, reason: 'outside' };
  return { ok: true, url };
}

/** Every address of an inclusive range, or of a CIDR block; refuses more than `max` addresses. */
export function expandRange(spec: { from: string; to: string } | { cidr: string }, max = 1024): string[] {
  let lo: number | null;
  let hi: number | null;
  if ('cidr' in spec) {
    const net = parseCidr(spec.cidr);
    if (!net) throw new RangeError(`not an IPv4 network: ${spec.cidr}`);
    const size = 2 ** (32 - net.prefix);
    // A /24 scans .1 to .254: the network and broadcast addresses are no cameras.
    lo = size > 2 ? net.base + 1 : net.base;
    hi = size > 2 ? net.base + size - 2 : net.base + size - 1;
  } else {
    lo = ipv4ToInt(spec.from);
    hi = ipv4ToInt(spec.to);
    if (lo === null || hi === null || hi < lo) throw new RangeError(`not an IPv4 range: ${spec.from} - ${spec.to}`);
  }
  if (hi - lo + 1 > max) throw new RangeError(`range of ${hi - lo + 1} addresses exceeds ${max}`);
  const out: string[] = [];
  for (let n = lo; n <= hi; n++) out.push(intToIpv4(n >>> 0));
  return out;
}
