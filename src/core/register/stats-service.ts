// The table a ward sends up: per area, with everything under it rolled up — points, cameras, by
// status, ownership, transmission and purpose, and compliance (residential groups and rental
// houses with at least one camera in service). "As of" a day counts by the areas of that day.
import type { Counts, StatsReport, StatsRow } from '../../shared/contract';
import { CAMERA_STATUSES, OWNERSHIPS, PURPOSES, TRANSMISSIONS } from '../../shared/contract';
import { vietnamDay } from '../../shared/register/dates';
import type { AreaAsOf } from './area-repository';
import { CAMERA_COLUMNS } from './stats-repository';
import type { RegisterStore } from './store';

export function emptyCounts(): Counts {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    points: 0,
    cameras: 0,
    status: zeros(CAMERA_STATUSES),
    ownership: zeros(OWNERSHIPS),
    transmission: zeros(TRANSMISSIONS),
    purpose: zeros(PURPOSES),
    residentialGroups: 0,
    residentialGroupsCovered: 0,
    rentalHouses: 0,
    rentalHousesCovered: 0,
  };
}

function add(into: Counts, c: Counts): void {
  into.points += c.points;
  into.cameras += c.cameras;
  for (const group of ['status', 'ownership', 'transmission', 'purpose'] as const) {
    const target = into[group] as Record<string, number>;
    for (const [k, v] of Object.entries(c[group])) target[k] = (target[k] ?? 0) + v;
  }
  into.residentialGroups += c.residentialGroups;
  into.residentialGroupsCovered += c.residentialGroupsCovered;
  into.rentalHouses += c.rentalHouses;
  into.rentalHousesCovered += c.rentalHousesCovered;
}

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

    const own = new Map<string, Counts>();
    const countsOf = (id: string) => {
      let c = own.get(id);
      if (!c) own.set(id, (c = emptyCounts()));
      return c;
    };
    for (const row of this.store.stats.cameraCounts(day, current)) {
      const [area, cameras, ...rest] = row;
      if (!byId.has(area)) continue;
      const c = countsOf(area);
      c.cameras += cameras;
      CAMERA_COLUMNS.forEach(([group, key], i) => {
        const counts = c[group] as Record<string, number>;
        counts[key] = (counts[key] ?? 0) + (rest[i] ?? 0);
      });
    }
    for (const p of this.store.stats.pointCounts(day, current)) {
      if (!byId.has(p.area)) continue;
      const c = countsOf(p.area);
      c.points += p.points;
      c.rentalHouses += p.rental;
      c.rentalHousesCovered += p.rentalCovered;
    }
    // A residential group is covered when a camera in service stands in it or under it.
    const coveredPoints = new Map<string, number>();
    for (const [area, c] of own) coveredPoints.set(area, c.cameras - c.status.decommissioned);

    const visible = this.visibleOnDay(visibleNow, byId, children);
    const rows: StatsRow[] = [];
    const total = emptyCounts();
    // Depth-first: a parent's row comes before its children's, its totals include theirs.
    const walk = (a: AreaAsOf, depth: number): { counts: Counts; covered: number } => {
      const sum = emptyCounts();
      add(sum, countsOf(a.id));
      let covered = coveredPoints.get(a.id) ?? 0;
      const row: StatsRow = { areaId: a.id, parentId: a.parentId, name: a.name, kind: a.kind, depth, total: sum };
      rows.push(row);
      for (const child of children.get(a.id) ?? []) {
        const sub = walk(child, depth + 1);
        add(sum, sub.counts);
        covered += sub.covered;
      }
      if (a.kind === 'residential_group') {
        sum.residentialGroups += 1;
        if (covered > 0) sum.residentialGroupsCovered += 1;
      }
      return { counts: sum, covered };
    };
    const roots = areas.filter((a) => visible.has(a.id) && !(a.parentId && visible.has(a.parentId)));
    roots.sort((x, y) => (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0));
    for (const r of roots) add(total, walk(r, 0).counts);
    return { asOf: day, rows, total };
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
