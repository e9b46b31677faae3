// ONVIF behaviour of the lab against raw SOAP and against node-onvif, a client we did not write.
import { connect } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab } from '../lab';
import { childPids, isAlive, soapCall, tcpOpen } from '../test-support';
import type { Lab, SimCameraInfo } from '../types';

const require = createRequire(import.meta.url);
// node-onvif is CommonJS without types.
const onvif = require('node-onvif') as {
  OnvifDevice: new (o: { xaddr: string; user: string; pass: string }) => {
    init(): Promise<unknown>;
    getInformation(): Record<string, string>;
    fetchSnapshot(): Promise<{ headers: Record<string, string>; body: Buffer }>;
    getProfileList(): { token: string; stream: { rtsp: string }; snapshot: string; video: { encoder: { resolution: { width: number } } } }[];
  };
};

const TDS = 'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"';
const TRT = 'xmlns:trt="http://www.onvif.org/ver10/media/wsdl"';
const TPTZ = 'xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"';
const TEV = 'xmlns:tev="http://www.onvif.org/ver10/events/wsdl"';

let lab: Lab;
let ptzCam: SimCameraInfo;
let fixedCam: SimCameraInfo;
const ptzUrl = () => ptzCam.onvif.replace('device_service', 'ptz_service');
const auth = () => ({ username: ptzCam.username, password: ptzCam.password });

beforeAll(async () => {
  // Looped cameras only: ONVIF does not need a live encoder, and the CPU goes to other suites.
  lab = await startLab({
    cameras: [
      { variant: 'ptz', live: false },
      { variant: 'fixed', live: false },
    ],
    discoveryPort: false,
  });
  [ptzCam, fixedCam] = lab.cameras as [SimCameraInfo, SimCameraInfo];
});

afterAll(async () => {
  const pids = lab.pids;
  await lab.dispose();
  for (const pid of pids) expect(isAlive(pid)).toBe(false);
  expect(childPids()).toEqual([]); // no snapshot ffmpeg left behind
});

const ptzPosition = async () => {
  const r = await soapCall(ptzUrl(), `<tptz:GetStatus ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken></tptz:GetStatus>`, auth());
  const m = /PanTilt x="([-\d.]+)" y="([-\d.]+)"[^>]*\/><tt:Zoom x="([-\d.]+)"/.exec(r.text);
  const moving = /<tt:MoveStatus><tt:PanTilt>(\w+)</.exec(r.text)?.[1];
  return { pan: Number(m?.[1]), tilt: Number(m?.[2]), zoom: Number(m?.[3]), moving };
};

