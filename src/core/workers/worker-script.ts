// Where a worker thread's code is. From TypeScript sources (vitest, tsx, the CLIs) it is `<name>.ts`
// beside the caller, loaded through tsx, which the thread registers itself because Node 20 does not
// apply `--import` loaders to worker threads. In the built app electron-vite emits it as
// out/main/<name>.js (an input in electron.vite.config.ts) and the caller sits in out/main or in
// out/main/chunks. Null when the built file is missing.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerScript {
  script: string;
  /** True when `script` is code to evaluate (the tsx loader), false when it is a file. */
  evalCode: boolean;
}

/** `callerUrl`: the caller's import.meta.url; `name`: the worker's file name without extension. */
export function workerScript(callerUrl: string, name: string): WorkerScript | null {
  const here = fileURLToPath(callerUrl);
  if (here.endsWith('.ts')) {
    const tsxDir = path.dirname(createRequire(callerUrl).resolve('tsx/package.json'));
    const tsxApi = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
    const entry = pathToFileURL(path.join(path.dirname(here), `${name}.ts`)).href;
    return { script: `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, evalCode: true };
  }
  for (const dir of [path.dirname(here), path.dirname(path.dirname(here))]) {
    const file = path.join(dir, `${name}.js`);
    if (existsSync(file)) return { script: file, evalCode: false };
  }
  return null;
}
