// The area tree's effective-dated changes: rename, move, merge and split "from a day on". The 2025
// reorganisation merged wards and removed districts, and it will happen again: the old tree stays
// readable (reports as of an earlier day count by it), points follow into the new areas, and users
// scoped to an area that ends are given the areas it went into.
import type { AreaRecord } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { vietnameseSortKey } from '../../shared/register/collation';
import { vietnamDay } from '../../shared/register/dates';
import { diff, type Actor } from './history-repository';
import type { RegisterStore } from './store';

type Kind = AreaRecord['kind'];

export interface AreaServiceDeps {
  store: RegisterStore;
  /** The register changed (caches, clients). */
  onChange: () => void;
  /** Users' scopes changed (a merge or split moved them): principals must be rebuilt. */
  onScopesChanged: () => void;
  today?: () => string;
}

export class AreaService {
  constructor(private readonly deps: AreaServiceDeps) {}

  private get store() {
    return this.deps.store;
  }

  private today(): string {
    return (this.deps.today ?? vietnamDay)();
  }

  records(): AreaRecord[] {
    return this.store.areas.records();
  }

  private record(id: string): AreaRecord {
    const a = this.store.areas.record(id);
    if (!a) throw new AppError('not_found', { kind: 'area', id });
    return a;
  }

  private inForce(id: string): AreaRecord {
    const a = this.record(id);
    if (a.retiredOn) throw new AppError('area_retired', { id, name: a.name, on: a.retiredOn });
    return a;
  }

  /** Changes go forward only and not into the future: after every earlier change of what they touch. */
  private checkDay(day: string, areaIds: readonly string[]): void {
    const latest = this.store.areas.latestChange(areaIds);
    if (day > this.today()) throw new AppError('date_order', { day, problem: 'future' });
    if (day < latest) throw new AppError('date_order', { day, latest });
  }

  /** A correction of a typing error: no date, the current version is changed in place. */
  update(id: string, name: string, kind: Kind, actor: Actor): AreaRecord {
    const before = this.inForce(id);
    this.store.db.transaction(() => {
      this.store.areas.correct(id, { name, kind }, vietnameseSortKey(name));
      const changes = diff({ name: before.name, kind: before.kind }, { name, kind });
      if (Object.keys(changes).length) this.store.history.append('area', id, actor, 'update', changes);
      if (before.name !== name) this.store.search.area(id);
    })();
    this.deps.onChange();
    return this.record(id);
  }

  rename(id: string, name: string, from: string, actor: Actor): AreaRecord {
    const before = this.inForce(id);
    this.checkDay(from, [id]);
    this.store.db.transaction(() => {
      this.store.areas.newVersion(id, from, { parentId: before.parentId, name, kind: before.kind }, vietnameseSortKey(name));
      this.store.history.append('area', id, actor, 'rename', { name: [before.name, name], from: [null, from] });
      this.store.search.area(id);
    })();
    this.deps.onChange();
    return this.record(id);
  }

  move(id: string, parentId: string | null, from: string, actor: Actor): AreaRecord {
    const before = this.inForce(id);
    if (parentId) {
      this.inForce(parentId);
      // Never under itself or its own descendant: the tree must stay a tree.
      const parents = new Map(this.records().map((a) => [a.id, a.parentId]));
      for (let p: string | null | undefined = parentId; p; p = parents.get(p)) if (p === id) throw new AppError('area_cycle', { id, parentId });
    }
    this.checkDay(from, [id]);
    this.store.db.transaction(() => {
      this.store.areas.newVersion(id, from, { parentId, name: before.name, kind: before.kind }, vietnameseSortKey(before.name));
      this.store.history.append('area', id, actor, 'move', { parentId: [before.parentId, parentId], from: [null, from] });
    })();
    this.deps.onChange();
    return this.record(id);
  }

