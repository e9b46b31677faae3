// Against the camera lab (real ONVIF over HTTP, real RTSP from GStreamer, real ffmpeg):
// - a motion event reaches the queue through a pull-point subscription the core manages; the
//   subscription is renewed, re-created after the camera reboots, the gap is reported, and it is
//   unsubscribed when the core stops;
// - a snapshot for an incident is taken at the camera's full resolution, whichever way is open:
//   the relay's running main stream, the ONVIF snapshot URI, or one RTSP frame.
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/sim/lab';
import { bookCore, twoWards, type BookCore } from './support/book-core';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({
    cameras: [
      { name: 'Sự kiện', variant: 'fixed' },
      { name: 'Ảnh chụp', variant: 'fixed' },
    ],
    discoveryPort: false,
  });
}, 180_000);
afterAll(async () => {
  await lab?.dispose();
});

const until = async <T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 30_000,
): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** The lab camera's live subscriptions (its event hub is internal to the lab; read for the leak check). */
const subscriptionsOf = (name: string) => (lab.camera(name) as unknown as { events: { subs: Map<number, unknown> } }).events.subs.size;

describe('ONVIF events through pull-point subscriptions', () => {
  let b: BookCore;
  afterAll(async () => b?.dispose());

  it('motion raises an alarm; a reboot re-creates the subscription and reports the gap; stopping unsubscribes', async () => {
    const cam = lab.cameras[0]!;
    b = await bookCore({ alarms: { alarmFlushMs: 10, pullPointTiming: { pullWaitMs: 1000, renewEveryMs: 1500, backoffMs: [200, 500, 1000] } } });
    const reg = await twoWards(b, [
      { ward: 1, name: cam.name, rtspMain: cam.rtspMain, onvifUrl: cam.onvif, username: cam.username, password: cam.password },
    ]);
    const id = reg.cams[0]!.id;
    const pp = b.core.services.pullPoints;
    await until('a subscription', () => pp.status().find((s) => s.cameraId === id && s.state === 'subscribed'));
    expect(subscriptionsOf(cam.name)).toBe(1);

    lab.camera(cam.name).raiseMotion(true);
    const row = await until('the motion alarm', async () =>
      (await b.call(b.admin, 'alarms.queue', {})).alarms.find((a) => a.kind === 'motion' && a.cameraId === id),
    );
    expect(row).toMatchObject({ source: 'onvif', count: 1, cameraName: cam.name, priority: 'normal' });
    lab.camera(cam.name).raiseMotion(false);
    // Renewed at least once (1.5 s) without being re-created.
    await new Promise((r) => setTimeout(r, 2500));
    lab.camera(cam.name).raiseMotion(true);
    await until('the count to rise', async () => (await b.call(b.admin, 'alarms.queue', {})).alarms.find((a) => a.id === row.id && a.count === 2));
    expect(pp.status().find((s) => s.cameraId === id)).toMatchObject({ subscriptions: 1, gaps: 0 });

    // The camera reboots: it forgets every subscription.
    await lab.camera(cam.name).reboot(2);
    await until(
      'the re-created subscription',
      () => pp.status().find((s) => s.cameraId === id && s.state === 'subscribed' && s.subscriptions === 2),
      40_000,
    );
    const gap = await until('the gap report', async () =>
      (await b.call(b.admin, 'alarms.queue', {})).alarms.find((a) => a.kind === 'events_gap' && a.cameraId === id),
    );
    expect(gap.detail).toMatch(/^\d{4}-\d\d-\d\dT.+ → \d{4}-\d\d-\d\dT/);
    await b.core.services.audit.flush();
    const audited = await b.call(b.admin, 'audit.list', { action: 'alarms.events_gap', limit: 10 });
    expect(audited.entries[0]).toMatchObject({ target: { kind: 'camera', id } });

    lab.camera(cam.name).raiseMotion(false);
    lab.camera(cam.name).raiseMotion(true);
    await until('motion after the reboot', async () =>
      (await b.call(b.admin, 'alarms.queue', {})).alarms.find((a) => a.id === row.id && a.count === 3),
    );

    // A rule without ONVIF kinds: the subscription goes (and is unsubscribed at the camera).
    await b.call(b.admin, 'alarms.setRule', { cameraId: id, rule: { kinds: ['camera_offline'], hours: [], priorities: {} } });
    await until('the unsubscribe', () => subscriptionsOf(cam.name) === 0, 15_000);
    await b.call(b.admin, 'alarms.setRule', { cameraId: id, rule: null });
    await until('a new subscription', () => subscriptionsOf(cam.name) === 1, 15_000);
    await b.dispose();
    expect(subscriptionsOf(cam.name)).toBe(0);
  }, 150_000);
});

