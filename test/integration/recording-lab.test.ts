// Recording against the camera lab: real RTSP from GStreamer, real ffmpeg, a real SQLite file.
// Segments are indexed as they close and each one plays on its own; kill -9 of ffmpeg and of the
// core are reconciled; retention and a nearly full disk never remove a segment under evidence lock.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readSync, closeSync, rmSync, statSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentRow } from '../../src/core/media/recorder/segment-repository';
import { startLab, type Lab } from '../../src/sim/lab';
import { ffmpegChildren, isAlive, waitFor } from './support/live-helpers';
import { openRig, type Rig } from './support/recording-rig';

const here = path.dirname(fileURLToPath(import.meta.url));
let lab: Lab;
const children: ChildProcess[] = [];

beforeAll(async () => {
  lab = await startLab({
    cameras: [
      { name: 'Chợ Bến Thành', variant: 'fixed' },
      { name: 'Cầu Mống', variant: 'fixed' },
      { name: 'Nhà hát', variant: 'h265' },
    ],
    discoveryPort: false,
  });
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  expect(ffmpegChildren()).toEqual([]);
  await lab?.dispose();
});

const closed = (rig: Rig, cameraId: string): SegmentRow[] =>
  rig.recording.repo.overlapping(cameraId, 0, Number.MAX_SAFE_INTEGER).filter((s) => s.status === 'ok' || s.status === 'recovered');

function readAt(file: string, offset: number, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(n);
    readSync(fd, b, 0, n, offset);
    return b;
  } finally {
    closeSync(fd);
  }
}

