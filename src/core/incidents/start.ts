// The book of the shift, built in order (called once by the composition root, core.ts):
// 1. the incident log and its files; 2. full-resolution snapshots (the live relay, the register's
// sources); 3. the alarm queue, then its sources (camera offline comes from the health monitor,
// core.ts): the data folder's free space, ONVIF pull-point subscriptions
// kept in step with the register and the rules; 4. the shift handover; 5. the PDF printer.
// Returns the services and the one way to stop everything it started.
import path from 'node:path';
import { AlarmRepository } from '../alarms/alarm-repository';
import { AlarmService } from '../alarms/alarm-service';
import { PullPointManager, type PullPointTiming } from '../alarms/pullpoint-manager';
import { watchDisk } from '../alarms/sources';
import type { AuditLog } from '../audit';
import type { AccessPolicy } from '../auth/access-policy';
import type { EventBus } from '../events/event-bus';
import { createLogger } from '../log/logger';
import type { LiveService } from '../media/live';
import { chromiumPrinter } from '../print/chromium-pdf';
import type { RegisterService } from '../register/register-service';
import type { SettingsService } from '../settings/settings-service';
import { ShiftRepository } from '../shift/shift-repository';
import { ShiftService } from '../shift/shift-service';
import type { Db } from '../store/database';
import { AttachmentStore } from './attachment-store';
import { IncidentFiles } from './incident-files';
import { IncidentRepository } from './incident-repository';
import { IncidentService, type IncidentRecordings } from './incident-service';
import { RecordRepository } from './record-repository';
import { SnapshotService } from './snapshot/snapshot-service';

export interface IncidentStartOptions {
  db: Db;
  dataDir: string;
  events: EventBus;
  access: AccessPolicy;
  register: RegisterService;
  live: LiveService;
  settings: SettingsService;
  audit: AuditLog;
  ffmpegPath: string | null;
  /** Tests shorten the ONVIF loop's waits. */
  pullPointTiming?: Partial<PullPointTiming>;
  alarmFlushMs?: number;
  uploadLimitBytes?: number;
  /** The recorder's side of incidents: holds on video, references to bookmarks and exports. */
  recordings?: IncidentRecordings;
}

export function startIncidentServices(o: IncidentStartOptions) {
  const timeZone = () => o.settings.get().timeZone;
  const incidentRepo = new IncidentRepository(o.db);
  const records = new RecordRepository(o.db);
  const store = new AttachmentStore(o.dataDir);
  const incidentFiles = new IncidentFiles(records, store, createLogger('incidents.files'), o.uploadLimitBytes);
  const incidents = new IncidentService({ incidents: incidentRepo, records, files: incidentFiles, access: o.access, events: o.events, timeZone, ...(o.recordings ? { recordings: o.recordings } : {}) });

  const snapshots = new SnapshotService({
    live: o.live,
    mainSource: (cameraId) => o.register.source(cameraId, 'main'),
    onvif: (cameraId) => o.register.onvifAccess(cameraId),
    ffmpegPath: o.ffmpegPath,
    runtimeDir: path.join(o.dataDir, 'run'),
    workDir: path.join(store.root, 'staging'),
    log: createLogger('incidents.snapshot'),
  });

  const alarmRepo = new AlarmRepository(o.db);
  const alarms = new AlarmService({
    repo: alarmRepo,
    access: o.access,
    events: o.events,
    timeZone,
    log: createLogger('alarms'),
    createIncident: (p, input, link) => incidents.create(p, input, link),
    ...(o.alarmFlushMs !== undefined ? { flushMs: o.alarmFlushMs } : {}),
  });
  // Camera offline / back online: the health monitor raises them (core.ts), for every camera, so the
  // relay's own feed is no longer a source (it would raise the same outage twice).
  const disk = watchDisk({ dir: o.dataDir, sink: alarms });

  const pullPoints = new PullPointManager({
    sink: alarms,
    cameras: () => alarmRepo.onvifCameras().filter((id) => alarms.wantsOnvifEvents(id)),
    access: (id) => o.register.onvifAccess(id),
    log: createLogger('alarms.onvif'),
    onGap: (cameraId, from, to) =>
      void o.audit
        .append({
          actor: { userId: null, username: null },
          action: 'alarms.events_gap',
          outcome: 'failed',
          target: { kind: 'camera', id: cameraId },
          details: { from, to },
          source: 'system',
        })
        .catch(() => undefined),
    ...(o.pullPointTiming ? { timing: o.pullPointTiming } : {}),
  });
  pullPoints.reconcile();
  const offRegister = o.events.subscribe((e) => {
    if (e.type === 'register.changed' && !e.statusesOnly) pullPoints.reconcile();
  });
  const offRules = alarms.onRulesChanged(() => pullPoints.reconcile());

  const shift = new ShiftService({
    incidents: incidentRepo,
    records,
    alarms: alarmRepo,
    shifts: new ShiftRepository(o.db),
    access: o.access,
    events: o.events,
  });
  const printer = chromiumPrinter(path.join(store.root, 'print'));

  // Staged snapshots and uploads nobody attached go after a day.
  const sweeper = setInterval(() => void incidentFiles.sweep().catch(() => undefined), 3_600_000);
  sweeper.unref();
  void incidentFiles.sweep().catch(() => undefined);

  return {
    services: { incidents, incidentFiles, snapshots, alarms, pullPoints, shift, printer },
    async dispose() {
      clearInterval(sweeper);
      offRegister();
      offRules();
      disk.stop();
      await pullPoints.dispose();
      alarms.dispose();
      snapshots.dispose();
      printer.dispose();
    },
  };
}
