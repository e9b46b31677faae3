// The incident log through the real dispatcher and a real SQLite file: numbering, search without
// diacritics (and with FTS metacharacters), filters and paging, two consoles saving one incident,
// status moves, the append-only timeline, caps, scopes and live events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { CoreEvent, Incident } from '../../src/shared/contract';
import { bookCore, twoWards, type BookCore } from './support/book-core';

let b: BookCore;
let reg: Awaited<ReturnType<typeof twoWards>>;

beforeEach(async () => {
  b = await bookCore();
  reg = await twoWards(b, [
    { ward: 1, name: 'Cổng chợ Bến Thành' },
    { ward: 2, name: 'Cầu Thị Nghè 1' },
  ]);
});
afterEach(async () => {
  await b.dispose();
});

const year = () => Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(Date.now()));

describe('logging incidents', () => {
  it('numbers incidents per year, fills point, area and location from the camera, and lists newest first', async () => {
    const a = await b.call(b.admin, 'incidents.create', {
      title: 'Va chạm xe máy',
      cameraIds: [reg.cams[0]!.id],
      categoryId: 'trafficaccident',
      occurredAt: Date.now() - 60_000,
    });
    const c = await b.call(b.admin, 'incidents.create', { title: 'Cháy nhỏ ở quán ăn', cameraIds: [reg.cams[0]!.id], categoryId: 'fire' });
    expect(a.number).toBe(`${year()}-000001`);
    expect(c.number).toBe(`${year()}-000002`);
    expect(a).toMatchObject({
      pointId: reg.p1.id,
      areaId: reg.group.id,
      lat: 10.7745,
      lon: 106.7019,
      status: 'new',
      version: 1,
      createdByName: expect.any(String),
    });
    const page = await b.call(b.admin, 'incidents.list', {});
    expect(page.items.map((i) => i.number)).toEqual([c.number, a.number]);
  });

  it('finds incidents by words typed without diacritics, plates with or without punctuation, and the number', async () => {
    const hue = await b.call(b.admin, 'incidents.create', {
      title: 'Tụ tập đông người',
      description: 'Đoàn người trên đường Nguyễn Huệ lúc 21 giờ',
      vehicles: ['51F-123.45'],
    });
    await b.call(b.admin, 'incidents.create', { title: 'Xe đỗ sai quy định', description: 'Đường Lê Lợi' });
    const find = async (text: string) => (await b.call(b.admin, 'incidents.list', { text })).items.map((i) => i.id);
    expect(await find('nguyen hue')).toEqual([hue.id]);
    expect(await find('NGUYỄN huệ')).toEqual([hue.id]);
    expect(await find('doan nguoi')).toEqual([hue.id]);
    expect(await find('nguyen hu')).toEqual([hue.id]); // the last word as a prefix, while typing
    expect(await find('51F12345')).toEqual([hue.id]);
    expect(await find('51f-123.45')).toEqual([hue.id]);
    expect(await find(hue.number)).toEqual([hue.id]);
    // The point's name is searchable too ("Ngã tư Nguyễn Huệ – Lê Lợi" is where neither was logged).
    expect(await find('khong co')).toEqual([]);
  });

  it('takes FTS5 metacharacters and quotes as plain text, never as syntax', async () => {
    const q = await b.call(b.admin, 'incidents.create', { title: 'Biển "NEAR" cửa hàng OR AND NOT', description: 'ký tự * : ( ) ^ - +' });
    for (const text of [
      '"',
      '""',
      '"NEAR',
      'NEAR(',
      'near OR',
      'OR',
      'AND NOT',
      '*',
      'bien*',
      ':',
      'body:x',
      'facets : zsnew',
      '(',
      ')',
      '^',
      '-',
      '+',
      "'",
      '\\',
      'a"b',
      '{body}',
    ]) {
      const r = await b.call(b.admin, 'incidents.list', { text });
      expect(Array.isArray(r.items), text).toBe(true);
    }
    expect((await b.call(b.admin, 'incidents.list', { text: '"near" OR' })).items.map((i) => i.id)).toEqual([q.id]);
    // A facet token typed as text matches text only, not the status facet.
    expect((await b.call(b.admin, 'incidents.list', { text: 'zsnew' })).items).toEqual([]);
  });

  it('filters by time, category, status, area (with what is under it), camera and assignee, and pages', async () => {
    const officer = await b.account('truc', 'officer');
    const base = Date.now() - 10 * 60_000;
    const made: Incident[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await b.call(b.admin, 'incidents.create', {
          title: `Vụ ${i}`,
          occurredAt: base + i * 1000,
          categoryId: i % 2 ? 'fire' : 'other',
          cameraIds: [reg.cams[i % 2]!.id],
          assigneeId: i === 3 ? officer.user.id : null,
        }),
      );
    }
    const ids = async (q: Parameters<typeof b.call<'incidents.list'>>[2]) => (await b.call(b.admin, 'incidents.list', q)).items.map((i) => i.id);
    expect(await ids({ categoryIds: ['fire'] })).toEqual([made[5]!.id, made[3]!.id, made[1]!.id]);
    expect(await ids({ from: base + 2000, to: base + 4000 })).toEqual([made[4]!.id, made[3]!.id, made[2]!.id]);
    expect(await ids({ areaId: reg.w1.id })).toEqual([made[6]!.id, made[4]!.id, made[2]!.id, made[0]!.id]);
    expect(await ids({ cameraId: reg.cams[1]!.id })).toEqual([made[5]!.id, made[3]!.id, made[1]!.id]);
    expect(await ids({ assigneeId: officer.user.id })).toEqual([made[3]!.id]);
    expect((await ids({ assigneeId: 'none' })).length).toBe(6);
    await b.call(b.admin, 'incidents.setStatus', { id: made[2]!.id, version: 1, status: 'in_progress' });
    expect(await ids({ statuses: ['in_progress'] })).toEqual([made[2]!.id]);
    expect(await ids({ statuses: ['in_progress'], text: 'vu' })).toEqual([made[2]!.id]);
    const first = await b.call(b.admin, 'incidents.list', { limit: 3 });
    const second = await b.call(b.admin, 'incidents.list', { limit: 3, before: first.next! });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(
      made
        .slice(1)
        .reverse()
        .map((i) => i.id),
    );
  });

  it('a retried create (same client id) returns the first incident instead of a second one', async () => {
    const id = '6f1c4a1e-6f4b-4c1e-9c7e-0a1b2c3d4e5f';
    const one = await b.call(b.admin, 'incidents.create', { id, title: 'Một lần thôi' });
    const again = await b.call(b.admin, 'incidents.create', { id, title: 'Một lần thôi' });
    expect(again.number).toBe(one.number);
    expect((await b.call(b.admin, 'incidents.list', {})).items).toHaveLength(1);
  });

  it('caps a huge description and says why, beside the field', async () => {
    const e = await b.refused(b.admin, 'incidents.create', { title: 'Quá dài', description: 'x'.repeat(20_001) });
    expect(e).toMatchObject({ code: 'bad_request', params: { field: 'description', problem: 'text_too_long' } });
    await b.call(b.admin, 'incidents.create', { title: 'Vừa đủ', description: 'đ'.repeat(20_000) });
  });
});

