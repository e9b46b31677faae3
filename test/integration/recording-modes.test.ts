// Recording modes and storage faults against the camera lab: on event (the camera's own ONVIF motion
// event, with seconds before it from the ring of live GOPs and seconds after), on a weekly timetable,
// a failing camera raised as an alarm and cleared when it comes back, and a nearly full disk (a real
// small file system) swept oldest-first while locked segments stay.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localWeekMinute } from '../../src/shared/recording-schedule';
import { startLab, type Lab } from '../../src/sim/lab';
import { ffmpegChildren, waitFor } from './support/live-helpers';
import { openRig, type Rig } from './support/recording-rig';

let lab: Lab;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  lab = await startLab({ cameras: [{ name: 'Cổng trường', variant: 'fixed' }, { name: 'Bãi xe', variant: 'fixed' }], discoveryPort: false });
}, 120_000);

afterAll(async () => {
  expect(ffmpegChildren()).toEqual([]);
  await lab?.dispose();
});

const segs = (rig: Rig, id: string) => rig.recording.repo.overlapping(id, 0, Number.MAX_SAFE_INTEGER);

describe('recording modes', () => {
  it('on event: the camera’s motion starts a recording that begins seconds before it, and ends seconds after', async () => {
    const rig = await openRig(lab.cameras.slice(0, 1), { segmentMs: 20_000 });
    try {
      const id = rig.cameraIds.get('Cổng trường')!;
      await rig.record('Cổng trường', { mode: 'event', preSeconds: 4, postSeconds: 2, eventKinds: ['motion'] });
      // Nothing is written while the ring fills.
      await sleep(7000);
      expect(segs(rig, id)).toEqual([]);
      const raised = Date.now();
      lab.camera('Cổng trường').raiseMotion(true);
      const ev = await waitFor('the motion event recorded', () => rig.recording.repo.events(id, 0, Date.now() + 60_000)[0], 20_000);
      expect(ev.kind).toBe('motion');
      await sleep(3000);
      lab.camera('Cổng trường').raiseMotion(false);
      const ended = await waitFor('the event closed', () => rig.recording.repo.events(id, 0, Date.now() + 60_000)[0]?.endMs ?? null, 20_000);
      await waitFor('the segment closed after the post-event seconds', () => segs(rig, id).length > 0 && segs(rig, id).every((s) => s.status === 'ok'), 20_000);
      const s = segs(rig, id);
      expect(s).toHaveLength(1);
      // Pre-roll: from the GOP that holds "4 s before" (GOP 2 s), so 4–6.5 s before the event.
      expect(ev.startMs - s[0]!.startMs).toBeGreaterThanOrEqual(3500);
      expect(ev.startMs - s[0]!.startMs).toBeLessThan(7000);
      expect(ev.startMs).toBeGreaterThanOrEqual(raised - 100);
      // Post-roll: 2 s after the end, up to the next keyframe.
      expect(s[0]!.endMs - ended).toBeGreaterThanOrEqual(1500);
      expect(s[0]!.endMs - ended).toBeLessThan(5500);
      expect(s[0]!.trigger).toBe('event');
    } finally {
      await rig.close();
    }
  });

  it('on a weekly timetable: records inside its slot, holds no RTSP session outside it', async () => {
    const rig = await openRig(lab.cameras.slice(1, 2), { segmentMs: 3000 });
    try {
      const id = rig.cameraIds.get('Bãi xe')!;
      const { day, minute } = localWeekMinute(Date.now(), 'Asia/Ho_Chi_Minh');
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      // A slot on another day: nothing happens, and no ffmpeg is started for it.
      await rig.record('Bãi xe', { mode: 'scheduled', schedule: [{ day: (day % 7) + 1, from: '00:00', to: '24:00' }] });
      await sleep(4000);
      expect(segs(rig, id)).toEqual([]);
      expect(rig.live.pids().filter((p) => p.cameraId === id && p.pid !== null)).toEqual([]);
      // A slot around now: it records.
      await rig.record('Bãi xe', { mode: 'scheduled', schedule: [{ day, from: hhmm(Math.max(0, minute - 1)), to: hhmm(Math.min(1440, minute + 5)) }] });
      await waitFor('a scheduled segment', () => segs(rig, id).find((s) => s.status === 'ok'), 30_000);
      expect(segs(rig, id)[0]!.trigger).toBe('scheduled');
    } finally {
      await rig.close();
    }
  });

  it('a camera that stops sending is an alarm after a few seconds, cleared when it comes back', async () => {
    const rig = await openRig(lab.cameras.slice(1, 2), { segmentMs: 3000 });
    try {
      const id = rig.cameraIds.get('Bãi xe')!;
      await rig.record('Bãi xe');
      await waitFor('recording', () => segs(rig, id).length > 0, 30_000);
      await lab.camera('Bãi xe').stopStream();
      const alarm = await waitFor('the recording_failed alarm', () => rig.recording.alarms.list().find((a) => a.kind === 'recording_failed' && a.cameraId === id && a.clearedAt === null), 40_000);
      expect(alarm.detail.reason).toBeTruthy();
      await lab.camera('Bãi xe').startStream();
      await waitFor('the alarm cleared', () => rig.recording.alarms.list().find((a) => a.id === alarm.id && a.clearedAt !== null), 60_000);
    } finally {
      await lab.camera('Bãi xe').startStream().catch(() => undefined);
      await rig.close();
    }
  }, 120_000);
});

