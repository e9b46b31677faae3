// Fuzzing every boundary of serve mode with fast-check (fixed seed, bounded runs): random and
// malformed HTTP requests and cookies, upgrade requests, API messages for every method generated
// from the contract's schemas (wrong types, huge and unicode strings, __proto__ keys), video-channel
// parameters and camera URLs. After each batch the core still answers /api/health, every answer is
// a typed error (never `internal`, which would mean a bug), and no ffmpeg ran for a refused URL.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { api, parseCameraUrl } from '../../src/shared/contract';
import { ERROR_CODES } from '../../src/shared/errors';
import { createCore, type Core } from '../../src/core/core';
import { startServer, type RunningServer } from '../../src/core/serve/server';

const ADMIN = { username: 'admin', password: 'fuzz-test-password' };
const SEED = 20261127;
const ERRORS = new Set<string>(ERROR_CODES);
let dir: string;
let core: Core;
let server: RunningServer;
let cookie: string;
let ws: WebSocket;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-fuzz-'));
  core = await createCore({ dataDir: dir, shell: 'serve', initialAdmin: ADMIN, checkOutputs: true });
  server = await startServer({ core, port: 0 });
  const res = await fetch(`${server.url}api/http/session.signIn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin() },
    body: JSON.stringify(ADMIN),
  });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  ws = await openApi();
});
afterAll(async () => {
  ws?.close();
  await server.close();
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function origin(): string {
  return `http://127.0.0.1:${server.port}`;
}

function openApi(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const s = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers: { Origin: origin(), Cookie: cookie } });
    s.once('open', () => resolve(s));
    s.once('error', reject);
  });
}

async function healthy(): Promise<void> {
  const res = await fetch(`${server.url}api/health`);
  expect(res.status).toBe(200);
}

/** Bytes straight to the port, with a deadline: whatever comes back (or nothing) is fine. */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(server.port, '127.0.0.1', () => s.end(bytes));
    let out = '';
    const timer = setTimeout(() => s.destroy(), 2000);
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    s.on('error', () => undefined);
  });
}

