// Migration 006 (camera_onvif, ptz_preset_names, ptz_patrols) and its repositories.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/database';
import { PatrolRepository } from '../ptz/patrol-repository';
import { DeviceRepository } from './device-repository';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-devices-'));
  db = openDatabase({ dataDir: dir }).db;
  db.prepare("INSERT INTO areas(id, parent_id, name, kind, created_at) VALUES ('a', NULL, 'Phường', 'ward', 0)").run();
  db.prepare("INSERT INTO points(id, area_id, name, created_at) VALUES ('p', 'a', 'Điểm', 0)").run();
  db.prepare("INSERT INTO cameras(id, point_id, name, created_at) VALUES ('c', 'p', 'Vòm', 0)").run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 006 and the device repository', () => {
  it('keeps a camera’s ONVIF facts, clock and field of view, and merges later readings', () => {
    const repo = new DeviceRepository(db);
    repo.upsert({
      cameraId: 'c',
      endpoint: 'urn:uuid:1',
      manufacturer: 'Hikvision',
      model: 'DS-2DE4425IW',
      firmware: 'V5.7',
      serial: 'S1',
      mac: 'aa:bb:cc:dd:ee:ff',
      snapshotUri: null,
      profileMain: 'Profile_1',
      profileSub: 'Profile_2',
      codecMain: 'H264',
      codecSub: 'H264',
      clockOffsetMs: null,
      clockCheckedAt: null,
    });
    repo.setClock('c', 3_600_400.4, 1000);
    repo.setFov('c', { hfovWideDeg: 60, zoomRatio: 25, panRangeDeg: 360, tiltRangeDeg: 90 });
    expect(repo.get('c')).toMatchObject({ endpoint: 'urn:uuid:1', serial: 'S1', clockOffsetMs: 3_600_400, clockCheckedAt: 1000, fov: { zoomRatio: 25 }, codecMain: 'H264' });
    // A camera added by RTSP URL gets a row from its first clock reading.
    db.prepare("INSERT INTO cameras(id, point_id, name, created_at) VALUES ('d', 'p', 'Thân', 0)").run();
    repo.setClock('d', -200, 2000);
    expect(repo.get('d')).toMatchObject({ clockOffsetMs: -200, serial: null });
  });

  it('goes with its camera: ONVIF facts, preset names and patrols are deleted with it', () => {
    const repo = new DeviceRepository(db);
    const patrols = new PatrolRepository(db);
    repo.setClock('c', 0, 0);
    repo.setPresetName('c', '1', 'Cổng chợ');
    const p = patrols.save({ cameraId: 'c', name: 'Tuần tra', steps: [{ presetToken: '1', dwellSeconds: 10 }] }, 'u');
    expect(patrols.list('c')).toEqual([p]);
    expect(repo.presetNames('c').get('1')).toBe('Cổng chợ');
    db.prepare("DELETE FROM cameras WHERE id = 'c'").run();
    expect(repo.get('c')).toBeNull();
    expect(repo.presetNames('c').size).toBe(0);
    expect(patrols.get(p.id)).toBeNull();
  });
});
