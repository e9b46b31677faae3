// A bulk load of generated incidents (benchmarks; a demo of a busy centre): plain SQL with prepared
// statements reused across rows, committed in batches, search index written in the same pass. Run it
// in a worker thread (bench/support/seed-worker.ts): a million rows take minutes, never the core's
// event loop. Deterministic for a given seed.
import type { Db } from '../store/database';
import { bodyText, facetText, ridFloor } from './search-text';

export interface SeedOptions {
  count: number;
  /** Incidents are spread over this many days before `until`. */
  days: number;
  until: number;
  seed?: number;
  batch?: number;
  onProgress?: (done: number) => void;
}

export interface SeedRegister {
  areas: string[];
  /** Per area, its points; per point, its cameras. */
  points: { id: string; areaId: string; name: string; cameras: { id: string; name: string }[] }[];
  users: string[];
}

const STREETS = [
  'Nguyễn Huệ',
  'Lê Lợi',
  'Hai Bà Trưng',
  'Điện Biên Phủ',
  'Cách Mạng Tháng Tám',
  'Võ Văn Tần',
  'Pasteur',
  'Nam Kỳ Khởi Nghĩa',
  'Trần Hưng Đạo',
  'Lý Tự Trọng',
  'Đồng Khởi',
  'Tôn Đức Thắng',
  'Nguyễn Thị Minh Khai',
  'Phạm Ngũ Lão',
  'Bùi Viện',
  'Hàm Nghi',
];
const WHAT = [
  ['publicorder', 'Tụ tập gây rối trật tự', 'Nhóm thanh niên tụ tập, la hét'],
  ['publicorder', 'Trộm cắp xe máy', 'Đối tượng cạy khóa xe máy rồi tẩu thoát'],
  ['trafficaccident', 'Va chạm giao thông', 'Xe máy va chạm với ô tô tại giao lộ'],
  ['trafficviolation', 'Vượt đèn đỏ', 'Xe máy vượt đèn đỏ, chạy ngược chiều'],
  ['trafficviolation', 'Đỗ xe sai quy định', 'Ô tô đỗ trên vỉa hè, lấn làn'],
  ['fire', 'Cháy nhỏ', 'Khói bốc lên từ quán ăn, đã dập tắt'],
  ['environment', 'Đổ rác trộm', 'Người đi xe ba gác đổ rác xuống kênh'],
  ['urbanorder', 'Lấn chiếm vỉa hè', 'Bán hàng rong lấn chiếm lòng đường'],
  ['adminviolation', 'Vi phạm hành chính', 'Xây dựng không phép, che chắn công trình'],
  ['camerafault', 'Camera mất tín hiệu', 'Camera không có hình, kỹ thuật đã được báo'],
  ['other', 'Người đi lạc', 'Cụ bà đi lạc, đã đưa về công an phường'],
] as const;
const STATUSES = ['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'resolved', 'in_progress', 'new'] as const;
const SEVERITIES = ['low', 'medium', 'medium', 'medium', 'high', 'critical'] as const;

/** A small, fast, seeded generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedIncidents(db: Db, reg: SeedRegister, o: SeedOptions): { first: number; last: number } {
  const rand = rng(o.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const batch = o.batch ?? 5000;
  const insert = db.prepare(
    `INSERT INTO incidents(rid, id, year, seq, occurred_at, logged_at, category_id, severity, area_id, point_id, lat, lon, camera_ids, title,
       description, people, vehicles, status, assignee_id, units, created_by, created_by_name, updated_at, updated_by_name, version, closed_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,NULL,NULL,?,?,?,'',?,?,?,'[]',NULL,'seed',?,'seed',1,?)`,
  );
  const fts = db.prepare('INSERT INTO incidents_fts(rowid, body, facets) VALUES (?, ?, ?)');
  const timeline = db.prepare(
    "INSERT INTO incident_timeline(incident_id, at, actor_id, actor_name, kind, version, data) VALUES (?, ?, NULL, 'seed', 'created', 1, '{}')",
  );
  const counters = new Map<number, number>();
  const span = o.days * 86_400_000;
  const start = o.until - span;
  const step = span / o.count;
  let lastRid = 0;
  let done = 0;
  let first = 0;
  const write = db.transaction((n: number) => {
    for (let k = 0; k < n; k++, done++) {
      // Time order with a little jitter; rowids strictly increase (the sort key).
      const occurred = Math.floor(start + done * step + rand() * step * 0.5);
      const rid = Math.max(ridFloor(occurred), lastRid + 1);
      lastRid = rid;
      if (done === 0) first = occurred;
      const year = new Date(occurred).getUTCFullYear();
      const seq = (counters.get(year) ?? 0) + 1;
      counters.set(year, seq);
      const [categoryId, title, description] = pick(WHAT);
      const point = pick(reg.points);
      const camera = point.cameras.length ? pick(point.cameras) : null;
      const street = pick(STREETS);
      const status = pick(STATUSES);
      const severity = pick(SEVERITIES);
      const plate =
        rand() < 0.3
          ? [
              `${10 + Math.floor(rand() * 89)}${String.fromCharCode(65 + Math.floor(rand() * 26))}${Math.floor(rand() * 9) + 1}-${String(Math.floor(rand() * 1000)).padStart(3, '0')}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`,
            ]
          : [];
      const assignee = rand() < 0.6 ? pick(reg.users) : null;
      const id = `seed-${done.toString(36)}`;
      const t = `${title} trên đường ${street}`;
      const d = `${description}. Địa điểm: ${street}, gần ${point.name}.`;
      insert.run(
        rid,
        id,
        year,
        seq,
        occurred,
        occurred + 60_000,
        categoryId,
        severity,
        point.areaId,
        point.id,
        JSON.stringify(camera ? [camera.id] : []),
        t,
        d,
        JSON.stringify(plate),
        status,
        assignee,
        occurred + 3_600_000,
        status === 'closed' ? occurred + 3_600_000 : null,
      );
      const f = {
        number: `${year}-${String(seq).padStart(6, '0')}`,
        title: t,
        description: d,
        people: '',
        vehicles: plate,
        units: [],
        status,
        categoryId,
        severity,
        areaId: point.areaId,
        cameraIds: camera ? [camera.id] : [],
        assigneeId: assignee,
        placeNames: [point.name, ...(camera ? [camera.name] : [])],
      };
      fts.run(rid, bodyText(f), facetText(f));
      timeline.run(id, occurred + 60_000);
    }
  });
  while (done < o.count) {
    write(Math.min(batch, o.count - done));
    o.onProgress?.(done);
  }
  const counter = db.prepare(
    'INSERT INTO incident_counters(year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = max(last, excluded.last)',
  );
  for (const [year, last] of counters) counter.run(year, last);
  return { first, last: o.until };
}
