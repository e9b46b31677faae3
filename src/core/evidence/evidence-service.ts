// Evidence exports as a service: checks before the start (plan), evidence locks on the segments
// used (held by the export, kept when it succeeds, dropped when it produced nothing), the job
// registry with progress events, the exports table, the audit trail, and verification.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ExportJobInfo, ExportPlanInfo, VerifyReportInfo } from '../../shared/contract';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { AuditSink } from '../api/audit-sink';
import type { Principal } from '../auth/principal';
import type { Logger } from '../log/logger';
import type { SegmentRepository } from '../media/recorder/segment-repository';
import type { Db } from '../store/database';
import { ExportJob, type CameraFacts } from './export-job';
import { planExport } from './export-plan';
import type { EvidenceLocks } from './locks';
import type { ManifestSigner } from './signer';
import { verifyPackage } from './verify';

export interface ExportInput {
  id?: string;
  cameraIds: string[];
  from: number;
  to: number;
  reason: string;
  caseNumber: string;
  incidentId: string | null;
  destination: string;
  language: 'vi' | 'en';
  burnIn: boolean;
  stills: number[];
  password: string | null;
  splitLargeFiles: boolean;
}

export interface EvidenceServiceDeps {
  db: Db;
  repo: SegmentRepository;
  locks: EvidenceLocks;
  signer: () => ManifestSigner;
  ffmpegPath: string | null;
  tmpRoot: string;
  appVersion: string;
  timeZone: () => string;
  chromium: string | null;
  camera: (id: string) => CameraFacts;
  audit: AuditSink;
  logger: Logger;
  publish: (job: ExportJobInfo) => void;
}

interface Row {
  id: string;
  case_number: string;
  incident_id: string | null;
  reason: string;
  camera_ids: string;
  from_ms: number;
  to_ms: number;
  destination: string;
  options: string;
  state: ExportJobInfo['state'];
  package_dir: string | null;
  bytes: number | null;
  error: string | null;
  created_by: string | null;
  created_at: number;
  finished_at: number | null;
}

const REFUSALS: Record<string, ErrorCode> = {
  no_footage: 'no_footage',
  destination_unwritable: 'destination_unwritable',
  destination_full: 'destination_full',
  file_too_large_fat32: 'file_too_large_fat32',
};

export class EvidenceService {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(private readonly d: EvidenceServiceDeps) {}

  plan(i: ExportInput): Promise<ExportPlanInfo> {
    return planExport(this.d.repo, { ...i, splitLargeFiles: i.splitLargeFiles });
  }

