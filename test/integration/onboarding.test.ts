// Onboarding through a real core's dispatcher against the camera lab's real ONVIF (HTTP and
// WS-Discovery over UDP, all on 127.0.0.1): discovery finds the cameras, bulk add fills the
// register row by row, "already registered" follows, a skewed clock is flagged and audited, and
// each bad input gives its own error.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryJob } from '../../src/shared/contract';
import { startLab, type Lab } from '../../src/sim/lab';
import { childPids } from '../../src/sim/test-support';
import type { SimCameraInfo } from '../../src/sim/types';
import { makePoint, startTestCore, until, type Caller, type TestCore } from './support/onvif-core';

let lab: Lab;
let t: TestCore;
let admin: Caller;
let pointId: string;
let dome: SimCameraInfo;
let bullets: SimCameraInfo[];
let domeEndpoint: string;

beforeAll(async () => {
  // 'dead' cameras answer ONVIF in full with no RTSP behind: onboarding needs no video.
  lab = await startLab({
    cameras: [
      { name: 'Vòm Hàng Xanh', variant: 'ptz', live: false },
      { name: 'Thân 1', variant: 'dead' },
      { name: 'Thân 2', variant: 'dead' },
      { name: 'Thân 3', variant: 'dead' },
    ],
    discoveryPort: 0,
  });
  [dome, ...bullets] = lab.cameras as [SimCameraInfo, ...SimCameraInfo[]];
  t = await startTestCore({ probeTimeoutMs: 700 });
  admin = t.as('admin');
  pointId = await makePoint(admin);
});

afterAll(async () => {
  await t?.dispose();
  await lab?.dispose();
  expect(childPids()).toEqual([]);
});

async function finished(jobId: string): Promise<DiscoveryJob> {
  return until(async () => {
    const j = await admin.call('onboarding.job', { jobId });
    return j.state !== 'running' ? j : null;
  }, 20_000, 'discovery to finish');
}

describe('discovery', () => {
  it('finds the lab by WS-Discovery and by range scan, with progress, and merges the two', async () => {
    const ports = lab.cameras.map((c) => c.onvifPort);
    const { jobId } = await admin.call('onboarding.discover', {
      probe: true,
      probeTarget: { address: '127.0.0.1', port: lab.discoveryPort! },
      range: { from: '127.0.0.1', to: '127.0.0.1' },
      ports,
      // The lab, like most cameras, tells make and serial only to a signed request.
      credentials: { username: dome.username, password: dome.password },
    });
    const job = await finished(jobId);
    expect(job.state).toBe('done');
    expect(job.done).toBe(job.total);
    expect(job.total).toBe(1 + ports.length);
    expect(job.devices).toHaveLength(4);
    const d = job.devices.find((x) => x.address === `127.0.0.1:${dome.onvifPort}`)!;
    expect(d).toMatchObject({ via: 'both', manufacturer: 'Watchfloor Sim', model: 'WF-SIM-PTZ-2MP', serial: dome.serialNumber, registered: null, name: 'Vòm Hàng Xanh' });
    expect(d.endpoint).toMatch(/^urn:uuid:/);
    domeEndpoint = d.endpoint!;
    expect(d.mac).toMatch(/^02:57/);
    expect(d.firmware).toBeTruthy();
    const progress = t.events.filter((e) => e.type === 'discovery.progress' && e.jobId === jobId);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.some((e) => e.type === 'discovery.progress' && e.state === 'running' && e.total === job.total)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ state: 'done', etaMs: 0 });
  });

  it('cancels a scan and keeps what it found', async () => {
    const { jobId } = await admin.call('onboarding.discover', { probe: false, range: { cidr: '127.0.0.0/24' }, ports: [1, 2, 3, 4, 5, 6, 7, 8, bullets[0]!.onvifPort] });
    const job = await admin.call('onboarding.cancel', { jobId });
    expect(job.state).toBe('cancelled');
    expect(job.done).toBeLessThanOrEqual(job.total);
  });

  it('refuses a range larger than 1024 addresses and a job with nothing to do', async () => {
    expect(await admin.fails('onboarding.discover', { probe: false, range: { cidr: '10.0.0.0/8' } })).toMatchObject({ code: 'bad_request', params: { field: 'range' } });
    expect(await admin.fails('onboarding.discover', { probe: false })).toMatchObject({ code: 'bad_request' });
  });

  it('is for technicians: an officer may not scan the network', async () => {
    const officer = await t.addUser('trucban.discovery', 'officer');
    expect((await officer.fails('onboarding.discover', { probe: true })).code).toBe('permission_denied');
  });
});

