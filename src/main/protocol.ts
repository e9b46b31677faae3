// Our pages come from a privileged custom scheme, app://watchfloor/, not file:. With file: any local
// file passes a navigation or IPC-sender check that compares origins (all file: URLs share one);
// app:// serves exactly the built renderer and nothing else, with our CSP as a real header.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from '../core/serve/security';
import { contentTypeOf, resolveStatic } from '../core/serve/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'watchfloor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

/** Serves the built renderer at app://watchfloor/; `coreOrigin` is the loopback core the page may reach. */
export function serveRenderer(rendererDir: string, coreOrigin: () => string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    const headers: Record<string, string> = { 'Content-Type': contentTypeOf(file), 'X-Content-Type-Options': 'nosniff' };
    if (file.endsWith('.html')) {
      const core = coreOrigin();
      headers['Content-Security-Policy'] = contentSecurityPolicy(`'self' ${core.replace(/^http/, 'ws')} ${core}`);
    }
    return new Response(await readFile(file), { headers });
  });
}
