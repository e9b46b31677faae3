// A whole core (createCore: real SQLite file, register, live relay, recording, evidence) on a temp
// data dir, with lab cameras registered and an administrator signed in, calling through the same
// dispatcher as both transports. For tests that go through the contract.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import type { Principal } from '../../../src/core/auth/principal';
import { createCore, type Core, type CoreOptions } from '../../../src/core/core';
import type { SimCameraInfo } from '../../../src/sim/types';

export interface CoreRig {
  core: Core;
  dataDir: string;
  admin: Principal;
  cameraIds: Map<string, string>;
  call<M extends MethodName>(method: M, input: MethodInput<M>, as?: Principal): Promise<MethodOutput<M>>;
  /** The error code of a call expected to fail. */
  fails(method: MethodName, input: unknown, as?: Principal): Promise<{ code: string; params: Record<string, unknown> }>;
  close(keep?: boolean): Promise<void>;
}

export async function openCoreRig(cams: SimCameraInfo[], opts: { dataDir?: string; recording?: CoreOptions['recording'] } = {}): Promise<CoreRig> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'wf-core-'));
  const core = await createCore({
    dataDir,
    shell: 'serve',
    checkOutputs: true,
    initialAdmin: { username: 'admin', password: 'rig-admin-password' },
    recording: { segmentMs: 3000, syncMs: 500, ...opts.recording },
  });
  const signedIn = await core.services.auth.signIn('admin', 'rig-admin-password', { address: 'test', local: true });
  const admin = signedIn.principal;
  const source = { address: 'test', local: true };
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>, as: Principal = admin): Promise<MethodOutput<M>> => {
    const r = await core.dispatcher.call(method, input, { principal: as, source });
    if (!r.ok) throw Object.assign(new Error(`${method}: ${JSON.stringify(r.error)}`), { info: r.error });
    return r.value as MethodOutput<M>;
  };
  const cameraIds = new Map<string, string>();
  const tree = core.services.register.tree();
  let pointId = tree.points[0]?.id;
  if (!pointId) {
    const city = await call('register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
    const ward = await call('register.createArea', { parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' });
    pointId = (
      await call('register.createPoint', { areaId: ward.id, name: 'Chợ Bến Thành', address: 'Lê Lợi, Phường Bến Thành', lat: 10.772, lon: 106.698 })
    ).id;
  }
  for (const c of cams) {
    const found = core.services.register.tree().cameras.find((x) => x.name === c.name);
    const id =
      found?.id ??
      (
        await call('register.createCamera', {
          pointId,
          name: c.name,
          rtspMain: c.rtspMain,
          rtspSub: c.rtspSub,
          onvifUrl: c.onvif,
          username: c.username,
          password: c.password,
        })
      ).id;
    cameraIds.set(c.name, id);
  }
  return {
    core,
    dataDir,
    admin,
    cameraIds,
    call,
    async fails(method, input, as = admin) {
      const r = await core.dispatcher.call(method, input, { principal: as, source });
      if (r.ok) throw new Error(`${method} succeeded`);
      return r.error as { code: string; params: Record<string, unknown> };
    },
    async close(keep = false) {
      await core.dispose();
      if (!keep && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
