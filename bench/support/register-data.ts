// A synthetic register for benchmarks: 2,000 areas (a city, 100 wards, 1,899 residential groups),
// 40,000 points and 100,000 cameras with Vietnamese names, written straight into a fresh database
// file (the same columns the services write: sort keys, folded search words, history).
import { openDatabase } from '../../src/core/store/database';
import { registerStore } from '../../src/core/register/store';
import { vietnameseSortKey } from '../../src/shared/register/collation';
import { foldForIndex } from '../../src/shared/register/fold';
import { CAMERA_STATUSES, OWNERSHIPS, PURPOSES, TRANSMISSIONS } from '../../src/shared/contract';

const STREETS = [
  'Nguyễn Huệ',
  'Lê Lợi',
  'Hàm Nghi',
  'Trần Hưng Đạo',
  'Điện Biên Phủ',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Nguyễn Trãi',
  'Võ Văn Tần',
  'Pasteur',
  'Cách Mạng Tháng Tám',
  'Đinh Tiên Hoàng',
  'Phạm Ngũ Lão',
  'Bùi Viện',
  'Tôn Đức Thắng',
  'Nam Kỳ Khởi Nghĩa',
];
const KINDS = ['Ngã tư', 'Chợ', 'Trường', 'Nhà trọ', 'Bến xe', 'Khách sạn', 'Ngân hàng', 'Hẻm'];
const CATS = ['intersection', 'market', 'school', 'rental_house', 'bus_station', 'hotel', 'bank', 'traffic_route'];

export interface SyntheticRegister {
  areas: number;
  points: number;
  cameras: number;
  wardIds: string[];
}

/** Deterministic pseudo-random numbers: the same register every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export function buildRegister(dataDir: string, sizes = { areas: 2000, points: 40_000, cameras: 100_000 }): SyntheticRegister {
  const { db } = openDatabase({ dataDir });
  const rand = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const now = Date.now();
  const wardIds: string[] = [];
  const areaIds: string[] = [];
  const areaNames = new Map<string, string>();
  db.transaction(() => {
    const area = db.prepare('INSERT INTO areas(id, parent_id, name, kind, created_at, sort_key) VALUES (?,?,?,?,?,?)');
    const version = db.prepare(
      "INSERT INTO area_versions(area_id, valid_from, valid_to, parent_id, name, kind) VALUES (?, '0001-01-01', NULL, ?, ?, ?)",
    );
    const addArea = (id: string, parent: string | null, name: string, kind: string) => {
      area.run(id, parent, name, kind, now, vietnameseSortKey(name));
      version.run(id, parent, name, kind);
      areaIds.push(id);
      areaNames.set(id, name);
    };
    addArea('city', null, 'TP. Hồ Chí Minh', 'city');
    const wards = 100;
    for (let w = 0; w < wards; w++) {
      const id = `ward-${w}`;
      addArea(id, 'city', `Phường ${pick(STREETS)} ${w + 1}`, 'ward');
      wardIds.push(id);
    }
    for (let g = 0; g < sizes.areas - wards - 1; g++)
      addArea(`group-${g}`, wardIds[g % wards]!, `Tổ dân phố ${Math.floor(g / wards) + 1}`, 'residential_group');
    const point = db.prepare(
      'INSERT INTO points(id, area_id, name, address, lat, lon, category_id, purposes, created_at, sort_key, search) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
    );
    const placement = db.prepare("INSERT INTO point_placements(point_id, valid_from, valid_to, area_id) VALUES (?, '0001-01-01', NULL, ?)");
    const pointArea: string[] = [];
    const pointNames: string[] = [];
    for (let p = 0; p < sizes.points; p++) {
      const areaId = areaIds[1 + (p % (areaIds.length - 1))]!;
      const k = Math.floor(rand() * KINDS.length);
      const name = `${KINDS[k]} ${pick(STREETS)} ${p + 1}`;
      const address = `${Math.floor(rand() * 300) + 1} ${pick(STREETS)}`;
      point.run(
        `p-${p}`,
        areaId,
        name,
        address,
        10.7 + rand() * 0.15,
        106.6 + rand() * 0.15,
        CATS[k],
        Math.floor(rand() * 2 ** PURPOSES.length),
        now,
        vietnameseSortKey(name),
        foldForIndex(name, address),
      );
      placement.run(`p-${p}`, areaId);
      pointArea.push(areaId);
      pointNames.push(name);
    }
    const camera = db.prepare(
      `INSERT INTO cameras(id, point_id, name, status, ptz, rtsp_main, transmission, funding, ownership, serial, make, heading, created_at, sort_key, search_rowid)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const log = db.prepare('INSERT INTO camera_status_log(camera_id, at, status) VALUES (?,?,?)');
    const fts = db.prepare('INSERT INTO camera_fts(rowid, words) VALUES (?, ?)');
    for (let c = 0; c < sizes.cameras; c++) {
      const p = c % sizes.points;
      const name = `${pointNames[p]} – mắt ${Math.floor(c / sizes.points) + 1}`;
      const status = rand() < 0.8 ? 'working' : pick(CAMERA_STATUSES);
      const ownership = pick(OWNERSHIPS);
      const serial = `SN${String(c).padStart(7, '0')}`;
      camera.run(
        `c-${c}`,
        `p-${p}`,
        name,
        status,
        rand() < 0.2 ? 1 : 0,
        `rtsp://10.${(c >> 16) & 255}.${(c >> 8) & 255}.${c & 255}/main`,
        pick(TRANSMISSIONS),
        ownership === 'state' || ownership === 'police' ? ownership : 'socialised',
        ownership,
        serial,
        'Hikvision',
        Math.floor(rand() * 360),
        now,
        vietnameseSortKey(name),
        c + 1,
      );
      log.run(`c-${c}`, now, status);
      fts.run(c + 1, foldForIndex(name, serial, 'Hikvision', pointNames[p], areaNames.get(pointArea[p]!)));
    }
  })();
  void registerStore;
  db.close();
  return { areas: areaIds.length, points: sizes.points, cameras: sizes.cameras, wardIds };
}
