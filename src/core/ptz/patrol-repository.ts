// Plain SQL for patrols (presets with dwell times, migration 006).
import { randomUUID } from 'node:crypto';
import type { Patrol } from '../../shared/contract';
import type { Db } from '../store/database';

interface Raw {
  id: string;
  camera_id: string;
  name: string;
  steps: string;
}

const toPatrol = (r: Raw): Patrol => ({ id: r.id, cameraId: r.camera_id, name: r.name, steps: JSON.parse(r.steps) as Patrol['steps'] });

export class PatrolRepository {
  constructor(private readonly db: Db) {}

  list(cameraId: string): Patrol[] {
    return (this.db.prepare('SELECT id, camera_id, name, steps FROM ptz_patrols WHERE camera_id = ? ORDER BY name').all(cameraId) as Raw[]).map(toPatrol);
  }

  get(id: string): Patrol | null {
    const r = this.db.prepare('SELECT id, camera_id, name, steps FROM ptz_patrols WHERE id = ?').get(id) as Raw | undefined;
    return r ? toPatrol(r) : null;
  }

  save(p: Omit<Patrol, 'id'> & { id?: string }, userId: string): Patrol {
    const now = Date.now();
    const id = p.id ?? randomUUID();
    this.db
      .prepare(
        `INSERT INTO ptz_patrols(id, camera_id, name, steps, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, steps = excluded.steps, updated_at = excluded.updated_at`,
      )
      .run(id, p.cameraId, p.name, JSON.stringify(p.steps), userId, now, now);
    return this.get(id)!;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM ptz_patrols WHERE id = ?').run(id).changes > 0;
  }
}
