// What the located ffmpeg understands. The one difference that matters today: the RTSP socket
// timeout is `-timeout` (µs) since ffmpeg 5 but `-stimeout` before, where `-timeout` means
// "listen for an incoming connection" — passing it to an old ffmpeg turns the client into a server.
import { execFile } from 'node:child_process';

export interface FfmpegCapabilities {
  /** Option name for the RTSP socket I/O timeout in microseconds. */
  rtspSocketTimeout: 'timeout' | 'stimeout';
  /** First line of `ffmpeg -version`, for logs and bug reports. */
  version: string;
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000, maxBuffer: 4 * 1024 * 1024 }, (_err, stdout, stderr) => {
      resolve(`${stdout}\n${stderr}`);
    });
  });
}

const cache = new Map<string, Promise<FfmpegCapabilities>>();

/** Asks the binary once per path; the answer is cached for the life of the process. */
export function ffmpegCapabilities(ffmpegPath: string): Promise<FfmpegCapabilities> {
  let found = cache.get(ffmpegPath);
  if (!found) {
    found = (async () => {
      const [help, version] = await Promise.all([
        run(ffmpegPath, ['-hide_banner', '-h', 'demuxer=rtsp']),
        run(ffmpegPath, ['-hide_banner', '-version']),
      ]);
      return {
        rtspSocketTimeout: /^\s*-stimeout\s/m.test(help) ? 'stimeout' : 'timeout',
        version: version.trim().split('\n')[0] ?? 'unknown',
      } satisfies FfmpegCapabilities;
    })();
    cache.set(ffmpegPath, found);
  }
  return found;
}
