// auth.call_overhead_us_p50: what the trust checks add to one API call — the session looked up
// from its token, the lock and the permission checked, the area scope of a named record checked —
// measured as (full dispatcher call) − (the same handler called directly), per call, on a scoped
// ward account. A read is measured (no audit entry), because an audited call's answer waits for
// its entry to be durable (an fsync: milliseconds, amortised by group commit) by design; that
// latency is reported beside it, as is the CPU an audited call costs under load.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src/core/core';
import { createHandlers } from '../src/core/api/handlers';
import type { CallContext } from '../src/core/api/dispatcher';
import { median, percentile, type BenchResult } from './types';

const ROUNDS = 20_000;

export default async function (): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-bench-auth-'));
  const core = await createCore({ dataDir: dir, shell: 'serve', initialAdmin: { username: 'admin', password: 'bench-password' } });
  try {
    const s = core.services;
    const adminSignIn = await s.auth.signIn('admin', 'bench-password', { address: '127.0.0.1', local: true });
    const admin: CallContext = { principal: adminSignIn.principal, source: { address: '127.0.0.1', local: true } };
    // A small register: two wards, a camera in each; a ward account scoped to one of them.
    const wards: { area: string; camera: string }[] = [];
    for (const name of ['Phường Bến Thành', 'Phường Sài Gòn']) {
      const area = (await core.dispatcher.call('register.createArea', { parentId: null, name, kind: 'ward' }, admin)) as { value: { id: string } };
      const point = (await core.dispatcher.call('register.createPoint', { areaId: area.value.id, name: `Điểm ${name}` }, admin)) as { value: { id: string } };
      const cam = (await core.dispatcher.call('register.createCamera', { pointId: point.value.id, name: `Camera ${name}`, rtspMain: 'rtsp://10.0.0.5/main' }, admin)) as { value: { id: string } };
      wards.push({ area: area.value.id, camera: cam.value.id });
    }
    await s.users.save({ username: 'phuong', displayName: 'Phường', role: 'ward', scopes: [wards[0]!.area], disabled: false, password: 'bench-password' });
    const ward = await s.auth.signIn('phuong', 'bench-password', { address: '127.0.0.1', local: true });
    const source = { address: '127.0.0.1', local: true };
    const handlers = createHandlers(s);

    // The read: views.list for the ward account (its scope filters the tiles).
    const full: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let t = process.hrtime.bigint();
      const principal = s.auth.resolve(ward.token)!;
      await core.dispatcher.call('views.list', {}, { principal, source });
      full.push(Number(process.hrtime.bigint() - t) / 1000);
      t = process.hrtime.bigint();
      await handlers['views.list']({}, { principal, source });
      bare.push(Number(process.hrtime.bigint() - t) / 1000);
    }
    // A scope check on its own: is this camera in the ward account's areas (one indexed lookup)?
    const scope: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = process.hrtime.bigint();
      s.access.cameraVisible(ward.principal, wards[i % 2]!.camera);
      scope.push(Number(process.hrtime.bigint() - t) / 1000);
    }
    // An audited write, one at a time (answer waits for the durable entry), and 16 at a time.
    const writeOne: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = process.hrtime.bigint();
      await core.dispatcher.call('register.setPreferredStream', { cameraId: wards[0]!.camera, stream: i % 2 ? 'main' : 'sub' }, { principal: s.auth.resolve(ward.token), source });
      writeOne.push(Number(process.hrtime.bigint() - t) / 1000);
    }
    const cpu0 = process.cpuUsage();
    const burst = 2000;
    const t0 = performance.now();
    for (let i = 0; i < burst; i += 16) {
      await Promise.all(
        Array.from({ length: 16 }, (_, j) =>
          core.dispatcher.call('register.setPreferredStream', { cameraId: wards[0]!.camera, stream: (i + j) % 2 ? 'main' : 'sub' }, { principal: s.auth.resolve(ward.token), source }),
        ),
      );
    }
    const burstMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const overhead = full.map((f, i) => f - bare[i]!);
    return [
      {
        name: 'auth.call_overhead_us_p50',
        value: Math.round(median(overhead) * 10) / 10,
        unit: 'µs',
        target: 200,
        better: 'lower',
        extra: {
          rounds: ROUNDS,
          overhead_p95_us: Math.round(percentile(overhead, 95) * 10) / 10,
          full_call_p50_us: Math.round(median(full) * 10) / 10,
          handler_alone_p50_us: Math.round(median(bare) * 10) / 10,
          scope_check_p50_us: Math.round(median(scope) * 100) / 100,
          audited_write_one_at_a_time_p50_ms: Math.round(median(writeOne) / 10) / 100,
          audited_write_16_in_flight_per_s: Math.round((burst / burstMs) * 1000),
          audited_write_cpu_us_per_call: Math.round(((cpu.user + cpu.system) / burst) * 10) / 10,
        },
      },
    ];
  } finally {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
