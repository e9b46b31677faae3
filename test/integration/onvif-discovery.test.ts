// WS-Discovery with the library: unicast probes to the lab's responder (host namespace, custom
// port), forged answers from a hostile responder, and multicast inside a private namespace.
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbeMatches, probe } from '../../src/core/onvif/discovery';
import { parseCidr } from '../../src/core/onvif/network';
import { startLab, type Lab } from '../../src/sim/lab';
import { hasTool, run } from '../../src/sim/test-support';

const here = path.dirname(fileURLToPath(import.meta.url));
const loopback = [parseCidr('127.0.0.0/8')!];

describe('unicast probe to the lab responder', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ cameras: [{ name: 'wsd-a', variant: 'dead' }, { name: 'wsd-b', variant: 'dead' }], discoveryPort: 0 });
  });
  afterAll(async () => {
    await lab.dispose();
  });

  it('finds every camera once, with its XAddr, name and hardware', async () => {
    const found = await probe({ address: '127.0.0.1', port: lab.discoveryPort!, timeoutMs: 500, networks: loopback });
    expect(found).toHaveLength(2);
    for (const cam of lab.cameras) {
      const d = found.find((f) => f.xaddrs[0] === cam.onvif);
      expect(d).toBeDefined();
      expect(d!.scope).toMatchObject({ name: cam.name, hardware: cam.model });
      expect(d!.endpoint).toMatch(/^urn:uuid:/);
    }
  });

  it('can be cancelled', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(probe({ address: '127.0.0.1', port: lab.discoveryPort!, timeoutMs: 5000, signal: ac.signal })).rejects.toMatchObject({ code: 'onvif_cancelled' });
  });
});

describe('forged ProbeMatches', () => {
  it('never passes on file:, link-local, other hosts or names; survives garbage', async () => {
    const liar = createSocket('udp4');
    await new Promise<void>((r) => liar.bind(0, '127.0.0.1', () => r()));
    liar.on('message', (m, rinfo) => {
      const id = parseProbeMatches(m).relatesTo ?? /<a:MessageID>([^<]+)</.exec(m.toString())?.[1];
      const match = (ep: string, x: string) =>
        `<d:ProbeMatch><a:EndpointReference><a:Address>${ep}</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types><d:XAddrs>${x}</d:XAddrs></d:ProbeMatch>`;
      const reply =
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
        `<s:Header><a:RelatesTo>${id}</a:RelatesTo></s:Header><s:Body><d:ProbeMatches>` +
        match('urn:uuid:1', 'file:///etc/passwd http://169.254.10.10/onvif/device_service') +
        match('urn:uuid:2', 'http://198.51.100.9/onvif/device_service http://127.0.0.1:9/onvif/device_service') +
        match('urn:uuid:3', 'http://evil.example/onvif/device_service') +
        '</d:ProbeMatches></s:Body></s:Envelope>';
      liar.send(reply, rinfo.port, rinfo.address);
      liar.send('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', rinfo.port, rinfo.address);
      liar.send(Buffer.alloc(2000, 0xff), rinfo.port, rinfo.address);
    });
    try {
      const found = await probe({ address: '127.0.0.1', port: liar.address().port, timeoutMs: 400, networks: [parseCidr('127.0.0.0/24')!] });
      expect(found).toHaveLength(3);
      const byEp = Object.fromEntries(found.map((d) => [d.endpoint, d]));
      expect(byEp['urn:uuid:1']!.xaddrs).toEqual([]);
      expect(byEp['urn:uuid:1']!.refused.map((r) => r.reason)).toEqual(['scheme', 'link_local']);
      expect(byEp['urn:uuid:2']!.xaddrs).toEqual(['http://127.0.0.1:9/onvif/device_service']);
      expect(byEp['urn:uuid:2']!.refused.map((r) => r.reason)).toEqual(['outside']);
      expect(byEp['urn:uuid:3']!.refused.map((r) => r.reason)).toEqual(['not_ipv4']);
    } finally {
      liar.close();
    }
  });
});

const unshareWorks = hasTool('unshare') && hasTool('ip') && spawnSync('unshare', ['-n', 'true']).status === 0;
const why = unshareWorks ? '' : 'cannot create a network namespace (unshare -n needs root/CAP_SYS_ADMIN, or ip is missing)';
if (why) console.warn(`SKIPPED multicast discovery test: ${why}`);

describe.skipIf(why !== '')('multicast WS-Discovery in a private network namespace', () => {
  it('finds the lab cameras on 239.255.255.250:3702 and contacts nothing outside the scanned network', async () => {
    const r = await run('unshare', ['-n', process.execPath, '--import', 'tsx', path.join(here, 'support', 'onvif-netns.ts')], { timeoutMs: 60_000 });
    const out = JSON.parse(r.stdout.toString().trim().split('\n').pop() ?? '{}') as {
      error?: string;
      discoveryPort: number;
      cameras: { name: string; onvif: string }[];
      found: { xaddrs: string[]; name: string }[];
      strict: { xaddrs: string[]; refused: { reason: string }[] }[];
    };
    expect(out.error).toBeUndefined();
    expect(out.discoveryPort).toBe(3702);
    expect(out.found.map((f) => f.xaddrs[0]).sort()).toEqual(out.cameras.map((c) => c.onvif).sort());
    expect(out.found.map((f) => f.name).sort()).toEqual(['nsbullet', 'nsdome']);
    expect(out.strict).toHaveLength(2);
    expect(out.strict.every((d) => d.xaddrs.length === 0 && d.refused[0]?.reason === 'outside')).toBe(true);
  }, 90_000);
});