describe('device service and auth', () => {
  it('answers the pre-auth set without a token and refuses the rest with ter:NotAuthorized', async () => {
    const time = await soapCall(ptzCam.onvif, `<tds:GetSystemDateAndTime ${TDS}/>`);
    expect(time.status).toBe(200);
    expect(time.text).toContain('<tt:UTCDateTime>');
    const caps = await soapCall(ptzCam.onvif, `<tds:GetCapabilities ${TDS}><tds:Category>All</tds:Category></tds:GetCapabilities>`);
    expect(caps.text).toContain('<tt:PTZ><tt:XAddr>');
    const info = await soapCall(ptzCam.onvif, `<tds:GetDeviceInformation ${TDS}/>`);
    expect(info.status).toBe(400);
    expect(info.text).toContain('SOAP-ENV:Sender');
    expect(info.text).toContain('ter:NotAuthorized');
    const wrong = await soapCall(ptzCam.onvif, `<tds:GetDeviceInformation ${TDS}/>`, { username: 'admin', password: 'nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('ter:NotAuthorized');
    const ok = await soapCall(ptzCam.onvif, `<tds:GetDeviceInformation ${TDS}/>`, auth());
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<tds:Model>WF-SIM-PTZ-2MP</tds:Model>');
  });

  it('answers scopes, services and network interfaces; a fixed camera has no PTZ service', async () => {
    const scopes = await soapCall(ptzCam.onvif, `<tds:GetScopes ${TDS}/>`, auth());
    expect(scopes.text).toContain('onvif://www.onvif.org/name/cam01');
    const net = await soapCall(ptzCam.onvif, `<tds:GetNetworkInterfaces ${TDS}/>`, auth());
    expect(net.text).toContain('<tt:Address>127.0.0.1</tt:Address>');
    const services = await soapCall(fixedCam.onvif, `<tds:GetServices ${TDS}><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>`);
    expect(services.text).toContain('ver10/media/wsdl');
    expect(services.text).not.toContain('ver20/ptz/wsdl</tds:Namespace>');
    const caps = await soapCall(fixedCam.onvif, `<tds:GetCapabilities ${TDS}/>`);
    expect(caps.text).not.toContain('<tt:PTZ>');
  });

  it('sends an exact-case Content-Length and no chunking (onvif-util needs it)', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const body = `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><tds:GetSystemDateAndTime ${TDS}/></s:Body></s:Envelope>`;
      const s = connect({ host: '127.0.0.1', port: ptzCam.onvifPort }, () =>
        s.write(
          `POST /onvif/device_service HTTP/1.1\r\nHost: x\r\nContent-Type: application/soap+xml\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        ),
      );
      let data = '';
      s.on('data', (c) => (data += c.toString()));
      s.on('end', () => resolve(data));
      s.on('error', reject);
    });
    const head = raw.split('\r\n\r\n')[0]!;
    expect(head).toMatch(/\r\nContent-Length: \d+/);
    expect(head).not.toMatch(/Transfer-Encoding/i);
    expect(head.length).toBeLessThan(1024);
  });

  it('accepts SOAP 1.1 envelopes and answers in 1.1', async () => {
    const r = await soapCall(ptzCam.onvif, `<tds:GetDeviceInformation ${TDS}/>`, { ...auth(), version: '1.1' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('http://schemas.xmlsoap.org/soap/envelope/');
  });
});

describe('node-onvif', () => {
  it('initialises against the lab and reads profiles, stream and snapshot URIs', async () => {
    const device = new onvif.OnvifDevice({ xaddr: ptzCam.onvif, user: ptzCam.username, pass: ptzCam.password });
    await device.init();
    expect(device.getInformation().Model).toBe('WF-SIM-PTZ-2MP');
    const profiles = device.getProfileList();
    expect(profiles.map((p) => p.token)).toEqual(['Profile_1', 'Profile_2']);
    expect(profiles[0]!.stream.rtsp).toBe(ptzCam.rtspMain);
    expect(profiles[1]!.stream.rtsp).toBe(ptzCam.rtspSub);
    expect(profiles[0]!.video.encoder.resolution.width).toBe(1280);
    expect(profiles[0]!.snapshot).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/onvif\/snapshot\/Profile_1$/);
  });

  it('fetches a snapshot through HTTP Digest auth', async () => {
    const device = new onvif.OnvifDevice({ xaddr: ptzCam.onvif, user: ptzCam.username, pass: ptzCam.password });
    await device.init();
    const shot = await device.fetchSnapshot();
    expect(shot.headers['content-type']).toBe('image/jpeg');
    expect(shot.body.subarray(0, 2).toString('hex')).toBe('ffd8');
  }, 20_000);

  it('fails with a wrong password', async () => {
    const device = new onvif.OnvifDevice({ xaddr: ptzCam.onvif, user: ptzCam.username, pass: 'wrong' });
    await expect(device.init()).rejects.toThrow();
  });

  it('still connects to a camera whose clock is off by an hour (it corrects by GetSystemDateAndTime)', async () => {
    await lab.camera('cam02').skewClock(3_600_000);
    try {
      // A client that ignores the camera clock is refused: Created is an hour away.
      const naive = await soapCall(fixedCam.onvif, `<tds:GetDeviceInformation ${TDS}/>`, { username: 'admin', password: fixedCam.password });
      expect(naive.status).toBe(400);
      expect(naive.text).toContain('ter:NotAuthorized');
      const corrected = await soapCall(fixedCam.onvif, `<tds:GetDeviceInformation ${TDS}/>`, {
        username: 'admin',
        password: fixedCam.password,
        nowMs: Date.now() + 3_600_000,
      });
      expect(corrected.status).toBe(200);
      const device = new onvif.OnvifDevice({ xaddr: fixedCam.onvif, user: fixedCam.username, pass: fixedCam.password });
      await device.init();
    } finally {
      await lab.camera('cam02').skewClock(0);
    }
  });
});

describe('media', () => {
  it('serves a real JPEG snapshot behind HTTP auth', async () => {
    const url = `http://127.0.0.1:${ptzCam.onvifPort}/onvif/snapshot/Profile_2`;
    expect((await fetch(url)).status).toBe(401);
    const basic = Buffer.from(`${ptzCam.username}:${ptzCam.password}`).toString('base64');
    const res = await fetch(url, { headers: { Authorization: `Basic ${basic}` } });
    expect(res.status).toBe(200);
    const jpeg = Buffer.from(await res.arrayBuffer());
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
  }, 20_000);

  it('refuses an unknown profile token with a Sender fault', async () => {
    const r = await soapCall(
      ptzCam.onvif.replace('device_service', 'media_service'),
      `<trt:GetStreamUri ${TRT}><trt:ProfileToken>nope</trt:ProfileToken></trt:GetStreamUri>`,
      auth(),
    );
    expect(r.status).toBe(400);
    expect(r.text).toContain('ter:InvalidArgVal');
  });
});

describe('PTZ', () => {
  it('moves while ContinuousMove runs and stops after Stop', async () => {
    await soapCall(ptzUrl(), `<tptz:Stop ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken></tptz:Stop>`, auth());
    const start = await ptzPosition();
    await soapCall(
      ptzUrl(),
      `<tptz:ContinuousMove ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:Velocity><tt:PanTilt x="0.5" y="-0.25"/><tt:Zoom x="0.2"/></tptz:Velocity></tptz:ContinuousMove>`,
      auth(),
    );
    await new Promise((r) => setTimeout(r, 400));
    const mid = await ptzPosition();
    expect(mid.moving).toBe('MOVING');
    expect(mid.pan).toBeGreaterThan(start.pan + 0.1);
    expect(mid.tilt).toBeLessThan(start.tilt - 0.05);
    await soapCall(
      ptzUrl(),
      `<tptz:Stop ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom></tptz:Stop>`,
      auth(),
    );
    const stopped = await ptzPosition();
    await new Promise((r) => setTimeout(r, 300));
    const later = await ptzPosition();
    expect(later.moving).toBe('IDLE');
    expect(later.pan).toBeCloseTo(stopped.pan, 3);
    expect(lab.camera('cam01').ptzState()!.pan).toBeCloseTo(stopped.pan, 3);
  });

  it('honours the ContinuousMove Timeout', async () => {
    await soapCall(
      ptzUrl(),
      `<tptz:AbsoluteMove ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:Position><tt:PanTilt x="0" y="0"/><tt:Zoom x="0"/></tptz:Position><tptz:Speed><tt:PanTilt x="100" y="100"/><tt:Zoom x="100"/></tptz:Speed></tptz:AbsoluteMove>`,
      auth(),
    );
    await new Promise((r) => setTimeout(r, 50));
    await soapCall(
      ptzUrl(),
      `<tptz:ContinuousMove ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:Velocity><tt:PanTilt x="-1" y="0"/></tptz:Velocity><tptz:Timeout>PT0.3S</tptz:Timeout></tptz:ContinuousMove>`,
      auth(),
    );
    await new Promise((r) => setTimeout(r, 600));
    const p = await ptzPosition();
    expect(p.moving).toBe('IDLE');
    expect(p.pan).toBeLessThan(-0.2);
    expect(p.pan).toBeGreaterThan(-0.45);
  });

  it('stores, lists, goes to and removes presets, and goes home', async () => {
    const abs = (x: number) =>
      soapCall(
        ptzUrl(),
        `<tptz:AbsoluteMove ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:Position><tt:PanTilt x="${x}" y="0.5"/><tt:Zoom x="0.5"/></tptz:Position><tptz:Speed><tt:PanTilt x="100" y="100"/><tt:Zoom x="100"/></tptz:Speed></tptz:AbsoluteMove>`,
        auth(),
      );
    await abs(0.7);
    await new Promise((r) => setTimeout(r, 100));
    const set = await soapCall(
      ptzUrl(),
      `<tptz:SetPreset ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:PresetName>gate</tptz:PresetName></tptz:SetPreset>`,
      auth(),
    );
    const token = /<tptz:PresetToken>([^<]+)</.exec(set.text)?.[1];
    expect(token).toBeTruthy();
    const list = await soapCall(ptzUrl(), `<tptz:GetPresets ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken></tptz:GetPresets>`, auth());
    expect(list.text).toContain('<tt:Name>gate</tt:Name>');
    await abs(-0.7);
    await new Promise((r) => setTimeout(r, 100));
    await soapCall(
      ptzUrl(),
      `<tptz:GotoPreset ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:PresetToken>${token}</tptz:PresetToken><tptz:Speed><tt:PanTilt x="100" y="100"/></tptz:Speed></tptz:GotoPreset>`,
      auth(),
    );
    await new Promise((r) => setTimeout(r, 100));
    expect((await ptzPosition()).pan).toBeCloseTo(0.7, 2);
    await soapCall(
      ptzUrl(),
      `<tptz:RelativeMove ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:Translation><tt:PanTilt x="-0.2" y="0"/></tptz:Translation></tptz:RelativeMove>`,
      auth(),
    );
    await new Promise((r) => setTimeout(r, 400));
    expect((await ptzPosition()).pan).toBeCloseTo(0.5, 2);
    await soapCall(
      ptzUrl(),
      `<tptz:GotoHomePosition ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:Speed><tt:PanTilt x="100" y="100"/><tt:Zoom x="100"/></tptz:Speed></tptz:GotoHomePosition>`,
      auth(),
    );
    await new Promise((r) => setTimeout(r, 100));
    const home = await ptzPosition();
    expect([home.pan, home.tilt, home.zoom]).toEqual([0, 0, 0]);
    const rm = await soapCall(
      ptzUrl(),
      `<tptz:RemovePreset ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:PresetToken>${token}</tptz:PresetToken></tptz:RemovePreset>`,
      auth(),
    );
    expect(rm.status).toBe(200);
    const again = await soapCall(
      ptzUrl(),
      `<tptz:GotoPreset ${TPTZ}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:PresetToken>${token}</tptz:PresetToken></tptz:GotoPreset>`,
      auth(),
    );
    expect(again.text).toContain('ter:NoToken');
  });

  it('answers GetNodes and GetConfigurations; a fixed camera refuses PTZ', async () => {
    expect((await soapCall(ptzUrl(), `<tptz:GetNodes ${TPTZ}/>`, auth())).text).toContain('<tt:MaximumNumberOfPresets>64');
    expect((await soapCall(ptzUrl(), `<tptz:GetConfigurations ${TPTZ}/>`, auth())).text).toContain('PositionGenericSpace');
    const fixed = await soapCall(fixedCam.onvif.replace('device_service', 'ptz_service'), `<tptz:GetNodes ${TPTZ}/>`, {
      username: 'admin',
      password: fixedCam.password,
    });
    expect(fixed.status).toBe(500);
    expect(fixed.text).toContain('ter:ActionNotSupported');
  });
});

describe('events', () => {
  it('delivers motion and tampering through a pull point, then unsubscribes', async () => {
    const evUrl = ptzCam.onvif.replace('device_service', 'event_service');
    const created = await soapCall(
      evUrl,
      `<tev:CreatePullPointSubscription ${TEV}><tev:InitialTerminationTime>PT60S</tev:InitialTerminationTime></tev:CreatePullPointSubscription>`,
      auth(),
    );
    const address = /<wsa:Address>([^<]+)</.exec(created.text)?.[1];
    expect(address).toMatch(/\/onvif\/subscription\/\d+$/);
    const pull = (timeout = 'PT1S') =>
      soapCall(
        address!,
        `<tev:PullMessages ${TEV}><tev:Timeout>${timeout}</tev:Timeout><tev:MessageLimit>10</tev:MessageLimit></tev:PullMessages>`,
        auth(),
      );
    const initial = await pull('PT0S');
    expect(initial.text).toContain('PropertyOperation="Initialized"');
    const waiting = pull('PT5S');
    setTimeout(() => lab.camera('cam01').raiseMotion(true), 200);
    const motion = await waiting;
    expect(motion.text).toContain('tns1:RuleEngine/CellMotionDetector/Motion');
    expect(motion.text).toContain('Name="IsMotion" Value="true"');
    const sync = await soapCall(address!, `<tev:SetSynchronizationPoint ${TEV}/>`, auth());
    expect(sync.status).toBe(200);
    expect((await pull('PT0S')).text).toContain('PropertyOperation="Initialized"');
    lab.camera('cam01').raiseTampering(true);
    const tamper = await pull();
    expect(tamper.text).toContain('tns1:VideoSource/GlobalSceneChange/ImagingService');
    const unsub = await soapCall(address!, '<wsnt:Unsubscribe xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"/>', auth());
    expect(unsub.status).toBe(200);
    expect((await pull('PT0S')).status).toBe(400);
  });
});

describe('faults', () => {
  it('answers slowly when told to', async () => {
    lab.camera('cam02').slowSoap(1.2);
    try {
      const t0 = Date.now();
      await soapCall(fixedCam.onvif, `<tds:GetSystemDateAndTime ${TDS}/>`);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1150);
    } finally {
      lab.camera('cam02').slowSoap(0);
    }
  });

  it('sends really malformed XML when told to', async () => {
    lab.camera('cam02').malformedXml(true);
    try {
      const r = await soapCall(fixedCam.onvif, `<tds:GetSystemDateAndTime ${TDS}/>`);
      expect(r.text.startsWith('<?xml')).toBe(true);
      expect(r.text).not.toContain('</SOAP-ENV:Envelope>');
      expect(r.text.trimEnd().endsWith('attr="')).toBe(true);
      expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.text));
    } finally {
      lab.camera('cam02').malformedXml(false);
    }
    expect((await soapCall(fixedCam.onvif, `<tds:GetSystemDateAndTime ${TDS}/>`)).text).toContain('</SOAP-ENV:Envelope>');
  });

  it('reboots on SystemReboot after answering (last: cam02 stays down for a while)', async () => {
    const r = await soapCall(fixedCam.onvif, `<tds:SystemReboot ${TDS}/>`, { username: 'admin', password: fixedCam.password });
    expect(r.status).toBe(200);
    expect(r.text).toContain('SystemRebootResponse');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await tcpOpen('127.0.0.1', fixedCam.onvifPort)).toBe(false);
  });
});
