// The JSON answers of serve mode's plain HTTP routes (files, photos, uploads): the same body and
// headers as an API call's result, never cached.
import type { ServerResponse } from 'node:http';
import type { ErrorInfo } from '../../shared/errors';

export const json = (res: ServerResponse, status: number, body: unknown) =>
  void res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));

export const fail = (res: ServerResponse, status: number, error: ErrorInfo) => json(res, status, { ok: false, error });
