// Writes an import plan in ONE transaction: all of it or nothing. Runs in the import worker (its
// own connection to the same database file), or in-process in tests; it only writes what the plan
// says, with each record's history and search words.
import { BEGINNING } from '../../../shared/register/dates';
import type { Actor } from '../history-repository';
import type { RegisterStore } from '../store';
import type { ImportPlan } from './plan';

export interface ImportCounts {
  createdCameras: number;
  updatedCameras: number;
  createdPoints: number;
  unchanged: number;
}

export function applyPlan(
  store: RegisterStore,
  plan: ImportPlan,
  actor: Actor,
  onProgress: (done: number, total: number) => void = () => undefined,
): ImportCounts {
  const total = plan.newPoints.length + plan.updatedPoints.length + plan.newCameras.length + plan.updatedCameras.length;
  let done = 0;
  const step = () => {
    if (++done % 500 === 0) onProgress(done, total);
  };
  const at = Date.now();
  store.db
    .transaction(() => {
      for (const p of plan.newPoints) {
        store.records.insertPoint(p.write, BEGINNING, p.id);
        store.history.append('point', p.id, actor, 'import', Object.fromEntries(Object.entries(p.snapshot).map(([k, v]) => [k, [null, v]])), at);
        step();
      }
      for (const p of plan.updatedPoints) {
        store.records.updatePoint(p.id, p.write);
        store.history.append('point', p.id, actor, 'import', p.changes, at);
        store.search.point(p.id);
        step();
      }
      for (const c of plan.newCameras) {
        store.records.insertCamera(c.write, c.id, at);
        store.history.append('camera', c.id, actor, 'import', Object.fromEntries(Object.entries(c.snapshot).map(([k, v]) => [k, [null, v]])), at);
        step();
      }
      for (const c of plan.updatedCameras) {
        store.records.updateCamera(c.id, c.write);
        if (c.statusChanged) store.records.logStatus(c.id, c.write.status, at);
        store.history.append('camera', c.id, actor, 'import', c.changes, at);
        step();
      }
      const ids = [...plan.newCameras, ...plan.updatedCameras].map((c) => c.id);
      for (let i = 0; i < ids.length; i += 1000) store.search.cameras(ids.slice(i, i + 1000));
      store.order.placeAll();
    })
    .immediate();
  onProgress(total, total);
  return {
    createdCameras: plan.newCameras.length,
    updatedCameras: plan.updatedCameras.length,
    createdPoints: plan.newPoints.length,
    unchanged: plan.unchanged,
  };
}
