// Reads of the register for its screens: the camera table (filters, search, order, pages), points,
// compliance lists, categories and the duplicate check. Scope arrives as an area set the caller
// resolved through AccessPolicy (the one place scopes are decided).
import type { CameraFilter, CameraRow, Category } from '../../shared/contract';
import { cameraFilter } from '../../shared/contract';
import { distanceMetres, headingDifference } from '../../shared/register/geo';
import { ftsQuery, searchWords } from '../../shared/register/fold';
import type { CameraQuery } from './camera-list-repository';
import type { RegisterStore } from './store';

/** The most cameras one bulk change takes (register.bulkStatus, register.bulkMove). */
const MAX_BULK = 100_000;

export interface DuplicatePair {
  a: CameraRow;
  b: CameraRow;
  metres: number;
  headingDifference: number | null;
}

export class RegisterQuery {
  constructor(private readonly store: RegisterStore) {}

  /** A filter as the repository takes it; `areas` is the resolved set (null = no area limit). */
  toQuery(filter: CameraFilter, areas: ReadonlySet<string> | null): CameraQuery {
    const f = cameraFilter.parse(filter);
    return {
      areaIds: areas ? [...areas] : null,
      statuses: f.statuses,
      ownerships: f.ownerships,
      transmissions: f.transmissions,
      categoryIds: f.categoryIds,
      purposes: f.purposes,
      fts: ftsQuery(f.query.normalize('NFC')),
      includeDisabled: f.includeDisabled,
    };
  }

  cameras(q: CameraQuery, sort: string, descending: boolean, offset: number, limit: number) {
    // A query with no word left after folding (only punctuation) matches everything, like no query.
    return { ...this.store.list.page(q, sort, descending, offset, limit), offset };
  }

  /** The cameras a filter lists, in table order (at most as many as one bulk change takes). */
  cameraIds(q: CameraQuery): string[] {
    return this.store.list.idsByName(q, MAX_BULK);
  }

  points(areas: ReadonlySet<string> | null, query: string, offset: number, limit: number) {
    return this.store.records.pointRecords(areas ? [...areas] : null, searchWords(query), offset, limit);
  }

  /** Residential groups (areas) or rental houses (points) in the areas, with or without a camera in service. */
  compliance(areas: ReadonlySet<string> | null, list: 'residential_groups' | 'rental_houses', covered: boolean) {
    if (list === 'rental_houses') {
      return this.store.stats.pointsOfCategory('rental_house', areas ? [...areas] : null).filter((p) => p.cameras > 0 === covered);
    }
    const records = this.store.areas.records().filter((a) => !a.retiredOn);
    const byId = new Map(records.map((a) => [a.id, a]));
    const perArea = this.store.stats.camerasInServiceByArea();
    const children = new Map<string, string[]>();
    for (const a of records) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
    const inTree = (id: string): number => (perArea.get(id) ?? 0) + (children.get(id) ?? []).reduce((n, c) => n + inTree(c), 0);
    const collator = new Intl.Collator('vi');
    return records
      .filter((a) => a.kind === 'residential_group' && (!areas || areas.has(a.id)))
      .map((a) => ({ id: a.id, name: a.name, areaName: (a.parentId && byId.get(a.parentId)?.name) || '', cameras: inTree(a.id) }))
      .filter((a) => a.cameras > 0 === covered)
      .sort((x, y) => collator.compare(x.areaName, y.areaName) || collator.compare(x.name, y.name));
  }

  categories(): Category[] {
    const rows = this.store.db.prepare('SELECT id, name, builtin, disabled FROM location_categories ORDER BY position, name').all() as {
      id: string;
      name: string | null;
      builtin: number;
      disabled: number;
    }[];
    // Built-in names are translated by the UI (register.categories.<id>); the centre's own carry theirs.
    return rows.map((r) => ({ id: r.id, name: r.name ?? r.id, builtin: r.builtin === 1, disabled: r.disabled === 1 }));
  }

  saveCategory(id: string, name: string, disabled: boolean): Category {
    this.store.db
      .prepare(
        'INSERT INTO location_categories(id, name, builtin, disabled, position) VALUES (?,?,0,?,50) ON CONFLICT(id) DO UPDATE SET name = excluded.name, disabled = excluded.disabled WHERE builtin = 0',
      )
      .run(id, name, disabled ? 1 : 0);
    return this.categories().find((c) => c.id === id)!;
  }

  /**
   * Cameras within `metres` of each other facing within `degrees` (both headings known; two at one
   * point with unknown headings are listed too: nobody can tell they differ). A grid of cells about
   * `metres` wide keeps this linear: each camera is compared only with its own and neighbouring cells.
   */
  duplicates(areas: ReadonlySet<string> | null, metres: number, degrees: number, limit: number): { pairs: DuplicatePair[]; more: boolean } {
    let cams = this.store.stats.placedCameras();
    if (areas) {
      const visible = new Set(
        this.store.list.ids({
          areaIds: [...areas],
          statuses: [],
          ownerships: [],
          transmissions: [],
          categoryIds: [],
          purposes: [],
          fts: null,
          includeDisabled: true,
        }),
      );
      cams = cams.filter((c) => visible.has(c.id));
    }
    const cellLat = Math.max(metres, 1) / 111_320;
    const grid = new Map<string, typeof cams>();
    const cellOf = (lat: number, lon: number) => [Math.floor(lat / cellLat), Math.floor((lon * Math.cos((lat * Math.PI) / 180)) / cellLat)] as const;
    for (const c of cams) {
      const [y, x] = cellOf(c.lat, c.lon);
      const key = `${y}:${x}`;
      grid.set(key, [...(grid.get(key) ?? []), c]);
    }
    const found: { a: string; b: string; metres: number; headingDifference: number | null }[] = [];
    let more = false;
    outer: for (const c of cams) {
      const [y, x] = cellOf(c.lat, c.lon);
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++)
          for (const o of grid.get(`${y + dy}:${x + dx}`) ?? []) {
            if (o.id <= c.id) continue;
            const d = distanceMetres(c.lat, c.lon, o.lat, o.lon);
            if (d > metres) continue;
            const h = c.heading !== null && o.heading !== null ? headingDifference(c.heading, o.heading) : null;
            if (h === null ? c.point_id !== o.point_id : h > degrees) continue;
            if (found.length >= limit) {
              more = true;
              break outer;
            }
            found.push({ a: c.id, b: o.id, metres: Math.round(d * 10) / 10, headingDifference: h });
          }
    }
    const rows = new Map(this.store.list.rowsByIds([...new Set(found.flatMap((f) => [f.a, f.b]))]).map((r) => [r.id, r]));
    return { pairs: found.map((f) => ({ a: rows.get(f.a)!, b: rows.get(f.b)!, metres: f.metres, headingDifference: f.headingDifference })), more };
  }
}
