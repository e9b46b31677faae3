import { spawn } from 'node:child_process';
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
/** codec, size and frame rate as ffprobe reports them (r_frame_rate as a number). */
async function probe(c: SimCameraInfo, url: string, t: 'tcp' | 'udp') {
  const s = await ffprobe(url, t, c.username, c.password);
  const [n, d] = s.r_frame_rate.split('/').map(Number) as [number, number];
  return { codec: s.codec_name, width: s.width, height: s.height, fps: Math.round((n / (d || 1)) * 10) / 10, profile: s.profile };
}

interface GrabbedFrame {
  rgba: Uint8ClampedArray;
  /** Date.now() when the whole frame had arrived from ffmpeg's pipe. */
  arrivedAt: number;
}

/** Grabs `frames` decoded frames (RGBA, stamp rows only) with ffmpeg, timing each one's arrival. */
function grabRgba(c: SimCameraInfo, url: string, width: number, height: number, frames: number): Promise<GrabbedFrame[]> {
  const u = new URL(url);
  u.username = c.username;
  u.password = c.password;
  const args = ['-v', 'error', '-rtsp_transport', 'tcp', '-fflags', 'nobuffer', '-flags', 'low_delay', '-i', u.href];
  // One output frame per decoded frame: no duplicates or drops to fake a constant rate.
  // Only the top 3 grid rows (the stamp lives in row 1) leave ffmpeg: converting and piping
  // whole 720p RGBA frames fell behind on a busy machine and measured the reader, not the lab.
  const stripHeight = (height / 45) * 3;
  args.push('-frames:v', String(frames), '-fps_mode', 'passthrough', '-vf', `crop=${width}:${stripHeight}:0:0`);
  args.push('-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1');
  const size = width * stripHeight * 4;
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const out: GrabbedFrame[] = [];
    // Chunks are kept in a list and joined once per frame: re-concatenating a 3.7 MB frame
    // for every 64 KiB chunk made this reader fall behind and inflated the latency.
    let chunks: Buffer[] = [];
    let have = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      have += chunk.length;
      while (have >= size) {
        const all = Buffer.concat(chunks, have);
        // decodeStamp takes a whole frame: the strip goes on top of an otherwise grey one.
        const rgba = new Uint8ClampedArray(width * height * 4).fill(128);
        rgba.set(all.subarray(0, size));
        out.push({ rgba, arrivedAt: Date.now() });
        chunks = [all.subarray(size)];
        have -= size;
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      if (out.length === 0) console.warn(`grabRgba: no frame from ${url}: ${stderr.trim()}`);
      resolve(out);
    });
  });
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
    expect(mainTcp).toMatchObject({ codec: 'h264', width: 1280, height: 720, fps: 25 });
    expect(subUdp).toMatchObject({ codec: 'h264', width: 640, height: 360, fps: 25 });
    const [mainUdp, subTcp] = await Promise.all([probe(live, live.rtspMain, 'udp'), probe(live, live.rtspSub, 'tcp')]);
    expect(mainUdp).toMatchObject({ codec: 'h264', width: 1280, height: 720, fps: 25 });
    expect(subTcp).toMatchObject({ codec: 'h264', width: 640, height: 360, fps: 25 });
    await expect(ffprobe(live.rtspMain, 'tcp', live.username, 'wrong')).rejects.toThrow(/401|Unauthorized/);
  }, 60_000);

  it('serves H.265 Main and MJPEG cameras', async () => {
    const [hMain, hSub, jMain] = await Promise.all([
      probe(h265, h265.rtspMain, 'tcp'),
      probe(h265, h265.rtspSub, 'udp'),
      probe(mjpeg, mjpeg.rtspMain, 'tcp'),
    ]);
    expect(hMain).toMatchObject({ codec: 'hevc', width: 1280, height: 720, fps: 25, profile: 'Main' });
    expect(hSub).toMatchObject({ codec: 'hevc', width: 640, height: 360, fps: 25 });
    expect(jMain).toMatchObject({ codec: 'mjpeg', width: 640, height: 360, fps: 25 });
  }, 60_000);

  it('stamps the live picture with the capture time, readable from decoded frames', async () => {
    for (const [url, w, h] of [
      [live.rtspMain, 1280, 720],
      [live.rtspSub, 640, 360],
    ] as const) {
      const before = Date.now();
      // Seen once in CI on a loaded machine: the live media's first client got nothing at all
      // (stderr is printed). One more try, since a start-up hiccup is not what this test checks.
      let frames = await grabRgba(live, url, w, h, 50);
      if (frames.length === 0) frames = await grabRgba(live, url, w, h, 50);
      expect(frames.length).toBe(50);
      const stamps = frames.map((f) => decodeStamp(f.rgba, w, h));
      expect(stamps.every((s) => s !== null)).toBe(true);
      for (const s of stamps) {
        expect(s!).toBeGreaterThan(before - 10_000);
        expect(s!).toBeLessThanOrEqual(Date.now());
      }
      // 25 fps: consecutive frames are ~40 ms apart (the stamp moves with the picture).
      const steps = stamps.slice(1).map((s, i) => s! - stamps[i]!);
      // (loose upper bound: under load the live source may skip a slot, never repeat one)
      expect(steps.filter((d) => !(d > 0 && d < 1000))).toEqual([]);
      // Glass to glass through ffmpeg, after the start-up burst (loose bound: other suites run
      // on this machine at the same time).
      const latencies = frames.slice(25).map((f, i) => f.arrivedAt - stamps[25 + i]!);
      const p50 = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)]!;
      console.log(`stamp latency ${w}x${h}: p50 ${p50} ms (capture to decoded frame in this process)`);
      expect(p50).toBeLessThan(1500);
      // A frame without the strip decodes to null rather than to garbage.
      expect(decodeStamp(new Uint8ClampedArray(w * h * 4).fill(128), w, h)).toBeNull();
    }
  }, 60_000);

  it('stops and restarts a stream', async () => {
    const cam = lab.camera(live.name);
    await cam.stopStream();
    await expect(probe(live, live.rtspMain, 'tcp')).rejects.toThrow(/404|Not Found/);
    await cam.startStream();
    expect((await probe(live, live.rtspMain, 'tcp')).codec).toBe('h264');
  }, 60_000);

  it('refuses RTSP auth while told to', async () => {
    const cam = lab.camera(h265.name);
    await cam.refuseRtspAuth(true);
    await expect(probe(h265, h265.rtspSub, 'tcp')).rejects.toThrow(/401|Unauthorized/);
    await cam.refuseRtspAuth(false);
    expect((await probe(h265, h265.rtspSub, 'tcp')).codec).toBe('hevc');
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
    expect((await probe(mjpeg, mjpeg.rtspMain, 'tcp')).codec).toBe('mjpeg');
  }, 60_000);

  it('does not restart a shared looped stream when a second client joins', async () => {
    // gst-rtsp-server seeks a seekable shared media back to 0 on a new PLAY; the lab's media
    // are not seekable, so the first client's timestamps must run on undisturbed.
    const u = new URL(h265.rtspMain);
    u.username = h265.username;
    u.password = h265.password;
    const args = ['-v', 'error', '-rtsp_transport', 'tcp', '-i', u.href];
    const first = run('ffmpeg', [...args, '-t', '5', '-c', 'copy', '-f', 'framemd5', 'pipe:1'], { timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 1500));
    await run('ffmpeg', [...args, '-t', '1', '-c', 'copy', '-f', 'null', '-'], { timeoutMs: 20_000 });
    const pts = (await first).stdout
      .toString()
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => Number(l.split(',')[2]));
    expect(pts.length).toBeGreaterThan(100);
    const steps = pts.slice(1).map((p, i) => p - pts[i]!);
    expect(steps.filter((d) => d < 0 || d > 18_000)).toEqual([]); // 90 kHz: no jump back, no gap > 200 ms
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
