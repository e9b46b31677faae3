// The camera table's totals and pages, and today's ward report, stay true to the register through
// every kind of change. Migration 014 keeps two derived tables by trigger (camera_facets for the
// table, camera_tally for the report) and the table answers a filter two ways (sorting the few
// matches, or walking the whole table in order); here both ways and the report are compared with
// a plain reading of the cameras themselves, after random edits, moves, deletions and disabling.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAMERA_STATUSES, OWNERSHIPS, PURPOSES, TRANSMISSIONS, type CameraFilter } from '../../shared/contract';
import { searchWords } from '../../shared/register/fold';
import { CameraListRepository } from './camera-list-repository';
import { CAMERA_COLUMNS } from './stats-repository';
import { testRegister, type TestRegister } from './testing';

let t: TestRegister;
const actor = { id: 'u-admin', name: 'Quản trị' };
beforeEach(() => (t = testRegister()));
afterEach(() => t.close());

const WORDS = ['Nguyễn Huệ', 'Chợ Bến Thành', 'Nhà trọ', 'Trường', 'Lê Lợi', 'Hàm Nghi'];
const CATEGORIES = ['market', 'rental_house', 'school', 'intersection'];

function seed(rand: () => number) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const city = t.register.createArea({ parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' }, actor);
  const areas = [city.id];
  for (let w = 0; w < 3; w++) {
    const ward = t.register.createArea({ parentId: city.id, name: `Phường ${w + 1}`, kind: 'ward' }, actor);
    areas.push(ward.id);
    for (let g = 0; g < 2; g++) areas.push(t.register.createArea({ parentId: ward.id, name: `Tổ ${w + 1}.${g + 1}`, kind: 'residential_group' }, actor).id);
  }
  const points: string[] = [];
  for (let p = 0; p < 12; p++) {
    points.push(
      t.register.createPoint(
        {
          areaId: areas[1 + (p % (areas.length - 1))]!,
          name: `${pick(WORDS)} ${p + 1}`,
          categoryId: pick(CATEGORIES),
          purposes: PURPOSES.filter(() => rand() < 0.4),
        },
        actor,
      ).id,
    );
  }
  const cameras: string[] = [];
  for (let c = 0; c < 60; c++) {
    cameras.push(
      t.register.createCamera(
        {
          pointId: pick(points),
          name: `${pick(WORDS)} mắt ${c}`,
          status: pick(CAMERA_STATUSES),
          ownership: pick(OWNERSHIPS),
          transmission: pick(TRANSMISSIONS),
          serial: `SN${c}`,
          // A few installed later than today: not in today's report.
          ...(c % 9 === 0 ? { installDate: '2999-01-01' } : {}),
        },
        actor,
      ).id,
    );
  }
  return { areas, points, cameras, pick };
}

interface Plain {
  id: string;
  search_rowid: number;
  sort_key: string;
  status: string;
  ownership: string;
  transmission: string;
  disabled: number;
  area_id: string;
  category_id: string | null;
  purposes: number;
  install_date: string | null;
  words: string;
}

/** Every camera in the register, read plainly (no derived table). */
function plainCameras(): Plain[] {
  const rows = t.db
    .prepare(
      `SELECT c.id, c.search_rowid, c.sort_key, c.status, c.ownership, c.transmission, c.disabled, p.area_id, p.category_id, p.purposes, c.install_date,
         c.name, c.serial, c.make, c.model, p.name AS point_name, p.address, p.custodian, a.name AS area_name
       FROM cameras c JOIN points p ON p.id = c.point_id JOIN areas a ON a.id = p.area_id WHERE c.deleted_at IS NULL`,
    )
    .all() as (Plain & Record<string, string>)[];
  return rows.map((r) => ({
    ...r,
    words: searchWords([r.name, r.serial, r.make, r.model, r.point_name, r.address, r.custodian, r.area_name].join(' ')).join(' '),
  }));
}

function expected(filter: CameraFilter, areaSet: ReadonlySet<string> | null): string[] {
  const words = searchWords(filter.query ?? '');
  const bits = (filter.purposes ?? []).reduce((b, p) => b | (1 << PURPOSES.indexOf(p)), 0);
  return plainCameras()
    .filter(
      (c) =>
        (!areaSet || areaSet.has(c.area_id)) &&
        (!filter.statuses?.length || filter.statuses.includes(c.status as never)) &&
        (!filter.ownerships?.length || filter.ownerships.includes(c.ownership as never)) &&
        (!filter.transmissions?.length || filter.transmissions.includes(c.transmission as never)) &&
        (!filter.categoryIds?.length || filter.categoryIds.includes(c.category_id ?? '')) &&
        (!bits || (c.purposes & bits) !== 0) &&
        ((filter.includeDisabled ?? true) || c.disabled === 0) &&
        words.every((w) => c.words.split(' ').some((x) => x.startsWith(w))),
    )
    .sort((a, b) => (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : a.search_rowid - b.search_rowid))
    .map((c) => c.id);
}

const filterArb = (areas: string[]) =>
  fc.record(
    {
      query: fc.constantFrom('', 'nguyen', 'cho ben', 'nha tro', 'truong', 'le loi', 'mat 1', 'sn4', 'ham nghi mat'),
      statuses: fc.subarray([...CAMERA_STATUSES]),
      ownerships: fc.subarray([...OWNERSHIPS], { maxLength: 2 }),
      transmissions: fc.subarray([...TRANSMISSIONS], { maxLength: 2 }),
      categoryIds: fc.subarray(CATEGORIES, { maxLength: 2 }),
      purposes: fc.subarray([...PURPOSES], { maxLength: 2 }),
      areaIds: fc.subarray(areas, { maxLength: 2 }),
      includeDisabled: fc.boolean(),
    },
    { requiredKeys: [] },
  );

const changeArb = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), n: fc.nat(), status: fc.constantFrom(...CAMERA_STATUSES) }),
  fc.record({ kind: fc.constant('move' as const), n: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('disable' as const), n: fc.nat(), disabled: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), n: fc.nat() }),
  fc.record({ kind: fc.constant('point' as const), n: fc.nat(), area: fc.nat(), category: fc.constantFrom(...CATEGORIES), purposes: fc.nat(63) }),
  // New and renamed cameras take a place in name order between the others (camera-order.ts).
  fc.record({ kind: fc.constant('add' as const), n: fc.nat(), word: fc.constantFrom(...WORDS), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('rename' as const), n: fc.nat(), word: fc.constantFrom(...WORDS) }),
);

