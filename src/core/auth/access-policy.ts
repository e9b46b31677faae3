// Area scopes, enforced in one place: a ward account sees only its areas' cameras — in lists, the
// tree, the wall, the map, events, video, search and reports. Every service that returns register
// records or takes a camera/point/area id asks here; the dispatcher checks the ids a method
// declares (`targets` in the contract) before its handler runs.
import { EVENT_PERMISSION, type CoreEvent, type RegisterTree, type TargetKind } from '../../shared/contract';
import { can, type Principal } from './principal';
import type { ScopeRepository } from './scope-repository';

export class AccessPolicy {
  private parents: Map<string, string | null> | null = null;
  /** Expanded scopes (roots + descendants), keyed by the sorted root ids. */
  private readonly expanded = new Map<string, ReadonlySet<string>>();

  constructor(private readonly repo: ScopeRepository) {}

  /** The area tree changed (register edits): drop what was derived from it. */
  invalidate(): void {
    this.parents = null;
    this.expanded.clear();
  }

  private areaParents(): Map<string, string | null> {
    this.parents ??= this.repo.areaParents();
    return this.parents;
  }

  /** Every area the principal may see, or null for "all of them". */
  visibleAreas(p: Principal): ReadonlySet<string> | null {
    if (p.scope.length === 0) return null;
    const key = [...p.scope].sort().join(',');
    let set = this.expanded.get(key);
    if (!set) {
      const roots = new Set(p.scope);
      const parents = this.areaParents();
      const memo = new Map<string, boolean>();
      const inScope = (id: string, depth = 0): boolean => {
        const known = memo.get(id);
        if (known !== undefined) return known;
        // A cycle in a hand-edited tree must not hang the core: deep enough is "not in scope".
        const parent = parents.get(id);
        const yes = roots.has(id) || (depth < 64 && parent != null && inScope(parent, depth + 1));
        memo.set(id, yes);
        return yes;
      };
      const visible = new Set<string>();
      for (const id of parents.keys()) if (inScope(id)) visible.add(id);
      set = visible;
      this.expanded.set(key, set);
    }
    return set;
  }

  areaVisible(p: Principal, areaId: string | null): boolean {
    const visible = this.visibleAreas(p);
    if (areaId === null) return visible === null; // top level: only an unscoped account
    return visible === null ? this.areaParents().has(areaId) : visible.has(areaId);
  }

  pointVisible(p: Principal, pointId: string): boolean {
    const area = this.repo.pointArea(pointId);
    return area !== null && this.areaVisible(p, area);
  }

  cameraVisible(p: Principal, cameraId: string): boolean {
    const area = this.repo.cameraArea(cameraId);
    return area !== null && this.areaVisible(p, area);
  }

  /** Exists and lies in the principal's scope. The two are never told apart to the caller. */
  targetVisible(p: Principal, kind: TargetKind, id: string | null): boolean {
    switch (kind) {
      case 'area':
        return this.areaVisible(p, id);
      case 'point':
        return id !== null && this.pointVisible(p, id);
      case 'camera':
        return id !== null && this.cameraVisible(p, id);
    }
  }

  filterTree(p: Principal, tree: RegisterTree): RegisterTree {
    const visible = this.visibleAreas(p);
    if (visible === null) return tree;
    const points = tree.points.filter((pt) => visible.has(pt.areaId));
    const pointIds = new Set(points.map((pt) => pt.id));
    // Ancestors of visible areas stay out: a ward account sees its ward as the top of its tree.
    return { areas: tree.areas.filter((a) => visible.has(a.id)), points, cameras: tree.cameras.filter((c) => pointIds.has(c.pointId)) };
  }

  /**
   * The areas a register list covers: the chosen areas with everything under them (none chosen:
   * all), limited to what the principal may see. null = no limit at all (unscoped, nothing chosen).
   */
  listAreas(p: Principal, chosen: readonly string[]): ReadonlySet<string> | null {
    const visible = this.visibleAreas(p);
    if (chosen.length === 0) return visible;
    const children = new Map<string, string[]>();
    for (const [id, parent] of this.areaParents()) {
      if (parent === null) continue;
      const list = children.get(parent) ?? [];
      list.push(id);
      children.set(parent, list);
    }
    const out = new Set<string>();
    const stack = [...chosen];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      if (visible === null ? this.areaParents().has(id) : visible.has(id)) out.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  }

  /** The ids of a bulk action, each checked: one out of scope reads as not found, like a target. */
  camerasVisible(p: Principal, ids: readonly string[]): string | null {
    for (const id of ids) if (!this.cameraVisible(p, id)) return id;
    return null;
  }

  /**
   * Events that name a camera or an area reach only those who may see it; events that name a user,
   * only that user; events of the incident log and the alarm queue only those whose role may use
   * them. A record about no camera or area (disk nearly full, an incident without an area) is for
   * unscoped accounts only.
   */
  eventVisible(p: Principal, event: CoreEvent): boolean {
    const needs = EVENT_PERMISSION[event.type];
    if (needs && !can(p, needs)) return false;
    // What discovery finds on the network is for those who may add cameras.
    if (event.type === 'discovery.progress') return p.permissions.has('register.manage');
    if ('userId' in event && typeof event.userId === 'string') return event.userId === p.user.id;
    // An export's progress names a case: only its author sees it, or anyone exporting for the whole centre.
    if (event.type === 'export.progress') return p.permissions.has('export.create') && (event.job.createdBy === p.user.id || p.scope.length === 0);
    if ('cameraId' in event) return typeof event.cameraId === 'string' ? this.cameraVisible(p, event.cameraId) : this.visibleAreas(p) === null;
    if ('areaId' in event) return this.areaVisible(p, event.areaId);
    return true;
  }

  /** SQL-free helper for services: the areas under `areaId` (itself included) that `p` may see. */
  areasUnder(p: Principal, areaId: string): string[] {
    const parents = this.areaParents();
    const visible = this.visibleAreas(p);
    const out: string[] = [];
    for (const id of parents.keys()) {
      if (visible && !visible.has(id)) continue;
      let cur: string | null | undefined = id;
      for (let depth = 0; cur != null && depth < 64; depth++) {
        if (cur === areaId) {
          out.push(id);
          break;
        }
        cur = parents.get(cur);
      }
    }
    return out;
  }
}
