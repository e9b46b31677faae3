// The Health dashboard: one answer built from the register's statuses, what the monitor knows now
// (reasons, point outages, clocks) and the status log (uptime). Uptime over days moves slowly and is
// the costly part on 100,000 cameras: it comes computed from its own thread (uptime-source.ts), with
// the time it is "as of"; the counts are always fresh. The whole centre is counted in SQL; a scoped
// caller's few hundred cameras are walked one by one.
import type { HealthDashboard, StatusCounts } from '../../shared/contract';
import type { RepairRepository } from '../repair/repair-repository';
import type { RepairService } from '../repair/repair-service';
import type { HealthRepository } from './health-repository';
import type { HealthService } from './health-service';
import type { HealthMonitor } from './monitor';
import type { UptimeProvider } from './uptime';

export interface DashboardDeps {
  repo: HealthRepository;
  repairRepo: RepairRepository;
  repair: RepairService;
  health: HealthService;
  monitor: HealthMonitor | null;
  uptime: UptimeProvider;
  now?: () => number;
}

// One collator for the whole sort: localeCompare(…, 'vi') builds one per comparison (2,000 areas: 40 ms).
const BY_NAME = new Intl.Collator('vi');

const zero = (): StatusCounts => ({ working: 0, degraded: 0, offline: 0, awaiting_repair: 0, decommissioned: 0, unknown: 0, total: 0 });
const share = (up: number, known: number) => (known > 0 ? up / known : null);

export class HealthDashboardBuilder {
  constructor(private readonly d: DashboardDeps) {}

  /** `visible` filters by the caller's area scope (null = everything). */
  build(visible: ((cameraId: string) => boolean) | null): HealthDashboard {
    return visible === null ? this.centre() : this.scoped(visible);
  }

  /**
   * The whole centre (100,000 cameras): counted and summed in SQL, never 100,000 rows into
   * JavaScript; only offline cameras and degraded ones (from memory) are listed one by one.
   */
  private centre(): HealthDashboard {
    const now = (this.d.now ?? Date.now)();
    const names = this.d.repo.areaNames();
    const totals = zero();
    const areas = new Map<string, StatusCounts>();
    const area = (id: string | null) => {
      let a = areas.get(id ?? '');
      if (!a) areas.set(id ?? '', (a = zero()));
      return a;
    };
    for (const r of this.d.repo.statusCounts()) {
      const a = area(r.areaId);
      const k = r.status as keyof StatusCounts;
      if (k in totals && k !== 'total') {
        totals[k] += r.n;
        a[k] += r.n;
      }
      totals.total += r.n;
      a.total += r.n;
    }
    // Degraded is the monitor's word (the register says working): moved from one column to the other.
    const degraded = this.d.health.inState('degraded');
    for (const [, areaId] of this.d.repo.areasOf(degraded)) {
      const a = area(areaId);
      if (a.working > 0) {
        a.working--;
        a.degraded++;
        totals.working--;
        totals.degraded++;
      }
    }
    const u = this.d.uptime.latest();
    const byArea = new Map((u?.areas ?? []).map((r) => [r.areaId ?? '', r]));
    const last = this.d.repo.lastChanges();
    const offline = this.d.repo.offlineCameras().map((c) => {
      const h = this.d.health.get(c.id);
      const l = last.get(c.id);
      return {
        cameraId: c.id,
        name: c.name,
        pointId: c.pointId,
        pointName: c.pointName,
        since: h?.state === 'offline' ? h.since : (l?.at ?? null),
        reason: h?.state === 'offline' ? h.reason : (l?.reason ?? null),
        transmission: c.transmission,
      };
    });
    offline.sort((x, y) => (x.since ?? Infinity) - (y.since ?? Infinity));
    const pointNames = new Map(offline.map((o) => [o.pointId, o.pointName]));
    const cameraNames = this.d.repo.cameraNames((this.d.monitor?.wrongClocks() ?? []).map((c) => c.cameraId));
    return {
      at: now,
      uptimeAt: u?.at ?? null,
      totals,
      areas: [...areas.entries()]
        .map(([areaId, counts]) => {
          const up = byArea.get(areaId);
          return { areaId: areaId || 'none', name: names.get(areaId) ?? '', ...counts, uptime: { d7: up ? share(up.up7, up.known7) : null, d30: up ? share(up.up30, up.known30) : null } };
        })
        .sort((x, y) => BY_NAME.compare(x.name, y.name)),
      offline: offline.slice(0, 200),
      offlineCount: offline.length,
      outages: (this.d.monitor?.pointOutages() ?? []).map((o) => ({ pointId: o.pointId, name: pointNames.get(o.pointId) ?? '', cameras: o.cameras.length, since: o.since })),
      uptimeCameras: (u?.worst ?? []).map((c) => ({ cameraId: c.id, name: c.name, uptime: { d7: share(c.up7, c.known7), d30: share(c.up30, c.known30) } })),
      clocks: (this.d.monitor?.wrongClocks() ?? []).filter((c) => cameraNames.has(c.cameraId)).map((c) => ({ ...c, name: cameraNames.get(c.cameraId)! })),
      tickets: this.tickets(now),
      maintenanceOverdue: this.d.repair.plans().filter((p) => p.overdueDays > 0).length,
    };
  }

