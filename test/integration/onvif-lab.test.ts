// The ONVIF library (src/core/onvif) against the camera lab's real ONVIF server: connect, wrong
// password, skewed clock, silent device, PTZ moves and presets, pull-point events, range scan.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCamera, type OnvifCamera } from '../../src/core/onvif/camera';
import { OnvifClient } from '../../src/core/onvif/client';
import { getDeviceInformation } from '../../src/core/onvif/device';
import { isOnvifError, type OnvifError } from '../../src/core/onvif/errors';
import { scanRange, type ScanProgress } from '../../src/core/onvif/scan';
import { startLab, type Lab } from '../../src/sim/lab';
import { childPids, isAlive } from '../../src/sim/test-support';
import type { SimCameraInfo } from '../../src/sim/types';

let lab: Lab;
let ptzCam: SimCameraInfo;
let fixedCam: SimCameraInfo;
let cam: OnvifCamera;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const creds = (c: SimCameraInfo) => ({ address: c.onvif, username: c.username, password: c.password });

async function caught(p: Promise<unknown>): Promise<OnvifError> {
  try {
    await p;
  } catch (err) {
    if (isOnvifError(err)) return err;
    throw err;
  }
  throw new Error('expected an OnvifError');
}

beforeAll(async () => {
  // Looped cameras: ONVIF needs no live encoder (the CPU goes to other suites).
  lab = await startLab({
    cameras: [
      { name: 'dome', variant: 'ptz', live: false },
      { name: 'bullet', variant: 'fixed', live: false },
    ],
    discoveryPort: false,
  });
  [ptzCam, fixedCam] = lab.cameras as [SimCameraInfo, SimCameraInfo];
  cam = await connectCamera(creds(ptzCam));
});

afterAll(async () => {
  const pids = lab?.pids ?? [];
  await lab?.dispose();
  for (const pid of pids) expect(isAlive(pid)).toBe(false);
  expect(childPids()).toEqual([]); // no snapshot ffmpeg or GStreamer left
});

describe('connect', () => {
  it('reads identity, clock, profiles, streams, snapshot URI and PTZ capability', () => {
    const d = cam.description;
    expect(d.info).toMatchObject({ manufacturer: 'Watchfloor Sim', model: 'WF-SIM-PTZ-2MP', serial: ptzCam.serialNumber, firmware: 'V5.7.3 build 230101' });
    expect(d.info.mac).toMatch(/^02:57(:[0-9a-f]{2}){4}$/);
    expect(Math.abs(d.clockOffsetMs)).toBeLessThan(1500);
    expect(d.clockMeasured).toBe(true);
    expect(d.profiles.map((p) => p.token)).toEqual(['Profile_1', 'Profile_2']);
    expect(d.streams.main).toMatchObject({ profileToken: 'Profile_1', uri: ptzCam.rtspMain, width: 1280, height: 720, encoding: 'H264' });
    expect(d.streams.sub).toMatchObject({ profileToken: 'Profile_2', uri: ptzCam.rtspSub, width: 640 });
    expect(d.snapshotUri).toMatch(/\/onvif\/snapshot\/Profile_1$/);
    expect(d.ptz).toMatchObject({ profileToken: 'Profile_1', configurationToken: 'PTZConfig_1' });
    expect(d.ptz!.node).toMatchObject({ token: 'PTZNode_1', maxPresets: 64, homeSupported: true, absolutePanTilt: { x: [-1, 1], y: [-1, 1] }, absoluteZoom: [0, 1] });
    expect(d.services.some((s) => s.name === 'ptz')).toBe(true);
  });

  it('reports a camera without PTZ as such', async () => {
    const fixed = await connectCamera(creds(fixedCam));
    expect(fixed.description.ptz).toBeNull();
    const err = await caught(fixed.continuousMove({ pan: 0.5 }));
    expect(err.code).toBe('onvif_not_supported');
    expect(err.params.feature).toBe('PTZ');
  });

  it('says camera_auth_failed for a wrong password (after re-reading the clock)', async () => {
    const err = await caught(connectCamera({ ...creds(ptzCam), password: 'not-the-password' }));
    expect(err.code).toBe('camera_auth_failed');
    expect(err.extra.fault?.subcodes).toContain('NotAuthorized');
    expect(JSON.stringify(err.params)).not.toContain('not-the-password');
  });

  it('works with a camera clock an hour off and reports the offset', async () => {
    await lab.camera('bullet').skewClock(3_600_000);
    try {
      const skewed = await connectCamera(creds(fixedCam));
      expect(skewed.description.clockOffsetMs).toBeGreaterThan(3_600_000 - 1500);
      expect(skewed.description.clockOffsetMs).toBeLessThan(3_600_000 + 1500);
      // A client that trusted its own clock is corrected after the first NotAuthorized.
      const naive = new OnvifClient({ deviceUrl: fixedCam.onvif, username: fixedCam.username, password: fixedCam.password });
      expect((await getDeviceInformation(naive)).model).toBe('WF-SIM-BULLET-2MP');
      expect(naive.clockOffsetMs).toBeGreaterThan(3_600_000 - 1500);
    } finally {
      await lab.camera('bullet').skewClock(0);
    }
  });

  it('times out within 5 s on a camera that does not answer', async () => {
    lab.camera('bullet').slowSoap(8);
    try {
      const t0 = Date.now();
      const err = await caught(connectCamera(creds(fixedCam)));
      expect(err.code).toBe('camera_timeout');
      expect(Date.now() - t0).toBeLessThan(5400);
    } finally {
      lab.camera('bullet').slowSoap(0);
    }
  }, 15_000);

  it('times out on a TCP port that accepts and says nothing, and reports a refused port as unreachable', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as AddressInfo).port;
    try {
      const err = await caught(connectCamera({ address: `127.0.0.1:${port}`, username: 'admin', password: 'x', timeoutMs: 800 }));
      expect(err.code).toBe('camera_timeout');
      expect(err.params.address).toBe(`127.0.0.1:${port}`);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => silent.close(r));
    }
    const refused = await caught(connectCamera({ address: `127.0.0.1:${port}`, username: 'admin', password: 'x' }));
    expect(refused.code).toBe('camera_unreachable');
  });

  it('rejects a cut-off answer as camera_bad_response', async () => {
    lab.camera('bullet').malformedXml(true);
    try {
      const err = await caught(connectCamera(creds(fixedCam)));
      expect(err.code).toBe('camera_bad_response');
      expect(err.params.reason).toBe('malformed');
    } finally {
      lab.camera('bullet').malformedXml(false);
    }
  });
});