  async start(i: ExportInput, principal: Principal): Promise<ExportJobInfo> {
    if (!this.d.ffmpegPath) throw new AppError('ffmpeg_missing', {});
    const id = i.id ?? randomUUID();
    const existing = this.jobs.get(id) ?? this.row(id);
    if (existing) return 'info' in existing ? { ...existing.info } : existing;
    const plan = await this.plan(i);
    if (plan.refusal)
      throw new AppError(REFUSALS[plan.refusal] ?? 'bad_request', {
        destination: plan.destination.path,
        freeBytes: plan.destination.freeBytes ?? 0,
        neededBytes: plan.bytesNeeded,
      });
    const createdBy = principal.user.id;
    // Lock first: from now on retention cannot take what this export reads.
    for (const cameraId of i.cameraIds) {
      this.d.locks.lock({
        holderKind: 'export',
        holderId: id,
        cameraId,
        from: i.from,
        to: i.to,
        reason: `${i.caseNumber}: ${i.reason}`.slice(0, 500),
        createdBy,
      });
    }
    const options = { language: i.language, burnIn: i.burnIn, stills: i.stills, encrypted: i.password !== null, splitLargeFiles: i.splitLargeFiles };
    this.d.db
      .prepare(
        `INSERT INTO exports (id, case_number, incident_id, reason, camera_ids, from_ms, to_ms, destination, options, state, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(
        id,
        i.caseNumber,
        i.incidentId,
        i.reason,
        JSON.stringify(i.cameraIds),
        i.from,
        i.to,
        plan.destination.path,
        JSON.stringify(options),
        createdBy,
        Date.now(),
      );
    const job = new ExportJob(
      {
        repo: this.d.repo,
        signer: this.d.signer(),
        ffmpegPath: this.d.ffmpegPath,
        tmpRoot: this.d.tmpRoot,
        appVersion: this.d.appVersion,
        timeZone: this.d.timeZone(),
        chromium: this.d.chromium,
        camera: this.d.camera,
        operator: { id: principal.user.id, username: principal.user.username, displayName: principal.user.displayName },
        logger: this.d.logger,
      },
      {
        id,
        cameraIds: i.cameraIds,
        from: i.from,
        to: i.to,
        reason: i.reason,
        caseNumber: i.caseNumber,
        incidentId: i.incidentId,
        destination: plan.destination,
        language: i.language,
        burnIn: i.burnIn,
        stills: i.stills,
        password: i.password,
        split: i.splitLargeFiles,
        bytesPlanned: plan.cameras.reduce((n, c) => n + c.bytes, 0),
      },
      (info) => this.d.publish(info),
    );
    this.jobs.set(id, job);
    void job.done.then(() => this.finished(job, principal));
    return { ...job.info };
  }

  private finished(job: ExportJob, principal: Principal): void {
    const info = job.info;
    this.d.db
      .prepare('UPDATE exports SET state = ?, package_dir = ?, error = ?, finished_at = ?, bytes = ? WHERE id = ?')
      .run(info.state, info.packageDir, info.error, info.finishedAt, info.bytesDone, info.id);
    // A package that does not exist holds nothing: its locks go (released, kept on record).
    if (info.state !== 'done') this.d.locks.dropHolder('export', info.id);
    this.jobs.delete(info.id);
    void this.d.audit.append({
      actor: { userId: principal.user.id, username: principal.user.username },
      action: 'export.finished',
      outcome: info.state === 'done' ? 'ok' : 'failed',
      target: { kind: 'export', id: info.id, name: info.caseNumber },
      details: {
        state: info.state,
        caseNumber: info.caseNumber,
        incidentId: info.incidentId,
        packageDir: info.packageDir,
        encrypted: info.encrypted,
        error: info.error,
        cameras: info.cameraIds.join(','),
        from: info.from,
        to: info.to,
      },
    });
  }

  cancel(id: string): ExportJobInfo {
    const job = this.jobs.get(id);
    if (job) {
      job.cancel();
      return { ...job.info };
    }
    const row = this.row(id);
    if (!row) throw new AppError('not_found', { kind: 'export', id });
    return row;
  }

  /** Waits for a job (tests, dispose). */
  async settle(id: string): Promise<void> {
    await this.jobs.get(id)?.done;
  }

  private toInfo(r: Row): ExportJobInfo {
    const options = JSON.parse(r.options) as { encrypted?: boolean };
    return {
      id: r.id,
      state: r.state,
      caseNumber: r.case_number,
      reason: r.reason,
      incidentId: r.incident_id,
      cameraIds: JSON.parse(r.camera_ids) as string[],
      from: r.from_ms,
      to: r.to_ms,
      destination: r.destination,
      packageDir: r.package_dir,
      encrypted: !!options.encrypted,
      phase: r.state === 'done' ? 'done' : 'checking',
      bytesDone: r.bytes ?? 0,
      bytesTotal: r.bytes ?? 0,
      bytesPerSecond: 0,
      secondsLeft: null,
      // A job still 'running' in the table but not in memory was cut off by a stop of the core.
      error: r.state === 'running' ? 'interrupted' : r.error,
      createdBy: r.created_by,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    };
  }

  /** One export as it stands (a running one's progress, else its stored row). */
  job(id: string): ExportJobInfo | null {
    const running = this.jobs.get(id);
    return running ? { ...running.info } : this.row(id);
  }

  private row(id: string): ExportJobInfo | null {
    const r = this.d.db.prepare('SELECT * FROM exports WHERE id = ?').get(id) as Row | undefined;
    return r ? this.toInfo(r) : null;
  }

  list(limit: number, visible: (cameraIds: string[]) => boolean): ExportJobInfo[] {
    const rows = (this.d.db.prepare('SELECT * FROM exports ORDER BY created_at DESC LIMIT ?').all(limit) as Row[]).map((r) => this.toInfo(r));
    return rows.map((r) => (this.jobs.get(r.id) ? { ...this.jobs.get(r.id)!.info } : r)).filter((r) => visible(r.cameraIds));
  }

  verify(folder: string, password: string | null): Promise<VerifyReportInfo> {
    return verifyPackage(path.resolve(folder), { password, installationFingerprint: this.d.signer().fingerprint });
  }

  /** Cancels running exports (their partial folders are removed) and waits for them. */
  async dispose(): Promise<void> {
    const running = [...this.jobs.values()];
    for (const j of running) j.cancel();
    await Promise.all(running.map((j) => j.done));
  }
}
