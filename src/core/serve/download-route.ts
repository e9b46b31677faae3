// GET /download/<file>: what the console hands over as a file (the audit trail as CSV, the
// register's exports, template and reports). Streamed, never built whole in memory; permission-
// checked, limited to the caller's areas, and audited like any call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Permission } from '../../shared/contract';
import { toErrorInfo } from '../../shared/errors';
import type { CallSource } from '../auth/auth-service';
import { can, type Principal } from '../auth/principal';
import type { CoreServices } from '../services';
import { REGISTER_DOWNLOADS } from './register-downloads';

interface Download {
  permission: Permission;
  fileName: (url: URL, now: Date) => string;
  type: string;
  write: (res: ServerResponse, url: URL, s: CoreServices, p: Principal, begin: () => void) => Promise<number>;
}

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[:T]/g, '-');
const num = (v: string | null) => (v !== null && /^\d{1,16}$/.test(v) ? Number(v) : undefined);

const DOWNLOADS: Record<string, Download> = {
  'audit.csv': {
    permission: 'audit.read',
    fileName: (_u, d) => `watchfloor-audit-${stamp(d)}Z.csv`,
    type: 'text/csv; charset=utf-8',
    write: (res, url, s, _p, begin) => {
      const from = num(url.searchParams.get('from'));
      const to = num(url.searchParams.get('to'));
      begin();
      return s.audit.exportCsv(res, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
    },
  },
  ...REGISTER_DOWNLOADS,
};

export async function downloadRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal | null,
  source: CallSource,
  s: CoreServices,
): Promise<void> {
  if (req.method !== 'GET') return void res.writeHead(405, { Allow: 'GET' }).end();
  const name = url.pathname.slice('/download/'.length);
  const d = Object.prototype.hasOwnProperty.call(DOWNLOADS, name) ? DOWNLOADS[name] : undefined;
  if (!d) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
  if (!principal) return void res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Sign in first\n');
  const actor = { userId: principal.user.id, username: principal.user.username };
  if (!can(principal, d.permission)) {
    await s.audit.append({ actor, action: `download.${name}`, outcome: 'denied', details: { error: 'permission_denied' }, source: source.address });
    return void res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden\n');
  }
  const begin = () => {
    // The file name says the day in Vietnam; non-ASCII names are given as RFC 5987 too.
    const fileName = d.fileName(url, new Date());
    res.writeHead(200, { 'Content-Type': d.type, 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'no-store' });
  };
  let rows: number;
  try {
    rows = await d.write(res, url, s, principal, begin);
  } catch (err) {
    const error = toErrorInfo(err);
    await s.audit.append({ actor, action: `download.${name}`, outcome: 'failed', details: { error: error.code }, source: source.address });
    if (res.headersSent) return void res.destroy();
    // A typed error the page can translate (the Reports page shows errors.<code>).
    return void res
      .writeHead(error.code === 'bad_request' ? 400 : 503, { 'Content-Type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ ok: false, error }));
  }
  res.end();
  await s.audit.append({
    actor,
    action: `download.${name}`,
    outcome: 'ok',
    details: { rows, ...Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'token').map(([k, v]) => [k, v.slice(0, 200)])) },
    source: source.address,
  });
}
