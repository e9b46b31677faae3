import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// electron-vite reads Electron's version from node_modules to pick build targets. Where Electron's
// binary could not be installed (this build machine), take the major version we depend on.
if (!process.env.ELECTRON_MAJOR_VER) {
  const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8'));
  const range: string = pkg.optionalDependencies?.electron ?? '';
  try {
    process.env.ELECTRON_MAJOR_VER = JSON.parse(readFileSync(resolve(__dirname, 'node_modules/electron/package.json'), 'utf8')).version.split('.')[0];
  } catch {
    process.env.ELECTRON_MAJOR_VER = range.replace(/[^0-9.]/g, '').split('.')[0];
  }
}

// One build gives everything: the Electron main process (out/main/index.js), serve mode's entry
// (out/main/serve.js, plain Node: it shares the core with main but never loads electron), the
// audit log's worker thread (out/main/audit-worker.js), the
// sandboxed preload (CommonJS, as sandboxed preloads must be) and the renderer (out/renderer).
/** The demo site runs the camera lab from the built app: its Python RTSP server goes along. */
const copySimRtsp = {
  name: 'watchfloor-copy-sim-rtsp',
  closeBundle() {
    const from = resolve(__dirname, 'src/sim/rtsp');
    for (const f of readdirSync(from).filter((n) => n.endsWith('.py'))) cpSync(resolve(from, f), resolve(__dirname, 'out/main/sim-rtsp', f));
  },
};

export default defineConfig({
  main: {
    plugins: [copySimRtsp],
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          serve: resolve(__dirname, 'src/core/serve/cli.ts'),
          // The audit log's worker thread (src/core/audit/worker-client.ts finds it beside the entries).
          'audit-worker': resolve(__dirname, 'src/core/audit/audit-worker.ts'),
          // The register's import writer runs in a worker thread of its own (register/import/writer.ts).
          'register-worker': resolve(__dirname, 'src/core/register/import/worker.ts'),
          // The health dashboard's uptime is computed in a thread of its own (health/uptime-source.ts).
          'uptime-worker': resolve(__dirname, 'src/core/health/uptime-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