describe('two consoles, one incident', () => {
  it('the later save is told what the earlier changed, writes nothing, and can save on top afterwards', async () => {
    const a = await b.account('an', 'officer');
    const c = await b.account('binh', 'supervisor');
    const made = await b.call(a, 'incidents.create', { title: 'Ùn tắc', description: 'Ban đầu', severity: 'low' });
    const first = await b.call(a, 'incidents.update', { id: made.id, version: 1, patch: { description: 'An sửa', severity: 'high' } });
    expect(first).toMatchObject({ outcome: 'saved', incident: { version: 2, description: 'An sửa', severity: 'high' } });
    const second = await b.call(c, 'incidents.update', { id: made.id, version: 1, patch: { description: 'Bình sửa' } });
    expect(second.outcome).toBe('conflict');
    if (second.outcome !== 'conflict') throw new Error('unreachable');
    expect(second.incident).toMatchObject({ version: 2, description: 'An sửa' });
    expect(second.theirs).toEqual([
      {
        version: 2,
        at: expect.any(Number),
        by: 'An Nguyễn',
        changes: [
          { field: 'severity', before: 'low', after: 'high' },
          { field: 'description', before: 'Ban đầu', after: 'An sửa' },
        ],
      },
    ]);
    const onTop = await b.call(c, 'incidents.update', { id: made.id, version: 2, patch: { description: 'Bình sửa' } });
    expect(onTop).toMatchObject({ outcome: 'saved', incident: { version: 3, description: 'Bình sửa', severity: 'high' } });
    // A status change from a stale version is a conflict too.
    expect((await b.call(a, 'incidents.setStatus', { id: made.id, version: 2, status: 'in_progress' })).outcome).toBe('conflict');
  });

  it('every client hears about a change (typed events), filtered by area scope and role', async () => {
    const ward2 = await b.account('ward2', 'ward', [reg.w2.id]);
    const auditor = await b.account('kiemtra', 'auditor');
    const heard = (p: typeof ward2) => {
      const got: CoreEvent[] = [];
      const off = b.core.services.events.subscribe((e) => {
        const now = b.core.services.auth.resolveId(p.sessionId!)!;
        if (b.core.services.access.eventVisible(now, e)) got.push(e);
      });
      return { got, off };
    };
    const w = heard(ward2);
    const au = heard(auditor);
    const adminSees = heard(b.admin);
    const inWard1 = await b.call(b.admin, 'incidents.create', { title: 'Ở phường 1', cameraIds: [reg.cams[0]!.id] });
    const inWard2 = await b.call(b.admin, 'incidents.create', { title: 'Ở phường 2', cameraIds: [reg.cams[1]!.id] });
    await b.call(b.admin, 'incidents.comment', { id: inWard2.id, text: 'Đã báo công an phường' });
    const ids = (l: CoreEvent[]) =>
      l.filter((e) => e.type === 'incident.changed').map((e) => (e.type === 'incident.changed' ? `${e.number}:${e.change}` : ''));
    expect(ids(adminSees.got)).toEqual([`${inWard1.number}:created`, `${inWard2.number}:created`, `${inWard2.number}:comment`]);
    expect(ids(w.got)).toEqual([`${inWard2.number}:created`, `${inWard2.number}:comment`]);
    expect(ids(au.got)).toEqual([]);
    for (const h of [w, au, adminSees]) h.off();
  });
});

