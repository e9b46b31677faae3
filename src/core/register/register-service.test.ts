import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileKeySecretBox, type SecretBox } from '../secrets/secret-box';
import { openDatabase, type Db } from '../store/database';
import { registerStore } from './store';
import { RegisterService } from './register-service';

let dir: string;
let db: Db;
let secrets: SecretBox;
let changes: number;

const service = () => new RegisterService(registerStore(db), secrets, () => changes++);
const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-register-'));
  db = openDatabase({ dataDir: dir }).db;
  secrets = fileKeySecretBox(dir);
  changes = 0;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('idempotent creates', () => {
  it('the same create twice makes one row and answers the same record', () => {
    const reg = service();
    const areaId = randomUUID();
    const a1 = reg.createArea({ id: areaId, parentId: null, name: 'Phường Bến Thành', kind: 'ward' });
    const a2 = reg.createArea({ id: areaId, parentId: null, name: 'Phường Bến Thành', kind: 'ward' });
    expect(a2).toEqual(a1);
    expect(a1.id).toBe(areaId);
    const pointId = randomUUID();
    const point = { id: pointId, areaId, name: 'Chợ Bến Thành', address: 'Lê Lợi', lat: 10.77, lon: 106.69 };
    expect(reg.createPoint(point)).toEqual(reg.createPoint(point));
    const cameraId = randomUUID();
    const cam = { id: cameraId, pointId, name: 'Cổng Nam', rtspMain: 'rtsp://admin:pw@192.0.2.10/main', password: null };
    const c1 = reg.createCamera(cam);
    const c2 = reg.createCamera(cam);
    expect(c2).toEqual(c1);
    expect([count('areas'), count('points'), count('cameras')]).toEqual([1, 1, 1]);
    // Only real creates announce a change.
    expect(changes).toBe(3);
  });

  it('different content under an existing id is a conflict, and nothing is written', () => {
    const reg = service();
    const areaId = randomUUID();
    reg.createArea({ id: areaId, parentId: null, name: 'Phường Bến Thành', kind: 'ward' });
    expect(() => reg.createArea({ id: areaId, parentId: null, name: 'Phường Sài Gòn', kind: 'ward' })).toThrow(
      expect.objectContaining({ code: 'conflict', params: { kind: 'area', id: areaId } }),
    );
    const pointId = randomUUID();
    reg.createPoint({ id: pointId, areaId, name: 'Chợ', address: '', lat: null, lon: null });
    expect(() => reg.createPoint({ id: pointId, areaId, name: 'Chợ', address: 'khác', lat: null, lon: null })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    const cameraId = randomUUID();
    reg.createCamera({ id: cameraId, pointId, name: 'Cổng Nam', rtspMain: 'rtsp://192.0.2.10/main', username: 'admin', password: 'pw1' });
    // Same everything but the password: not the same request.
    expect(() =>
      reg.createCamera({ id: cameraId, pointId, name: 'Cổng Nam', rtspMain: 'rtsp://192.0.2.10/main', username: 'admin', password: 'pw2' }),
    ).toThrow(expect.objectContaining({ code: 'conflict', params: { kind: 'camera', id: cameraId } }));
    expect(() =>
      reg.createCamera({ id: cameraId, pointId, name: 'Cổng Bắc', rtspMain: 'rtsp://192.0.2.10/main', username: 'admin', password: 'pw1' }),
    ).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect([count('areas'), count('points'), count('cameras')]).toEqual([1, 1, 1]);
    expect(reg.source(cameraId, 'main').password).toBe('pw1');
  });

  it('still makes a fresh id when the client gives none', () => {
    const reg = service();
    const a = reg.createArea({ parentId: null, name: 'A', kind: 'ward' });
    const b = reg.createArea({ parentId: null, name: 'A', kind: 'ward' });
    expect(a.id).not.toBe(b.id);
  });
});

describe('credentials in camera URLs', () => {
  function seedRaw(
    urls: { rtsp_main: string | null; rtsp_sub?: string | null; onvif_url?: string | null },
    own: { username?: string; password?: string } = {},
  ): string {
    const areaId = randomUUID();
    const pointId = randomUUID();
    const id = randomUUID();
    db.prepare("INSERT INTO areas(id, parent_id, name, kind, created_at) VALUES (?, NULL, 'A', 'ward', 0)").run(areaId);
    db.prepare("INSERT INTO points(id, area_id, name, created_at) VALUES (?, ?, 'P', 0)").run(pointId, areaId);
    db.prepare(
      'INSERT INTO cameras(id, point_id, name, rtsp_main, rtsp_sub, onvif_url, username, password_box, created_at) VALUES (?,?,?,?,?,?,?,?,0)',
    ).run(
      id,
      pointId,
      `cam ${id.slice(0, 4)}`,
      urls.rtsp_main,
      urls.rtsp_sub ?? null,
      urls.onvif_url ?? null,
      own.username ?? null,
      own.password ? secrets.seal(own.password) : null,
    );
    return id;
  }
  const row = (id: string) =>
    db.prepare('SELECT rtsp_main, rtsp_sub, onvif_url, username, password_box FROM cameras WHERE id = ?').get(id) as Record<string, string | null>;

  it('are moved out of a stored URL at start, the password sealed whole', () => {
    const id = seedRaw({
      rtsp_main: 'rtsp://admin:P@ss@w0rd@192.0.2.10/main',
      rtsp_sub: 'rtsp://admin:P%40ss%40w0rd@192.0.2.10/sub',
      onvif_url: 'http://admin:P@ss@w0rd@192.0.2.10/onvif/device_service',
    });
    const reg = service();
    expect(row(id)).toMatchObject({
      rtsp_main: 'rtsp://192.0.2.10/main',
      rtsp_sub: 'rtsp://192.0.2.10/sub',
      onvif_url: 'http://192.0.2.10/onvif/device_service',
      username: 'admin',
    });
    expect(secrets.open(row(id).password_box!)).toBe('P@ss@w0rd');
    expect(reg.source(id, 'main')).toEqual({ url: 'rtsp://192.0.2.10/main', transport: 'tcp', username: 'admin', password: 'P@ss@w0rd' });
  });

  it('keep the camera’s own credentials where it has some (they were the ones in use)', () => {
    const id = seedRaw({ rtsp_main: 'rtsp://olduser:oldpw@192.0.2.10/main' }, { username: 'admin', password: 'current' });
    const reg = service();
    expect(row(id).rtsp_main).toBe('rtsp://192.0.2.10/main');
    expect(reg.source(id, 'main')).toMatchObject({ username: 'admin', password: 'current' });
  });

  it('leave an unusable stored URL in place, but register.tree never shows its credentials', () => {
    const id = seedRaw({ rtsp_main: 'rtsp://admin:secret@cam host/x', rtsp_sub: 'rtsp://u:p@ss/w@host/x' });
    const reg = service();
    expect(row(id).rtsp_main).toBe('rtsp://admin:secret@cam host/x');
    const shown = JSON.stringify(reg.tree());
    expect(shown).not.toContain('secret');
    expect(shown).not.toContain('p@ss');
    expect(reg.camera(id).rtspMain).toBe('rtsp://cam host/x');
  });

  it('are never stored from a create either', () => {
    const reg = service();
    const a = reg.createArea({ parentId: null, name: 'A', kind: 'ward' });
    const p = reg.createPoint({ areaId: a.id, name: 'P', address: '', lat: null, lon: null });
    const c = reg.createCamera({ pointId: p.id, name: 'C', rtspMain: 'rtsp://admin:hunter2@192.0.2.10/main' });
    expect(row(c.id)).toMatchObject({ rtsp_main: 'rtsp://192.0.2.10/main', username: 'admin' });
    expect(JSON.stringify(reg.tree())).not.toContain('hunter2');
    expect(c).toMatchObject({ username: 'admin', hasPassword: true, rtspMain: 'rtsp://192.0.2.10/main' });
  });
});
