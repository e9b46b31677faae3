// WS-Discovery: unicast Probe/ProbeMatch on a custom port (host namespace), and Debian's
// onvif-util discovering the lab by multicast inside a private network namespace.
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab } from '../lab';
import { hasTool, run } from '../test-support';
import type { Lab } from '../types';

const here = path.dirname(fileURLToPath(import.meta.url));

function probe(port: number, types = 'dn:NetworkVideoTransmitter', waitMs = 500): Promise<string[]> {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ' +
    'xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><s:Header><a:MessageID>uuid:test-probe-1</a:MessageID>' +
    '<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>' +
    `</s:Header><s:Body><d:Probe><d:Types>${types}</d:Types></d:Probe></s:Body></s:Envelope>`;
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const replies: string[] = [];
    sock.on('message', (m) => replies.push(m.toString()));
    sock.bind(0, '127.0.0.1', () => {
      sock.send(xml, port, '127.0.0.1');
      setTimeout(() => {
        sock.close();
        resolve(replies);
      }, waitMs);
    });
  });
}

describe('WS-Discovery over unicast on a custom port', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ cameras: [{ variant: 'fixed', live: false }, { variant: 'dead' }], discoveryPort: 0 });
  });
  afterAll(async () => {
    await lab.dispose();
  });

  it('answers a Probe with one ProbeMatch per camera, with XAddrs, Types and Scopes', async () => {
    expect(lab.discoveryPort).toBeGreaterThan(0);
    const replies = await probe(lab.discoveryPort!);
    expect(replies).toHaveLength(2);
    for (const cam of lab.cameras) {
      const r = replies.find((x) => x.includes(`<d:XAddrs>${cam.onvif}</d:XAddrs>`));
      expect(r).toBeDefined();
      expect(r).toContain('dn:NetworkVideoTransmitter');
      expect(r).toContain('<wsa:RelatesTo>uuid:test-probe-1</wsa:RelatesTo>');
      expect(r).toContain(`onvif://www.onvif.org/name/${cam.name}`);
      expect(r).toContain('/discovery/ProbeMatches');
    }
  });

  it('ignores probes for other device types', async () => {
    expect(await probe(lab.discoveryPort!, 'tds:Printer', 300)).toHaveLength(0);
  });

  it('stops answering for a camera while it reboots', async () => {
    const rebooting = lab.camera(lab.cameras[0]!.name).reboot(1);
    await new Promise((r) => setTimeout(r, 100));
    const during = await probe(lab.discoveryPort!, '', 300);
    expect(during.filter((x) => x.includes(lab.cameras[0]!.onvif))).toHaveLength(0);
    expect(during.filter((x) => x.includes(lab.cameras[1]!.onvif))).toHaveLength(1);
    await rebooting;
    expect((await probe(lab.discoveryPort!)).length).toBe(2);
  });

  it('keeps running with discovery off when the port cannot be bound', async () => {
    const logs: string[] = [];
    const blocker = createSocket('udp4'); // no reuseAddr: the lab's bind must fail
    await new Promise<void>((r) => blocker.bind(0, () => r()));
    const port = blocker.address().port;
    const other = await startLab({ cameras: [{ variant: 'dead' }], discoveryPort: port, log: (l) => logs.push(l) });
    try {
      expect(other.discoveryPort).toBeNull();
      expect(logs.join('\n')).toMatch(/discovery off: cannot bind UDP \d+ \(EADDRINUSE\)/);
      expect(other.cameras).toHaveLength(1);
    } finally {
      await other.dispose();
      blocker.close();
    }
  });
});

const unshareWorks = hasTool('unshare') && spawnSync('unshare', ['-n', 'true']).status === 0;
const netnsMissing = !hasTool('onvif-util')
  ? 'onvif-util not installed (Debian package onvif-tools)'
  : !unshareWorks
    ? 'cannot create a network namespace (unshare -n needs root/CAP_SYS_ADMIN)'
    : !hasTool('ip')
      ? 'ip not installed (Debian package iproute2)'
      : '';
if (netnsMissing) console.warn(`SKIPPED onvif-util test: ${netnsMissing}`);

describe.skipIf(netnsMissing !== '')('onvif-util (Debian onvif-tools) in a private network namespace', () => {
  it('discovers the camera by multicast, reads its profiles and stream URI, hears Hello and Bye', async () => {
    const r = await run('unshare', ['-n', process.execPath, '--import', 'tsx', path.join(here, 'netns-check.ts')], { timeoutMs: 120_000 });
    const out = JSON.parse(r.stdout.toString().trim().split('\n').pop() ?? '{}') as Record<string, string | boolean>;
    expect(out.error).toBeUndefined();
    expect(out.hello).toBe(true);
    expect(out.list).toMatch(/Found 1 camera/);
    expect(out.list).toContain('nscam');
    expect(out.session).toContain('successfully connected to host');
    expect(out.session).toContain('Profile_1');
    expect(out.session).toContain(out.rtspMain as string);
    expect(out.wrong).toContain('ter:NotAuthorized');
    expect(out.wrong).not.toContain(out.rtspMain as string);
    expect(out.bye).toBe(true);
  }, 150_000);
});