describe('PTZ', () => {
  it('ContinuousMove moves, Stop stops (GetStatus)', async () => {
    await cam.absoluteMove({ pan: 0, tilt: 0, zoom: 0 }, { pan: 100, tilt: 100, zoom: 100 });
    await sleep(50);
    await cam.continuousMove({ pan: 0.5, tilt: -0.25, zoom: 0.2 });
    await sleep(300);
    const mid = await cam.getStatus();
    expect(mid.panTiltMoving).toBe(true);
    expect(mid.pan!).toBeGreaterThan(0.08);
    expect(mid.tilt!).toBeLessThan(-0.04);
    await cam.stop();
    const stopped = await cam.getStatus();
    await sleep(200);
    const later = await cam.getStatus();
    expect(later.panTiltMoving).toBe(false);
    expect(later.moveStatus.panTilt).toBe('IDLE');
    expect(later.pan!).toBeCloseTo(stopped.pan!, 3);
  });

  it('RelativeMove and AbsoluteMove reach their targets; MOVING while under way', async () => {
    await cam.absoluteMove({ pan: 0.2, tilt: 0.1, zoom: 0.3 }, { pan: 100, tilt: 100, zoom: 100 });
    await sleep(60);
    expect(await cam.getStatus()).toMatchObject({ pan: 0.2, tilt: 0.1, zoom: 0.3, panTiltMoving: false });
    await cam.relativeMove({ pan: 0.3, tilt: -0.2 });
    const underWay = await cam.getStatus();
    expect(underWay.panTiltMoving).toBe(true);
    await sleep(500);
    const s = await cam.getStatus();
    expect(s.pan!).toBeCloseTo(0.5, 3);
    expect(s.tilt!).toBeCloseTo(-0.1, 3);
  });

  it('sets, lists, goes to and removes presets; home round trip', async () => {
    await cam.absoluteMove({ pan: 0.7, tilt: 0.5, zoom: 0.5 }, { pan: 100, tilt: 100, zoom: 100 });
    await sleep(60);
    const token = await cam.setPreset('Cổng chính');
    expect(token).toBeTruthy();
    const listed = await cam.getPresets();
    expect(listed.find((p) => p.token === token)).toMatchObject({ name: 'Cổng chính', position: { pan: 0.7, tilt: 0.5, zoom: 0.5 } });
    await cam.absoluteMove({ pan: -0.7 }, { pan: 100, tilt: 100 });
    await sleep(60);
    await cam.gotoPreset(token, { pan: 100, tilt: 100, zoom: 100 });
    await sleep(60);
    expect((await cam.getStatus()).pan).toBeCloseTo(0.7, 3);
    await cam.setHomePosition();
    await cam.absoluteMove({ pan: 0 }, { pan: 100 });
    await sleep(60);
    await cam.gotoHomePosition({ pan: 100, tilt: 100, zoom: 100 });
    await sleep(60);
    expect((await cam.getStatus()).pan).toBeCloseTo(0.7, 3);
    await cam.removePreset(token);
    expect((await cam.getPresets()).some((p) => p.token === token)).toBe(false);
    const err = await caught(cam.gotoPreset(token));
    expect(err.extra.fault?.subcodes).toContain('NoToken');
  });

  it('detects a head that ignores Stop: GetStatus still MOVING', async () => {
    lab.camera('dome').ptzIgnoresStop(true);
    try {
      await cam.continuousMove({ pan: -0.2 }, 5000);
      await cam.stop();
      await sleep(150);
      expect((await cam.getStatus()).panTiltMoving).toBe(true);
    } finally {
      lab.camera('dome').ptzIgnoresStop(false);
      await cam.stop();
    }
    expect((await cam.getStatus()).panTiltMoving).toBe(false);
  });

  it('reads ranges from GetNodes', async () => {
    const [node] = await cam.getNodes();
    expect(node).toMatchObject({ continuousPanTilt: { x: [-1, 1] }, continuousZoom: [-1, 1], panTiltSpeed: [0, 1] });
  });
});

