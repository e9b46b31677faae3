// GET /download/<file>: what the console hands over as a file (the audit trail as CSV today;
// register and incident exports later). Streamed, never built whole in memory; permission-checked
// and audited like any call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Permission } from '../../shared/contract';
import type { CallSource } from '../auth/auth-service';
import { can, type Principal } from '../auth/principal';
import type { CoreServices } from '../services';

interface Download {
  permission: Permission;
  fileName: (now: Date) => string;
  type: string;
  write: (res: ServerResponse, url: URL, s: CoreServices) => Promise<number>;
}

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[:T]/g, '-');
const num = (v: string | null) => (v !== null && /^\d{1,16}$/.test(v) ? Number(v) : undefined);

const DOWNLOADS: Record<string, Download> = {
  'audit.csv': {
    permission: 'audit.read',
    fileName: (d) => `watchfloor-audit-${stamp(d)}Z.csv`,
    type: 'text/csv; charset=utf-8',
    write: (res, url, s) => {
      const from = num(url.searchParams.get('from'));
      const to = num(url.searchParams.get('to'));
      return s.audit.exportCsv(res, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
    },
  },
};

export async function downloadRoute(req: IncomingMessage, res: ServerResponse, url: URL, principal: Principal | null, source: CallSource, s: CoreServices): Promise<void> {
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
  res.writeHead(200, { 'Content-Type': d.type, 'Content-Disposition': `attachment; filename="${d.fileName(new Date())}"`, 'Cache-Control': 'no-store' });
  const rows = await d.write(res, url, s);
  res.end();
  await s.audit.append({ actor, action: `download.${name}`, outcome: 'ok', details: { rows }, source: source.address });
}
