// At start, before anything records: the index and the files are made to agree again after a crash,
// a power cut or a kill -9, and everything done is reported (nothing silently lost).
// - A segment still marked 'recording' was open when the core died: its file is trimmed to whole
//   packets (the one cut packet at the end), rescanned and indexed as 'recovered'.
// - A file no row knows (the row's insert was lost with the power) is scanned and indexed.
// - A row whose file is gone is kept and marked 'missing' (the timeline shows the hole, and why).
// - A closed row whose file changed size is rescanned and its index corrected.
// Empty files (created, nothing written) are removed and reported.
import { readdir, stat, truncate, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../log/logger';
import { parseSegmentPath, SEGMENT_EXT } from './paths';
import { scanTsFile, type ScannedFile } from './scan-file';
import type { KeyframeEntry, SegmentRepository, SegmentRow } from './segment-repository';
import { ptsDelta } from '../ts/pes';

export interface ReconcileEntry {
  folder: string;
  path: string;
  cameraId?: string;
  bytes?: number;
  detail?: string;
}

export interface ReconcileReport {
  at: number;
  ms: number;
  folders: number;
  filesSeen: number;
  /** Segments open at the crash, trimmed and indexed. */
  recoveredOpen: ReconcileEntry[];
  /** Files found without an index row, now indexed. */
  indexed: ReconcileEntry[];
  /** Rows whose file is gone, marked missing. */
  missing: ReconcileEntry[];
  /** Rows whose file changed size, re-indexed. */
  changed: ReconcileEntry[];
  /** Files that hold no video (no keyframe) or cannot be read: left in place, named here. */
  unreadable: ReconcileEntry[];
  removedEmpty: ReconcileEntry[];
}

/** Index data of a scanned file, times from the start time its name (or row) gives. */
export function indexFromScan(
  startMs: number,
  scan: ScannedFile,
): { endMs: number; keyframes: KeyframeEntry[]; firstPts: number | null; bytes: number; sha256: string } {
  const first = scan.keyframes[0]?.pts ?? scan.firstPts;
  const keyframes: KeyframeEntry[] =
    first === null || first === undefined ? [] : scan.keyframes.map((k) => [Math.round(ptsDelta(first, k.pts) / 90), k.offset]);
  // The first keyframe's packet is preceded by PAT and PMT: seeking to it must include them.
  if (keyframes.length && keyframes[0]![1] <= 2 * 188) keyframes[0]![1] = 0;
  const span = first !== null && first !== undefined && scan.lastPts !== null ? Math.round(ptsDelta(first, scan.lastPts) / 90) : 0;
  return { endMs: startMs + span + Math.round(scan.frameMs), keyframes, firstPts: first ?? null, bytes: scan.wholeBytes, sha256: scan.sha256 };
}

async function walk(root: string, rel = '', out: string[] = [], depth = 0): Promise<string[]> {
  if (depth > 3) return out;
  let entries;
  try {
    entries = await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const r = rel ? path.join(rel, e.name) : e.name;
    if (e.isDirectory()) await walk(root, r, out, depth + 1);
    else if (e.isFile() && e.name.endsWith(SEGMENT_EXT)) out.push(r);
  }
  return out;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export async function reconcileRecordings(repo: SegmentRepository, log: Logger, now = Date.now()): Promise<ReconcileReport> {
  const t0 = performance.now();
  const report: ReconcileReport = {
    at: now,
    ms: 0,
    folders: 0,
    filesSeen: 0,
    recoveredOpen: [],
    indexed: [],
    missing: [],
    changed: [],
    unreadable: [],
    removedEmpty: [],
  };
  const folders = repo.folders();
  const open = new Map(repo.openRows().map((r) => [`${r.folderId}\u0000${r.path}`, r]));
  for (const folder of folders) {
    report.folders++;
    const files = new Set(await walk(folder.path));
    report.filesSeen += files.size;
    const known = repo.pathsIn(folder.id);
    let n = 0;
    for (const [rel, row] of known) {
      if (++n % 2000 === 0) await yieldToLoop();
      const abs = path.join(folder.path, rel);
      const entry = { folder: folder.path, path: rel };
      if (!files.has(rel)) {
        if (row.status !== 'missing') {
          repo.markMissing(row.id);
          report.missing.push(entry);
        }
        continue;
      }
      const openRow = open.get(`${folder.id}\u0000${rel}`);
      if (openRow) {
        await recoverOpen(repo, openRow, abs, entry, report);
        continue;
      }
      if (row.status === 'missing') {
        // The file came back (a disk remounted): index it again.
        await rescan(repo, repo.segment(row.id)!, abs, entry, report.changed, report);
        continue;
      }
      const size = (await stat(abs)).size;
      if (size !== row.bytes)
        await rescan(repo, repo.segment(row.id)!, abs, { ...entry, detail: `${row.bytes} → ${size} bytes` }, report.changed, report);
    }
    for (const rel of files) {
      if (known.has(rel)) continue;
      await indexUnknown(repo, folder.id, folder.path, rel, report);
    }
  }
  report.ms = Math.round(performance.now() - t0);
  const counts = {
    recoveredOpen: report.recoveredOpen.length,
    indexed: report.indexed.length,
    missing: report.missing.length,
    changed: report.changed.length,
    unreadable: report.unreadable.length,
    removedEmpty: report.removedEmpty.length,
  };
  if (Object.values(counts).some((c) => c > 0)) log.warn('recordings reconciled with the index', { ...counts, ms: report.ms });
  else log.info('recordings agree with the index', { files: report.filesSeen, ms: report.ms });
  return report;
}

async function trimToPackets(abs: string, scan: ScannedFile): Promise<number> {
  if (scan.wholeBytes >= scan.size) return 0;
  await truncate(abs, scan.wholeBytes);
  return scan.size - scan.wholeBytes;
}

async function recoverOpen(repo: SegmentRepository, row: SegmentRow, abs: string, entry: ReconcileEntry, report: ReconcileReport): Promise<void> {
  let scan: ScannedFile;
  try {
    scan = await scanTsFile(abs);
  } catch (err) {
    report.unreadable.push({ ...entry, cameraId: row.cameraId, detail: String(err) });
    return;
  }
  if (scan.size === 0) {
    repo.delete(row.id);
    await unlink(abs).catch(() => undefined);
    report.removedEmpty.push({ ...entry, cameraId: row.cameraId });
    return;
  }
  const trimmed = await trimToPackets(abs, scan);
  const idx = indexFromScan(row.startMs, scan);
  repo.close(row.id, { ...idx, status: 'recovered', firstPts: idx.firstPts });
  report.recoveredOpen.push({
    ...entry,
    cameraId: row.cameraId,
    bytes: idx.bytes,
    detail: trimmed ? `trimmed ${trimmed} bytes of a cut packet` : undefined,
  });
}

async function rescan(
  repo: SegmentRepository,
  row: SegmentRow,
  abs: string,
  entry: ReconcileEntry,
  list: ReconcileEntry[],
  report: ReconcileReport,
): Promise<void> {
  try {
    const scan = await scanTsFile(abs);
    const idx = indexFromScan(row.startMs, scan);
    repo.close(row.id, { ...idx, status: 'recovered', firstPts: idx.firstPts });
    list.push({ ...entry, cameraId: row.cameraId, bytes: idx.bytes });
  } catch (err) {
    report.unreadable.push({ ...entry, cameraId: row.cameraId, detail: String(err) });
  }
}

async function indexUnknown(repo: SegmentRepository, folderId: string, root: string, rel: string, report: ReconcileReport): Promise<void> {
  const abs = path.join(root, rel);
  const entry: ReconcileEntry = { folder: root, path: rel };
  const parsed = parseSegmentPath(rel);
  if (!parsed) {
    report.unreadable.push({ ...entry, detail: 'not a segment name' });
    return;
  }
  let scan: ScannedFile;
  try {
    scan = await scanTsFile(abs);
  } catch (err) {
    report.unreadable.push({ ...entry, cameraId: parsed.cameraId, detail: String(err) });
    return;
  }
  if (scan.size === 0) {
    await unlink(abs).catch(() => undefined);
    report.removedEmpty.push({ ...entry, cameraId: parsed.cameraId });
    return;
  }
  if (scan.keyframes.length === 0) {
    report.unreadable.push({ ...entry, cameraId: parsed.cameraId, bytes: scan.size, detail: 'no keyframe' });
    return;
  }
  await trimToPackets(abs, scan);
  const idx = indexFromScan(parsed.startMs, scan);
  repo.insertClosed({
    cameraId: parsed.cameraId,
    stream: parsed.stream,
    folderId,
    path: rel,
    startMs: parsed.startMs,
    firstPts: idx.firstPts,
    // Unknown run: playback treats it as a discontinuity on both sides.
    runId: `recovered:${rel}`,
    codec: scan.codec,
    clockOffsetMs: null,
    trigger: 'recovered',
    endMs: idx.endMs,
    bytes: idx.bytes,
    sha256: idx.sha256,
    keyframes: idx.keyframes,
    status: 'recovered',
  });
  report.indexed.push({ ...entry, cameraId: parsed.cameraId, bytes: idx.bytes });
}
