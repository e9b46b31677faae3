// Incidents and the recordings they rest on, on a whole core recording a lab camera: logging an
// incident keeps its cameras' video around it from deletion; bookmarks and exports attach by
// reference only when they exist and the caller may see them; an export made for an incident (by its
// number) joins the incident when it finishes.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOLD_AFTER_MS, HOLD_BEFORE_MS } from '../../src/core/incidents/recording-links';
import { startLab, type Lab } from '../../src/sim/lab';
import { openCoreRig, type CoreRig } from './support/core-rig';
import { ffmpegChildren, waitFor } from './support/live-helpers';

let lab: Lab;
let rig: CoreRig;
let cam: string;
let out: string;

const closed = () => rig.core.services.recording.repo.overlapping(cam, 0, Number.MAX_SAFE_INTEGER).filter((s) => s.status === 'ok');

beforeAll(async () => {
  lab = await startLab({ cameras: [{ name: 'Ngã tư Hàng Xanh', variant: 'fixed' }], discoveryPort: false });
  rig = await openCoreRig(lab.cameras);
  cam = rig.cameraIds.get('Ngã tư Hàng Xanh')!;
  await rig.call('recording.settings.save', { ...rig.core.services.recording.settings(cam), mode: 'continuous' });
  await waitFor('two closed segments', () => closed().length >= 2, 60_000);
  out = mkdtempSync(path.join(os.tmpdir(), 'wf-incident-export-'));
}, 120_000);

afterAll(async () => {
  await rig?.close();
  expect(ffmpegChildren()).toEqual([]);
  await lab?.dispose();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('an incident and its recordings', () => {
  it('locks its cameras’ video around the time it happened, once, and again for a camera added later', async () => {
    const at = closed()[0]!.startMs + 1000;
    const made = await rig.call('incidents.create', { title: 'Va chạm xe máy', cameraIds: [cam], occurredAt: at });
    const held = (await rig.call('evidence.locks', {})).filter((l) => l.holderKind === 'incident' && l.holderId === made.id);
    expect(held).toEqual([expect.objectContaining({ cameraId: cam, from: at - HOLD_BEFORE_MS, to: at + HOLD_AFTER_MS })]);
    // The segment under it cannot be taken by retention.
    const seg = closed()[0]!;
    expect(rig.core.services.recording.repo.isLocked(seg)).toBe(true);
    // An edit that changes nothing of the time or cameras adds no second lock.
    await rig.call('incidents.update', { id: made.id, version: made.version, patch: { description: 'Hai người bị thương nhẹ' } });
    expect((await rig.call('evidence.locks', {})).filter((l) => l.holderId === made.id)).toHaveLength(1);
  });

  it('attaches a bookmark by reference only when it exists, under the bookmark’s own note', async () => {
    const made = await rig.call('incidents.create', { title: 'Tụ tập đông người', cameraIds: [cam] });
    const missing = await rig.fails('incidents.attach', { id: made.id, refs: [{ kind: 'bookmark', ref: 'không-có', name: 'x' }] });
    expect(missing.code).toBe('not_found');
    const mark = await rig.call('bookmarks.add', { cameraId: cam, at: closed()[0]!.startMs + 500, note: 'Xe máy vượt đèn đỏ' });
    const [a] = await rig.call('incidents.attach', { id: made.id, refs: [{ kind: 'bookmark', ref: mark.id, name: 'whatever the client says' }] });
    expect(a).toMatchObject({ kind: 'bookmark', ref: mark.id });
    expect(a!.name).toContain('Xe máy vượt đèn đỏ');
  });

  it('an export made for an incident’s number joins its attachments when it finishes', async () => {
    const made = await rig.call('incidents.create', { title: 'Trộm cắp tài sản', cameraIds: [cam] });
    const segs = closed();
    const job = await rig.call('export.start', {
      cameraIds: [cam],
      from: segs[0]!.startMs + 500,
      to: segs[1]!.startMs + 500,
      reason: 'Yêu cầu của Công an Phường',
      caseNumber: 'VV-2026/0007',
      incidentId: made.number,
      destination: out,
      language: 'vi',
    });
    await rig.core.services.evidence.settle(job.id);
    const detail = await rig.call('incidents.get', { id: made.id });
    expect(detail.attachments).toEqual([expect.objectContaining({ kind: 'export', ref: job.id, name: 'VV-2026-0007 · Yêu cầu của Công an Phường' })]);
    expect(detail.timeline.some((e) => e.kind === 'attachment')).toBe(true);
  });
});