  /**
   * Merges `sourceIds` into one area from `from` on: an existing area, or a new one (created under
   * `parentId`, else under the first source's parent). The sources end that day; their points and
   * sub-areas move into the target, and users scoped to a source are scoped to the target.
   */
  merge(
    input: {
      sourceIds: string[];
      into: { id: string } | { newId: string; name: string; kind: Kind };
      parentId?: string | null | undefined;
      from: string;
    },
    actor: Actor,
  ): AreaRecord {
    const sources = input.sourceIds.map((id) => this.inForce(id));
    const targetId = 'id' in input.into ? input.into.id : input.into.newId;
    if (input.sourceIds.includes(targetId)) throw new AppError('area_cycle', { id: targetId });
    if ('id' in input.into) this.inForce(targetId);
    else if (this.store.records.areaIdTaken(targetId)) throw new AppError('conflict', { kind: 'area', id: targetId });
    this.checkDay(input.from, [...input.sourceIds, ...('id' in input.into ? [targetId] : [])]);
    let scopesMoved = false;
    this.store.db.transaction(() => {
      if (!('id' in input.into)) {
        const parentId = input.parentId !== undefined ? input.parentId : (sources[0]!.parentId ?? null);
        this.store.records.insertArea(
          { parentId, name: input.into.name, kind: input.into.kind, from: input.from, sortKey: vietnameseSortKey(input.into.name) },
          targetId,
        );
        this.store.history.append(
          'area',
          targetId,
          actor,
          'create',
          diff(null, { parentId, name: input.into.name, kind: input.into.kind, from: input.from }),
        );
      }
      for (const s of sources) {
        const points = this.store.areas.pointsIn(s.id);
        this.store.areas.placePoints(points, targetId, input.from);
        for (const child of this.store.areas.childrenOf(s.id)) {
          const c = this.record(child);
          this.store.areas.newVersion(child, input.from, { parentId: targetId, name: c.name, kind: c.kind }, vietnameseSortKey(c.name));
          this.store.history.append('area', child, actor, 'move', { parentId: [s.id, targetId], from: [null, input.from] });
        }
        this.store.areas.retire(s.id, input.from, [targetId]);
        scopesMoved = this.store.areas.moveScopes(s.id, [targetId]).length > 0 || scopesMoved;
        this.store.history.append('area', s.id, actor, 'merge', {
          retiredOn: [null, input.from],
          successor: [null, targetId],
          points: [points.length, 0],
        });
        for (const p of points) this.store.history.append('point', p, actor, 'merge', { areaId: [s.id, targetId], from: [null, input.from] });
      }
      this.store.history.append('area', targetId, actor, 'merge', { mergedFrom: [null, input.sourceIds], from: [null, input.from] });
      this.store.search.area(targetId);
    })();
    if (scopesMoved) this.deps.onScopesChanged();
    this.deps.onChange();
    return this.record(targetId);
  }

