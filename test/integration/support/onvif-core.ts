// A real core (temp data dir, real dispatcher) with accounts of each PTZ rank, for the onboarding
// and PTZ integration tests: calls go through the dispatcher exactly as a console's would
// (permission, scope, audit), with the principal of a signed-in account.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoreEvent, MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import type { ErrorInfo } from '../../../src/shared/errors';
import { createCore, type Core, type CoreOptions } from '../../../src/core/core';
import type { Principal } from '../../../src/core/auth/principal';

export const ADMIN = { username: 'admin', password: 'onvif-test-password' };
const SOURCE = { address: '127.0.0.1', local: true };

export class CallError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(`${info.code} ${JSON.stringify(info.params)}`);
  }
}

export interface Caller {
  principal: Principal;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The error a call fails with (throws if it succeeds). */
  fails<M extends MethodName>(method: M, input: MethodInput<M>): Promise<ErrorInfo>;
}

export interface TestCore {
  core: Core;
  dir: string;
  events: CoreEvent[];
  as(username: string): Caller;
  addUser(username: string, role: string, displayName?: string): Promise<Caller>;
  dispose(): Promise<void>;
}

export async function startTestCore(onvif: CoreOptions['onvif'] = {}): Promise<TestCore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-onvif-core-'));
  const core = await createCore({ dataDir: dir, shell: 'serve', initialAdmin: ADMIN, checkOutputs: true, onvif });
  const events: CoreEvent[] = [];
  const off = core.services.events.subscribe((e) => events.push(e));
  const callers = new Map<string, Caller>();
  const makeCaller = (principal: Principal): Caller => {
    const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
      const r = await core.dispatcher.call(method, input, { principal, source: SOURCE });
      if (!r.ok) throw new CallError(r.error);
      return r.value as MethodOutput<M>;
    };
    return {
      principal,
      call,
      async fails(method, input) {
        const r = await core.dispatcher.call(method, input, { principal, source: SOURCE });
        if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value).slice(0, 200)}`);
        return r.error;
      },
    };
  };
  const signIn = async (username: string, password: string) => {
    const s = await core.services.auth.signIn(username, password, SOURCE);
    const c = makeCaller(s.principal);
    callers.set(username, c);
    return c;
  };
  await signIn(ADMIN.username, ADMIN.password);
  return {
    core,
    dir,
    events,
    as(username) {
      const c = callers.get(username);
      if (!c) throw new Error(`no caller ${username}`);
      return c;
    },
    async addUser(username, role, displayName = username) {
      const password = `${username}-password-1`;
      await core.services.users.save({ username, displayName, role, password, scopes: [], disabled: false });
      return signIn(username, password);
    },
    async dispose() {
      off();
      await core.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One ward and one point to put cameras at. */
export async function makePoint(admin: Caller, name = 'Ngã tư Hàng Xanh'): Promise<string> {
  const area = await admin.call('register.createArea', { parentId: null, name: 'Phường Bình Thạnh', kind: 'ward' });
  return (await admin.call('register.createPoint', { areaId: area.id, name })).id;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `fn` returns something truthy (the lab's state is read, not timed). */
export async function until<T>(fn: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
