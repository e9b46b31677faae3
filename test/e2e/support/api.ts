// A Node client for the serve-mode API, for tests and benchmarks that prepare data (register
// cameras, views) the way the UI would, over the same WebSocket and contract.
import WebSocket from 'ws';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import { ADMIN } from './serve';

/** POST /api/http/session.signIn as the page would; returns the session cookie (name=value). */
export async function signInCookie(baseUrl: string, account: { username: string; password: string }): Promise<string> {
  const u = new URL(baseUrl);
  const res = await fetch(new URL('/api/http/session.signIn', u), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: u.origin },
    body: JSON.stringify(account),
  });
  const body = (await res.json()) as { ok: boolean; error?: unknown };
  if (!body.ok) throw new Error(`sign-in as ${account.username} failed: ${JSON.stringify(body.error)}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export class TestApi {
  private nextId = 1;
  private readonly pending = new Map<number, (msg: { ok: boolean; value?: unknown; error?: unknown }) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const msg = JSON.parse(d.toString());
      if (msg.kind === 'result' && this.pending.has(msg.id)) {
        this.pending.get(msg.id)!(msg);
        this.pending.delete(msg.id);
      }
    });
  }

  /** Signs in (as the test administrator unless told otherwise) and opens the API socket. */
  static async connect(baseUrl: string, account: { username: string; password: string } = ADMIN): Promise<TestApi> {
    const cookie = await signInCookie(baseUrl, account);
    const u = new URL(baseUrl);
    const ws = new WebSocket(`ws://${u.host}/api`, { headers: { Origin: u.origin, Cookie: cookie } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new TestApi(ws);
  }

  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (msg) => (msg.ok ? resolve(msg.value as MethodOutput<M>) : reject(new Error(JSON.stringify(msg.error)))));
      this.ws.send(JSON.stringify({ kind: 'call', id, method, input }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** A small register: one ward, points, and cameras with the given RTSP sources. */
export async function registerCameras(api: TestApi, cameras: { name: string; rtspMain: string | null; rtspSub?: string | null; username?: string; password?: string; point?: string }[]) {
  const city = await api.call('register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
  const ward = await api.call('register.createArea', { parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' });
  const points = new Map<string, string>();
  const out = [];
  for (const c of cameras) {
    const pname = c.point ?? `Điểm ${c.name}`;
    if (!points.has(pname)) points.set(pname, (await api.call('register.createPoint', { areaId: ward.id, name: pname })).id);
    out.push(
      await api.call('register.createCamera', {
        pointId: points.get(pname)!,
        name: c.name,
        rtspMain: c.rtspMain,
        rtspSub: c.rtspSub ?? null,
        username: c.username ?? null,
        password: c.password ?? null,
      }),
    );
  }
  return out;
}
