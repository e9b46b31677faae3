// The table a ward sends up: per area, with everything under it rolled up — points, cameras, by
// status, ownership, transmission and purpose, and compliance (residential groups and rental
// houses with at least one camera in service). "As of" a day counts by the areas of that day.
import type { Counts, StatsReport, StatsRow } from '../../shared/contract';
import { CAMERA_STATUSES, OWNERSHIPS, PURPOSES, TRANSMISSIONS } from '../../shared/contract';
import { vietnamDay } from '../../shared/register/dates';
import type { AreaAsOf } from './area-repository';
import { CAMERA_COLUMNS } from './stats-repository';
import type { RegisterStore } from './store';

/** A group's counts from a run of slots: keys set one by one (Object.fromEntries over a mapped
 * array, per group and per row, was a sixth of the report's time at 2,000 areas). */
function group<K extends string>(keys: readonly K[], v: readonly number[], from: number): Record<K, number> {
  const out = {} as Record<K, number>;
  for (let i = 0; i < keys.length; i++) out[keys[i]!] = v[from + i]!;
  return out;
}

const POINTS = 0;
const CAMERAS = 1;
const FIRST_COLUMN = 2;
const GROUPS = FIRST_COLUMN + CAMERA_COLUMNS.length;
const GROUPS_COVERED = GROUPS + 1;
const RENTAL = GROUPS + 2;
const RENTAL_COVERED = GROUPS + 3;
const SLOTS = GROUPS + 4;
const DECOMMISSIONED = FIRST_COLUMN + CAMERA_COLUMNS.findIndex(([g, k]) => g === 'status' && k === 'decommissioned');
// CAMERA_COLUMNS runs status, ownership, transmission, purpose: each group's first slot.
const OWNERSHIP_AT = FIRST_COLUMN + CAMERA_STATUSES.length;
const TRANSMISSION_AT = OWNERSHIP_AT + OWNERSHIPS.length;
const PURPOSE_AT = TRANSMISSION_AT + TRANSMISSIONS.length;

function toCounts(v: readonly number[]): Counts {
  return {
    points: v[POINTS]!,
    cameras: v[CAMERAS]!,
    status: group(CAMERA_STATUSES, v, FIRST_COLUMN),
    ownership: group(OWNERSHIPS, v, OWNERSHIP_AT),
    transmission: group(TRANSMISSIONS, v, TRANSMISSION_AT),
    purpose: group(PURPOSES, v, PURPOSE_AT),
    residentialGroups: v[GROUPS]!,
    residentialGroupsCovered: v[GROUPS_COVERED]!,
    rentalHouses: v[RENTAL]!,
    rentalHousesCovered: v[RENTAL_COVERED]!,
  };
}

const NO_SLOTS: readonly number[] = new Array<number>(SLOTS).fill(0);
/** A row's totals until its children are counted: one shared object, replaced for every row. */
const PENDING = toCounts(NO_SLOTS);

export class StatsService {
  constructor(private readonly store: RegisterStore) {}

  /**
   * `visibleNow`: the caller's areas today (null = all). As of an earlier day the areas they came
   * from count too: a ward formed by a merge sees the old wards' numbers before the merge.
   */
  report(asOf: string | null, visibleNow: ReadonlySet<string> | null, today: string = vietnamDay()): StatsReport {
    const day = asOf ?? today;
    const current = day >= today;
    const areas = this.store.areas.asOf(day);
    const byId = new Map(areas.map((a) => [a.id, a]));
    const children = new Map<string | null, AreaAsOf[]>();
    for (const a of areas) {
      const parent = a.parentId && byId.has(a.parentId) ? a.parentId : null;
      const list = children.get(parent) ?? [];
      list.push(a);
      children.set(parent, list);
    }
    for (const list of children.values()) list.sort((x, y) => (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0));

    // Counts are added up as flat arrays (one slot per figure, in the order of SLOTS) and turned
    // into the report's objects once per row: the objects' keys, copied at every level of the
    // tree, were most of the report's time at 2,000 areas.
    const own = new Map<string, number[]>();
    const ownOf = (id: string) => {
      let v = own.get(id);
      if (!v) own.set(id, (v = new Array<number>(SLOTS).fill(0)));
      return v;
    };
    for (const [area, cameras, ...rest] of this.store.stats.cameraCounts(day, current)) {
      if (!byId.has(area)) continue;
      const v = ownOf(area);
      v[CAMERAS]! += cameras;
      for (let i = 0; i < CAMERA_COLUMNS.length; i++) v[FIRST_COLUMN + i]! += rest[i] ?? 0;
    }
    for (const p of this.store.stats.pointCounts(day, current)) {
      if (!byId.has(p.area)) continue;
      const v = ownOf(p.area);
      v[POINTS]! += p.points;
      v[RENTAL]! += p.rental;
      v[RENTAL_COVERED]! += p.rentalCovered;
    }

    const visible = this.visibleOnDay(visibleNow, byId, children);
    const rows: StatsRow[] = [];
    const total = new Array<number>(SLOTS).fill(0);
    // Depth-first: a parent's row comes before its children's, its totals include theirs. A
    // residential group is covered when a camera in service stands in it or under it.
    const walk = (a: AreaAsOf, depth: number): { sum: number[]; covered: number } => {
      const sum = [...(own.get(a.id) ?? NO_SLOTS)];
      let covered = sum[CAMERAS]! - sum[DECOMMISSIONED]!;
      // Its place in the list is taken now (parents first); its totals once its children are in.
      const row: StatsRow = { areaId: a.id, parentId: a.parentId, name: a.name, kind: a.kind, depth, total: PENDING };
      rows.push(row);
      for (const child of children.get(a.id) ?? []) {
        const sub = walk(child, depth + 1);
        for (let i = 0; i < SLOTS; i++) sum[i]! += sub.sum[i]!;
        covered += sub.covered;
      }
      if (a.kind === 'residential_group') {
        sum[GROUPS]! += 1;
        if (covered > 0) sum[GROUPS_COVERED]! += 1;
      }
      row.total = toCounts(sum);
      return { sum, covered };
    };
    const roots = areas.filter((a) => visible.has(a.id) && !(a.parentId && visible.has(a.parentId)));
    roots.sort((x, y) => (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0));
    for (const r of roots) {
      const { sum } = walk(r, 0);
      for (let i = 0; i < SLOTS; i++) total[i]! += sum[i]!;
    }
    return { asOf: day, rows, total: toCounts(total) };
  }

  private visibleOnDay(visibleNow: ReadonlySet<string> | null, byId: Map<string, AreaAsOf>, children: Map<string | null, AreaAsOf[]>): Set<string> {
    if (visibleNow === null) return new Set(byId.keys());
    const lineage = new Set(visibleNow);
    // Predecessors: areas that were merged or split into a visible one.
    const successors = this.store.areas.records().filter((a) => a.retiredOn !== null);
    for (let grew = true; grew;) {
      grew = false;
      for (const a of successors) if (!lineage.has(a.id) && a.successorIds.some((s) => lineage.has(s))) grew = lineage.add(a.id) !== null;
    }
    const out = new Set<string>();
    const addTree = (id: string) => {
      if (out.has(id)) return;
      out.add(id);
      for (const c of children.get(id) ?? []) addTree(c.id);
    };
    for (const id of lineage) if (byId.has(id)) addTree(id);
    return out;
  }
}