describe('the camera table and the ward report after changes', () => {
  it('totals and every page agree with a plain reading, both by sorting the matches and by walking the table', () => {
    let seedNo = 1;
    const made = seed(() => ((seedNo = (seedNo * 16807) % 2147483647) - 1) / 2147483646);
    const walking = new CameraListRepository(t.db, { sortMatches: -1 });
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 4 }), fc.array(filterArb(made.areas), { minLength: 1, maxLength: 4 }), (changes, filters) => {
        const live = () => plainCameras().map((c) => c.id);
        for (const ch of changes) {
          const ids = live();
          if (ids.length === 0) break;
          const id = ids[ch.n % ids.length]!;
          if (ch.kind === 'status') t.register.bulkStatus([id], ch.status, actor);
          else if (ch.kind === 'move') t.register.bulkMove([id], made.points[ch.to % made.points.length]!, actor);
          else if (ch.kind === 'disable') t.register.setDisabled('camera', id, ch.disabled, actor);
          else if (ch.kind === 'delete') t.register.delete('camera', id, actor);
          else if (ch.kind === 'add') {
            for (let i = 0; i < ch.count; i++) {
              const pointId = made.points[(ch.n + i) % made.points.length]!;
              t.register.createCamera({ pointId, name: `${ch.word} mắt ${ch.n % 7}`, status: 'working', ownership: 'state', transmission: 'fibre' }, actor);
            }
          } else if (ch.kind === 'rename') {
            const rec = t.register.cameraRecord(id);
            t.register.updateCamera({ ...rec, password: null, keepPassword: true, name: `${ch.word} mắt ${ch.n % 7}` }, actor);
          } else {
            const pointId = made.points[ch.n % made.points.length]!;
            const p = t.register.pointRecord(pointId);
            t.register.savePoint(
              {
                ...p,
                id: pointId,
                create: false,
                areaId: made.areas[1 + (ch.area % (made.areas.length - 1))]!,
                categoryId: ch.category,
                purposes: PURPOSES.filter((_, i) => (ch.purposes >> i) & 1),
              },
              actor,
            );
          }
        }
        for (const filter of filters) {
          const areaSet = t.access.listAreas(t.admin, filter.areaIds ?? []);
          const want = expected(filter, areaSet);
          const q = t.query.toQuery(filter, areaSet);
          for (const [offset, limit] of [
            [0, 100],
            [0, 3],
            [2, 4],
          ] as const) {
            const sorted = t.store.list.page(q, 'name', false, offset, limit);
            const walked = walking.page(q, 'name', false, offset, limit);
            expect(sorted.total).toBe(want.length);
            expect(walked.total).toBe(want.length);
            expect(sorted.rows.map((r) => r.id)).toEqual(want.slice(offset, offset + limit));
            expect(walked.rows.map((r) => r.id)).toEqual(want.slice(offset, offset + limit));
          }
          const reversed = t.store.list.page(q, 'name', true, 0, 100);
          expect(reversed.rows.map((r) => r.id)).toEqual([...want].reverse().slice(0, 100));
        }
        // Today's report from the tally equals the cameras counted one by one.
        const today = new Date().toISOString().slice(0, 10);
        const tally = new Map(t.store.stats.cameraCounts(today, true).map(([area, ...counts]) => [area, counts.join(',')]));
        const byArea = new Map<string, number[]>();
        for (const c of plainCameras()) {
          if (c.install_date && c.install_date > today) continue;
          const row = byArea.get(c.area_id) ?? Array<number>(CAMERA_COLUMNS.length + 1).fill(0);
          row[0]! += 1;
          CAMERA_COLUMNS.forEach(([group, value], i) => {
            const hit =
              group === 'status'
                ? c.status === value
                : group === 'ownership'
                  ? c.ownership === value
                  : group === 'transmission'
                    ? c.transmission === value
                    : (c.purposes >> PURPOSES.indexOf(value as never)) & 1;
            if (hit) row[i + 1]! += 1;
          });
          byArea.set(c.area_id, row);
        }
        for (const [area, row] of byArea) expect(tally.get(area), area).toBe(row.join(','));
        for (const [area, counts] of tally) if (!byArea.has(area)) expect(counts.split(',').every((n) => n === '0'), area).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
