// Files of the incident log over HTTP (serve mode and Electron's loopback server alike):
//   POST /incidents/upload?name=…      an attachment, streamed to the data dir under a size limit
//   GET  /incidents/staged/<id>        a staged snapshot or upload (its owner only: the preview)
//   GET  /incidents/attachment/<id>    an attached file (the incident's scope; ?inline=1 for images)
//   GET  /incidents/export.xlsx|pdf    the filtered list (?q=<the list query as JSON>&lang=vi|en)
//   GET  /shift/<id>.pdf               a signed handover as the minute (?lang=vi|en)
// Same rules as the session and download routes: our Host (server.ts), our Origin for a POST (or an
// Electron window token), a live session with the permission, not locked for an upload, audited.
// No file is ever rendered by us: only JPEG and PNG recognised by their first bytes go inline, all
// else is an attachment of type application/octet-stream under a sandboxing CSP.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { incidentQuery, type Permission } from '../../shared/contract';
import { toErrorInfo } from '../../shared/errors';
import { fail, json } from './json-answer';
import type { CallSource } from '../auth/auth-service';
import { can, type Principal } from '../auth/principal';
import { incidentRows, incidentsPdfHtml, MAX_PDF_ROWS, MAX_XLSX_ROWS, writeIncidentsXlsx } from '../incidents/export/incident-export';
import type { CoreServices } from '../services';
import { handoverHtml } from '../shift/handover-html';

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, p: Principal, s: CoreServices, audit: Audit) => Promise<void>;
type Audit = (
  action: string,
  outcome: 'ok' | 'denied' | 'failed',
  details?: Record<string, string | number | null>,
  target?: { kind: string; id: string } | null,
) => Promise<void>;


const statusOf = (code: string) =>
  code === 'not_found'
    ? 404
    : code === 'upload_too_large'
      ? 413
      : code === 'bad_request' || code === 'export_too_large'
        ? 400
        : code === 'permission_denied'
          ? 403
          : 503;

/** RFC 6266: an ASCII fallback plus the UTF-8 name (Vietnamese names survive, quotes cannot break out). */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const FILE_HEADERS = {
  'Cache-Control': 'private, no-store',
  // Whatever a file holds, it runs nothing here: no scripts, no plugins, no same-origin access.
  'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
};

const langOf = (url: URL): 'vi' | 'en' => (url.searchParams.get('lang') === 'en' ? 'en' : 'vi');

function queryOf(url: URL) {
  let raw: unknown = {};
  try {
    raw = JSON.parse(url.searchParams.get('q') ?? '{}');
  } catch {
    raw = null;
  }
  return incidentQuery.safeParse(raw);
}

const upload: Route = async (req, res, url, p, s, audit) => {
  if (p.locked) {
    req.resume();
    await audit('incidents.upload', 'denied', { error: 'session_locked' });
    return fail(res, 403, { code: 'session_locked', params: {} });
  }
  const length = Number(req.headers['content-length'] ?? NaN);
  const limit = s.incidentFiles.uploadLimit;
  if (Number.isFinite(length) && length > limit) {
    // Refused before a byte is stored; the connection closes so the rest is not read.
    res.setHeader('Connection', 'close');
    await audit('incidents.upload', 'failed', { error: 'upload_too_large', bytes: length });
    return fail(res, 413, { code: 'upload_too_large', params: { limit } });
  }
  const name = (url.searchParams.get('name') ?? 'file').slice(0, 500);
  try {
    const staged = await s.incidentFiles.stageUpload(p, req, name);
    await audit('incidents.upload', 'ok', { bytes: staged.bytes, name: staged.name, mime: staged.mime }, { kind: 'staged', id: staged.id });
    json(res, 200, { ok: true, value: staged });
  } catch (err) {
    const error = toErrorInfo(err);
    res.setHeader('Connection', 'close');
    await audit('incidents.upload', 'failed', { error: error.code, name });
    fail(res, statusOf(error.code), error);
  }
};

function sendFile(res: ServerResponse, s: CoreServices, file: string, mime: string, name: string, bytes: number, inline: boolean): Promise<void> {
  const shown = inline && (mime === 'image/jpeg' || mime === 'image/png');
  res.writeHead(200, {
    ...FILE_HEADERS,
    'Content-Type': shown ? mime : 'application/octet-stream',
    'Content-Length': String(bytes),
    'Content-Disposition': contentDisposition(shown ? 'inline' : 'attachment', name),
  });
  return new Promise((resolve) => {
    const stream = s.incidentFiles.store.open(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', () => resolve());
    stream.pipe(res);
  });
}

const staged: Route = async (_req, res, url, p, s) => {
  const id = decodeURIComponent(url.pathname.slice('/incidents/staged/'.length));
  const f = s.incidentFiles.staged(p, id);
  await sendFile(res, s, f.file, f.mime, f.name, f.bytes, true);
};

const attachment: Route = async (_req, res, url, p, s, audit) => {
  const id = decodeURIComponent(url.pathname.slice('/incidents/attachment/'.length));
  const a = s.incidentFiles.attachment(id);
  // Another area's attachment reads as one that does not exist.
  if (!a) return fail(res, 404, { code: 'not_found', params: { kind: 'attachment', id } });
  s.incidents.visibleIncident(p, a.incidentId);
  if (!a.file) return fail(res, 404, { code: 'not_found', params: { kind: 'attachment', id } });
  await sendFile(res, s, a.file, a.mime, a.name, a.bytes, url.searchParams.get('inline') === '1');
  await audit('download.incidents.attachment', 'ok', { incidentId: a.incidentId, name: a.name }, { kind: 'attachment', id });
};

const stamp = () => new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

function exportContext(s: CoreServices, lang: 'vi' | 'en') {
  return {
    lang,
    timeZone: s.settings.get().timeZone,
    categories: s.incidents.categories(),
    cameraNames: (ids: string[]) => [...s.incidents.cameraNames(ids).values()].join(', '),
  };
}

const exportXlsx: Route = async (_req, res, url, p, s, audit) => {
  const q = queryOf(url);
  if (!q.success) return fail(res, 400, { code: 'bad_request', params: { field: 'q', problem: 'invalid' } });
  res.writeHead(200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': contentDisposition('attachment', `watchfloor-incidents-${stamp()}.xlsx`),
    'Cache-Control': 'no-store',
  });
  const rows = await writeIncidentsXlsx(res, incidentRows(s.incidents, p, q.data, MAX_XLSX_ROWS), exportContext(s, langOf(url)));
  res.end();
  await audit('download.incidents.xlsx', 'ok', { rows, q: JSON.stringify(q.data).slice(0, 300) });
};

