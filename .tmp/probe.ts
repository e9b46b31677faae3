import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRegister } from '../bench/support/register-data';
import { openDatabase } from '../src/core/store/database';
import { registerStore } from '../src/core/register/store';
import { RegisterQuery } from '../src/core/register/register-query';
import { StatsService } from '../src/core/register/stats-service';
const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-regbench-'));
let t0 = performance.now();
buildRegister(dir);
console.log('build', Math.round(performance.now() - t0));
const { db } = openDatabase({ dataDir: dir });
const store = registerStore(db);
const q = new RegisterQuery(store);
const cases = [{ query: 'nguyen hue' }, { query: 'cho' }, { query: 'phuong' }, { statuses: ['offline'] }, { query: 'ham nghi', statuses: ['working'] }, {}, { areaIds: ['ward-3'] }, { query: 'sn0001234' }, { purposes: ['fire'], ownerships: ['police'] }];
for (const f of cases) {
  const area = (f as {areaIds?: string[]}).areaIds ? new Set(['ward-3', ...Array.from({length: 19}, (_, i) => `group-${3 + i * 100}`)]) : null;
  const times = [];
  let total = 0;
  for (let i = 0; i < 5; i++) { t0 = performance.now(); total = q.cameras(q.toQuery(f as never, area), 'name', false, 0, 100).total; times.push(performance.now() - t0); }
  console.log(JSON.stringify(f), total, times.map((x) => x.toFixed(1)).join(' '));
}
const stats = new StatsService(store);
for (let i = 0; i < 3; i++) { t0 = performance.now(); stats.report(null, null); console.log('stats now', (performance.now() - t0).toFixed(1)); }
for (let i = 0; i < 2; i++) { t0 = performance.now(); stats.report('2025-06-30', null); console.log('stats asof', (performance.now() - t0).toFixed(1)); }