describe('a nearly full disk', () => {
  const canMount = process.getuid?.() === 0;
  it.skipIf(!canMount)('raises an alarm and goes on recording by deleting the oldest unlocked segments; locked ones stay', async () => {
    const mnt = mkdtempSync(path.join(os.tmpdir(), 'wf-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mnt]);
    // The disk must keep 10 MiB free: "nearly full" below 20 MiB free, on a 24 MiB disk.
    const rig = await openRig(lab.cameras.slice(0, 1), { segmentMs: 2000, extra: { reserveBytes: () => 10 * 1024 * 1024, sweepMs: 1000 } });
    try {
      const id = rig.cameraIds.get('Cổng trường')!;
      rig.db.prepare('UPDATE recording_folders SET path = ?').run(mnt);
      await rig.recording.storage.refresh();
      await rig.record('Cổng trường');
      const first = await waitFor('a first segment on the small disk', () => segs(rig, id).find((s) => s.status === 'ok'), 30_000);
      rig.db
        .prepare("INSERT INTO evidence_locks (id, holder_kind, holder_id, camera_id, from_ms, to_ms, reason, created_at) VALUES ('l', 'incident', 'i', ?, ?, ?, 'x', 0)")
        .run(id, first.startMs, first.startMs + 1);
      const second = await waitFor('a second segment', () => segs(rig, id).filter((s) => s.status === 'ok')[1], 30_000);
      const alarm = await waitFor('disk_nearly_full', () => rig.recording.alarms.list().find((a) => a.kind === 'disk_nearly_full'), 90_000);
      expect(alarm.folderId).toBeTruthy();
      // Recording goes on: the oldest unlocked segments go, the locked one stays.
      await waitFor('the oldest unlocked segment deleted', () => !segs(rig, id).some((s) => s.id === second.id), 60_000);
      expect(existsSync(path.join(mnt, second.path))).toBe(false);
      expect(segs(rig, id).some((s) => s.id === first.id)).toBe(true);
      expect(existsSync(path.join(mnt, first.path))).toBe(true);
      const newest = Math.max(...segs(rig, id).map((s) => s.startMs));
      await waitFor('still recording', () => Math.max(...segs(rig, id).map((s) => s.startMs)) > newest, 30_000);
    } finally {
      await rig.close();
      spawnSync('umount', [mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  }, 180_000);
});