describe('events', () => {
  it('creates a pull point, gets Initialized state then a motion event, resyncs, renews, unsubscribes', async () => {
    const sub = await cam.createPullPointSubscription(60_000);
    expect(sub.address).toMatch(/\/onvif\/subscription\/\d+$/);
    try {
      const first = await sub.pull(0, 10);
      expect(first.events.length).toBeGreaterThan(0);
      expect(first.events.every((e) => e.operation === 'Initialized')).toBe(true);
      setTimeout(() => lab.camera('dome').raiseMotion(true), 200);
      const next = await sub.pull(3000, 10);
      const motion = next.events.find((e) => e.topic.endsWith('RuleEngine/CellMotionDetector/Motion'));
      expect(motion).toMatchObject({ operation: 'Changed', data: { IsMotion: 'true' } });
      await sub.setSynchronizationPoint();
      expect((await sub.pull(0, 10)).events.some((e) => e.operation === 'Initialized')).toBe(true);
      await sub.renew(30_000);
    } finally {
      await sub.unsubscribe();
    }
    const gone = await caught(sub.pull(0));
    expect(gone.code).toBe('camera_bad_response');
  });
});

describe('range scan over 127.0.0.1-127.0.0.254', () => {
  it('finds the lab cameras and nothing else, with progress', async () => {
    const progress: ScanProgress[] = [];
    const ports = [ptzCam.onvifPort, fixedCam.onvifPort];
    const r = await scanRange({ range: { from: '127.0.0.1', to: '127.0.0.254' }, ports, concurrency: 32, timeoutMs: 1000, onProgress: (p) => progress.push(p) });
    expect(r.total).toBe(254 * 2);
    expect(r.done).toBe(r.total);
    expect(r.cancelled).toBe(false);
    expect(r.devices.map((d) => d.address).sort()).toEqual([`127.0.0.1:${ptzCam.onvifPort}`, `127.0.0.1:${fixedCam.onvifPort}`].sort());
    // The lab refuses GetDeviceInformation without credentials: found, but without a model.
    expect(r.devices.every((d) => !d.authenticated)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: r.total, found: 2, etaMs: 0 });
    expect(progress.some((p) => p.etaMs !== null && p.etaMs > 0)).toBe(true);
  }, 60_000);

  it('fills make and model with credentials, and stops when cancelled', async () => {
    const ac = new AbortController();
    const withCreds = await scanRange({
      range: { from: '127.0.0.1', to: '127.0.0.1' },
      ports: [ptzCam.onvifPort],
      credentials: { username: ptzCam.username, password: ptzCam.password },
    });
    expect(withCreds.devices[0]).toMatchObject({ model: 'WF-SIM-PTZ-2MP', manufacturer: 'Watchfloor Sim', authenticated: true, serial: ptzCam.serialNumber });
    expect(withCreds.devices[0]!.mac).toMatch(/^02:57/);
    const r = await scanRange({
      range: { from: '127.0.0.1', to: '127.0.0.254' },
      ports: [ptzCam.onvifPort, fixedCam.onvifPort, 1],
      concurrency: 4,
      signal: ac.signal,
      onProgress: (p) => p.done >= 40 && ac.abort(),
    });
    expect(r.cancelled).toBe(true);
    expect(r.done).toBeLessThan(r.total);
  }, 60_000);
});