  /**
   * Splits an area from `from` on into new parts (siblings of it): each takes the points and
   * sub-areas named. Unless `keepSource`, the source ends that day, and what was not named stays
   * with the first part; users scoped to it are scoped to every part.
   */
  split(
    input: {
      id: string;
      from: string;
      parts: { newId: string; name: string; kind: Kind; pointIds: string[]; areaIds: string[] }[];
      keepSource: boolean;
    },
    actor: Actor,
  ): AreaRecord[] {
    const source = this.inForce(input.id);
    this.checkDay(input.from, [input.id]);
    const ownPoints = new Set(this.store.areas.pointsIn(input.id));
    const ownChildren = new Set(this.store.areas.childrenOf(input.id));
    for (const part of input.parts) {
      if (this.store.records.areaIdTaken(part.newId)) throw new AppError('conflict', { kind: 'area', id: part.newId });
      for (const p of part.pointIds) if (!ownPoints.has(p)) throw new AppError('not_found', { kind: 'point', id: p });
      for (const a of part.areaIds) if (!ownChildren.has(a)) throw new AppError('not_found', { kind: 'area', id: a });
    }
    let scopesMoved = false;
    this.store.db.transaction(() => {
      const named = new Set(input.parts.flatMap((p) => p.pointIds));
      const namedAreas = new Set(input.parts.flatMap((p) => p.areaIds));
      input.parts.forEach((part, i) => {
        this.store.records.insertArea(
          { parentId: source.parentId, name: part.name, kind: part.kind, from: input.from, sortKey: vietnameseSortKey(part.name) },
          part.newId,
        );
        this.store.history.append(
          'area',
          part.newId,
          actor,
          'create',
          diff(null, { parentId: source.parentId, name: part.name, kind: part.kind, from: input.from, splitFrom: input.id }),
        );
        // Without the source, nothing may be left behind: what no part named goes with the first part.
        const points = [...part.pointIds, ...(!input.keepSource && i === 0 ? [...ownPoints].filter((p) => !named.has(p)) : [])];
        const areas = [...part.areaIds, ...(!input.keepSource && i === 0 ? [...ownChildren].filter((a) => !namedAreas.has(a)) : [])];
        this.store.areas.placePoints(points, part.newId, input.from);
        for (const p of points) this.store.history.append('point', p, actor, 'split', { areaId: [input.id, part.newId], from: [null, input.from] });
        for (const child of areas) {
          const c = this.record(child);
          this.store.areas.newVersion(child, input.from, { parentId: part.newId, name: c.name, kind: c.kind }, vietnameseSortKey(c.name));
          this.store.history.append('area', child, actor, 'move', { parentId: [input.id, part.newId], from: [null, input.from] });
        }
        this.store.search.area(part.newId);
      });
      const partIds = input.parts.map((p) => p.newId);
      if (!input.keepSource) {
        this.store.areas.retire(input.id, input.from, partIds);
        scopesMoved = this.store.areas.moveScopes(input.id, partIds).length > 0;
      }
      this.store.history.append('area', input.id, actor, 'split', {
        parts: [null, partIds],
        from: [null, input.from],
        ...(input.keepSource ? {} : { retiredOn: [null, input.from] }),
      });
    })();
    if (scopesMoved) this.deps.onScopesChanged();
    this.deps.onChange();
    return input.parts.map((p) => this.record(p.newId));
  }

  /**
   * Boundaries from a GeoJSON FeatureCollection: each feature names its area by `properties.id`, or
   * by `properties.name` when exactly one area in force has that name. Returns what matched.
   */
  importBoundaries(geojson: unknown, actor: Actor): { matched: number; unmatched: string[] } {
    const features =
      (geojson as { type?: string; features?: unknown[] })?.type === 'FeatureCollection'
        ? ((geojson as { features: unknown[] }).features ?? [])
        : null;
    if (!features) throw new AppError('import_unreadable', { problem: 'not_geojson' });
    const areas = this.records().filter((a) => !a.retiredOn);
    const unmatched: string[] = [];
    let matched = 0;
    this.store.db.transaction(() => {
      for (const f of features as { geometry?: { type?: string }; properties?: Record<string, unknown> }[]) {
        const props = f.properties ?? {};
        const byId = typeof props.id === 'string' ? areas.find((a) => a.id === props.id) : undefined;
        const named = typeof props.name === 'string' ? areas.filter((a) => a.name.normalize('NFC') === String(props.name).normalize('NFC')) : [];
        const area = byId ?? (named.length === 1 ? named[0] : undefined);
        const type = f.geometry?.type;
        if (!area || (type !== 'Polygon' && type !== 'MultiPolygon')) {
          unmatched.push(String(props.name ?? props.id ?? '?'));
          continue;
        }
        this.store.areas.setBoundary(area.id, JSON.stringify(f.geometry));
        this.store.history.append('area', area.id, actor, 'boundary', { boundary: [area.hasBoundary, true] });
        matched++;
      }
    })();
    if (matched) this.deps.onChange();
    return { matched, unmatched };
  }
}