let nextId = 1;
/** One message on the signed-in API socket; resolves with its answer (matched by id when it has one). */
function send(frame: string | Buffer, id: number | null): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${String(frame).slice(0, 200)}`)), 10_000);
    const onMessage = (d: WebSocket.RawData) => {
      const m = JSON.parse(d.toString());
      if (m.kind !== 'result' || (id !== null && m.id !== id)) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(m);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

function expectTyped(answer: Record<string, unknown>, context: unknown): void {
  if (answer.ok === true) return;
  const error = answer.error as { code?: string } | undefined;
  expect(ERRORS.has(String(error?.code)), `untyped error for ${JSON.stringify(context).slice(0, 300)}`).toBe(true);
  expect(error?.code, `internal error (a bug) for ${JSON.stringify(context).slice(0, 300)}`).not.toBe('internal');
}

// Strings that have broken parsers somewhere: control characters, lone surrogates, huge, percent, RTL.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('%', '%%', '%E0%A4%A', '\u0000', '\r\n', '\uD800', '‮', '../../etc/passwd', '//a:b', 'Phường Bến Thành', 'x'.repeat(70_000)),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);
const protoKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nasty, fc.double(), fc.integer(), fc.constant(null), fc.array(nasty, { maxLength: 5 }));

/** Objects shaped like a method's input: its own keys with wrong or odd values, plus hostile keys. */
function inputFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  let keys: string[] = [];
  try {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
    keys = Object.keys(json.properties ?? {});
  } catch {
    keys = [];
  }
  const shaped = fc.dictionary(keys.length ? fc.oneof(fc.constantFrom(...keys), protoKeys) : protoKeys, anyValue, { maxKeys: keys.length + 2 });
  return fc.oneof(shaped, fc.anything({ maxDepth: 3 }), fc.constant(undefined), fc.constant({}));
}

// Calls that would end the fuzzer's own session or lock it, and so hide everything after them.
const SELF_ENDING = new Set(['session.lock', 'session.changePassword']);

describe('fuzzing the boundaries (fixed seed)', () => {
  it('survives random and malformed HTTP requests, cookies and upgrades', async () => {
    const method = fc.oneof(fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE'), fc.string({ minLength: 1, maxLength: 12 }));
    const pathArb = fc.oneof(fc.constantFrom('/', '//a:b', '/api/http/session.signIn', '/api', '/video', '/download/audit.csv', '/api/health', '/%', '/..%2f..%2fetc%2fpasswd'), nasty.map((s) => `/${s}`));
    const header = fc.tuple(fc.constantFrom('Cookie', 'Host', 'Origin', 'Content-Type', 'Content-Length', 'Upgrade', 'Connection', 'Sec-WebSocket-Key', 'X-Any'), nasty);
    await fc.assert(
      fc.asyncProperty(method, pathArb, fc.array(header, { maxLength: 6 }), fc.boolean(), fc.option(nasty), async (m, p, headers, upgrade, body) => {
        const lines = [`${m} ${p.replace(/[\r\n ]/g, '')} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`];
        if (upgrade) lines.push('Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', `Origin: ${origin()}`);
        for (const [k, v] of headers) lines.push(`${k}: ${v.replace(/[\r\n]/g, '')}`);
        await raw(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
      }),
      { seed: SEED, numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        await raw(Buffer.from(bytes));
      }),
      { seed: SEED, numRuns: 40 },
    );
    await healthy();
  }, 120_000);

  it('answers every method with a typed result, whatever the input', async () => {
    const methods = Object.entries(api).filter(([name, spec]) => !SELF_ENDING.has(name) && spec.transport !== 'http');
    for (const [name, spec] of methods) {
      await fc.assert(
        fc.asyncProperty(inputFor(spec.input), async (input) => {
          const id = nextId++;
          const answer = await send(JSON.stringify({ kind: 'call', id, method: name, input }), id);
          expectTyped(answer, { name, input });
        }),
        { seed: SEED, numRuns: 60 },
      );
    }
    // The session calls over HTTP get the same treatment.
    for (const name of Object.keys(api).filter((n) => api[n as keyof typeof api].transport === 'http' && n !== 'session.signOut')) {
      await fc.assert(
        fc.asyncProperty(inputFor(api[name as keyof typeof api].input), async (input) => {
          const res = await fetch(`${server.url}api/http/${name}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Origin: origin() },
            body: JSON.stringify(input ?? null) ?? 'null',
          });
          expectTyped((await res.json()) as Record<string, unknown>, { name, input });
        }),
        { seed: SEED, numRuns: 15 },
      );
    }
    await healthy();
  }, 180_000);

  it('answers malformed frames with typed errors and keeps the socket', async () => {
    const frame = fc.oneof(
      nasty,
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.record({ kind: fc.constantFrom('call', 'result', 'event', '__proto__'), id: anyValue, method: fc.oneof(nasty, fc.constantFrom(...Object.keys(api))), input: anyValue }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        const answer = await send(f, null);
        expectTyped(answer, f);
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(ws.readyState).toBe(WebSocket.OPEN);
    await healthy();
  }, 60_000);

  it('refuses odd video-channel parameters on that socket alone', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, fc.array(fc.tuple(nasty, nasty), { maxLength: 3 }), async (camera, stream, extra) => {
        const q = new URLSearchParams([['camera', camera], ['stream', stream], ...extra]).toString();
        await new Promise<void>((resolve) => {
          const v = new WebSocket(`ws://127.0.0.1:${server.port}/video?${q}`, { headers: { Origin: origin(), Cookie: cookie } });
          const timer = setTimeout(() => (v.terminate(), resolve()), 3000);
          v.on('close', () => (clearTimeout(timer), resolve()));
          v.on('error', () => (clearTimeout(timer), resolve()));
        });
      }),
      { seed: SEED, numRuns: 40 },
    );
    await healthy();
  }, 120_000);

  it('stores only allowed camera URLs, never with credentials, and starts no ffmpeg for any of them', async () => {
    const area = await send(JSON.stringify({ kind: 'call', id: nextId, method: 'register.createArea', input: { parentId: null, name: 'Fuzz', kind: 'ward' } }), nextId++);
    const areaId = (area.value as { id: string }).id;
    const point = await send(JSON.stringify({ kind: 'call', id: nextId, method: 'register.createPoint', input: { areaId, name: 'Fuzz point' } }), nextId++);
    const pointId = (point.value as { id: string }).id;
    const scheme = fc.constantFrom('rtsp', 'rtsps', 'http', 'https', 'file', 'concat', 'subfile', 'tcp', 'udp', 'data', 'javascript', 'RTSP', '');
    const url = fc.oneof(
      nasty,
      fc.tuple(scheme, fc.constantFrom('', 'admin:pw@', 'a:b@c@', '%41:%40@'), fc.oneof(nasty, fc.constantFrom('127.0.0.1', 'cam host', '[::1]', 'camera.local', '')), fc.oneof(fc.integer({ min: -5, max: 70_000 }).map(String), fc.constant('')), nasty).map(
        ([s, user, host, port, p]) => `${s}://${user}${host}${port ? `:${port}` : ''}/${p}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(url, async (u) => {
        const id = nextId++;
        const answer = await send(JSON.stringify({ kind: 'call', id, method: 'register.createCamera', input: { pointId, name: 'Fuzz camera', rtspMain: u, password: 'pw' } }), id);
        expectTyped(answer, u);
        if (answer.ok) {
          const stored = (answer.value as { rtspMain: string | null }).rtspMain;
          // Blank (spaces, a lone line break) means "no main stream", which is allowed.
          if (stored === null) return;
          const parsed = parseCameraUrl(stored, 'stream');
          expect(parsed.ok, stored).toBe(true);
          expect(stored).toMatch(/^rtsps?:\/\//);
          expect(stored).not.toMatch(/\/\/[^/]*@/);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(core.services.live.stats().reduce((n, s) => n + s.starts, 0)).toBe(0);
    await healthy();
  }, 120_000);
});
