// Before an export starts: what footage there is per camera (covered spans, gaps, bytes) and whether
// the destination can take it. Refused before any work: no footage at all, a destination that does
// not exist or cannot be written, one without room, a FAT32 drive and a file over 4 GiB (unless the
// request allows splitting, which the plan then says).
import { constants } from 'node:fs';
import { access, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { ExportPlanInfo } from '../../shared/contract';
import type { SegmentRepository } from '../media/recorder/segment-repository';
import { exportSegments, JOIN_MS } from './segment-feed';

/** statfs f_type of FAT12/16/32 (MSDOS_SUPER_MAGIC) and exFAT (no 4 GiB limit, named for the UI). */
const FS_TYPES: Record<number, string> = {
  0x4d44: 'vfat',
  0x2011bab0: 'exfat',
  0x5346544e: 'ntfs',
  0xef53: 'ext4',
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlay',
};
export const FAT32_MAX_FILE = 4 * 1024 ** 3 - 1;
/** Room kept beyond the estimate: the manifest, report, README, and the MP4 index. */
const MARGIN = 32 * 1024 * 1024;

export function fsTypeName(type: number | bigint): string {
  const n = Number(type);
  return FS_TYPES[n] ?? `0x${n.toString(16)}`;
}

export interface DestinationInfo {
  path: string;
  freeBytes: number | null;
  fsType: string | null;
  writable: boolean;
  fat32: boolean;
}

export async function inspectDestination(dest: string): Promise<DestinationInfo> {
  const p = path.resolve(dest);
  // A relative path would land wherever the core happened to start: refused.
  if (!path.isAbsolute(dest)) return { path: p, freeBytes: null, fsType: null, writable: false, fat32: false };
  try {
    await access(p, constants.W_OK | constants.X_OK);
    const st = await statfs(p);
    const fsType = fsTypeName(st.type);
    return { path: p, freeBytes: Number(st.bavail) * Number(st.bsize), fsType, writable: true, fat32: fsType === 'vfat' };
  } catch {
    return { path: p, freeBytes: null, fsType: null, writable: false, fat32: false };
  }
}

export interface PlanRequest {
  cameraIds: string[];
  from: number;
  to: number;
  destination: string;
  burnIn: boolean;
  splitLargeFiles: boolean;
}

export async function planExport(repo: SegmentRepository, r: PlanRequest): Promise<ExportPlanInfo> {
  const cameras: ExportPlanInfo['cameras'] = [];
  let bytesNeeded = 0;
  let largestRun = 0;
  for (const cameraId of r.cameraIds) {
    const segs = exportSegments(repo, cameraId, r.from, r.to);
    const covered: Array<{ from: number; to: number; bytes: number }> = [];
    let bytes = 0;
    for (const s of segs) {
      // Only the part of a segment inside the range is exported (by time, so roughly by bytes).
      const share = Math.max(0, Math.min(s.endMs, r.to) - Math.max(s.startMs, r.from)) / Math.max(1, s.endMs - s.startMs);
      const b = Math.ceil(s.bytes * Math.min(1, share + 0.05));
      bytes += b;
      const last = covered[covered.length - 1];
      if (last && s.startMs - last.to <= JOIN_MS) {
        last.to = Math.max(last.to, s.endMs);
        last.bytes += b;
      } else covered.push({ from: s.startMs, to: s.endMs, bytes: b });
    }
    const clipped = covered.map((c) => ({ from: Math.max(c.from, r.from), to: Math.min(c.to, r.to), bytes: c.bytes })).filter((c) => c.to > c.from);
    const gaps: Array<{ from: number; to: number }> = [];
    let t = r.from;
    for (const c of clipped) {
      if (c.from - t > JOIN_MS) gaps.push({ from: t, to: c.from });
      t = Math.max(t, c.to);
    }
    if (r.to - t > JOIN_MS) gaps.push({ from: t, to: r.to });
    for (const c of clipped) largestRun = Math.max(largestRun, c.bytes);
    bytesNeeded += bytes * (r.burnIn ? 2 : 1);
    cameras.push({ cameraId, segments: segs.length, bytes, covered: clipped.map(({ from, to }) => ({ from, to })), gaps });
  }
  const destination = await inspectDestination(r.destination);
  const tooLargeForFat = destination.fat32 && largestRun > FAT32_MAX_FILE;
  let refusal: string | null = null;
  if (cameras.every((c) => c.segments === 0)) refusal = 'no_footage';
  else if (!destination.writable) refusal = 'destination_unwritable';
  else if (destination.freeBytes !== null && destination.freeBytes < bytesNeeded + MARGIN) refusal = 'destination_full';
  else if (tooLargeForFat && !r.splitLargeFiles) refusal = 'file_too_large_fat32';
  return { cameras, bytesNeeded: bytesNeeded + MARGIN, destination, refusal, willSplit: tooLargeForFat && r.splitLargeFiles };
}
