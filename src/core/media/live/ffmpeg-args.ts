// The relay's ffmpeg command line, as an argument array (never a shell string: camera URLs and
// passwords may hold any character).
import { parseCameraUrl, type CameraUrlProblem } from '../../../shared/contract/camera-url';
import { AppError } from '../../../shared/errors';
import type { LiveSource } from './types';

export type RelayMode = 'copy' | 'transcode';

export interface RelayArgsOptions {
  source: LiveSource;
  mode: RelayMode;
  /** `timeout` on ffmpeg ≥ 5, `stimeout` before (see media/ffmpeg/capabilities.ts). */
  timeoutOption: 'timeout' | 'stimeout';
  /** RTSP socket I/O timeout. */
  socketTimeoutMs: number;
  /** Widest picture we send when transcoding. */
  maxWidth?: number;
  /**
   * The camera's codec is known beforehand (its ONVIF profile, or an earlier run): skip ffmpeg's
   * probing. Measured against the lab, the input is open in ~150–210 ms instead of ~380–440 ms.
   */
  codecKnown?: boolean;
}

/**
 * What ffmpeg may open for a source, whatever the URL says: `-protocol_whitelist` limits the
 * protocols it reaches (no `file`, `concat`, `subfile`, `http`, `data` …), `-format_whitelist` the
 * demuxers (no `concat`, `hls`, image sequences …). The sets are the smallest that work, measured
 * with ffmpeg 5.1 against the camera lab and gst-rtsp-server: RTSP interleaved over TCP opens only
 * `tcp`; over UDP the media arrive through `rtp` on `udp`; RTSP over TLS adds `tls`.
 * (An HTTP MJPEG camera would need `http,tcp` (+`https,tls`) and `mpjpeg,mjpeg`, checked by hand;
 * the register has no field for such URLs yet, so the relay takes RTSP only.)
 */
export function inputWhitelists(scheme: string, transport: 'tcp' | 'udp'): { protocols: string; formats: string } | null {
  const media = transport === 'udp' ? ',udp,rtp' : '';
  switch (scheme) {
    case 'rtsp':
      return { protocols: `tcp${media}`, formats: 'rtsp' };
    case 'rtsps':
      return { protocols: `tls,tcp${media}`, formats: 'rtsp' };
    default:
      return null;
  }
}

export type CheckedSource = { ok: true; url: string; scheme: string } | { ok: false; problem: CameraUrlProblem };

/**
 * The source checked once more right before spawn (a stored URL may predate the contract's checks),
 * and the URL ffmpeg gets: credentials put in with the URL setters, which percent-encode what must
 * be (e.g. '@', ':', '/'), so redact() still finds them. Never throws.
 */
export function checkSource(source: LiveSource): CheckedSource {
  const parsed = parseCameraUrl(source.url, 'stream');
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const { url, scheme } = parsed.value;
  const username = source.username ?? parsed.value.username ?? '';
  const password = source.password ?? parsed.value.password ?? '';
  if (!username && !password) return { ok: true, url, scheme };
  const u = new URL(url); // parsed above: cannot throw
  u.username = username;
  u.password = password;
  return { ok: true, url: u.toString(), scheme };
}

/** rtsp://host/x + user/password → rtsp://user:pass@host/x; a bad source is a typed bad_request. */
export function urlWithCredentials(source: LiveSource): string {
  const checked = checkSource(source);
  if (!checked.ok) throw new AppError('bad_request', { field: 'url', problem: checked.problem });
  return checked.url;
}

export function relayArgs(o: RelayArgsOptions): string[] {
  const url = urlWithCredentials(o.source);
  const guard = inputWhitelists(new URL(url).protocol.slice(0, -1), o.source.transport);
  if (!guard) throw new AppError('bad_request', { field: 'url', problem: 'url_scheme' });
  // Flag and value stay on one line: easier to read than prettier's one element per line.
  // prettier-ignore
  const input = [
    '-hide_banner',
    '-nostdin',
    // Info level prints the "Stream #0:0: Video: hevc ..." lines we read the codec and size from.
    '-loglevel', 'info',
    '-nostats',
    '-rtsp_transport', o.source.transport,
    '-protocol_whitelist', guard.protocols,
    '-format_whitelist', guard.formats,
    `-${o.timeoutOption}`, String(Math.round(o.socketTimeoutMs * 1000)),
    // Low delay: no input buffering, no B-frame reordering delay, a short probe. Measured against
    // gst-rtsp-server here, time to the input description: 0.5 s/500 kB probe ≈ 820 ms,
    // 0.1 s/100 kB ≈ 470 ms, 0/32 B ≈ 320 ms. 100 ms still sees the first frames' SPS for cameras
    // that leave sprop-parameter-sets out of the SDP.
    '-fflags', '+nobuffer+genpts+discardcorrupt',
    '-flags', 'low_delay',
    // With the codec known (copy mode) nothing needs probing: the SPS travels in the stream.
    ...(o.codecKnown && o.mode === 'copy' ? ['-analyzeduration', '0', '-probesize', '32'] : ['-analyzeduration', '100000', '-probesize', '100000']),
    '-i', url,
  ];
  // prettier-ignore
  const video =
    o.mode === 'copy'
      ? ['-c:v', 'copy']
      : [
          '-c:v', 'libx264',
          '-preset', 'veryfast',
          '-tune', 'zerolatency',
          '-bf', '0',
          '-pix_fmt', 'yuv420p',
          // Cap the width, keep the aspect ratio, keep the height even (4:2:0 needs it).
          '-vf', `scale='min(${o.maxWidth ?? 1280},iw)':-2`,
          // A keyframe every second whatever the camera's frame rate: joiners start fast.
          '-force_key_frames', 'expr:gte(t,n_forced*1)',
          '-crf', '23', '-maxrate', '3M', '-bufsize', '3M',
        ];
  // prettier-ignore
  return [
    ...input,
    '-map', '0:v:0',
    // Audio is dropped: the wall is silent, and re-encoding audio is a classic hidden CPU cost.
    '-an', '-sn', '-dn',
    ...video,
    '-f', 'mpegts',
    // Write each video PES's length (ffmpeg omits it by default). With it, mpegts.js hands a frame
    // on as soon as its last TS packet arrives instead of waiting for the next frame's start:
    // one frame interval (40 ms at 25 fps) less latency. Frames over 64 KiB still go without.
    '-omit_video_pes_length', '0',
    '-muxdelay', '0',
    '-muxpreload', '0',
    '-flush_packets', '1',
    'pipe:1',
  ];
}

/** Codecs the browser decodes from MPEG-TS via MSE: anything else is transcoded. */
export function modeForCodec(codec: string): RelayMode {
  return codec === 'h264' ? 'copy' : 'transcode';
}
