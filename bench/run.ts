// Runs every bench/*.bench.ts (or those whose name contains argv[2]), prints one JSON line per
// result and writes them all to bench/results.json with the machine's cores and memory.
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchResult } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const results: BenchResult[] = [];
let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { default: Benchmark };
  try {
    for (const r of await mod.default()) {
      results.push(r);
      const { extra, ...line } = r;
      console.log(JSON.stringify({ ...line, ...(extra ? { extra } : {}) }));
    }
  } catch (err) {
    failed++;
    console.error(`bench ${file} failed:`, err);
  }
}
writeFileSync(
  path.join(here, 'results.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cores: os.cpus().length, memoryBytes: os.totalmem(), node: process.version },
      results,
    },
    null,
    2,
  ) + '\n',
);
process.exit(failed ? 1 : 0);
