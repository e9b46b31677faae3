// Runs INSIDE a private network namespace (`unshare -n`, started by onvif-util.test.ts): brings
// up multicast on loopback, starts a one-camera lab on the real WS-Discovery port 3702, listens
// for its Hello/Bye and drives Debian's onvif-util, which finds cameras only by multicast.
// Prints one JSON line with what it saw. Never run it in the host namespace.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { startLab } from '../lab';
import { WSD_GROUP, WSD_PORT } from './responder';

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
}

function onvifUtil(args: string[], input: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('onvif-util', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    // onvif-util spins on EOF: its input must end with `quit`.
    child.stdin.end(input);
  });
}

async function main(): Promise<void> {
  ip(['link', 'set', 'lo', 'up']);
  ip(['link', 'set', 'lo', 'multicast', 'on']);
  ip(['route', 'add', '224.0.0.0/4', 'dev', 'lo']);

  const heard: string[] = [];
  const listener = createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((r) => listener.bind(WSD_PORT, () => r()));
  listener.addMembership(WSD_GROUP);
  listener.on('message', (m) => heard.push(m.toString()));

  const lab = await startLab({ cameras: [{ name: 'nscam', variant: 'fixed', live: false }] });
  const cam = lab.cameras[0]!;
  await new Promise((r) => setTimeout(r, 200));
  const hello = heard.some((m) => m.includes('/discovery/Hello') && m.includes(cam.onvif));
  const list = await onvifUtil(['-a'], 'quit\n', 20_000);
  const session = await onvifUtil(['-u', cam.username, '-p', cam.password, '127.0.0.1'], 'get profiles\nget rtsp\nquit\n', 30_000);
  const wrong = await onvifUtil(['-u', cam.username, '-p', 'wrong-password', '127.0.0.1'], 'get profiles\nget rtsp\nquit\n', 30_000);
  await lab.dispose();
  await new Promise((r) => setTimeout(r, 200));
  const bye = heard.some((m) => m.includes('/discovery/Bye'));
  listener.close();
  // The password is not printed: the test compares against the URL it gets back.
  console.log(JSON.stringify({ hello, bye, list, session, wrong, rtspMain: cam.rtspMain, discoveryPort: lab.discoveryPort }));
}

main().catch((err: Error) => {
  console.log(JSON.stringify({ error: err.message }));
  process.exit(1);
});
