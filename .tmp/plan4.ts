import Database from 'better-sqlite3';
import { ROW_SELECT } from '../src/core/register/camera-list-repository';
const db = new Database('/tmp/wf-regbench-Lm0Qmm/watchfloor.db');
const show = (sql: string, ...a: unknown[]) => { console.log(sql.replace(/\s+/g,' ').slice(-200)); for (const r of db.prepare('EXPLAIN QUERY PLAN ' + sql).all(...a) as {detail: string}[]) console.log('   ', r.detail); const ms=[]; for (let i=0;i<3;i++){const t0 = performance.now(); db.prepare(sql).all(...a); ms.push((performance.now()-t0).toFixed(1));} console.log('   ms', ms.join(' ')); };
show("SELECT c.point_id AS point, c.status, c.ownership, c.transmission, count(*) AS n FROM cameras c WHERE c.deleted_at IS NULL AND (c.install_date IS NULL OR c.install_date <= '2026-11-27') GROUP BY 1, 2, 3, 4");
show("SELECT id, area_id AS area, purposes, category_id = 'rental_house' AS rental FROM points WHERE deleted_at IS NULL");
show(ROW_SELECT + " WHERE c.deleted_at IS NULL AND +c.search_rowid IN (SELECT rowid FROM camera_fts WHERE camera_fts MATCH ?) ORDER BY c.sort_key LIMIT 100", '"sn0001234"*');
show("SELECT count(*) FROM cameras c WHERE c.deleted_at IS NULL AND c.point_id IN (SELECT p.id FROM points p WHERE p.area_id IN (SELECT value FROM json_each(?)))", JSON.stringify(['ward-3', ...Array.from({length: 19}, (_, i) => 'group-' + (3 + i * 100))]));
show(ROW_SELECT + " WHERE c.deleted_at IS NULL AND c.point_id IN (SELECT p.id FROM points p WHERE p.area_id IN (SELECT value FROM json_each(?))) ORDER BY c.sort_key LIMIT 100", JSON.stringify(['ward-3', ...Array.from({length: 19}, (_, i) => 'group-' + (3 + i * 100))]));
