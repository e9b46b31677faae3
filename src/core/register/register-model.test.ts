// The register's records through their services on a real SQLite file: fields, history, disable
// and delete, bulk changes, the health seam, search without diacritics and Vietnamese order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRegister, type TestRegister } from './testing';

let t: TestRegister;
const actor = { id: 'u-admin', name: 'Quản trị' };
beforeEach(() => (t = testRegister()));
afterEach(() => t.close());

function seed() {
  const city = t.register.createArea({ parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' }, actor);
  const ward = t.register.createArea({ parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' }, actor);
  const point = t.register.createPoint(
    {
      areaId: ward.id,
      name: 'Chợ Bến Thành',
      address: 'Lê Lợi',
      lat: 10.7725,
      lon: 106.698,
      categoryId: 'market',
      purposes: ['public_order', 'traffic'],
      custodian: 'Ban quản lý chợ',
    },
    actor,
  );
  return { city, ward, point };
}

const page = (query: string, extra: { areaIds?: string[] } & Record<string, unknown> = {}) =>
  t.query.cameras(t.query.toQuery({ query, ...extra }, t.access.listAreas(t.admin, extra.areaIds ?? [])), 'name', false, 0, 100);

describe('cameras and points', () => {
  it('keep every register field and write history with who, when, before → after', () => {
    const { point } = seed();
    const cam = t.register.createCamera(
      {
        pointId: point.id,
        name: 'Cổng Nam',
        rtspMain: 'rtsp://192.0.2.10/main',
        make: 'Hikvision',
        serial: 'SN-1',
        ownership: 'household',
        isp: 'viettel',
        transmission: 'residents_wifi',
        installDate: '2024-05-20',
        heading: 180,
      },
      actor,
    );
    const rec = t.register.cameraRecord(cam.id);
    expect(rec).toMatchObject({
      make: 'Hikvision',
      serial: 'SN-1',
      ownership: 'household',
      funding: 'socialised',
      isp: 'viettel',
      transmission: 'residents_wifi',
      installDate: '2024-05-20',
      heading: 180,
      status: 'unknown',
    });
    t.register.updateCamera({ ...rec, password: null, status: 'awaiting_repair', make: 'Dahua' }, { id: 'u-tech', name: 'Kỹ thuật viên' });
    const history = t.register.history('camera', cam.id);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      actor: 'Kỹ thuật viên',
      action: 'update',
      changes: { status: ['unknown', 'awaiting_repair'], make: ['Hikvision', 'Dahua'] },
    });
    expect(Object.keys(history[0]!.changes).sort()).toEqual(['make', 'status']);
    expect(history[1]).toMatchObject({ actor: 'Quản trị', action: 'create' });
    expect(t.register.pointRecord(point.id)).toMatchObject({
      categoryId: 'market',
      purposes: ['public_order', 'traffic'],
      custodian: 'Ban quản lý chợ',
      cameras: 1,
    });
  });

  it('refuse a point outside Vietnam or with swapped coordinates, naming the problem', () => {
    const { ward } = seed();
    expect(() => t.register.createPoint({ areaId: ward.id, name: 'X', lat: 106.698, lon: 10.7725 })).toThrow(/lat_lon_swapped/);
    expect(() => t.register.createPoint({ areaId: ward.id, name: 'X', lat: 48.85, lon: 2.35 })).toThrow(/outside_vietnam/);
  });

  it('disable takes a camera off the wall but keeps it in the register; delete is refused while something stands in it', () => {
    const { ward, point } = seed();
    const cam = t.register.createCamera({ pointId: point.id, name: 'Cổng Nam', rtspMain: 'rtsp://192.0.2.10/main' }, actor);
    t.register.setDisabled('camera', cam.id, true, actor);
    expect(t.register.tree().cameras).toHaveLength(0);
    expect(page('').rows.map((r) => r.disabled)).toEqual([true]);
    expect(() => t.register.delete('point', point.id, actor)).toThrow(expect.objectContaining({ code: 'in_use' }));
    expect(() => t.register.delete('area', ward.id, actor)).toThrow(expect.objectContaining({ code: 'in_use' }));
    t.register.delete('camera', cam.id, actor);
    t.register.delete('point', point.id, actor);
    expect(page('').total).toBe(0);
    expect(t.register.history('camera', cam.id).map((h) => h.action)).toEqual(['delete', 'disable', 'create']);
    // A deleted camera's id is not reused by a later create.
    expect(() => t.register.createCamera({ id: cam.id, pointId: seed().point.id, name: 'Cổng Nam', rtspMain: 'rtsp://192.0.2.10/main' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });

  it('bulk status and bulk move write one history entry per camera', () => {
    const { ward, point } = seed();
    const other = t.register.createPoint({ areaId: ward.id, name: 'Ga Sài Gòn' }, actor);
    const ids = ['A', 'B', 'C'].map((n) => t.register.createCamera({ pointId: point.id, name: `Cam ${n}`, status: 'working' }, actor).id);
    expect(t.register.bulkStatus(ids, 'awaiting_repair', actor)).toBe(3);
    expect(t.register.bulkStatus(ids, 'awaiting_repair', actor)).toBe(0);
    expect(t.register.bulkMove(ids.slice(0, 2), other.id, actor)).toBe(2);
    expect(page('ga sai gon').total).toBe(2);
    expect(t.register.history('camera', ids[0]!).map((h) => h.action)).toEqual(['move', 'status', 'create']);
  });

  it('health reports set working/offline but never override the technician’s statuses', () => {
    const { point } = seed();
    const a = t.register.createCamera({ pointId: point.id, name: 'A', status: 'working' }, actor);
    const b = t.register.createCamera({ pointId: point.id, name: 'B', status: 'awaiting_repair' }, actor);
    t.register.reportHealth(a.id, false, 1000);
    t.register.reportHealth(b.id, true, 2000);
    expect(t.register.cameraRecord(a.id).status).toBe('offline');
    expect(t.register.cameraRecord(b.id)).toMatchObject({ status: 'awaiting_repair', lastSeen: 2000 });
  });
});

describe('search and order', () => {
  it('finds without diacritics, NFD and NFC alike, and lists in Vietnamese order', () => {
    const { point } = seed();
    for (const name of ['Đường Nguyễn Huệ', 'Ông Lãnh', 'An Dương Vương', 'Ăn Uống', 'Zê'.normalize('NFD'), 'Hàm Nghi'.normalize('NFD')])
      t.register.createCamera({ pointId: point.id, name }, actor);
    expect(page('nguyen hue').rows.map((r) => r.name)).toEqual(['Đường Nguyễn Huệ']);
    expect(page('NGUYỄN HUỆ'.normalize('NFD')).rows.map((r) => r.name)).toEqual(['Đường Nguyễn Huệ']);
    expect(page('ham nghi').total).toBe(1);
    expect(page('ben thanh').total).toBe(6); // the point's and the area's words are searched too
    const names = page('').rows.map((r) => r.name.normalize('NFC'));
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
  });

  it('filters by area with its sub-areas, status, ownership, transmission, category and purpose', () => {
    const { city, ward, point } = seed();
    const group = t.register.createArea({ parentId: ward.id, name: 'Tổ dân phố 5', kind: 'residential_group' }, actor);
    const rental = t.register.createPoint({ areaId: group.id, name: 'Nhà trọ Hạnh', categoryId: 'rental_house', purposes: ['public_order'] }, actor);
    t.register.createCamera({ pointId: point.id, name: 'Chợ 1', status: 'working', transmission: 'fibre' }, actor);
    t.register.createCamera(
      { pointId: rental.id, name: 'Trọ 1', status: 'offline', ownership: 'rental_owner', transmission: 'residents_wifi' },
      actor,
    );
    expect(page('', { areaIds: [city.id] }).total).toBe(2);
    expect(page('', { areaIds: [group.id] }).rows.map((r) => r.name)).toEqual(['Trọ 1']);
    expect(page('', { statuses: ['offline'] }).total).toBe(1);
    expect(page('', { ownerships: ['rental_owner'] }).total).toBe(1);
    expect(page('', { transmissions: ['fibre'] }).rows.map((r) => r.name)).toEqual(['Chợ 1']);
    expect(page('', { categoryIds: ['rental_house'] }).total).toBe(1);
    expect(page('', { purposes: ['traffic'] }).rows.map((r) => r.name)).toEqual(['Chợ 1']);
  });
});