const exportPdf: Route = async (_req, res, url, p, s, audit) => {
  const q = queryOf(url);
  if (!q.success) return fail(res, 400, { code: 'bad_request', params: { field: 'q', problem: 'invalid' } });
  const { html, count } = await incidentsPdfHtml(incidentRows(s.incidents, p, q.data, MAX_PDF_ROWS + 1), exportContext(s, langOf(url)), MAX_PDF_ROWS);
  const pdf = await s.printer.print(html);
  res
    .writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition('attachment', `watchfloor-incidents-${stamp()}.pdf`),
      'Cache-Control': 'no-store',
    })
    .end(pdf);
  await audit('download.incidents.pdf', 'ok', { rows: count, q: JSON.stringify(q.data).slice(0, 300) });
};

const handoverPdf: Route = async (_req, res, url, p, s, audit) => {
  const id = decodeURIComponent(url.pathname.slice('/shift/'.length, -'.pdf'.length));
  const h = s.shift.get(p, id);
  const lang = langOf(url);
  const pdf = await s.printer.print(handoverHtml(h, lang, s.settings.get().timeZone, s.incidents.categories()));
  const name = lang === 'vi' ? `bien-ban-giao-ca-${id.slice(0, 8)}.pdf` : `shift-handover-${id.slice(0, 8)}.pdf`;
  res
    .writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Disposition': contentDisposition('attachment', name), 'Cache-Control': 'no-store' })
    .end(pdf);
  await audit('download.shift.pdf', 'ok', { lang }, { kind: 'handover', id });
};

interface Match {
  method: 'GET' | 'POST';
  test: (path: string) => boolean;
  permission: Permission;
  route: Route;
}

const ROUTES: Match[] = [
  { method: 'POST', test: (x) => x === '/incidents/upload', permission: 'incidents.manage', route: upload },
  { method: 'GET', test: (x) => x.startsWith('/incidents/staged/'), permission: 'incidents.manage', route: staged },
  { method: 'GET', test: (x) => x.startsWith('/incidents/attachment/'), permission: 'incidents.view', route: attachment },
  { method: 'GET', test: (x) => x === '/incidents/export.xlsx', permission: 'incidents.view', route: exportXlsx },
  { method: 'GET', test: (x) => x === '/incidents/export.pdf', permission: 'incidents.view', route: exportPdf },
  { method: 'GET', test: (x) => x.startsWith('/shift/') && x.endsWith('.pdf'), permission: 'shift.handover', route: handoverPdf },
];

export function isIncidentRoute(path: string): boolean {
  return path.startsWith('/incidents/') || path.startsWith('/shift/');
}

/** `originOk`: the request came from our own page (or an Electron window token), checked by the server. */
export async function incidentRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal | null,
  source: CallSource,
  s: CoreServices,
  originOk: boolean,
): Promise<void> {
  const m = ROUTES.find((r) => r.test(url.pathname));
  if (!m) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
  if (req.method !== m.method) return void res.writeHead(405, { Allow: m.method }).end();
  // A cross-site form or fetch must not plant a file in someone's session.
  if (m.method === 'POST' && !originOk) {
    req.resume();
    return fail(res, 403, { code: 'permission_denied', params: { problem: 'origin' } });
  }
  if (!principal) {
    req.resume();
    return fail(res, 401, { code: 'session_required', params: {} });
  }
  const audit: Audit = async (action, outcome, details = {}, target = null) => {
    await s.audit
      .append({ actor: { userId: principal.user.id, username: principal.user.username }, action, outcome, target, details, source: source.address })
      .catch(() => undefined);
  };
  if (!can(principal, m.permission)) {
    req.resume();
    await audit(url.pathname.startsWith('/shift/') ? 'download.shift.pdf' : `incidents.${url.pathname.split('/')[2] ?? ''}`, 'denied', {
      error: 'permission_denied',
    });
    return fail(res, 403, { code: 'permission_denied', params: { permission: m.permission } });
  }
  try {
    await m.route(req, res, url, principal, s, audit);
  } catch (err) {
    const error = toErrorInfo(err);
    if (res.headersSent) return void res.destroy();
    fail(res, statusOf(error.code), error);
  }
}