export function ffprobeFrames(file: string): { codec: string; frames: number; firstKey: boolean } {
  const probe = (args: string[]) =>
    JSON.parse(execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-select_streams', 'v:0', ...args, '-of', 'json', file]).toString());
  const count = probe(['-count_frames', '-show_entries', 'stream=codec_name,nb_read_frames']) as {
    streams: Array<{ codec_name: string; nb_read_frames?: string }>;
  };
  const first = probe(['-show_frames', '-read_intervals', '%+#1', '-show_entries', 'frame=key_frame']) as { frames: Array<{ key_frame: number }> };
  return { codec: count.streams[0]!.codec_name, frames: Number(count.streams[0]!.nb_read_frames ?? 0), firstKey: first.frames[0]?.key_frame === 1 };
}

describe('recording lab cameras', () => {
  it('writes fixed-length segments that each start with PAT, PMT and a keyframe, indexed as they close', async () => {
    const rig = await openRig(lab.cameras.slice(0, 1));
    try {
      const cameraId = rig.cameraIds.get('Chợ Bến Thành')!;
      await rig.record('Chợ Bến Thành');
      const segs = await waitFor('three closed segments', () => (closed(rig, cameraId).length >= 3 ? closed(rig, cameraId) : null), 40_000);
      const folder = rig.recording.repo.folders()[0]!;
      for (const s of segs.slice(0, 3)) {
        const file = path.join(folder.path, s.path);
        expect(statSync(file).size).toBe(s.bytes);
        expect(s.bytes % 188).toBe(0);
        // PAT first (pid 0), then the PMT, then video.
        const head = readAt(file, 0, 188);
        expect(head[0]).toBe(0x47);
        expect(((head[1]! & 0x1f) << 8) | head[2]!).toBe(0);
        expect(s.keyframes[0]).toEqual([0, 0]);
        // Every indexed keyframe offset is a packet that starts a PES (payload_unit_start).
        for (const [, off] of s.keyframes.slice(1)) {
          const p = readAt(file, off, 4);
          expect(p[0]).toBe(0x47);
          expect(p[1]! & 0x40).toBe(0x40);
        }
        // ~3 s cut at the 2 s GOP: between one and two GOPs past the target.
        expect(s.endMs - s.startMs).toBeGreaterThanOrEqual(2500);
        expect(s.endMs - s.startMs).toBeLessThan(6500);
        const probe = ffprobeFrames(file);
        expect(probe.codec).toBe('h264');
        expect(probe.firstKey).toBe(true);
        expect(probe.frames).toBeGreaterThan(50);
        expect(s.codec).toBe('h264');
        expect(s.clockOffsetMs).not.toBeUndefined();
      }
      // Consecutive segments of one run follow each other without a hole.
      expect(segs[1]!.runId).toBe(segs[0]!.runId);
      expect(Math.abs(segs[1]!.startMs - segs[0]!.endMs)).toBeLessThan(200);
    } finally {
      await rig.close();
    }
  });

  it('shares the live relay: one ffmpeg records and feeds the wall; an H.265 camera is recorded as H.265 by its own copy', async () => {
    const rig = await openRig([lab.cameras[1]!, lab.cameras[2]!]);
    try {
      const a = rig.cameraIds.get('Cầu Mống')!;
      const h = rig.cameraIds.get('Nhà hát')!;
      const frames: Buffer[] = [];
      const unsub = rig.live.subscribe(a, 'main', { data: (c) => frames.push(c), state: () => undefined });
      const hevcViewer = rig.live.subscribe(h, 'main', { data: () => undefined, state: () => undefined });
      await rig.record('Cầu Mống');
      await rig.record('Nhà hát');
      await waitFor('a segment of each', () => closed(rig, a).length >= 1 && closed(rig, h).length >= 1, 40_000);
      // One RTSP session for the H.264 camera: the relay's (the wall's viewer and the recorder).
      expect(rig.live.pids().filter((p) => p.cameraId === a && p.pid !== null)).toHaveLength(1);
      expect(
        ffmpegChildren().filter((c) => c.argv.join(' ').includes(lab.cameras[1]!.rtspMain.replace(/^rtsp:\/\//, '').split('/')[0]!)),
      ).toHaveLength(1);
      expect(frames.length).toBeGreaterThan(0);
      const hevc = closed(rig, h)[0]!;
      expect(hevc.codec).toBe('h265');
      expect(ffprobeFrames(path.join(rig.recording.repo.folders()[0]!.path, hevc.path)).codec).toBe('hevc');
      expect(rig.recording.status().find((s) => s.cameraId === h)?.source).toBe('copy');
      unsub();
      hevcViewer();
    } finally {
      await rig.close();
    }
  });

  it('kill -9 of ffmpeg mid-recording: the segment is closed, a new run records on, nothing is lost', async () => {
    const rig = await openRig(lab.cameras.slice(0, 1));
    try {
      const cameraId = rig.cameraIds.get('Chợ Bến Thành')!;
      await rig.record('Chợ Bến Thành');
      await waitFor('a closed segment', () => closed(rig, cameraId).length >= 1, 30_000);
      const pid = await waitFor('ffmpeg pid', () => rig.live.pids().find((p) => p.cameraId === cameraId)?.pid ?? null);
      const runBefore = closed(rig, cameraId)[0]!.runId;
      process.kill(pid, 'SIGKILL');
      await waitFor('ffmpeg gone', () => !isAlive(pid), 5000);
      const after = await waitFor('a segment of a new run', () => closed(rig, cameraId).find((s) => s.runId !== runBefore) ?? null, 40_000);
      // The segment that was open when ffmpeg died was closed and indexed, readable to its end.
      const all = closed(rig, cameraId);
      const cut = all.filter((s) => s.runId === runBefore).pop()!;
      expect(cut.status).toBe('ok');
      expect(ffprobeFrames(path.join(rig.recording.repo.folders()[0]!.path, cut.path)).frames).toBeGreaterThan(0);
      expect(after.startMs).toBeGreaterThanOrEqual(cut.endMs);
    } finally {
      await rig.close();
    }
  });

  it('kill -9 of the core: at restart the open segment is trimmed and indexed, a lost row re-indexed, a deleted file marked missing, all reported', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wf-rec-crash-'));
    try {
      const cam = lab.cameras[1]!;
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'support/recording-child.ts'), dataDir, JSON.stringify(cam), '2500'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          cwd: path.join(here, '../..'),
        },
      );
      children.push(child);
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      // Wait for the third segment to be open with some video in it (two closed before it).
      const openFile = await waitFor(
        'an open segment with video, after two closed ones',
        () => {
          const lines = out
            .trim()
            .split('\n')
            .filter((l) => l.startsWith('OPEN '));
          const files = [...new Set(lines.map((l) => l.split(' ')[1]))];
          const last = lines[lines.length - 1]?.split(' ');
          return files.length >= 3 && last && Number(last[2]) > 40_000 ? last[1]! : null;
        },
        60_000,
      );
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await waitFor('the child’s ffmpeg gone', () => ffmpegChildren(child.pid!).length === 0, 5000);

      // Simulate what a power cut can also do: a row lost (insert not yet on disk), a file lost.
      const { openDatabase } = await import('../../src/core/store/database');
      const { db } = openDatabase({ dataDir });
      const rows = db.prepare('SELECT id, path, status FROM segments ORDER BY start_ms').all() as Array<{ id: number; path: string; status: string }>;
      expect(rows[rows.length - 1]!.status).toBe('recording');
      const folder = (db.prepare('SELECT path FROM recording_folders').get() as { path: string }).path;
      const lostRow = rows[0]!;
      const lostFile = rows[1]!;
      db.prepare('DELETE FROM segments WHERE id = ?').run(lostRow.id);
      unlinkSync(path.join(folder, lostFile.path));
      db.close();
      const sizeAtCrash = statSync(openFile).size;

      const rig = await openRig([cam], { dataDir, start: true });
      try {
        const r = rig.recording.lastReconcile!;
        expect(r.recoveredOpen.map((e) => path.join(e.folder, e.path))).toEqual([openFile]);
        expect(r.indexed.map((e) => e.path)).toEqual([lostRow.path]);
        expect(r.missing.map((e) => e.path)).toEqual([lostFile.path]);
        const recovered = rig.recording.repo.byPath(rig.recording.repo.folders()[0]!.id, path.relative(folder, openFile))!;
        expect(recovered.status).toBe('recovered');
        expect(recovered.bytes % 188).toBe(0);
        expect(recovered.bytes).toBeLessThanOrEqual(sizeAtCrash);
        expect(statSync(openFile).size).toBe(recovered.bytes);
        expect(recovered.endMs).toBeGreaterThan(recovered.startMs);
        expect(ffprobeFrames(openFile).firstKey).toBe(true);
        expect(rig.recording.repo.byPath(rig.recording.repo.folders()[0]!.id, lostFile.path)!.status).toBe('missing');
        // The reconcile is an alarm, with its counts.
        expect(rig.recording.alarms.list().find((a) => a.kind === 'reconciled')?.detail).toMatchObject({ recoveredOpen: 1, indexed: 1, missing: 1 });
        // A second start finds nothing more to do.
      } finally {
        await rig.stop();
      }
      const again = await openRig([cam], { dataDir });
      try {
        const r2 = again.recording.lastReconcile!;
        expect([r2.recoveredOpen.length, r2.indexed.length, r2.missing.length, r2.changed.length]).toEqual([0, 0, 0, 0]);
      } finally {
        await again.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('retention and evidence locks', () => {
  it('deletes the oldest first by retention and quota, never a locked segment, and says so', async () => {
    const rig = await openRig(lab.cameras.slice(0, 1), { segmentMs: 2000 });
    try {
      const cameraId = rig.cameraIds.get('Chợ Bến Thành')!;
      await rig.record('Chợ Bến Thành');
      const segs = await waitFor('five closed segments', () => (closed(rig, cameraId).length >= 5 ? closed(rig, cameraId) : null), 40_000);
      await rig.recording.save({ ...rig.recording.settings(cameraId), mode: 'off' });
      const locked = segs[1]!;
      rig.db
        .prepare(
          "INSERT INTO evidence_locks (id, holder_kind, holder_id, camera_id, from_ms, to_ms, reason, created_at) VALUES ('l1', 'incident', 'inc-1', ?, ?, ?, 'test', 0)",
        )
        .run(cameraId, locked.startMs + 10, locked.startMs + 20);
      // The trigger stops even a direct delete.
      expect(() => rig.recording.repo.delete(locked.id)).toThrow(/evidence lock/);
      // Retention of 0 days: everything is expired; only the locked one stays.
      await rig.recording.save({ ...rig.recording.settings(cameraId), mode: 'off', retentionDays: 0 });
      const folder = rig.recording.repo.folders()[0]!;
      // The last segment's end is its last frame plus one frame interval: let that pass.
      await new Promise((r) => setTimeout(r, 300));
      const result = await rig.recording.sweep();
      expect(result.deleted).toBeGreaterThanOrEqual(segs.length - 1);
      expect(result.skippedLocked).toBe(0);
      const left = rig.recording.repo.overlapping(cameraId, 0, Number.MAX_SAFE_INTEGER);
      expect(left.map((s) => s.id)).toEqual([locked.id]);
      expect(existsSync(path.join(folder.path, locked.path))).toBe(true);
      for (const s of segs) if (s.id !== locked.id) expect(existsSync(path.join(folder.path, s.path))).toBe(false);
    } finally {
      await rig.close();
    }
  });
});
