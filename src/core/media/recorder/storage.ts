// Recording folders, their quotas and the disks under them; retention. One sweep (every minute, and
// whenever a folder runs short) deletes, oldest first and never a segment under an evidence lock:
//  1. segments older than their camera's retention (days),
//  2. in a folder over its quota, the oldest until it is back under 95 % of it,
//  3. on a disk nearly full (free < 2 × reserve), the oldest in folders on it until there is room:
//     recording goes on, and the alarm says so. Nothing to delete (all locked) → storage_exhausted.
// A row is deleted before its file: if the core dies between the two, reconcile finds an unindexed
// file and indexes it again (nothing lost); the reverse order could leave a row without a file.
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, statfs, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../log/logger';
import type { Allocation } from './camera-recorder';
import type { FolderRow, SegmentRepository, SegmentRow } from './segment-repository';

export interface FolderStatus extends FolderRow {
  usedBytes: number;
  diskFreeBytes: number | null;
  diskTotalBytes: number | null;
  writable: boolean;
  nearlyFull: boolean;
}

export type StorageAlarm = 'disk_nearly_full' | 'storage_exhausted' | 'folder_unavailable';

export interface StorageOptions {
  repo: SegmentRepository;
  /** Created with no quota when no folder is configured: <data-dir>/recordings. */
  defaultRoot: string;
  logger: Logger;
  /** Free bytes a disk must keep. Default max(1 GiB, 2 % of the disk). */
  reserveBytes?: (diskTotal: number) => number;
  /** Retention in days per camera (cameras without settings keep their footage 30 days). */
  retentionDays: (cameraId: string) => number;
  alarm: (kind: StorageAlarm, folderId: string | null, detail: Record<string, string | number>) => void;
  clear: (kind: StorageAlarm, folderId: string | null) => void;
  now?: () => number;
}

const DAY = 86_400_000;
const BATCH = 200;

export interface SweepResult {
  deleted: number;
  bytes: number;
  skippedLocked: number;
}

export class RecordingStorage {
  private status = new Map<string, FolderStatus>();
  private readonly now: () => number;

  constructor(private readonly o: StorageOptions) {
    this.now = o.now ?? Date.now;
  }

  private reserve(total: number | null): number {
    if (total === null) return 0;
    return this.o.reserveBytes ? this.o.reserveBytes(total) : Math.max(1024 ** 3, Math.round(total * 0.02));
  }

  /** Makes sure a folder exists (the default one on first start). */
  async ensureDefault(): Promise<void> {
    if (this.o.repo.folders().length > 0) return;
    await mkdir(this.o.defaultRoot, { recursive: true });
    this.o.repo.saveFolder({ id: randomUUID(), path: this.o.defaultRoot, quotaBytes: null, enabled: true }, this.now());
  }

  /** Reads each folder's disk (statfs) and whether it can be written. */
  async refresh(): Promise<FolderStatus[]> {
    const used = this.o.repo.usedBytes();
    const next = new Map<string, FolderStatus>();
    for (const f of this.o.repo.folders()) {
      let writable = false;
      let free: number | null = null;
      let total: number | null = null;
      try {
        await mkdir(f.path, { recursive: true });
        await access(f.path, constants.W_OK);
        const st = await statfs(f.path);
        free = Number(st.bavail) * Number(st.bsize);
        total = Number(st.blocks) * Number(st.bsize);
        writable = true;
      } catch {
        writable = false;
      }
      const usedBytes = used.get(f.id) ?? 0;
      const nearlyFull = free !== null && free < 2 * this.reserve(total);
      next.set(f.id, { ...f, usedBytes, diskFreeBytes: free, diskTotalBytes: total, writable, nearlyFull });
      if (f.enabled && !writable) this.o.alarm('folder_unavailable', f.id, { path: f.path });
      else this.o.clear('folder_unavailable', f.id);
    }
    this.status = next;
    return [...next.values()];
  }

  folders(): FolderStatus[] {
    return [...this.status.values()];
  }

  /** Room left for new segments in a folder: the smaller of quota headroom and disk headroom. */
  private headroom(f: FolderStatus): number {
    const byQuota = f.quotaBytes === null ? Infinity : f.quotaBytes - f.usedBytes;
    const byDisk = f.diskFreeBytes === null ? 0 : f.diskFreeBytes - this.reserve(f.diskTotalBytes);
    return Math.min(byQuota, byDisk);
  }

  /** The folder with the most room (a sweep makes room where there is none). */
  allocate(): Allocation | null {
    let best: FolderStatus | null = null;
    for (const f of this.status.values()) {
      if (!f.enabled || !f.writable) continue;
      if (!best || this.headroom(f) > this.headroom(best)) best = f;
    }
    if (!best) return null;
    return { folderId: best.id, root: best.path };
  }

  /** Retention, quotas and disk reserve; see the top of this file. */
  async sweep(): Promise<SweepResult> {
    const result: SweepResult = { deleted: 0, bytes: 0, skippedLocked: 0 };
    const now = this.now();
    for (const cameraId of this.o.repo.cameraIdsWithSegments()) {
      const days = this.o.retentionDays(cameraId);
      for (;;) {
        const batch = this.o.repo.expired(cameraId, now - days * DAY, BATCH);
        for (const s of batch) await this.remove(s, result);
        if (batch.length < BATCH) break;
      }
    }
    await this.refresh();
    for (const f of this.status.values()) {
      if (f.quotaBytes !== null && f.usedBytes > f.quotaBytes) await this.shrink(f, () => f.usedBytes <= 0.95 * f.quotaBytes!, result);
      if (f.nearlyFull) {
        const target = 2 * this.reserve(f.diskTotalBytes);
        this.o.alarm('disk_nearly_full', f.id, { path: f.path, freeBytes: f.diskFreeBytes ?? 0 });
        await this.shrink(f, () => (f.diskFreeBytes ?? 0) >= target, result);
        if ((f.diskFreeBytes ?? 0) >= target) this.o.clear('disk_nearly_full', f.id);
      } else this.o.clear('disk_nearly_full', f.id);
      if (this.headroom(f) <= 0 && f.writable) this.o.alarm('storage_exhausted', f.id, { path: f.path });
      else this.o.clear('storage_exhausted', f.id);
    }
    if (result.deleted) this.o.logger.info('recording storage swept', { ...result });
    return result;
  }

  /** Deletes the folder's oldest unlocked segments until `enough()`. */
  private async shrink(f: FolderStatus, enough: () => boolean, result: SweepResult): Promise<void> {
    while (!enough()) {
      const batch = this.o.repo.oldestUnlocked(f.id, 20);
      if (batch.length === 0) return;
      for (const s of batch) {
        const freed = await this.remove(s, result);
        f.usedBytes -= freed;
        if (f.diskFreeBytes !== null) f.diskFreeBytes += freed;
        if (enough()) return;
      }
    }
  }

  /** Row first, then the file. A lock (the trigger) stops both. Returns the bytes freed. */
  private async remove(s: SegmentRow, result: SweepResult): Promise<number> {
    const folder = this.o.repo.folders().find((f) => f.id === s.folderId);
    try {
      this.o.repo.delete(s.id);
    } catch (err) {
      result.skippedLocked++;
      this.o.logger.warn('segment kept: under an evidence lock', { id: s.id, err: err instanceof Error ? err.message : String(err) });
      return 0;
    }
    if (folder) await unlink(path.join(folder.path, s.path)).catch(() => undefined);
    result.deleted++;
    result.bytes += s.bytes;
    return s.bytes;
  }
}