  private tickets(now: number): HealthDashboard['tickets'] {
    return this.d.repairRepo.openTickets(now).map((t) => ({ ...t, name: t.name ?? '', under1d: t.under1d ?? 0, under7d: t.under7d ?? 0, older: t.older ?? 0 }));
  }

  /** A caller with an area scope: their cameras one by one (a ward has hundreds, not 100,000). */
  private scoped(visible: (cameraId: string) => boolean): HealthDashboard {
    const now = (this.d.now ?? Date.now)();
    const cams = this.d.repo.cameras().filter((c) => visible(c.id));
    const names = this.d.repo.areaNames();
    const u = this.d.uptime.latest();
    const last = this.d.repo.lastChanges();
    const totals = zero();
    const areas = new Map<string, StatusCounts & { up7: number; known7: number; up30: number; known30: number }>();
    const offline: HealthDashboard['offline'] = [];
    const uptimeCameras: HealthDashboard['uptimeCameras'] = [];
    const names1 = new Map<string, string>();
    for (const c of cams) {
      names1.set(c.id, c.name);
      const h = this.d.health.get(c.id);
      const status = (c.status === 'working' && h?.state === 'degraded' ? 'degraded' : c.status) as keyof StatusCounts;
      const areaId = c.areaId ?? '';
      let a = areas.get(areaId);
      if (!a) areas.set(areaId, (a = { ...zero(), up7: 0, known7: 0, up30: 0, known30: 0 }));
      if (status in totals && status !== 'total') {
        totals[status]++;
        a[status]++;
      }
      totals.total++;
      a.total++;
      const f = u?.perCamera.get(c.id);
      if (f) {
        a.up7 += f.up7;
        a.known7 += f.known7;
        a.up30 += f.up30;
        a.known30 += f.known30;
        const r30 = share(f.up30, f.known30);
        if (r30 !== null && r30 < 1) uptimeCameras.push({ cameraId: c.id, name: c.name, uptime: { d7: share(f.up7, f.known7), d30: r30 } });
      }
      if (c.status === 'offline') {
        const l = last.get(c.id);
        offline.push({
          cameraId: c.id,
          name: c.name,
          pointId: c.pointId,
          pointName: c.pointName,
          since: h?.state === 'offline' ? h.since : (l?.at ?? null),
          reason: h?.state === 'offline' ? h.reason : (l?.reason ?? null),
          transmission: c.transmission,
        });
      }
    }
    offline.sort((x, y) => (x.since ?? Infinity) - (y.since ?? Infinity));
    uptimeCameras.sort((x, y) => (x.uptime.d30 ?? 1) - (y.uptime.d30 ?? 1));
    const pointNames = new Map(cams.map((c) => [c.pointId, c.pointName]));
    const outages = (this.d.monitor?.pointOutages() ?? [])
      .filter((o) => pointNames.has(o.pointId))
      .map((o) => ({ pointId: o.pointId, name: pointNames.get(o.pointId)!, cameras: o.cameras.length, since: o.since }));
    const clocks = (this.d.monitor?.wrongClocks() ?? []).filter((c) => names1.has(c.cameraId)).map((c) => ({ ...c, name: names1.get(c.cameraId)! }));
    return {
      at: now,
      uptimeAt: u?.at ?? null,
      totals,
      areas: [...areas.entries()]
        .map(([areaId, a]) => {
          const { up7, known7, up30, known30, ...counts } = a;
          return { areaId: areaId || 'none', name: names.get(areaId) ?? '', ...counts, uptime: { d7: known7 > 0 ? up7 / known7 : null, d30: known30 > 0 ? up30 / known30 : null } };
        })
        .sort((x, y) => BY_NAME.compare(x.name, y.name)),
      offline: offline.slice(0, 200),
      offlineCount: offline.length,
      outages,
      uptimeCameras: uptimeCameras.slice(0, 50),
      clocks,
      tickets: this.tickets(now),
      maintenanceOverdue: this.d.repair.plans().filter((p) => p.overdueDays > 0).length,
    };
  }
}
