// The shift handover through a real core: the report of a shift (incidents opened, changed and
// closed, alarms and how they were handled, cameras offline and back, snoozes from the audit
// trail), the sign-off that freezes it, the acknowledgement by someone else, notes afterwards,
// immutability in the database, scopes, and the printed minute (pdftotext).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/core/serve/server';
import { findChromium } from '../../src/core/print/chromium-pdf';
import { bookCore, twoWards, type BookCore } from './support/book-core';

let b: BookCore;
let reg: Awaited<ReturnType<typeof twoWards>>;

beforeEach(async () => {
  b = await bookCore();
  reg = await twoWards(b, [
    { ward: 1, name: 'Chợ' },
    { ward: 2, name: 'Cầu' },
  ]);
});
afterEach(async () => {
  await b.dispose();
});

async function aShift() {
  const from = Date.now() - 1000;
  const out = await b.account('giao', 'officer');
  const opened = await b.call(out, 'incidents.create', {
    title: 'Trộm xe máy',
    cameraIds: [reg.cams[0]!.id],
    categoryId: 'publicorder',
    severity: 'high',
  });
  const closed = await b.call(out, 'incidents.create', { title: 'Đỗ xe sai', cameraIds: [reg.cams[1]!.id], categoryId: 'trafficviolation' });
  await b.call(out, 'incidents.setStatus', { id: closed.id, version: 1, status: 'closed', note: 'Đã nhắc nhở' });
  const sink = b.core.services.alarms;
  sink.raise({ kind: 'tampering', cameraId: reg.cams[0]!.id, source: 'onvif' });
  sink.raise({ kind: 'motion', cameraId: reg.cams[1]!.id, source: 'onvif' });
  sink.raise({ kind: 'motion', cameraId: reg.cams[1]!.id, source: 'onvif' });
  sink.raise({ kind: 'camera_offline', cameraId: reg.cams[1]!.id, source: 'relay', detail: 'unreachable' });
  sink.flush();
  const q = (await b.call(out, 'alarms.queue', {})).alarms;
  await b.call(out, 'alarms.acknowledge', { ids: [q.find((a) => a.kind === 'motion')!.id], note: 'Người qua đường' });
  await b.call(out, 'alarms.escalate', {
    alarmId: q.find((a) => a.kind === 'tampering')!.id,
    incident: { title: 'Camera bị che', categoryId: 'camerafault', cameraIds: [reg.cams[0]!.id] },
  });
  sink.clear(reg.cams[1]!.id, 'camera_offline');
  sink.flush();
  await b.call(out, 'alarms.snooze', { cameraId: reg.cams[1]!.id, minutes: 15, note: 'Đang bảo trì' });
  await b.core.services.audit.flush();
  return { from, out, opened, closed };
}

describe('the report of a shift', () => {
  it('lists what happened and how it was handled, for the officer’s areas', async () => {
    const { from, out, opened, closed } = await aShift();
    const r = await b.call(out, 'shift.preview', { from });
    expect(r.incidents.opened.map((i) => i.title)).toEqual(expect.arrayContaining(['Trộm xe máy', 'Đỗ xe sai', 'Camera bị che']));
    expect(r.incidents.closed.map((i) => i.id)).toEqual([closed.id]);
    expect(r.incidents.carriedOver.map((i) => i.id)).toContain(opened.id);
    expect(r.incidents.carriedOver.map((i) => i.id)).not.toContain(closed.id);
    expect(r.alarms.byKind).toEqual(
      expect.arrayContaining([
        { kind: 'motion', rows: 1, raised: 2, acknowledged: 1, escalated: 0, open: 0 },
        { kind: 'tampering', rows: 1, raised: 1, acknowledged: 1, escalated: 1, open: 0 },
        { kind: 'camera_offline', rows: 1, raised: 1, acknowledged: 0, escalated: 0, open: 1 },
      ]),
    );
    expect(r.alarms.notable.find((a) => a.kind === 'tampering')).toMatchObject({
      ackedByName: 'Giao Nguyễn',
      incidentNumber: expect.stringMatching(/^\d{4}-\d{6}$/),
    });
    expect(r.cameras).toEqual([
      { cameraId: reg.cams[1]!.id, cameraName: 'Cầu', offlineAt: expect.any(Number), backAt: expect.any(Number), reason: 'unreachable' },
    ]);
    expect(r.snoozes).toEqual([
      { at: expect.any(Number), who: 'giao', action: 'alarms.snooze', target: 'Cầu', detail: expect.stringContaining('Đang bảo trì') },
    ]);

    const ward1 = await b.account('phuong1', 'officer', [reg.w1.id]);
    const mine = await b.call(ward1, 'shift.preview', { from });
    expect(mine.scope).toEqual(['Phường Bến Thành']);
    expect(mine.incidents.opened.map((i) => i.title).sort()).toEqual(['Camera bị che', 'Trộm xe máy']);
    expect(mine.cameras).toEqual([]);
    expect(mine.snoozes).toEqual([]);
  });
});

