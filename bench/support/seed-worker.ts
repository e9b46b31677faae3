// Seeds a data dir with a register and a million incidents in a worker thread (the bench's event
// loop, and any core in the same process, stay free). Message in: {dataDir, count, days}; out:
// progress and {done, register}.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { seedIncidents, type SeedRegister } from '../../src/core/incidents/seed';
import { openDatabase } from '../../src/core/store/database';

const { dataDir, count, days } = workerData as { dataDir: string; count: number; days: number };
const { db } = openDatabase({ dataDir });
db.pragma('synchronous = OFF');
const now = Date.now();
const reg: SeedRegister = { areas: [], points: [], users: [] };
const area = db.prepare('INSERT INTO areas(id, parent_id, name, kind, created_at) VALUES (?,?,?,?,?)');
const point = db.prepare('INSERT INTO points(id, area_id, name, address, lat, lon, created_at) VALUES (?,?,?,?,?,?,?)');
const camera = db.prepare("INSERT INTO cameras(id, point_id, name, status, rtsp_main, created_at) VALUES (?,?,?,'working','rtsp://127.0.0.1:9/x',?)");
const user = db.prepare("INSERT INTO users(id, username, display_name, role, created_at) VALUES (?,?,?,'officer',?)");
db.transaction(() => {
  const city = randomUUID();
  area.run(city, null, 'TP. Hồ Chí Minh', 'city', now);
  reg.areas.push(city);
  let p = 0;
  for (let d = 1; d <= 3; d++) {
    const district = randomUUID();
    area.run(district, city, `Quận ${d}`, 'district', now);
    reg.areas.push(district);
    for (let w = 1; w <= 10; w++) {
      const ward = randomUUID();
      area.run(ward, district, `Phường ${w} Quận ${d}`, 'ward', now);
      reg.areas.push(ward);
      for (let g = 1; g <= 3; g++) {
        const group = randomUUID();
        area.run(group, ward, `Tổ dân phố ${g}`, 'residential_group', now);
        reg.areas.push(group);
        for (let k = 0; k < 3; k++) {
          const id = randomUUID();
          const name = `Điểm ${++p}`;
          point.run(id, group, name, '', null, null, now);
          const cams = [0, 1].map((c) => ({ id: randomUUID(), name: `Camera ${p}.${c + 1}` }));
          for (const c of cams) camera.run(c.id, id, c.name, now);
          reg.points.push({ id, areaId: group, name, cameras: cams });
        }
      }
    }
  }
  for (let u = 1; u <= 20; u++) {
    const id = randomUUID();
    user.run(id, `canbo${u}`, `Cán bộ ${u}`, now);
    reg.users.push(id);
  }
})();
seedIncidents(db, reg, { count, days, until: now, onProgress: (n) => parentPort!.postMessage({ progress: n }) });
// A store that has been running has merged its index segments (FTS5 automerge); do it at once.
db.prepare("INSERT INTO incidents_fts(incidents_fts) VALUES ('optimize')").run();
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
parentPort!.postMessage({ done: true, register: reg });
