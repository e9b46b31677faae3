// The snapshot JPEG is a real frame of the camera's own RTSP stream, grabbed by ffmpeg and
// cached for a second so a client polling snapshots does not start an ffmpeg per request.
import { spawn } from 'node:child_process';

const CACHE_MS = 1000;
const GRAB_TIMEOUT_MS = 10_000;

export class SnapshotSource {
  private cached: { at: number; jpeg: Buffer } | null = null;
  private inflight: Promise<Buffer> | null = null;
  private readonly children = new Set<ReturnType<typeof spawn>>();

  constructor(
    private readonly rtspUrl: string,
    private readonly credentials: { username: string; password: string },
  ) {}

  get(): Promise<Buffer> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return Promise.resolve(this.cached.jpeg);
    this.inflight ??= this.grab().finally(() => (this.inflight = null));
    return this.inflight;
  }

  private grab(): Promise<Buffer> {
    const url = new URL(this.rtspUrl);
    url.username = encodeURIComponent(this.credentials.username);
    url.password = encodeURIComponent(this.credentials.password);
    // The URL (with the password) goes in argv, never to a log.
    const args = ['-hide_banner', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', url.href];
    args.push('-frames:v', '1', '-an', '-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2', 'pipe:1');
    return new Promise((resolve, reject) => {
      const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      this.children.add(child);
      const chunks: Buffer[] = [];
      let err = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), GRAB_TIMEOUT_MS);
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-500)));
      child.on('error', (e) => {
        clearTimeout(timer);
        this.children.delete(child);
        reject(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        this.children.delete(child);
        const jpeg = Buffer.concat(chunks);
        if (code === 0 && jpeg.length > 0) {
          this.cached = { at: Date.now(), jpeg };
          resolve(jpeg);
        } else reject(new Error(`ffmpeg could not grab a frame (${code}): ${err.replaceAll(url.password, '***').trim()}`));
      });
    });
  }

  /** Kills any grab in progress (camera stop). */
  dispose(): void {
    for (const child of this.children) child.kill('SIGKILL');
    this.children.clear();
  }
}
