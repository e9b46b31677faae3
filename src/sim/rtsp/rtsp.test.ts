// The lab's RTSP side checked with ffprobe/ffmpeg (clients we did not write): codecs, sizes and
// frame rates over TCP and UDP with Digest auth, the latency stamp, and the stream faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab } from '../lab';
import { decodeStamp } from '../stamp';
import { childPids, ffprobe, hasTool, isAlive, run, soapCall, tcpOpen } from '../test-support';
import type { Lab, SimCameraInfo } from '../types';

const missing = ['ffprobe', 'ffmpeg'].filter((t) => !hasTool(t));
if (missing.length) console.warn(`SKIPPED rtsp tests: ${missing.join(', ')} not installed (Debian package ffmpeg)`);

let lab: Lab;
let live: SimCameraInfo, h265: SimCameraInfo, mjpeg: SimCameraInfo, dead: SimCameraInfo;
const probe = (c: SimCameraInfo, url: string, t: 'tcp' | 'udp') => ffprobe(url, t, c.username, c.password);

/** Grabs `frames` decoded RGBA frames from a stream with ffmpeg. */
async function grabRgba(c: SimCameraInfo, url: string, width: number, height: number, frames: number): Promise<Uint8ClampedArray[]> {
  const u = new URL(url);
  u.username = c.username;
  u.password = c.password;
  const r = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-rtsp_transport',
      'tcp',
      '-fflags',
      'nobuffer',
      '-flags',
      'low_delay',
      '-i',
      u.href,
      '-frames:v',
      String(frames),
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ],
    { timeoutMs: 20_000 },
  );
  const size = width * height * 4;
  const out: Uint8ClampedArray[] = [];
  for (let off = 0; off + size <= r.stdout.length; off += size) out.push(new Uint8ClampedArray(r.stdout.subarray(off, off + size)));
  return out;
}

describe.skipIf(missing.length > 0)('RTSP streams', () => {
  beforeAll(async () => {
    lab = await startLab({
      cameras: [{ variant: 'ptz', live: true }, { variant: 'h265' }, { variant: 'mjpeg' }, { variant: 'dead' }],
      discoveryPort: false,
    });
    [live, h265, mjpeg, dead] = lab.cameras as [SimCameraInfo, SimCameraInfo, SimCameraInfo, SimCameraInfo];
  }, 120_000);

  afterAll(async () => {
    const pids = lab.pids;
    await lab.dispose();
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(childPids()).toEqual([]);
  });

  it('serves H.264 720p25 main and 360p25 sub over TCP and UDP with Digest auth', async () => {
    const [mainTcp, subUdp] = await Promise.all([probe(live, live.rtspMain, 'tcp'), probe(live, live.rtspSub, 'udp')]);
    expect(mainTcp).toMatchObject({ codec_name: 'h264', width: 1280, height: 720, r_frame_rate: '25/1' });
    expect(subUdp).toMatchObject({ codec_name: 'h264', width: 640, height: 360, r_frame_rate: '25/1' });
    const [mainUdp, subTcp] = await Promise.all([probe(live, live.rtspMain, 'udp'), probe(live, live.rtspSub, 'tcp')]);
    expect(mainUdp).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
    expect(subTcp).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    await expect(ffprobe(live.rtspMain, 'tcp', live.username, 'wrong')).rejects.toThrow(/401|Unauthorized/);
  }, 60_000);

  it('serves H.265 Main and MJPEG cameras', async () => {
    const [hMain, hSub, jMain] = await Promise.all([
      probe(h265, h265.rtspMain, 'tcp'),
      probe(h265, h265.rtspSub, 'udp'),
      probe(mjpeg, mjpeg.rtspMain, 'tcp'),
    ]);
    expect(hMain).toMatchObject({ codec_name: 'hevc', width: 1280, height: 720, profile: 'Main' });
    expect(hSub).toMatchObject({ codec_name: 'hevc', width: 640, height: 360 });
    expect(jMain).toMatchObject({ codec_name: 'mjpeg', width: 640, height: 360 });
  }, 60_000);

  it('stamps the live picture with the capture time, readable from decoded frames', async () => {
    for (const [url, w, h] of [
      [live.rtspMain, 1280, 720],
      [live.rtspSub, 640, 360],
    ] as const) {
      const before = Date.now();
      const frames = await grabRgba(live, url, w, h, 10);
      const after = Date.now();
      expect(frames.length).toBe(10);
      const stamps = frames.map((f) => decodeStamp(f, w, h));
      expect(stamps.every((s) => s !== null)).toBe(true);
      for (const s of stamps) {
        expect(s!).toBeGreaterThan(before - 10_000);
        expect(s!).toBeLessThanOrEqual(after);
      }
      // 25 fps: consecutive frames are ~40 ms apart (the stamp moves with the picture).
      const steps = stamps.slice(1).map((s, i) => s! - stamps[i]!);
      expect(steps.every((d) => d > 0 && d < 200)).toBe(true);
      // Glass to glass through ffmpeg (a loose bound: this machine runs other suites meanwhile).
      const latency = after - stamps[stamps.length - 1]!;
      console.log(`stamp latency ${w}x${h}: last frame ${latency} ms after capture`);
      expect(latency).toBeLessThan(2000);
      // A frame without the strip decodes to null rather than to garbage.
      expect(decodeStamp(new Uint8ClampedArray(w * h * 4).fill(128), w, h)).toBeNull();
    }
  }, 60_000);

  it('stops and restarts a stream', async () => {
    const cam = lab.camera(live.name);
    await cam.stopStream();
    await expect(probe(live, live.rtspMain, 'tcp')).rejects.toThrow(/404|Not Found/);
    await cam.startStream();
    expect((await probe(live, live.rtspMain, 'tcp')).codec_name).toBe('h264');
  }, 60_000);

  it('refuses RTSP auth while told to', async () => {
    const cam = lab.camera(h265.name);
    await cam.refuseRtspAuth(true);
    await expect(probe(h265, h265.rtspSub, 'tcp')).rejects.toThrow(/401|Unauthorized/);
    await cam.refuseRtspAuth(false);
    expect((await probe(h265, h265.rtspSub, 'tcp')).codec_name).toBe('hevc');
  }, 60_000);

  it('reboots: RTSP and ONVIF ports refuse, then come back on the same ports', async () => {
    const cam = lab.camera(mjpeg.name);
    const rebooted = cam.reboot(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await tcpOpen('127.0.0.1', mjpeg.rtspPort)).toBe(false);
    expect(await tcpOpen('127.0.0.1', mjpeg.onvifPort)).toBe(false);
    await rebooted;
    expect(await tcpOpen('127.0.0.1', mjpeg.onvifPort)).toBe(true);
    const time = await soapCall(mjpeg.onvif, '<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>');
    expect(time.status).toBe(200);
    expect((await probe(mjpeg, mjpeg.rtspMain, 'tcp')).codec_name).toBe('mjpeg');
  }, 60_000);

  it('keeps a dead camera ONVIF-alive with its RTSP port closed', async () => {
    expect(await tcpOpen('127.0.0.1', dead.rtspPort)).toBe(false);
    const r = await soapCall(
      dead.onvif.replace('device_service', 'media_service'),
      '<GetStreamUri xmlns="http://www.onvif.org/ver10/media/wsdl"><ProfileToken>Profile_1</ProfileToken></GetStreamUri>',
      { username: dead.username, password: dead.password },
    );
    expect(r.text).toContain(dead.rtspMain);
  });
});
