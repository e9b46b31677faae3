// Stream metadata through ffprobe. This is the only place fluent-ffmpeg is used (it was archived in
// May 2025; the product owner picked it), so swapping it for a plain spawn touches nothing else.
import ffmpeg from 'fluent-ffmpeg';
import { AppError } from '../../../shared/errors';
import { redact } from '../../log/logger';

export interface ProbedVideo {
  codec: string;
  width: number;
  height: number;
  fps: number | null;
  profile: string | null;
}

export interface ProbeResult {
  video: ProbedVideo | null;
  audioCodec: string | null;
  durationSec: number | null;
}

export interface ProbeOptions {
  ffprobePath: string;
  /** Extra ffprobe arguments placed before the input, e.g. ['-rtsp_transport', 'tcp']. */
  inputArgs?: string[];
}

function rate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const [n, d] = text.split('/').map(Number);
  if (!n || !d) return null;
  return Math.round((n / d) * 100) / 100;
}

/** Probes a file or URL. No shell is involved; the input is passed as one argv element. */
export function probeMedia(input: string, options: ProbeOptions): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const cmd = ffmpeg().setFfprobePath(options.ffprobePath);
    cmd.input(input);
    cmd.ffprobe(0, options.inputArgs ?? [], (err, data) => {
      if (err) {
        reject(new AppError('camera_bad_response', { input: redact(input) }, { cause: err }));
        return;
      }
      const v = data.streams.find((s) => s.codec_type === 'video');
      const a = data.streams.find((s) => s.codec_type === 'audio');
      const duration = Number(data.format.duration);
      resolve({
        video: v
          ? {
              codec: String(v.codec_name ?? 'unknown'),
              width: Number(v.width ?? 0),
              height: Number(v.height ?? 0),
              fps: rate(v.avg_frame_rate) ?? rate(v.r_frame_rate),
              profile: v.profile != null ? String(v.profile) : null,
            }
          : null,
        audioCodec: a ? String(a.codec_name ?? 'unknown') : null,
        durationSec: Number.isFinite(duration) ? duration : null,
      });
    });
  });
}
