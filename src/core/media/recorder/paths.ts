// Where a segment lives inside a recording folder, and how a file found there is read back into
// camera, stream and start time when the index does not know it (after a crash, a lost database):
//   <folder>/<camera id, URI-encoded>/<UTC date>/<start ms UTC>_<stream>.ts
// The start time and camera are in the path itself so that nothing is lost without the database.
import path from 'node:path';

export const SEGMENT_EXT = '.ts';

/** A camera id as one safe directory name ('.' and '..' cannot escape the folder). */
export function cameraDirName(cameraId: string): string {
  return encodeURIComponent(cameraId).replace(/^\./, '%2E');
}

export function segmentRelPath(cameraId: string, stream: 'main' | 'sub', startMs: number): string {
  const day = new Date(startMs).toISOString().slice(0, 10);
  return path.join(cameraDirName(cameraId), day, `${startMs}_${stream}${SEGMENT_EXT}`);
}

/** The parts of a relative segment path, or null for anything else found in a folder. */
export function parseSegmentPath(rel: string): { cameraId: string; stream: 'main' | 'sub'; startMs: number } | null {
  const parts = rel.split(path.sep);
  if (parts.length !== 3) return null;
  const m = /^(\d{10,16})_(main|sub)\.ts$/.exec(parts[2]!);
  if (!m || !/^\d{4}-\d{2}-\d{2}$/.test(parts[1]!)) return null;
  let cameraId: string;
  try {
    cameraId = decodeURIComponent(parts[0]!);
  } catch {
    return null;
  }
  return { cameraId, stream: m[2] as 'main' | 'sub', startMs: Number(m[1]) };
}
