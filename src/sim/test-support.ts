// Helpers for the lab's own tests (and benchmarks): raw SOAP calls, ffprobe/ffmpeg runs, tool
// checks and leak checks. Not used by the lab itself.
import { spawn, spawnSync } from 'node:child_process';
import { usernameTokenHeader } from './onvif/auth';
import { NS_SOAP11, NS_SOAP12 } from './onvif/soap';

export interface SoapReply {
  status: number;
  headers: Record<string, string>;
  /** Raw header block as sent (to check exact header-name case). */
  rawHeaders: string[];
  text: string;
}

export async function soapCall(
  url: string,
  body: string,
  opts: { username?: string; password?: string; nowMs?: number; version?: '1.1' | '1.2'; timeoutMs?: number } = {},
): Promise<SoapReply> {
  const ns = opts.version === '1.1' ? NS_SOAP11 : NS_SOAP12;
  const header = opts.username ? `<s:Header>${usernameTokenHeader(opts.username, opts.password ?? '', opts.nowMs)}</s:Header>` : '';
  const xml = `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${ns}">${header}<s:Body>${body}</s:Body></s:Envelope>`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': opts.version === '1.1' ? 'text/xml' : 'application/soap+xml' },
    body: xml,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return { status: res.status, headers, rawHeaders: [], text: await res.text() };
}

export function hasTool(name: string): boolean {
  return spawnSync('which', [name], { encoding: 'utf8' }).status === 0;
}

export function run(
  cmd: string,
  args: string[],
  opts: { timeoutMs?: number; input?: string } = {},
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface ProbedStream {
  codec_name: string;
  width: number;
  height: number;
  r_frame_rate: string;
  profile?: string;
}

/** ffprobe of an RTSP URL with credentials in the URL (Digest is negotiated by ffprobe). */
export async function ffprobe(url: string, transport: 'tcp' | 'udp', user: string, password: string): Promise<ProbedStream> {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  const r = await run(
    'ffprobe',
    [
      '-v',
      'error',
      '-rtsp_transport',
      transport,
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,width,height,r_frame_rate,profile',
      '-of',
      'json',
      u.href,
    ],
    { timeoutMs: 20_000 },
  );
  if (r.code !== 0) throw new Error(`ffprobe failed (${r.code}): ${r.stderr.replaceAll(password, '***').trim()}`);
  const parsed = JSON.parse(r.stdout.toString()) as { streams: ProbedStream[] };
  if (!parsed.streams[0]) throw new Error('ffprobe found no video stream');
  return parsed.streams[0];
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of live processes whose parent is `parent` (to find stray ffmpeg children). */
export function childPids(parent = process.pid): number[] {
  const r = spawnSync('ps', ['-o', 'pid=,ppid=,stat=,comm=', '-e'], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((p) => p.length === 4 && Number(p[1]) === parent && !p[2]!.startsWith('Z') && p[3] !== 'ps')
    .map((p) => Number(p[0]));
}

/** Resolves when a TCP connect to host:port succeeds (true) or is refused (false). */
export async function tcpOpen(host: string, port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
