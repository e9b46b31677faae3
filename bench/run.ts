// Runs every bench/*.bench.ts (or those whose name contains argv[2]), prints one JSON line per
// result and writes them all to bench/results.json with the machine's cores and memory.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
// A filtered run (npm run bench -- wall) updates its own results and keeps the others'.
const resultsFile = path.join(here, 'results.json');
const previous: BenchResult[] = filter && existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as { results: BenchResult[] }).results : [];
const fresh = new Set(results.map((r) => r.name));
results.unshift(...previous.filter((r) => !fresh.has(r.name)));
writeFileSync(
  resultsFile,
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
