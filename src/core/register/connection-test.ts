// "Test connection" before a camera is saved: reach the stream with ffprobe and read its codec and
// resolution, or say why not in the words the UI translates (camera_auth_failed, …). Reuses the
// live relay's URL checks, so a source the relay would refuse is refused here too.
import { AppError, toErrorInfo } from '../../shared/errors';
import { probeMedia } from '../media/ffmpeg';
import { urlWithCredentials } from '../media/live/ffmpeg-args';

export interface ConnectionResult {
  ok: boolean;
  codec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  /** An error code (errors.<code> in the UI) when not ok. */
  error: string | null;
}

/** ffprobe's words for the usual failures (its stderr is in the error's cause). */
function reason(text: string): string {
  if (/401|unauthori[sz]ed|authori[sz]ation failed/i.test(text)) return 'camera_auth_failed';
  if (/404|not found|454|session not found/i.test(text)) return 'camera_stream_not_found';
  if (/timed? ?out|timeout/i.test(text)) return 'camera_timeout';
  if (/refused|unreachable|no route|name or service|resolve/i.test(text)) return 'camera_unreachable';
  return 'camera_bad_response';
}

export async function testConnection(
  source: { url: string; username: string | null; password: string | null; transport: 'tcp' | 'udp' },
  ffprobePath: string | null,
  timeoutMs = 10_000,
): Promise<ConnectionResult> {
  const fail = (error: string): ConnectionResult => ({ ok: false, codec: null, width: null, height: null, fps: null, error });
  if (!ffprobePath) return fail('ffmpeg_missing');
  let url: string;
  try {
    url = urlWithCredentials({
      url: source.url,
      transport: source.transport,
      ...(source.username ? { username: source.username } : {}),
      ...(source.password ? { password: source.password } : {}),
    });
  } catch (err) {
    return fail(toErrorInfo(err).code);
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const probed = await Promise.race([
      probeMedia(url, { ffprobePath, inputArgs: ['-rtsp_transport', source.transport, '-timeout', String((timeoutMs - 1000) * 1000)] }),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new AppError('camera_timeout')), timeoutMs))),
    ]);
    if (!probed.video) return fail('camera_stream_not_found');
    return { ok: true, codec: probed.video.codec, width: probed.video.width, height: probed.video.height, fps: probed.video.fps, error: null };
  } catch (err) {
    if (err instanceof AppError && err.code === 'camera_timeout') return fail('camera_timeout');
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    return fail(reason(cause));
  } finally {
    clearTimeout(timer);
  }
}
