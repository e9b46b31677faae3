// ONVIF library against the camera lab (all on 127.0.0.1):
//  onvif.ptz_move_rtt_ms_p50 — ContinuousMove sent → the camera's answer (the library's part of
//                            "key press to camera answer"; the whole path, from a key press in the
//                            UI, is ptz.command_rtt_ms_p50 in ptz.bench.ts);
//  onvif.scan_254_s        — range scan of 127.0.0.1-254 over the lab's ONVIF ports, one host answering;
//  onvif.connect_ms_p50    — address + credentials → full device description (connectCamera).
import { connectCamera } from '../src/core/onvif/camera';
import { scanRange } from '../src/core/onvif/scan';
import { startLab } from '../src/sim/lab';
import { median, percentile, type BenchResult } from './types';

const RTT_SAMPLES = 60;
const CONNECT_SAMPLES = 20;
const SCAN_CONCURRENCY = 64;

export default async function onvifBench(): Promise<BenchResult[]> {
  const lab = await startLab({
    cameras: [
      { name: 'bench-ptz', variant: 'ptz', live: false },
      { name: 'bench-fixed', variant: 'dead' },
    ],
    discoveryPort: false,
  });
  try {
    const [ptzCam, other] = lab.cameras as [(typeof lab.cameras)[0], (typeof lab.cameras)[0]];
    const creds = { address: ptzCam.onvif, username: ptzCam.username, password: ptzCam.password };

    const connectMs: number[] = [];
    for (let i = 0; i < CONNECT_SAMPLES; i++) {
      const t0 = performance.now();
      await connectCamera(creds);
      connectMs.push(performance.now() - t0);
    }

    const cam = await connectCamera(creds);
    const rtt: number[] = [];
    for (let i = 0; i < RTT_SAMPLES + 5; i++) {
      const t0 = performance.now();
      await cam.continuousMove({ pan: i % 2 ? 0.3 : -0.3, tilt: 0 }, 1000);
      if (i >= 5) rtt.push(performance.now() - t0); // the first few warm up JIT and sockets
    }
    await cam.stop();

    const t0 = performance.now();
    const scan = await scanRange({ range: { from: '127.0.0.1', to: '127.0.0.254' }, ports: [ptzCam.onvifPort, other.onvifPort], concurrency: SCAN_CONCURRENCY, timeoutMs: 1500 });
    const scanS = (performance.now() - t0) / 1000;
    if (scan.devices.length !== 2) throw new Error(`scan found ${scan.devices.length} devices, expected the lab's 2`);

    const r = (v: number) => Math.round(v * 10) / 10;
    return [
      {
        name: 'onvif.ptz_move_rtt_ms_p50',
        value: r(median(rtt)),
        unit: 'ms',
        target: 50,
        better: 'lower',
        extra: { samples: rtt.length, p95: r(percentile(rtt, 95)), max: r(Math.max(...rtt)), what: 'library ContinuousMove → camera answer, lab camera on loopback (UI part not included)' },
      },
      {
        name: 'onvif.scan_254_s',
        value: Math.round(scanS * 100) / 100,
        unit: 's',
        target: 15,
        better: 'lower',
        extra: { addresses: 254, ports: 2, probes: scan.total, inFlightLimit: scan.concurrency, found: scan.devices.length, probeTimeoutMs: 1500 },
      },
      {
        name: 'onvif.connect_ms_p50',
        value: r(median(connectMs)),
        unit: 'ms',
        target: 1000,
        better: 'lower',
        extra: { samples: connectMs.length, p95: r(percentile(connectMs, 95)), calls: 'GetSystemDateAndTime, GetServices, GetCapabilities?, GetDeviceInformation, GetNetworkInterfaces, GetProfiles, 2× GetStreamUri, GetSnapshotUri, GetNodes' },
      },
    ];
  } finally {
    await lab.dispose();
  }
}
