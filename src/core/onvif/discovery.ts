// WS-Discovery (2005/04, as ONVIF uses it): a Probe to 239.255.255.250:3702 and the unicast
// ProbeMatches that come back. Every answer is untrusted input from anyone on the network: it is
// parsed by the hardened parser (a UDP datagram is at most 64 KiB anyway), and its XAddrs pass
// the XAddr filter (network.ts) before anything may contact them.
import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { parseScopes, type ScopeInfo } from './device';
import { cancelledError } from './errors';
import { checkXaddr, localNetworks, type Ipv4Net } from './network';
import { child, findAll, parseXml, textOf } from './xml';

export const WSD_GROUP = '239.255.255.250';
export const WSD_PORT = 3702;
const MAX_DATAGRAM_BYTES = 65_507;

export interface ProbeMatch {
  /** wsa:EndpointReference/Address, usually urn:uuid:… (stable per device). */
  endpoint: string;
  types: string[];
  scopes: string[];
  xaddrs: string[];
}

export interface DiscoveredDevice {
  endpoint: string;
  /** The sender of the answer. */
  from: string;
  /** XAddrs that passed the filter (the first is the one to use). */
  xaddrs: string[];
  /** XAddrs refused, with why (shown to a technician; never contacted). */
  refused: { xaddr: string; reason: string }[];
  types: string[];
  scope: ScopeInfo;
}

/**
 * ProbeMatch entries of one datagram (several per message are allowed; node-onvif drops such
 * messages). `relatesTo` lets the caller ignore answers to someone else's probe.
 */
export function parseProbeMatches(text: string | Buffer): { relatesTo?: string; matches: ProbeMatch[] } {
  const env = parseXml(text, { maxBytes: MAX_DATAGRAM_BYTES, maxDepth: 32, maxElements: 2000 });
  const relatesTo = textOf(child(child(env, 'Header'), 'RelatesTo'));
  const matches = findAll(child(env, 'Body'), 'ProbeMatch').map((m) => {
    const split = (s: string | undefined) => (s ?? '').split(/\s+/).filter(Boolean);
    return {
      endpoint: textOf(child(child(m, 'EndpointReference'), 'Address')) ?? '',
      types: split(textOf(child(m, 'Types'))),
      scopes: split(textOf(child(m, 'Scopes'))),
      xaddrs: split(textOf(child(m, 'XAddrs'))),
    };
  });
  return { relatesTo, matches };
}

/** A Probe message. Types: ONVIF's NetworkVideoTransmitter; an empty Types matches any device. */
export function probeMessage(messageId: string, types = 'dn:NetworkVideoTransmitter'): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">' +
    `<s:Header><a:MessageID>${messageId}</a:MessageID><a:To s:mustUnderstand="true">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>` +
    '<a:Action s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action></s:Header>' +
    `<s:Body><d:Probe>${types ? `<d:Types>${types}</d:Types>` : ''}</d:Probe></s:Body></s:Envelope>`
  );
}

export interface ProbeOptions {
  /** How long to listen for answers; default 3 s (cameras answer within 0-2.5 s by the spec). */
  timeoutMs?: number;
  /** Where to send; default the WS-Discovery group and port. Unicast works too (tests, the lab). */
  address?: string;
  port?: number;
  /** Local IPv4 address to send from (chooses the interface for multicast). */
  localAddress?: string;
  /** Networks whose XAddrs may be contacted; default the subnets of this machine's interfaces. */
  networks?: Ipv4Net[];
  signal?: AbortSignal;
  /** Called for each new device as it answers. */
  onDevice?: (d: DiscoveredDevice) => void;
}

/**
 * Sends a Probe (twice, 200 ms apart, for packet loss; two Types forms because some cameras
 * answer only `dn:NetworkVideoTransmitter` and some only `tds:Device`) and collects answers.
 */
export async function probe(opts: ProbeOptions = {}): Promise<DiscoveredDevice[]> {
  const networks = opts.networks ?? localNetworks(false);
  const timeoutMs = opts.timeoutMs ?? 3000;
  const ids = new Set<string>();
  const found = new Map<string, DiscoveredDevice>();
  const socket: Socket = createSocket({ type: 'udp4', reuseAddr: false });
  if (opts.signal?.aborted) throw cancelledError();

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, opts.localAddress, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', () => undefined); // an ICMP error for one send must not end the probe
  if (opts.localAddress) {
    try {
      socket.setMulticastInterface(opts.localAddress);
    } catch {
      /* unicast probes do not need it */
    }
  }
  socket.on('message', (msg, rinfo) => {
    let parsed: ReturnType<typeof parseProbeMatches>;
    try {
      parsed = parseProbeMatches(msg);
    } catch {
      return; // not XML we accept: drop, like any other noise on UDP 3702
    }
    if (parsed.relatesTo && !ids.has(parsed.relatesTo)) return;
    for (const m of parsed.matches) {
      const key = m.endpoint || `${rinfo.address}:${m.xaddrs.join(' ')}`;
      if (found.has(key)) continue;
      const xaddrs: string[] = [];
      const refused: DiscoveredDevice['refused'] = [];
      for (const x of m.xaddrs) {
        const v = checkXaddr(x, networks);
        if (v.ok) xaddrs.push(v.url.href);
        else refused.push({ xaddr: x.slice(0, 200), reason: v.reason });
      }
      const d: DiscoveredDevice = { endpoint: m.endpoint, from: rinfo.address, xaddrs, refused, types: m.types, scope: parseScopes(m.scopes) };
      found.set(key, d);
      opts.onDevice?.(d);
    }
  });

  const send = (types: string) => {
    const id = `urn:uuid:${randomUUID()}`;
    ids.add(id);
    socket.send(probeMessage(id, types), opts.port ?? WSD_PORT, opts.address ?? WSD_GROUP);
  };
  const timers: NodeJS.Timeout[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(cancelledError());
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      send('dn:NetworkVideoTransmitter');
      send('tds:Device');
      timers.push(setTimeout(() => send('dn:NetworkVideoTransmitter'), 200));
      timers.push(
        setTimeout(() => {
          opts.signal?.removeEventListener('abort', onAbort);
          resolve();
        }, timeoutMs),
      );
    });
  } finally {
    timers.forEach(clearTimeout);
    await new Promise<void>((r) => socket.close(() => r()));
  }
  return [...found.values()];
}


