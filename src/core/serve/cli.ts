// Serve mode's entry point: the same core in plain Node, serving the built renderer and the API.
// Built to out/main/serve.js by electron-vite; `npm run serve -- --port P --data-dir D` runs it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { username as usernameSchema, newPassword } from '../../shared/contract';
import { isAppError } from '../../shared/errors';
import { systemPrincipal } from '../auth/principal';
import { createCore } from '../core';
import { defaultDataDir } from '../data-dir';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-data';
import { createLogger } from '../log/logger';
import { startLab } from '../../sim/lab';
import { ArgError, parseServeArgs } from './args';
import { say, sayError } from './cli-messages';
import { isLoopbackHost } from './security';
import { startServer } from './server';

const log = createLogger('serve');

function findRendererDir(explicit: string | null): string | null {
  if (explicit) return explicit;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '../renderer'), path.resolve(here, '../../../out/renderer')];
  return candidates.find((d) => existsSync(path.join(d, 'index.html'))) ?? null;
}

/** `WATCHFLOOR_INIT_ADMIN=user:password`, for unattended installs; read only while nobody can sign in. */
function initialAdmin(): { username: string; password: string } | undefined {
  const raw = process.env.WATCHFLOOR_INIT_ADMIN;
  if (!raw) return undefined;
  const i = raw.indexOf(':');
  const user = usernameSchema.safeParse(i > 0 ? raw.slice(0, i) : '');
  const password = newPassword.safeParse(i > 0 ? raw.slice(i + 1) : '');
  if (!user.success || !password.success) {
    process.stderr.write(say('init_admin_bad') + '\n');
    return undefined;
  }
  return { username: user.data, password: password.data };
}

/**
 * Segment length in seconds (WATCHFLOOR_SEGMENT_SECONDS, 2–600; default 60). Shorter segments let
 * the end-to-end tests and the benchmarks close segments quickly; a centre keeps the default.
 */
function recordingOptions(): { segmentMs?: number } {
  const s = Number(process.env.WATCHFLOOR_SEGMENT_SECONDS);
  return Number.isFinite(s) && s >= 2 && s <= 600 ? { segmentMs: Math.round(s * 1000) } : {};
}

/** A stray promise must never end a console that watches a city: log it and keep serving. */
function installLastResort(): void {
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection (a bug: please report it)', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
  });
}

function readTls(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw Object.assign(new Error('tls'), { tlsFile: file });
  }
}

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  if (!isLoopbackHost(args.host) && !args.tlsCert && !args.insecureLan) {
    process.stderr.write(say('lan_needs_tls', { host: args.host }) + '\n');
    process.exit(1);
  }
  const tls = args.tlsCert && args.tlsKey ? { cert: readTls(args.tlsCert), key: readTls(args.tlsKey) } : undefined;
  installLastResort();
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir());
  const admin = initialAdmin();
  const core = await createCore({
    dataDir,
    shell: 'serve',
    // The shell, not the core, brings the camera lab: a console without it simply has no demo.
    startDemoLab: (o) => startLab(o),
    ...(admin ? { initialAdmin: admin } : {}),
    checkOutputs: process.env.WATCHFLOOR_CHECK_OUTPUTS === '1' || process.env.NODE_ENV === 'development',
    recording: recordingOptions(),
    // WATCHFLOOR_HEALTH_MONITOR=off: no probing (benchmarks of other parts on a synthetic register
    // whose 100,000 camera addresses lead nowhere; the monitor's own cost is bench/health's).
    ...(process.env.WATCHFLOOR_HEALTH_MONITOR === 'off' ? { health: false as const } : {}),
  });
  let server;
  try {
    const rendererDir = findRendererDir(args.rendererDir);
    if (!rendererDir) log.warn('no built renderer found: serving the API only (run npm run build)');
    server = await startServer({ core, host: args.host, port: args.port, rendererDir, extraHosts: args.allowHosts, ...(tls ? { tls } : {}) });
  } catch (err) {
    await core.dispose();
    throw err;
  }
  if (args.explainNoElectron) process.stdout.write(say('no_electron') + '\n');
  if (args.demo) {
    // Accounts first, so a visitor can sign in while the lab prepares its video (first start: ~1 min).
    await core.services.demo.ensureAccounts();
    process.stdout.write(say('demo_accounts', { password: DEMO_PASSWORD, list: DEMO_ACCOUNTS.map((a) => `${a.username} (${a.role})`).join(', ') }) + '\n');
  } else if (core.services.auth.setupNeeded()) {
    process.stdout.write(say('setup_needed', { url: server.url }) + '\n');
  }
  // Scripts and tests read the URL from this line.
  process.stdout.write(say('serving', { url: server.url, dataDir }) + '\n');
  if (args.demo) {
    process.stdout.write(say('demo_starting') + '\n');
    const adminAccount = core.services.users.list().find((a) => a.role === 'admin' && !a.disabled);
    const runAs = systemPrincipal(
      { id: adminAccount?.id ?? 'system', username: adminAccount?.username ?? 'system', displayName: 'Watchfloor', role: 'admin' },
      ['register.manage', 'views.manage', 'users.manage'],
    );
    core.services.demo.start(runAs).then(
      (st) => process.stdout.write(say('demo_running', { cameras: st.cameras }) + '\n'),
      (err: unknown) => process.stderr.write((isAppError(err) ? sayError(err.toInfo()) : say('internal')) + '\n'),
    );
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await core.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof ArgError) process.stderr.write(say('bad_args', { arg: err.arg }) + '\n');
  else if (isAppError(err)) process.stderr.write(sayError(err.toInfo()) + '\n');
  else if (err && typeof err === 'object' && 'tlsFile' in err) process.stderr.write(say('tls_unreadable', { file: String(err.tlsFile) }) + '\n');
  else {
    log.error('start failed', { error: err instanceof Error ? err.stack : String(err) });
    process.stderr.write(say('internal') + '\n');
  }
  process.exit(1);
});
