// The effective-dated tree and the ward report, on a seeded register whose numbers were worked
// out by hand (below, beside each expectation). The 2025 reorganisation: Phường Bến Nghé and
// Phường Đa Kao of Quận 1 merged into Phường Sài Gòn on 2025-07-01, directly under the city.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatsReport } from '../../shared/contract';
import { testRegister, type TestRegister } from './testing';

let t: TestRegister;
const actor = { id: 'u-admin', name: 'Quản trị' };
beforeEach(() => (t = testRegister({ today: '2026-11-27' })));
afterEach(() => t.close());

function seed() {
  const r = t.register;
  const city = r.createArea({ parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' }, actor);
  const district = r.createArea({ parentId: city.id, name: 'Quận 1', kind: 'district' }, actor);
  const benNghe = r.createArea({ parentId: district.id, name: 'Phường Bến Nghé', kind: 'ward' }, actor);
  const daKao = r.createArea({ parentId: district.id, name: 'Phường Đa Kao', kind: 'ward' }, actor);
  const tdp1 = r.createArea({ parentId: benNghe.id, name: 'Tổ dân phố 1', kind: 'residential_group' }, actor);
  const tdp2 = r.createArea({ parentId: benNghe.id, name: 'Tổ dân phố 2', kind: 'residential_group' }, actor);
  const p1 = r.createPoint({ areaId: tdp1.id, name: 'Ngã tư Hàm Nghi', categoryId: 'intersection', purposes: ['traffic', 'public_order'] }, actor);
  const p2 = r.createPoint({ areaId: benNghe.id, name: 'Nhà trọ số 7', categoryId: 'rental_house' }, actor);
  const p3 = r.createPoint({ areaId: benNghe.id, name: 'Nhà trọ số 9', categoryId: 'rental_house' }, actor);
  const p4 = r.createPoint({ areaId: daKao.id, name: 'Chợ Đa Kao', categoryId: 'market', purposes: ['public_order'] }, actor);
  const cam = (pointId: string, name: string, status: string, ownership: string, transmission: string, extra = {}) =>
    r.createCamera({ pointId, name, status, ownership, transmission, ...extra } as Parameters<typeof r.createCamera>[0], actor).id;
  const c1 = cam(p1.id, 'C1', 'working', 'state', 'fibre');
  const c2 = cam(p1.id, 'C2', 'awaiting_repair', 'police', 'direct');
  cam(p2.id, 'C3', 'working', 'rental_owner', 'residents_wifi');
  cam(p4.id, 'C4', 'offline', 'business', 'residents_wifi');
  cam(p4.id, 'C5', 'decommissioned', 'state', 'mobile', { installDate: '2025-08-01' });
  return { city, district, benNghe, daKao, tdp1, tdp2, p1, p2, p3, p4, c1, c2 };
}

const row = (report: StatsReport, name: string) => {
  const r = report.rows.find((x) => x.name === name);
  if (!r) throw new Error(`no row ${name}: ${report.rows.map((x) => x.name).join(', ')}`);
  return r;
};

describe('the ward report', () => {
  it('matches the numbers worked out by hand, rolled up the tree', () => {
    seed();
    const report = t.stats.report(null, null, '2026-11-27');
    // Bến Nghé: P1 (in TDP1), P2, P3; cameras C1 working, C2 awaiting repair, C3 working.
    const bn = row(report, 'Phường Bến Nghé').total;
    expect([bn.points, bn.cameras, bn.status.working, bn.status.awaiting_repair, bn.status.offline]).toEqual([3, 3, 2, 1, 0]);
    expect(bn.ownership).toMatchObject({ state: 1, police: 1, rental_owner: 1, business: 0 });
    expect(bn.transmission).toMatchObject({ fibre: 1, direct: 1, residents_wifi: 1, mobile: 0 });
    expect(bn.purpose).toMatchObject({ traffic: 2, public_order: 2, fire: 0 }); // C1, C2 at P1
    expect([bn.residentialGroups, bn.residentialGroupsCovered, bn.rentalHouses, bn.rentalHousesCovered]).toEqual([2, 1, 2, 1]);
    // Đa Kao: P4 with C4 offline (business, Wi-Fi) and C5 decommissioned (state, 4G), both public order.
    const dk = row(report, 'Phường Đa Kao').total;
    expect([dk.points, dk.cameras, dk.status.offline, dk.status.decommissioned, dk.purpose.public_order]).toEqual([1, 2, 1, 1, 2]);
    // The city: everything, 4 points and 5 cameras.
    const city = row(report, 'TP. Hồ Chí Minh').total;
    expect([city.points, city.cameras, city.status.working, city.status.awaiting_repair, city.status.offline, city.status.decommissioned]).toEqual([
      4, 5, 2, 1, 1, 1,
    ]);
    expect([
      city.transmission.residents_wifi,
      city.residentialGroups,
      city.residentialGroupsCovered,
      city.rentalHouses,
      city.rentalHousesCovered,
    ]).toEqual([2, 2, 1, 2, 1]);
    expect(report.total).toEqual(city);
    // Parents before children, children in Vietnamese order.
    expect(report.rows.map((r) => `${r.depth}:${r.name}`)).toEqual([
      '0:TP. Hồ Chí Minh',
      '1:Quận 1',
      '2:Phường Bến Nghé',
      '3:Tổ dân phố 1',
      '3:Tổ dân phố 2',
      '2:Phường Đa Kao',
    ]);
  });

  it('lists residential groups and rental houses without a camera', () => {
    const s = seed();
    expect(t.query.compliance(null, 'rental_houses', false).map((p) => p.name)).toEqual(['Nhà trọ số 9']);
    expect(t.query.compliance(null, 'rental_houses', true).map((p) => p.name)).toEqual(['Nhà trọ số 7']);
    expect(t.query.compliance(null, 'residential_groups', false).map((a) => a.name)).toEqual(['Tổ dân phố 2']);
    expect(t.query.compliance(t.access.listAreas(t.admin, [s.daKao.id]), 'rental_houses', false)).toEqual([]);
  });
});

describe('effective-dated areas', () => {
  function merge() {
    const s = seed();
    t.db.prepare("INSERT INTO users(id, username, display_name, role, created_at) VALUES ('u-ward', 'bennghe', 'Cán bộ phường', 'ward', 0)").run();
    t.db.prepare("INSERT INTO user_scopes(user_id, area_id) VALUES ('u-ward', ?)").run(s.benNghe.id);
    const saigon = t.areas.merge(
      {
        sourceIds: [s.benNghe.id, s.daKao.id],
        into: { newId: crypto.randomUUID(), name: 'Phường Sài Gòn', kind: 'ward' },
        parentId: s.city.id,
        from: '2025-07-01',
      },
      actor,
    );
    return { ...s, saigon };
  }

  it('a report as of a day before a merge counts the old wards; after it, the new one', () => {
    const s = merge();
    const before = t.stats.report('2025-06-30', null, '2026-11-27');
    expect(before.rows.map((r) => r.name)).toEqual(['TP. Hồ Chí Minh', 'Quận 1', 'Phường Bến Nghé', 'Tổ dân phố 1', 'Tổ dân phố 2', 'Phường Đa Kao']);
    expect(row(before, 'Phường Bến Nghé').total.cameras).toBe(3);
    // C5 was installed on 2025-08-01: not there yet.
    expect(row(before, 'Phường Đa Kao').total.cameras).toBe(1);
    const after = t.stats.report('2025-07-02', null, '2026-11-27');
    expect(after.rows.map((r) => `${r.depth}:${r.name}`)).toEqual([
      '0:TP. Hồ Chí Minh',
      '1:Phường Sài Gòn',
      '2:Tổ dân phố 1',
      '2:Tổ dân phố 2',
      '1:Quận 1',
    ]);
    expect(row(after, 'Phường Sài Gòn').total).toMatchObject({ points: 4, cameras: 4, residentialGroups: 2 });
    expect(row(after, 'Quận 1').total.points).toBe(0);
    const now = t.stats.report(null, null, '2026-11-27');
    expect(row(now, 'Phường Sài Gòn').total.cameras).toBe(5);
    // Points and scopes followed.
    expect(t.register.pointRecord(s.p4.id).areaId).toBe(s.saigon.id);
    expect(t.db.prepare("SELECT area_id FROM user_scopes WHERE user_id = 'u-ward'").all()).toEqual([{ area_id: s.saigon.id }]);
    expect(t.areas.records().find((a) => a.id === s.benNghe.id)).toMatchObject({ retiredOn: '2025-07-01', successorIds: [s.saigon.id] });
  });

  it('a ward formed by a merge sees its predecessors’ numbers in an earlier report', () => {
    const s = merge();
    const visible = t.access.listAreas({ ...t.admin, scope: [s.saigon.id] }, []);
    const before = t.stats.report('2025-06-30', visible, '2026-11-27');
    expect(before.rows.map((r) => r.name)).toEqual(['Phường Bến Nghé', 'Tổ dân phố 1', 'Tổ dân phố 2', 'Phường Đa Kao']);
    expect(before.total.cameras).toBe(4);
  });

  it('uses the status of that day: a repair done later does not change an earlier report', () => {
    const s = merge();
    t.register.bulkStatus([s.c2], 'working', actor);
    expect(row(t.stats.report('2025-06-30', null, '2026-11-27'), 'Phường Bến Nghé').total.status.awaiting_repair).toBe(1);
    expect(row(t.stats.report(null, null, '2026-11-27'), 'Phường Sài Gòn').total.status.awaiting_repair).toBe(0);
  });

  it('rename and move from a day on keep the old name and place for earlier days; changes go forward only', () => {
    const s = merge();
    t.areas.rename(s.saigon.id, 'Phường Sài Gòn (mới)', '2026-01-01', actor);
    expect(t.stats.report('2025-12-31', null, '2026-11-27').rows.map((r) => r.name)).toContain('Phường Sài Gòn');
    expect(t.stats.report(null, null, '2026-11-27').rows.map((r) => r.name)).toContain('Phường Sài Gòn (mới)');
    expect(() => t.areas.rename(s.saigon.id, 'X', '2025-12-01', actor)).toThrow(expect.objectContaining({ code: 'date_order' }));
    expect(() => t.areas.rename(s.saigon.id, 'X', '2027-01-01', actor)).toThrow(expect.objectContaining({ code: 'date_order' }));
    expect(() => t.areas.move(s.city.id, s.tdp1.id, '2026-06-01', actor)).toThrow(expect.objectContaining({ code: 'area_cycle' }));
    expect(() => t.areas.rename(s.benNghe.id, 'X', '2026-06-01', actor)).toThrow(expect.objectContaining({ code: 'area_retired' }));
    t.areas.move(s.tdp2.id, s.city.id, '2026-02-01', actor);
    expect(t.stats.report('2026-01-31', null, '2026-11-27').rows.find((r) => r.name === 'Tổ dân phố 2')!.depth).toBe(2);
    expect(t.stats.report(null, null, '2026-11-27').rows.find((r) => r.name === 'Tổ dân phố 2')!.depth).toBe(1);
    expect(t.register.history('area', s.saigon.id).map((h) => h.action)).toEqual(['rename', 'merge', 'create']);
  });

  it('a split gives each part its points; the source ends and its users see every part', () => {
    const s = seed();
    t.db.prepare("INSERT INTO users(id, username, display_name, role, created_at) VALUES ('u-ward', 'dakao', 'Cán bộ', 'ward', 0)").run();
    t.db.prepare("INSERT INTO user_scopes(user_id, area_id) VALUES ('u-ward', ?)").run(s.benNghe.id);
    const [a, b] = t.areas.split(
      {
        id: s.benNghe.id,
        from: '2025-07-01',
        keepSource: false,
        parts: [
          { newId: crypto.randomUUID(), name: 'Phường Bến Nghé A', kind: 'ward', pointIds: [s.p2.id], areaIds: [s.tdp1.id] },
          { newId: crypto.randomUUID(), name: 'Phường Bến Nghé B', kind: 'ward', pointIds: [s.p3.id], areaIds: [] },
        ],
      },
      actor,
    );
    const now = t.stats.report(null, null, '2026-11-27');
    // Part A: P2 and TDP1 (with P1) named, and TDP2 left unnamed goes with the first part.
    expect(row(now, 'Phường Bến Nghé A').total).toMatchObject({ points: 2, cameras: 3, residentialGroups: 2 });
    expect(row(now, 'Phường Bến Nghé B').total).toMatchObject({ points: 1, cameras: 0, rentalHouses: 1 });
    expect(row(t.stats.report('2025-06-30', null, '2026-11-27'), 'Phường Bến Nghé').total.points).toBe(3);
    expect(
      (t.db.prepare("SELECT area_id FROM user_scopes WHERE user_id = 'u-ward' ORDER BY area_id").all() as { area_id: string }[])
        .map((r) => r.area_id)
        .sort(),
    ).toEqual([a!.id, b!.id].sort());
  });
});
