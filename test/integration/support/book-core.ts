// A real core (temp data dir, real SQLite file, the real dispatcher) for the incident, alarm and
// shift tests, with accounts signed in as the UI would and a small register of two wards.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import type { ErrorInfo } from '../../../src/shared/errors';
import { createCore, type Core, type CoreOptions } from '../../../src/core/core';
import type { Principal } from '../../../src/core/auth/principal';

export const ADMIN = { username: 'admin', password: 'book-test-password' };
const SOURCE = { address: '127.0.0.1', local: true };

export class CallFailed extends Error {
  constructor(readonly info: ErrorInfo) {
    super(`${info.code} ${JSON.stringify(info.params)}`);
  }
}

export interface BookCore {
  dir: string;
  core: Core;
  admin: Principal;
  call<M extends MethodName>(p: Principal, method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The error a call answers with (fails the test if it succeeds). */
  refused<M extends MethodName>(p: Principal, method: M, input: MethodInput<M>): Promise<ErrorInfo>;
  account(username: string, role: string, scopes?: string[]): Promise<Principal>;
  dispose(): Promise<void>;
}

export async function bookCore(options: Partial<CoreOptions> = {}): Promise<BookCore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-book-'));
  const core = await createCore({
    dataDir: dir,
    shell: 'serve',
    initialAdmin: ADMIN,
    checkOutputs: true,
    signInPolicy: { maxDelayMs: 5 },
    alarms: { alarmFlushMs: 10 },
    ...options,
  });
  const signIn = async (u: string, pw: string) => (await core.services.auth.signIn(u, pw, SOURCE)).principal;
  const admin = await signIn(ADMIN.username, ADMIN.password);
  const raw = async (p: Principal, method: string, input: unknown) =>
    core.dispatcher.call(method, input, { principal: core.services.auth.resolveId(p.sessionId!) ?? p, source: SOURCE });
  const b: BookCore = {
    dir,
    core,
    admin,
    async call(p, method, input) {
      const r = await raw(p, method, input);
      if (!r.ok) throw new CallFailed(r.error);
      return r.value as never;
    },
    async refused(p, method, input) {
      const r = await raw(p, method, input);
      if (r.ok) throw new Error(`${method} was expected to fail but answered ${JSON.stringify(r.value).slice(0, 200)}`);
      return r.error;
    },
    async account(username, role, scopes = []) {
      const password = `${username}-password-1`;
      await b.call(admin, 'users.save', {
        username,
        displayName: `${username[0]!.toUpperCase()}${username.slice(1)} Nguyễn`,
        role,
        scopes,
        password,
      });
      return signIn(username, password);
    },
    async dispose() {
      await core.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return b;
}

/** Two wards of one city, a point in each and cameras (RTSP sources need not exist for most tests). */
export async function twoWards(
  b: BookCore,
  cameras: {
    ward: 1 | 2;
    name: string;
    rtspMain?: string | null;
    rtspSub?: string | null;
    onvifUrl?: string | null;
    username?: string;
    password?: string;
  }[] = [],
) {
  const city = await b.call(b.admin, 'register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
  const w1 = await b.call(b.admin, 'register.createArea', { parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' });
  const w2 = await b.call(b.admin, 'register.createArea', { parentId: city.id, name: 'Phường Đa Kao', kind: 'ward' });
  const group = await b.call(b.admin, 'register.createArea', { parentId: w1.id, name: 'Tổ dân phố 5', kind: 'residential_group' });
  const p1 = await b.call(b.admin, 'register.createPoint', { areaId: group.id, name: 'Ngã tư Nguyễn Huệ – Lê Lợi', lat: 10.7745, lon: 106.7019 });
  const p2 = await b.call(b.admin, 'register.createPoint', { areaId: w2.id, name: 'Cầu Thị Nghè', lat: 10.789, lon: 106.705 });
  const cams = [];
  for (const c of cameras) {
    cams.push(
      await b.call(b.admin, 'register.createCamera', {
        pointId: c.ward === 1 ? p1.id : p2.id,
        name: c.name,
        rtspMain: c.rtspMain ?? null,
        rtspSub: c.rtspSub ?? null,
        onvifUrl: c.onvifUrl ?? null,
        username: c.username ?? null,
        password: c.password ?? null,
      }),
    );
  }
  return { city, w1, w2, group, p1, p2, cams };
}