describe('full-resolution snapshots', () => {
  let b: BookCore;
  beforeAll(async () => {
    b = await bookCore();
  });
  afterAll(async () => b?.dispose());

  it('takes the camera’s own JPEG (ONVIF snapshot URI), one RTSP frame, or the relay’s running main stream — never the sub stream', async () => {
    const cam = lab.cameras[1]!;
    const reg = await twoWards(b, [
      {
        ward: 1,
        name: 'Có ONVIF',
        rtspMain: cam.rtspMain,
        rtspSub: cam.rtspSub,
        onvifUrl: cam.onvif,
        username: cam.username,
        password: cam.password,
      },
      { ward: 1, name: 'Chỉ RTSP', rtspMain: cam.rtspMain, rtspSub: cam.rtspSub, username: cam.username, password: cam.password },
    ]);
    const viaOnvif = await b.call(b.admin, 'incidents.snapshot', { cameraId: reg.cams[0]!.id });
    expect(viaOnvif).toMatchObject({ source: 'onvif', width: 1280, height: 720, mime: 'image/jpeg', kind: 'snapshot' });
    const viaRtsp = await b.call(b.admin, 'incidents.snapshot', { cameraId: reg.cams[1]!.id });
    expect(viaRtsp).toMatchObject({ source: 'rtsp', width: 1280, height: 720 });

    // Someone watches the main stream big: the relay's GOP cache answers, no new camera session.
    const off = b.core.services.live.subscribe(reg.cams[1]!.id, 'main', { data: () => undefined, state: () => undefined });
    try {
      await until('the relay', () => b.core.services.live.stateOf(reg.cams[1]!.id, 'main').state === 'live');
      const starts = b.core.services.live.statsFor(reg.cams[1]!.id, 'main')!.starts;
      const viaRelay = await b.call(b.admin, 'incidents.snapshot', { cameraId: reg.cams[1]!.id });
      expect(viaRelay).toMatchObject({ source: 'relay', width: 1280, height: 720 });
      expect(b.core.services.live.statsFor(reg.cams[1]!.id, 'main')!.starts).toBe(starts);
    } finally {
      off();
    }

    // Attached with the incident: moved in, not copied, and the same bytes.
    const inc = await b.call(b.admin, 'incidents.create', { title: 'Có ảnh', cameraIds: [reg.cams[0]!.id], attachments: [viaOnvif.id] });
    const [att] = (await b.call(b.admin, 'incidents.get', { id: inc.id })).attachments;
    expect(att).toMatchObject({ kind: 'snapshot', width: 1280, height: 720, cameraId: reg.cams[0]!.id });
    const file = b.core.services.incidentFiles.attachment(att!.id)!.file!;
    const abs = path.join(b.dir, 'incidents', file);
    expect(createHash('sha256').update(readFileSync(abs)).digest('hex')).toBe(att!.sha256);
    // The staged copy is gone, and it cannot be attached twice.
    expect(await b.refused(b.admin, 'incidents.attach', { id: inc.id, staged: [viaOnvif.id] })).toMatchObject({ code: 'not_found' });
    // Someone else's staged snapshot reads as not found.
    const other = await b.account('khac', 'officer');
    expect(await b.refused(other, 'incidents.create', { title: 'Ảnh người khác', attachments: [viaRtsp.id] })).toMatchObject({ code: 'not_found' });
    expect(existsSync(abs)).toBe(true);
  }, 120_000);
});
