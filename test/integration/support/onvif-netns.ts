// Runs INSIDE a private network namespace (`unshare -n`, started by onvif-discovery.test.ts):
// brings up multicast on loopback, starts a two-camera lab on the real WS-Discovery port 3702,
// and runs the library's multicast probe. Prints one JSON line. Never run it in the host namespace.
import { spawnSync } from 'node:child_process';
import { probe } from '../../../src/core/onvif/discovery';
import { parseCidr } from '../../../src/core/onvif/network';
import { startLab } from '../../../src/sim/lab';

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
}

async function main(): Promise<void> {
  ip(['link', 'set', 'lo', 'up']);
  ip(['link', 'set', 'lo', 'multicast', 'on']);
  ip(['route', 'add', '224.0.0.0/4', 'dev', 'lo']);
  const lab = await startLab({ cameras: [{ name: 'nsdome', variant: 'dead' }, { name: 'nsbullet', variant: 'dead' }] });
  try {
    const t0 = Date.now();
    const found = await probe({ timeoutMs: 1500, localAddress: '127.0.0.1', networks: [parseCidr('127.0.0.0/8')!] });
    // The same probe with the default networks (this namespace has only loopback, which is not
    // a network cameras live on): everything is found but nothing may be contacted.
    const strict = await probe({ timeoutMs: 800, localAddress: '127.0.0.1' });
    console.log(
      JSON.stringify({
        ms: Date.now() - t0,
        discoveryPort: lab.discoveryPort,
        cameras: lab.cameras.map((c) => ({ name: c.name, onvif: c.onvif })),
        found: found.map((d) => ({ xaddrs: d.xaddrs, name: d.scope.name, hardware: d.scope.hardware, endpoint: d.endpoint })),
        strict: strict.map((d) => ({ xaddrs: d.xaddrs, refused: d.refused })),
      }),
    );
  } finally {
    await lab.dispose();
  }
}

main().catch((err: Error) => {
  console.log(JSON.stringify({ error: err.message }));
  process.exit(1);
});
