// POST /upload: a file for the register (an import spreadsheet, area boundaries), streamed to
// <data-dir>/uploads with a size limit. Same checks as the session route: our Host (server.ts),
// our Origin (or an Electron window token), a signed-in session with register.manage; audited.
// Answers {ok, value: {uploadId, bytes}} or a typed error the page translates.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toErrorInfo } from '../../shared/errors';
import type { CallSource } from '../auth/auth-service';
import { can, type Principal } from '../auth/principal';
import type { CoreServices } from '../services';
import type { UploadStore } from '../register/import/uploads';

const answer = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
};

export async function uploadRoute(
  req: IncomingMessage,
  res: ServerResponse,
  principal: Principal | null,
  source: CallSource,
  s: CoreServices,
  /** The register's uploads (50 MiB) or the map's (basemaps run to gigabytes). */
  store: UploadStore = s.uploads,
): Promise<void> {
  if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();
  if (!principal) return answer(res, 401, { ok: false, error: { code: 'session_required', params: {} } });
  const actor = { userId: principal.user.id, username: principal.user.username };
  if (!can(principal, 'register.manage') || principal.locked) {
    await s.audit.append({
      actor,
      action: 'upload',
      outcome: 'denied',
      details: { error: principal.locked ? 'session_locked' : 'permission_denied' },
      source: source.address,
    });
    req.resume();
    return answer(res, 403, {
      ok: false,
      error: { code: principal.locked ? 'session_locked' : 'permission_denied', params: { permission: 'register.manage' } },
    });
  }
  const length = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : null;
  const name = String(req.headers['x-file-name'] ?? '').slice(0, 200);
  try {
    const { id, bytes } = await store.save(req, Number.isFinite(length) ? length : null);
    await s.audit.append({
      actor,
      action: 'upload',
      outcome: 'ok',
      target: { kind: 'upload', id },
      details: { bytes, name: decodeURIComponent(name) },
      source: source.address,
    });
    answer(res, 200, { ok: true, value: { uploadId: id, bytes } });
  } catch (err) {
    const error = toErrorInfo(err);
    await s.audit.append({ actor, action: 'upload', outcome: 'failed', details: { error: error.code, name }, source: source.address });
    // The rest of a refused body is not read: the connection closes after the answer.
    res.setHeader('Connection', 'close');
    answer(res, error.code === 'upload_too_large' ? 413 : 400, { ok: false, error });
  }
}
