// GET /maps/<id>/tiles/<z>/<x>/<y>: one basemap tile, read from the PMTiles or MBTiles file by
// position; GET /maps/<id>/image: an image map's picture; GET /maps/<id>/file: a basemap's file by
// HTTP range (PMTiles readers fetch it so), never sent whole in one answer. Signed-in users with
// register.view; the files are the centre's, not secret, so reads are not audited.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toErrorInfo } from '../../shared/errors';
import { can, type Principal } from '../auth/principal';
import type { CoreServices } from '../services';

const TILE = /^\/maps\/([0-9a-f-]{36})\/tiles\/(\d{1,2})\/(\d{1,8})\/(\d{1,8})$/;
const IMAGE = /^\/maps\/([0-9a-f-]{36})\/image$/;
const FILE = /^\/maps\/([0-9a-f-]{36})\/file$/;
/** One range answer at most this long: a reader asking for the whole 2 GB file gets it in parts. */
const MAX_RANGE = 16 * 1024 * 1024;

const fail = (res: ServerResponse, status: number, err: unknown) => {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify({ ok: false, error: toErrorInfo(err) }));
};

export async function mapRoute(req: IncomingMessage, res: ServerResponse, url: URL, principal: Principal | null, s: CoreServices): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
  if (!principal) return void res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Sign in first\n');
  if (!can(principal, 'register.view')) return void res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden\n');
  const path = url.pathname;
  try {
    let m = TILE.exec(path);
    if (m) {
      const tile = await s.maps.tile(m[1]!, Number(m[2]), Number(m[3]), Number(m[4]));
      if (!tile) return void res.writeHead(204, { 'Cache-Control': 'private, max-age=3600' }).end();
      res.writeHead(200, { 'Content-Type': tile.contentType, 'Content-Length': tile.data.length, 'Cache-Control': 'private, max-age=3600' });
      return void res.end(req.method === 'HEAD' ? undefined : tile.data);
    }
    m = IMAGE.exec(path);
    if (m) {
      const map = s.maps.get(m[1]!);
      if (map.kind !== 'image') return void res.writeHead(404).end();
      return sendRange(req, res, map.file, map.format === 'png' ? 'image/png' : 'image/jpeg', false);
    }
    m = FILE.exec(path);
    if (m) {
      const map = s.maps.get(m[1]!);
      if (map.kind !== 'basemap') return void res.writeHead(404).end();
      return sendRange(req, res, map.file, 'application/octet-stream', true);
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
  } catch (err) {
    const code = toErrorInfo(err).code;
    fail(res, code === 'map_not_found' ? 404 : code === 'map_unreadable' ? 422 : 500, err);
  }
}

/** Answers a byte range of a file (or, for small files and no Range, the whole file). */
function sendRange(req: IncomingMessage, res: ServerResponse, file: string, type: string, rangeOnly: boolean): void {
  const size = statSync(file).size;
  const header = req.headers.range;
  const base = { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, max-age=3600' };
  if (!header) {
    if (rangeOnly && size > MAX_RANGE) return void res.writeHead(416, { ...base, 'Content-Range': `bytes */${size}` }).end();
    res.writeHead(200, { ...base, 'Content-Length': size });
    if (req.method === 'HEAD') return void res.end();
    return void createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }
  const r = /^bytes=(\d{0,16})-(\d{0,16})$/.exec(header.trim());
  let start = r && r[1] !== '' ? Number(r[1]) : NaN;
  let end = r && r[2] !== '' ? Number(r[2]) : size - 1;
  if (r && r[1] === '' && r[2] !== '') {
    start = Math.max(0, size - Number(r[2]));
    end = size - 1;
  }
  end = Math.min(end, size - 1, start + MAX_RANGE - 1);
  if (!Number.isFinite(start) || start >= size || end < start) return void res.writeHead(416, { ...base, 'Content-Range': `bytes */${size}` }).end();
  res.writeHead(206, { ...base, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file, { start, end }).on('error', () => res.destroy()).pipe(res);
}
