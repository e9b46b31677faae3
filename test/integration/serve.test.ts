// Serve mode's server against a real core and real sockets: what a browser (or an attacker's page)
// can and cannot do.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../src/core/core';
import { startServer, type RunningServer } from '../../src/core/serve/server';

const ADMIN = { username: 'admin', password: 'serve-test-password' };

let dir: string;
let rendererDir: string;
let core: Core;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-serve-'));
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'wf-renderer-'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Watchfloor</title>');
  core = await createCore({ dataDir: dir, shell: 'serve', initialAdmin: ADMIN, checkOutputs: true });
  server = await startServer({ core, port: 0, rendererDir });
});
afterAll(async () => {
  await server.close();
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

async function sessionCookie(account = ADMIN, base = server): Promise<string> {
  const res = await fetch(`${base.url}api/http/session.signIn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${base.port}` },
    body: JSON.stringify(account),
  });
  expect(await res.json()).toMatchObject({ ok: true });
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0]!;
}

function open(headers: Record<string, string>, pathname = '/api'): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${pathname}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
}

async function call(ws: WebSocket, id: number, method: string, input: unknown) {
  const reply = nextMessage(ws);
  ws.send(JSON.stringify({ kind: 'call', id, method, input }));
  return reply;
}

describe('serve mode over HTTP', () => {
  it('answers GET /api/health', async () => {
    const res = await fetch(`${server.url}api/health`);
    expect(await res.json()).toEqual({ status: 'ok', version: core.services.version });
  });

  it('binds 127.0.0.1 by default', () => {
    expect(server.host).toBe('127.0.0.1');
  });

  it('refuses a Host that is not ours (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) =>
      http.get({ host: '127.0.0.1', port: server.port, path: '/api/health', headers: { Host: 'evil.example:80' } }, (res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(421);
  });

  it('never serves files outside the renderer folder', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) =>
      http.get({ host: '127.0.0.1', port: server.port, path: '/../../etc/passwd.txt' }, (res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(404);
  });
});

describe('the API WebSocket', () => {
  const origin = () => `http://127.0.0.1:${server.port}`;

  it('refuses a page from another site (cross-site WebSocket hijacking)', async () => {
    const cookie = await sessionCookie();
    await expect(open({ Origin: 'http://evil.example', Cookie: cookie })).rejects.toThrow('HTTP 403');
  });

  it('lets a client without a session ask only what the sign-in screen needs', async () => {
    const ws = await open({ Origin: origin() });
    try {
      expect(await call(ws, 1, 'session.status', {})).toMatchObject({ ok: true, value: { signedIn: false, setupNeeded: false } });
      expect(await call(ws, 2, 'register.tree', {})).toMatchObject({ ok: false, error: { code: 'session_required' } });
    } finally {
      ws.close();
    }
  });

  it('serves calls, and bad messages get typed errors while the connection stays up', async () => {
    const ws = await open({ Origin: origin(), Cookie: await sessionCookie() });
    try {
      expect(await call(ws, 1, 'system.info', {})).toMatchObject({ kind: 'result', id: 1, ok: true, value: { shell: 'serve' } });
      expect(await call(ws, 2, 'no.such.method', {})).toEqual({ kind: 'result', id: 2, ok: false, error: { code: 'unknown_method', params: { method: 'no.such.method' } } });
      expect(await call(ws, 3, 'settings.update', { language: 42 })).toMatchObject({ id: 3, ok: false, error: { code: 'bad_request', params: { field: 'language' } } });

      const garbage = nextMessage(ws);
      ws.send('{not json');
      expect(await garbage).toMatchObject({ ok: false, error: { code: 'bad_request', params: { problem: 'not_json' } } });

      const big = nextMessage(ws);
      ws.send(JSON.stringify({ kind: 'call', id: 4, method: 'settings.get', input: { pad: 'x'.repeat(1_200_000) } }));
      expect(await big).toMatchObject({ ok: false, error: { code: 'message_too_large', params: { limit: 1048576 } } });

      // Still connected and working.
      expect(await call(ws, 5, 'settings.get', {})).toMatchObject({ id: 5, ok: true });
    } finally {
      ws.close();
    }
  });

  it('pushes events to connected clients', async () => {
    const ws = await open({ Origin: origin(), Cookie: await sessionCookie() });
    try {
      const messages: Record<string, unknown>[] = [];
      ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
      ws.send(JSON.stringify({ kind: 'call', id: 1, method: 'settings.update', input: { tourDwellSeconds: 45 } }));
      await expect.poll(() => messages.find((m) => m.kind === 'event')).toMatchObject({ event: { type: 'settings.changed', settings: { tourDwellSeconds: 45 } } });
    } finally {
      ws.close();
    }
  });

  it('keeps a session valid across a server restart (sessions live in the database)', async () => {
    const cookie = await sessionCookie();
    const again = await startServer({ core, port: 0, rendererDir });
    try {
      const ws = await new Promise<WebSocket>((resolve, reject) => {
        const w = new WebSocket(`ws://127.0.0.1:${again.port}/api`, { headers: { Origin: `http://127.0.0.1:${again.port}`, Cookie: cookie } });
        w.once('open', () => resolve(w));
        w.once('error', reject);
      });
      expect(await call(ws, 1, 'session.me', {})).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
      ws.close();
    } finally {
      await again.close();
    }
  });
});

describe('the video WebSocket', () => {
  it('says so when the camera is not in the register, and closes', async () => {
    // Listen from the start: the refusal arrives with the upgrade.
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/video?camera=no-such-camera&stream=main`, {
      headers: { Origin: `http://127.0.0.1:${server.port}`, Cookie: await sessionCookie() },
    });
    const frames: unknown[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    const code = await new Promise<number>((r) => ws.once('close', (c) => r(c)));
    expect(frames).toEqual([expect.objectContaining({ type: 'state', state: 'offline', reason: 'unknown_camera' })]);
    expect(code).toBe(1008);
  });

  it('refuses a page from another site, and a client that has not signed in', async () => {
    await expect(open({ Origin: 'http://evil.example', Cookie: await sessionCookie() }, '/video?camera=x&stream=main')).rejects.toThrow('HTTP 403');
    await expect(open({ Origin: `http://127.0.0.1:${server.port}` }, '/video?camera=x&stream=main')).rejects.toThrow('HTTP 401');
  });
});

describe('starting', () => {
  it('names the port when it is already in use', async () => {
    await expect(startServer({ core, port: server.port })).rejects.toMatchObject({ code: 'port_in_use', params: { port: server.port } });
  });
});
