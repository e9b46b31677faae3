import { afterEach, describe, expect, it } from 'vitest';
import { auditFixture, type AuditFixture } from './test-fixture';
import { ViewingRecorder } from './viewing';

const fixtures: AuditFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.cleanup();
});

describe('recording who watched what', () => {
  it('writes a start when the video starts and an end with from, to and the start seq', async () => {
    const f = auditFixture();
    fixtures.push(f);
    let clock = 1_000_000;
    const viewings = new ViewingRecorder(f.audit, () => clock);
    const actor = { userId: 'u-1', username: 'trực ban 1' };
    const v = await viewings.start({ kind: 'live', actor, camera: { id: 'cam-9', name: 'Chợ Bến Thành' }, stream: 'main', source: 'serve' });
    expect(viewings.openCount).toBe(1);
    clock += 90_000;
    const end = await v.end('tile_changed');
    expect(await v.end('again')).toBe(end);
    expect(viewings.openCount).toBe(0);
    expect(end).toMatchObject({
      action: 'live.view_end',
      at: 1_090_000,
      target: { kind: 'camera', id: 'cam-9', name: 'Chợ Bến Thành' },
      details: { from: 1_000_000, to: 1_090_000, durationMs: 90_000, startSeq: v.startSeq, stream: 'main', reason: 'tile_changed' },
    });
    const page = await f.audit.list({ limit: 10, targetId: 'cam-9' });
    expect(page.entries.map((e) => e.action)).toEqual(['live.view_end', 'live.view_start']);
  });

  it('ends the viewings of a user who signs out, and all of them at shutdown', async () => {
    const f = auditFixture();
    fixtures.push(f);
    const viewings = new ViewingRecorder(f.audit);
    const a = { userId: 'u-a', username: 'a' };
    const b = { userId: 'u-b', username: 'b' };
    await viewings.start({ kind: 'live', actor: a, camera: { id: 'c1', name: null } });
    await viewings.start({ kind: 'playback', actor: b, camera: { id: 'c2', name: null }, recordedFrom: 5, recordedTo: 10 });
    await viewings.endAll('signed_out', (v) => v.actor.userId === 'u-a');
    expect(viewings.openCount).toBe(1);
    await viewings.endAll('core_stopped');
    const ends = (await f.audit.list({ limit: 10 })).entries.filter((e) => e.action.endsWith('view_end'));
    expect(ends.map((e) => [e.action, e.details.reason])).toEqual([
      ['playback.view_end', 'core_stopped'],
      ['live.view_end', 'signed_out'],
    ]);
    expect(ends[0]!.details).toMatchObject({ recordedFrom: 5, recordedTo: 10 });
  });
});