describe('status and timeline', () => {
  it('moves new → in progress → resolved → closed, refuses going back except by reopening, and keeps who and when', async () => {
    const made = await b.call(b.admin, 'incidents.create', { title: 'Rác thải đổ trộm' });
    let v = made.version;
    for (const status of ['in_progress', 'resolved', 'closed'] as const) {
      const r = await b.call(b.admin, 'incidents.setStatus', { id: made.id, version: v, status, note: `→ ${status}` });
      if (r.outcome !== 'saved') throw new Error('conflict');
      v = r.incident.version;
      expect(r.incident.status).toBe(status);
    }
    expect(await b.refused(b.admin, 'incidents.setStatus', { id: made.id, version: v, status: 'resolved' })).toMatchObject({
      code: 'status_move',
      params: { from: 'closed', to: 'resolved' },
    });
    const reopened = await b.call(b.admin, 'incidents.setStatus', { id: made.id, version: v, status: 'in_progress', note: 'Người dân báo lại' });
    expect(reopened).toMatchObject({ outcome: 'saved', incident: { status: 'in_progress', closedAt: null } });
    const detail = await b.call(b.admin, 'incidents.get', { id: made.id });
    expect(detail.timeline.map((e) => e.kind)).toEqual(['created', 'status', 'status', 'status', 'status']);
    expect(detail.timeline[4]).toMatchObject({
      text: 'Người dân báo lại',
      changes: [{ field: 'status', before: 'closed', after: 'in_progress' }],
      actorName: expect.any(String),
    });
  });

  it('is append-only: a correction is a new entry, and the database refuses edits and deletions', async () => {
    const made = await b.call(b.admin, 'incidents.create', { title: 'Người đi lạc' });
    const c = await b.call(b.admin, 'incidents.comment', { id: made.id, text: 'Cháu bé mặc áo đỏ' });
    const fix = await b.call(b.admin, 'incidents.comment', { id: made.id, text: 'Đính chính: áo xanh', corrects: c.seq });
    expect(fix).toMatchObject({ kind: 'correction', corrects: c.seq });
    expect(await b.refused(b.admin, 'incidents.comment', { id: made.id, text: 'x', corrects: 999_999 })).toMatchObject({ code: 'not_found' });
    const db = new Database(`${b.dir}/watchfloor.db`);
    try {
      expect(() => db.prepare('UPDATE incident_timeline SET data = ? WHERE seq = ?').run('{"text":"sửa lén"}', c.seq)).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM incident_timeline WHERE seq = ?').run(c.seq)).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect((await b.call(b.admin, 'incidents.get', { id: made.id })).timeline.find((e) => e.seq === c.seq)?.text).toBe('Cháu bé mặc áo đỏ');
  });

  it('moving the time it happened keeps the incident findable, in its new place in the order', async () => {
    const old = await b.call(b.admin, 'incidents.create', { title: 'Cũ', occurredAt: Date.now() - 3_600_000 });
    const recent = await b.call(b.admin, 'incidents.create', { title: 'Mới hơn', occurredAt: Date.now() - 60_000 });
    const r = await b.call(b.admin, 'incidents.update', { id: old.id, version: 1, patch: { occurredAt: Date.now() - 1000 } });
    expect(r.outcome).toBe('saved');
    expect((await b.call(b.admin, 'incidents.list', {})).items.map((i) => i.id)).toEqual([old.id, recent.id]);
    expect((await b.call(b.admin, 'incidents.list', { text: 'cu' })).items.map((i) => i.id)).toEqual([old.id]);
  });
});

describe('area scopes', () => {
  it('a ward account logs and sees only its ward; another ward’s camera, point or incident reads as not found', async () => {
    const ward1 = await b.account('ward1', 'officer', [reg.w1.id]);
    expect(await b.refused(ward1, 'incidents.create', { title: 'Không được', cameraIds: [reg.cams[1]!.id] })).toMatchObject({ code: 'not_found' });
    expect(await b.refused(ward1, 'incidents.create', { title: 'Không được', pointId: reg.p2.id })).toMatchObject({ code: 'not_found' });
    // With no area at all it would be an incident of nowhere, which only unscoped accounts may log.
    expect(await b.refused(ward1, 'incidents.create', { title: 'Không khu vực' })).toMatchObject({ code: 'not_found' });
    const own = await b.call(ward1, 'incidents.create', { title: 'Trong phường', cameraIds: [reg.cams[0]!.id] });
    const other = await b.call(b.admin, 'incidents.create', { title: 'Phường khác', cameraIds: [reg.cams[1]!.id] });
    expect((await b.call(ward1, 'incidents.list', {})).items.map((i) => i.id)).toEqual([own.id]);
    expect((await b.call(ward1, 'incidents.list', { text: 'phuong' })).items.map((i) => i.id)).toEqual([own.id]);
    expect(await b.refused(ward1, 'incidents.get', { id: other.id })).toMatchObject({ code: 'not_found' });
    expect(await b.refused(ward1, 'incidents.list', { cameraId: reg.cams[1]!.id })).toMatchObject({ code: 'not_found' });
    expect(await b.refused(ward1, 'incidents.update', { id: own.id, version: 1, patch: { cameraIds: [reg.cams[1]!.id] } })).toMatchObject({
      code: 'not_found',
    });
    expect(await b.refused(ward1, 'incidents.comment', { id: other.id, text: 'xem trộm' })).toMatchObject({ code: 'not_found' });
  });

  it('roles: ward staff read, officers log, auditors see nothing of it', async () => {
    const ward = await b.account('xem', 'ward', [reg.w1.id]);
    const auditor = await b.account('kt', 'auditor');
    expect(await b.refused(ward, 'incidents.create', { title: 'x', cameraIds: [reg.cams[0]!.id] })).toMatchObject({ code: 'permission_denied' });
    expect((await b.call(ward, 'incidents.list', {})).items).toEqual([]);
    expect(await b.refused(auditor, 'incidents.list', {})).toMatchObject({ code: 'permission_denied' });
  });
});

describe('categories and saved filters', () => {
  it('the category list is editable; a disabled category is kept for old incidents but refused for new ones', async () => {
    const made = await b.call(b.admin, 'incidents.saveCategory', { nameVi: 'Lấn chiếm vỉa hè', nameEn: 'Pavement encroachment' });
    expect(made).toMatchObject({ id: 'pavementencroachment', builtin: false });
    await b.call(b.admin, 'incidents.create', { title: 'Bán hàng rong', categoryId: made.id });
    await b.call(b.admin, 'incidents.saveCategory', { id: made.id, nameVi: 'Lấn chiếm vỉa hè', nameEn: 'Pavement encroachment', disabled: true });
    expect(await b.refused(b.admin, 'incidents.create', { title: 'Nữa', categoryId: made.id })).toMatchObject({ code: 'bad_request' });
    expect((await b.call(b.admin, 'incidents.list', { categoryIds: [made.id] })).items).toHaveLength(1);
    const officer = await b.account('o1', 'officer');
    expect(await b.refused(officer, 'incidents.saveCategory', { nameVi: 'x', nameEn: 'x' })).toMatchObject({ code: 'permission_denied' });
  });

  it('saves, lists and deletes a user’s own filters', async () => {
    const f = await b.call(b.admin, 'incidents.saveFilter', {
      name: 'Cháy đang xử lý',
      query: { text: '', categoryIds: ['fire'], statuses: ['in_progress'] },
    });
    expect(await b.call(b.admin, 'incidents.filters', {})).toEqual([f]);
    const other = await b.account('khac', 'officer');
    expect(await b.call(other, 'incidents.filters', {})).toEqual([]);
    expect(await b.refused(other, 'incidents.deleteFilter', { id: f.id })).toMatchObject({ code: 'not_found' });
    await b.call(b.admin, 'incidents.deleteFilter', { id: f.id });
    expect(await b.call(b.admin, 'incidents.filters', {})).toEqual([]);
  });
});
