// GET /repair/photo/<id>: a repair ticket's photo, full size (audited, like an incident attachment);
// GET /repair/photo/<id>?size=thumb: its small JPEG thumbnail (not audited: a ticket shows several).
// A signed-in user with register.view whose areas hold the ticket's camera or point (another
// area's photo reads as one that does not exist). Only ever JPEG or PNG (checked when attached),
// sent inline under the same sandboxing headers as incident files.
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toErrorInfo, type ErrorCode, type ErrorParams } from '../../shared/errors';
import { ticketVisible } from '../api/health-handlers';
import type { CallSource } from '../auth/auth-service';
import { can, type Principal } from '../auth/principal';
import type { CoreServices } from '../services';
import { contentDisposition, FILE_HEADERS } from './incident-routes';
import { fail } from './json-answer';

const PHOTO = /^\/repair\/photo\/([0-9a-f-]{36})$/;

const refuse = (res: ServerResponse, status: number, code: ErrorCode, params: ErrorParams = {}) => fail(res, status, { code, params });

export async function repairRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal | null,
  source: CallSource,
  s: CoreServices,
): Promise<void> {
  if (req.method !== 'GET') return void res.writeHead(405, { Allow: 'GET' }).end();
  const m = PHOTO.exec(url.pathname);
  if (!m) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
  if (!principal) return refuse(res, 401, 'session_required');
  if (!can(principal, 'register.view')) return refuse(res, 403, 'permission_denied', { permission: 'register.view' });
  const id = m[1]!;
  const photo = s.repairPhotos.photo(id);
  // A photo's ticket always exists (its rows go with it), so the ticket is read without a guard.
  const ticket = photo ? s.repair.get(photo.ticketId) : null;
  if (!photo || !ticket || !ticketVisible(s, principal, ticket)) return refuse(res, 404, 'not_found', { kind: 'photo', id });
  const thumb = url.searchParams.get('size') === 'thumb';
  const rel = thumb ? photo.thumb : photo.file;
  try {
    const abs = s.repairPhotos.store.resolve(rel);
    const { size } = await stat(abs);
    res.writeHead(200, {
      ...FILE_HEADERS,
      'Content-Type': thumb ? 'image/jpeg' : photo.mime,
      'Content-Length': String(size),
      'Content-Disposition': contentDisposition('inline', photo.name),
    });
    await new Promise<void>((resolve) => {
      const stream = s.repairPhotos.store.open(rel);
      stream.on('error', () => {
        res.destroy();
        resolve();
      });
      stream.on('end', () => resolve());
      stream.pipe(res);
    });
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    const code = toErrorInfo(err).code;
    return refuse(res, code === 'not_found' ? 404 : 500, code === 'not_found' ? 'not_found' : 'internal', { kind: 'photo', id });
  }
  if (!thumb) {
    await s.audit
      .append({
        actor: { userId: principal.user.id, username: principal.user.username },
        action: 'download.repair.photo',
        outcome: 'ok',
        target: { kind: 'photo', id },
        details: { ticketId: photo.ticketId, name: photo.name },
        source: source.address,
      })
      .catch(() => undefined);
  }
}
