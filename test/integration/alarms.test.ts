// The alarm queue through a real core: coalescing of storms, per-camera rules with weekly hours,
// snooze, acknowledgement, escalation to an incident, conditions that end, scopes, the sources
// that are not ONVIF (relay offline, recorder, disk), and batched events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../src/shared/contract';
import { healthAlarms, recorderAlarms, watchDisk } from '../../src/core/alarms/sources';
import type { CameraHealthChange } from '../../src/core/alarms/types';
import { bookCore, twoWards, type BookCore } from './support/book-core';

let b: BookCore;
let reg: Awaited<ReturnType<typeof twoWards>>;

beforeEach(async () => {
  b = await bookCore();
  reg = await twoWards(b, [
    { ward: 1, name: 'Chợ 1' },
    { ward: 2, name: 'Cầu 2' },
  ]);
});
afterEach(async () => {
  await b.dispose();
});

const flush = () => b.core.services.alarms.flush();

describe('the queue', () => {
  it('a storm is one row per camera and kind with a count; a new row opens after acknowledgement', async () => {
    const sink = b.core.services.alarms;
    const events: CoreEvent[] = [];
    const off = b.core.services.events.subscribe((e) => e.type === 'alarm.changed' && events.push(e));
    for (let i = 0; i < 500; i++) sink.raise({ kind: 'motion', cameraId: reg.cams[i % 2]!.id, source: 'onvif' });
    sink.raise({ kind: 'tampering', cameraId: reg.cams[0]!.id, source: 'onvif' });
    flush();
    off();
    const q = await b.call(b.admin, 'alarms.queue', {});
    expect(q.alarms.map((a) => [a.cameraName, a.kind, a.count, a.priority])).toEqual([
      ['Chợ 1', 'tampering', 1, 'high'],
      ['Cầu 2', 'motion', 250, 'normal'],
      ['Chợ 1', 'motion', 250, 'normal'],
    ]);
    // 501 alarms, three rows: three events in one batch, each new.
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.type === 'alarm.changed' && e.isNew)).toBe(true);

    const motion = q.alarms.find((a) => a.kind === 'motion' && a.cameraName === 'Chợ 1')!;
    expect(await b.call(b.admin, 'alarms.acknowledge', { ids: [motion.id], note: 'Người đi đường' })).toEqual({ acknowledged: 1 });
    sink.raise({ kind: 'motion', cameraId: reg.cams[0]!.id, source: 'onvif' });
    flush();
    const again = (await b.call(b.admin, 'alarms.queue', {})).alarms.filter((a) => a.kind === 'motion' && a.cameraName === 'Chợ 1');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ count: 1, ackedAt: null });
    const hist = await b.call(b.admin, 'alarms.history', { cameraId: reg.cams[0]!.id, kind: 'motion' });
    expect(hist.alarms[1]).toMatchObject({ id: motion.id, count: 250, ackNote: 'Người đi đường', ackedByName: expect.any(String) });
  });

  it('follows the camera’s rule: wanted kinds, weekly hours, priority — and returns to the default', async () => {
    const cam = reg.cams[0]!.id;
    // Weekly hours that are not now: half an hour, twelve hours from now in the console's zone.
    const zone = (await b.call(b.admin, 'settings.get', {})).timeZone;
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date());
    const away = String((Number(local) + 12) % 24).padStart(2, '0');
    await b.call(b.admin, 'alarms.setRule', {
      cameraId: cam,
      rule: {
        kinds: ['motion', 'tampering'],
        hours: [{ days: [0, 1, 2, 3, 4, 5, 6], from: `${away}:00`, to: `${away}:30` }],
        priorities: { tampering: 'critical' },
      },
    });
    const sink = b.core.services.alarms;
    sink.raise({ kind: 'motion', cameraId: cam, source: 'onvif' }); // outside the hours
    sink.raise({ kind: 'video_loss', cameraId: cam, source: 'onvif' }); // not wanted
    flush();
    expect((await b.call(b.admin, 'alarms.queue', {})).alarms).toEqual([]);
    await b.call(b.admin, 'alarms.setRule', { cameraId: cam, rule: { kinds: ['tampering'], hours: [], priorities: { tampering: 'critical' } } });
    sink.raise({ kind: 'tampering', cameraId: cam, source: 'onvif' });
    flush();
    expect((await b.call(b.admin, 'alarms.queue', {})).alarms.map((a) => a.priority)).toEqual(['critical']);
    expect(await b.call(b.admin, 'alarms.setRule', { cameraId: cam, rule: null })).toMatchObject({ custom: false, rule: { hours: [] } });
    const officer = await b.account('trucban', 'officer');
    expect(await b.refused(officer, 'alarms.setRule', { cameraId: cam, rule: null })).toMatchObject({ code: 'permission_denied' });
  });

  it('a snoozed camera’s alarms are counted, not queued, until the snooze ends', async () => {
    const cam = reg.cams[0]!.id;
    const s = await b.call(b.admin, 'alarms.snooze', { cameraId: cam, minutes: 30, note: 'Đang sửa' });
    expect(s.until).toBeGreaterThan(Date.now());
    for (let i = 0; i < 12; i++) b.core.services.alarms.raise({ kind: 'motion', cameraId: cam, source: 'onvif' });
    flush();
    const q = await b.call(b.admin, 'alarms.queue', {});
    expect(q.alarms).toEqual([]);
    expect(q.snoozes).toEqual([{ cameraId: cam, until: s.until, byName: expect.any(String), note: 'Đang sửa', suppressed: 12 }]);
    await b.call(b.admin, 'alarms.snooze', { cameraId: cam, minutes: 0 });
    b.core.services.alarms.raise({ kind: 'motion', cameraId: cam, source: 'onvif' });
    flush();
    expect((await b.call(b.admin, 'alarms.queue', {})).alarms).toHaveLength(1);
  });

  it('escalates an alarm to an incident (linked both ways) and acknowledges it', async () => {
    b.core.services.alarms.raise({ kind: 'tampering', cameraId: reg.cams[0]!.id, source: 'onvif' });
    flush();
    const [a] = (await b.call(b.admin, 'alarms.queue', {})).alarms;
    const inc = await b.call(b.admin, 'alarms.escalate', {
      alarmId: a!.id,
      incident: { title: 'Camera bị che', categoryId: 'camerafault', cameraIds: [reg.cams[0]!.id], occurredAt: a!.firstAt },
    });
    expect((await b.call(b.admin, 'alarms.queue', {})).alarms).toEqual([]);
    const [done] = (await b.call(b.admin, 'alarms.history', {})).alarms;
    expect(done).toMatchObject({ incidentId: inc.id, incidentNumber: inc.number, ackNote: inc.number });
    const detail = await b.call(b.admin, 'incidents.get', { id: inc.id });
    expect(detail.timeline.map((e) => [e.kind, e.alarmId])).toEqual([
      ['created', null],
      ['alarm', a!.id],
    ]);
  });

  it('scopes: a ward sees its cameras’ alarms and nothing about the console itself; acknowledging another’s reads as not found', async () => {
    const ward2 = await b.account('phuong2', 'officer', [reg.w2.id]);
    const sink = b.core.services.alarms;
    sink.raise({ kind: 'motion', cameraId: reg.cams[0]!.id, source: 'onvif' });
    sink.raise({ kind: 'motion', cameraId: reg.cams[1]!.id, source: 'onvif' });
    sink.raise({ kind: 'disk_full', cameraId: null, source: 'system', detail: '/data: 1.0 GiB / 100 GiB' });
    flush();
    const mine = (await b.call(ward2, 'alarms.queue', {})).alarms;
    expect(mine.map((a) => a.cameraName)).toEqual(['Cầu 2']);
    const all = (await b.call(b.admin, 'alarms.queue', {})).alarms;
    expect(all.map((a) => a.kind)).toEqual(['disk_full', 'motion', 'motion']);
    const foreign = all.find((a) => a.cameraName === 'Chợ 1')!;
    expect(await b.refused(ward2, 'alarms.acknowledge', { ids: [foreign.id] })).toMatchObject({ code: 'not_found' });
    expect(await b.refused(ward2, 'alarms.snooze', { cameraId: reg.cams[0]!.id, minutes: 5 })).toMatchObject({ code: 'not_found' });
  });
});