describe('handing over', () => {
  it('signs off (frozen), is taken over by someone else once, and takes later notes as new entries', async () => {
    const { from, out } = await aShift();
    const signed = await b.call(out, 'shift.signOff', { from, notes: 'Theo dõi camera Cầu: hay mất kết nối.' });
    expect(signed).toMatchObject({ outgoingName: 'Giao Nguyễn', incoming: null, reportSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // What happens after the sign-off is the next shift's: the stored report does not change.
    await b.call(out, 'incidents.create', { title: 'Sau khi ký', cameraIds: [reg.cams[0]!.id] });
    expect((await b.call(out, 'shift.get', { id: signed.id })).report).toEqual(signed.report);

    expect(await b.refused(out, 'shift.acknowledge', { id: signed.id })).toMatchObject({ code: 'handover_own' });
    const inn = await b.account('nhan', 'officer');
    const taken = await b.call(inn, 'shift.acknowledge', { id: signed.id, note: 'Đã nhận đủ' });
    expect(taken.incoming).toMatchObject({ name: 'Nhan Nguyễn', note: 'Đã nhận đủ', at: expect.any(Number) });
    const third = await b.account('ba', 'supervisor');
    expect(await b.refused(third, 'shift.acknowledge', { id: signed.id })).toMatchObject({ code: 'handover_taken' });
    const noted = await b.call(out, 'shift.addNote', { id: signed.id, kind: 'correction', text: 'Đính chính: camera Chợ, không phải Cầu.' });
    expect(noted.entries).toEqual([
      {
        seq: expect.any(Number),
        at: expect.any(Number),
        userName: 'Giao Nguyễn',
        kind: 'correction',
        text: 'Đính chính: camera Chợ, không phải Cầu.',
      },
    ]);
    expect((await b.call(inn, 'shift.list', {})).map((h) => h.id)).toEqual([signed.id]);
    // The next shift starts where this one was signed off.
    expect(b.core.services.shift.defaultFrom(inn)).toBe(signed.to);

    const db = new Database(path.join(b.dir, 'watchfloor.db'));
    try {
      expect(() => db.prepare('UPDATE shift_handovers SET notes = ? WHERE id = ?').run('sửa', signed.id)).toThrow(/cannot be changed/);
      expect(() => db.prepare('DELETE FROM shift_acknowledgements').run()).toThrow(/cannot be deleted/);
      expect(() => db.prepare('UPDATE shift_notes SET text = ?').run('sửa')).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it.skipIf(!findChromium() || spawnSync('which', ['pdftotext']).status !== 0)(
    'prints as the minute a ward expects (biên bản giao ca), or in English',
    async () => {
      const { from, out } = await aShift();
      const signed = await b.call(out, 'shift.signOff', { from, notes: 'Bàn giao đầy đủ thiết bị.' });
      const inn = await b.account('nhan', 'officer');
      await b.call(inn, 'shift.acknowledge', { id: signed.id });
      const server: RunningServer = await startServer({ core: b.core, port: 0 });
      try {
        const res = await fetch(`${server.url}api/http/session.signIn`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${server.port}` },
          body: JSON.stringify({ username: 'nhan', password: 'nhan-password-1' }),
        });
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
        const text = async (lang: string) => {
          const pdf = await fetch(`${server.url}shift/${signed.id}.pdf?lang=${lang}`, { headers: { Cookie: cookie } });
          expect(pdf.status).toBe(200);
          expect(pdf.headers.get('content-type')).toBe('application/pdf');
          const file = path.join(os.tmpdir(), `wf-handover-${process.pid}-${lang}.pdf`);
          writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
          return spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
        };
        const vi = await text('vi');
        for (const s of [
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'BIÊN BẢN GIAO CA',
          'Người giao ca: Giao Nguyễn',
          'Người nhận ca: Nhan Nguyễn',
          'Trộm xe máy',
          'Bàn giao đầy đủ thiết bị.',
          signed.reportSha256,
        ])
          expect(vi).toContain(s);
        const en = await text('en');
        for (const s of ['SHIFT HANDOVER MINUTE', 'Outgoing officer: Giao Nguyễn', 'Camera offline']) expect(en).toContain(s);
      } finally {
        await server.close();
      }
    },
    90_000,
  );
});