describe('add by address', () => {
  it('reads what the camera says before anything is stored', async () => {
    const seen = await admin.call('onboarding.inspect', { address: dome.onvif, username: dome.username, password: dome.password });
    expect(seen).toMatchObject({ manufacturer: 'Watchfloor Sim', model: 'WF-SIM-PTZ-2MP', ptz: true, clockSkewed: false, registered: null });
    expect(seen.main).toMatchObject({ uri: dome.rtspMain, encoding: 'H264', width: 1280, height: 720 });
    expect(seen.sub?.uri).toBe(dome.rtspSub);
    expect(seen.snapshotUri).toMatch(/snapshot/);
    expect(Math.abs(seen.clockOffsetMs)).toBeLessThan(1500);
    expect((await admin.call('register.tree', {})).cameras).toHaveLength(0);
  });

  it('names each bad input: wrong password, silent device, malformed answers, a refused scheme', async () => {
    const wrong = await admin.fails('onboarding.inspect', { address: dome.onvif, username: dome.username, password: 'sai-mat-khau' });
    expect(wrong.code).toBe('camera_auth_failed');
    expect(JSON.stringify(wrong)).not.toContain('sai-mat-khau');

    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const t0 = Date.now();
      const err = await admin.fails('onboarding.inspect', { address: `127.0.0.1:${(silent.address() as AddressInfo).port}`, username: 'admin', password: 'x' });
      expect(err.code).toBe('camera_timeout');
      expect(Date.now() - t0).toBeLessThan(6000); // the "a timeout within 5 s" (+ the clock read)
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => silent.close(r));
    }

    lab.camera('Thân 3').malformedXml(true);
    try {
      expect((await admin.fails('onboarding.inspect', { address: bullets[2]!.onvif, username: 'admin', password: bullets[2]!.password })).code).toBe('camera_bad_response');
    } finally {
      lab.camera('Thân 3').malformedXml(false);
    }
    expect((await admin.fails('onboarding.inspect', { address: 'file:///etc/passwd', username: 'a', password: 'b' })).code).toBe('onvif_address_refused');
  }, 20_000);

  it('adds a camera whose clock is an hour off: it works, and the skew is flagged and audited', async () => {
    const cam = bullets[0]!;
    await lab.camera('Thân 1').skewClock(3_600_000);
    try {
      const seen = await admin.call('onboarding.inspect', { address: cam.onvif, username: cam.username, password: cam.password });
      expect(seen.clockSkewed).toBe(true);
      const added = await admin.call('onboarding.add', { address: cam.onvif, username: cam.username, password: cam.password, name: 'Thân 1 (lệch giờ)', pointId });
      expect(added).toMatchObject({ onvifUrl: cam.onvif, rtspMain: cam.rtspMain, rtspSub: cam.rtspSub, username: 'admin', hasPassword: true, ptz: false });
      const dev = (await admin.call('devices.list', {})).find((d) => d.cameraId === added.id)!;
      expect(dev).toMatchObject({ clockSkewed: true, serial: cam.serialNumber, manufacturer: 'Watchfloor Sim' });
      expect(dev.clockOffsetMs).toBeGreaterThan(3_600_000 - 1500);
      // The register knows what the camera said it is, and who added it.
      const record = await admin.call('register.camera', { id: added.id });
      expect(record).toMatchObject({ make: 'Watchfloor Sim', serial: cam.serialNumber });
      expect(record.model).not.toBe('');
      const history = await admin.call('register.history', { kind: 'camera', id: added.id });
      expect(JSON.stringify(history)).toContain('admin');
      const audit = await admin.call('audit.list', { action: 'camera.clockSkew', limit: 10 });
      expect(audit.entries[0]).toMatchObject({ target: { id: added.id }, actor: { username: 'admin' } });
      // The clock put right and read again: the flag goes, and that is audited too.
      await lab.camera('Thân 1').skewClock(0);
      expect((await admin.call('devices.checkClock', { cameraId: added.id })).clockSkewed).toBe(false);
      expect((await admin.call('audit.list', { action: 'camera.clockFixed', limit: 10 })).entries).toHaveLength(1);
    } finally {
      await lab.camera('Thân 1').skewClock(0);
    }
  });
});

describe('bulk add', () => {
  it('adds many with one set of credentials, each row on its own, then marks them registered', async () => {
    const r = await admin.call('onboarding.bulkAdd', {
      username: dome.username,
      password: dome.password,
      pointId,
      devices: [
        { address: `127.0.0.1:${dome.onvifPort}`, name: 'Vòm Hàng Xanh', endpoint: domeEndpoint },
        { address: `127.0.0.1:${bullets[1]!.onvifPort}` },
        { address: `127.0.0.1:${bullets[0]!.onvifPort}` }, // added above
        { address: '127.0.0.1:1' }, // nothing listens
      ],
    });
    const [ok1, ok2, again, refused] = r.results;
    expect(ok1).toMatchObject({ ok: true, name: 'Vòm Hàng Xanh' });
    expect(ok2, JSON.stringify(ok2)).toMatchObject({ ok: true, name: `Watchfloor Sim WF-SIM-BULLET-2MP 127.0.0.1` });
    expect(again).toMatchObject({ ok: false, error: { code: 'camera_already_registered', params: { by: 'serial' } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'camera_unreachable' } });

    const tree = await admin.call('register.tree', {});
    const vom = tree.cameras.find((c) => c.id === ok1!.cameraId)!;
    expect(vom).toMatchObject({ ptz: true, onvifUrl: dome.onvif, rtspMain: dome.rtspMain });
    // Each row is in the audit trail under its own name.
    const rows = await admin.call('audit.list', { action: 'onboarding.bulkAddRow', limit: 10 });
    expect(rows.entries.map((e) => e.outcome).sort()).toEqual(['failed', 'failed', 'ok', 'ok']);

    // Discovery now says which are registered, and by what.
    // Without credentials the lab says no serial: the endpoint and the address still tell.
    const { jobId } = await admin.call('onboarding.discover', { probe: true, probeTarget: { address: '127.0.0.1', port: lab.discoveryPort! } });
    const job = await finished(jobId);
    const byName = new Map(job.devices.map((d) => [d.name, d.registered]));
    expect(byName.get('Vòm Hàng Xanh')).toMatchObject({ cameraId: ok1!.cameraId, by: 'endpoint' });
    expect(byName.get('Thân 2')).toMatchObject({ cameraId: ok2!.cameraId, by: 'address' });
    expect(byName.get('Thân 3')).toBeNull();
  });
});