describe('sources other than ONVIF', () => {
  it('camera health (offline → back online), the recorder and the data folder’s free space raise and clear', async () => {
    const listeners = new Set<(c: CameraHealthChange) => void>();
    const feed = { onChange: (l: (c: CameraHealthChange) => void) => (listeners.add(l), () => listeners.delete(l)) };
    const sink = b.core.services.alarms;
    const stop = healthAlarms(feed, sink, 'health');
    const cam = reg.cams[1]!.id;
    listeners.forEach((l) => l({ cameraId: cam, online: false, at: Date.now() - 5000, reason: 'unreachable' }));
    flush();
    const [off] = (await b.call(b.admin, 'alarms.queue', {})).alarms;
    expect(off).toMatchObject({ kind: 'camera_offline', detail: 'unreachable', clearedAt: null, source: 'health' });
    await b.call(b.admin, 'alarms.acknowledge', { ids: [off!.id] });
    listeners.forEach((l) => l({ cameraId: cam, online: true, at: Date.now(), reason: null }));
    flush();
    // Acknowledged before it came back: the row still learns when it did.
    expect((await b.call(b.admin, 'alarms.history', { kind: 'camera_offline' })).alarms[0]!.clearedAt).toBeGreaterThan(off!.firstAt);
    stop();

    const rec = recorderAlarms(sink);
    rec.recordingFailed(reg.cams[0]!.id, 'ffmpeg exited: No space left on device');
    rec.diskNearlyFull('/rec1', 2 * 1024 ** 3, 2000 * 1024 ** 3);
    let statfs = { bavail: 10, blocks: 1000, bsize: 4096 };
    const disk = watchDisk({ dir: b.dir, sink, statfsFn: async () => statfs, intervalMs: 3_600_000 });
    await disk.check();
    flush();
    const kinds = (await b.call(b.admin, 'alarms.queue', {})).alarms.map((a) => `${a.kind}:${a.count}`);
    expect(kinds).toEqual(['disk_full:2', 'recording_failed:1']);
    statfs = { bavail: 900, blocks: 1000, bsize: 4096 };
    await disk.check();
    rec.recordingResumed(reg.cams[0]!.id);
    flush();
    expect((await b.call(b.admin, 'alarms.queue', {})).alarms.every((a) => a.clearedAt !== null)).toBe(true);
    disk.stop();
  });
});
