// Serve mode's entry point: the same core in plain Node, serving the built renderer and the API.
// Built to out/main/serve.js by electron-vite; `npm run serve -- --port P --data-dir D` runs it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAppError } from '../../shared/errors';
import { createCore } from '../core';
import { defaultDataDir } from '../data-dir';
import { createLogger } from '../log/logger';
import { ArgError, parseServeArgs } from './args';
import { say, sayError } from './cli-messages';
import { startServer } from './server';

const log = createLogger('serve');

function findRendererDir(explicit: string | null): string | null {
  if (explicit) return explicit;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '../renderer'), path.resolve(here, '../../../out/renderer')];
  return candidates.find((d) => existsSync(path.join(d, 'index.html'))) ?? null;
}

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir());
  const core = await createCore({ dataDir, shell: 'serve' });
  let server;
  try {
    const rendererDir = findRendererDir(args.rendererDir);
    if (!rendererDir) log.warn('no built renderer found: serving the API only (run npm run build)');
    server = await startServer({ core, host: args.host, port: args.port, rendererDir, extraHosts: args.allowHosts });
  } catch (err) {
    await core.dispose();
    throw err;
  }
  if (args.explainNoElectron) process.stdout.write(say('no_electron') + '\n');
  // Scripts and tests read the URL from this line.
  process.stdout.write(say('serving', { url: server.url, dataDir }) + '\n');
  if (args.demo) {
    // The console is already usable while the lab encodes its clips (first start: ~1 min).
    process.stdout.write(say('demo_starting') + '\n');
    core.services.demo.start(core.localUser).then(
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
  else {
    log.error('start failed', { error: err instanceof Error ? err.stack : String(err) });
    process.stderr.write(say('internal') + '\n');
  }
  process.exit(1);
});
