// Evidence export end to end through the contract, on a whole core recording lab cameras: the
// package is checked with our verifier AND with the real sha256sum and openssl alone; one changed
// byte makes both fail and name the file; encryption, a corrupt segment, refusals before work,
// cancel and a disk that fills mid-export leave nothing half-written; locks hold against retention.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  closeSync,
  rmSync,
  writeFileSync,
  writeSync,
  readSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/evidence/package-format';
import { fsTypeName } from '../../src/core/evidence/export-plan';
import { finishFile } from '../../src/core/evidence/package-writer';
import { verifyPackage } from '../../src/core/evidence/verify';
import { startLab, type Lab } from '../../src/sim/lab';
import { systemPrincipal } from '../../src/core/auth/principal';
import { ffmpegChildren, waitFor } from './support/live-helpers';
import { openCoreRig, type CoreRig } from './support/core-rig';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let lab: Lab;
let rig: CoreRig;
let out: string;
let range: { from: number; to: number };
let a: string;
let b: string;

const segmentsOf = (cameraId: string) =>
  rig.core.services.recording.repo.overlapping(cameraId, 0, Number.MAX_SAFE_INTEGER).filter((s) => s.status === 'ok');

beforeAll(async () => {
  lab = await startLab({
    cameras: [
      { name: 'Ngã tư Hàng Xanh', variant: 'fixed' },
      { name: 'Cầu Sài Gòn', variant: 'fixed' },
    ],
    discoveryPort: false,
  });
  rig = await openCoreRig(lab.cameras);
  a = rig.cameraIds.get('Ngã tư Hàng Xanh')!;
  b = rig.cameraIds.get('Cầu Sài Gòn')!;
  for (const id of [a, b]) {
    const s = rig.core.services.recording.settings(id);
    await rig.call('recording.settings.save', { ...s, mode: 'continuous' });
  }
  await waitFor('four closed segments per camera', () => segmentsOf(a).length >= 4 && segmentsOf(b).length >= 4, 60_000);
  const sa = segmentsOf(a);
  // A range inside what both cameras have closed: from the middle of the first segment.
  range = { from: sa[0]!.startMs + 1500, to: sa[3]!.startMs + 500 };
  out = mkdtempSync(path.join(os.tmpdir(), 'wf-evidence-out-'));
}, 180_000);

afterAll(async () => {
  await rig?.close();
  expect(ffmpegChildren()).toEqual([]);
  await lab?.dispose();
  if (out) rmSync(out, { recursive: true, force: true });
});

const request = (extra: Record<string, unknown> = {}) => ({
  cameraIds: [a, b],
  ...range,
  reason: 'Va chạm giao thông, yêu cầu của Công an Phường',
  caseNumber: 'VV-2025/0142',
  incidentId: null,
  destination: out,
  language: 'vi' as const,
  ...extra,
});

async function exportNow(extra: Record<string, unknown> = {}) {
  const job = await rig.call('export.start', request(extra));
  await rig.core.services.evidence.settle(job.id);
  const done = (await rig.call('export.list', { limit: 50 })).find((j) => j.id === job.id)!;
  return done;
}

function atom(file: string, name: string): number {
  const buf = readFileSync(file);
  return buf.indexOf(Buffer.from(name, 'latin1'));
}

const sh = (cmd: string, args: string[], cwd: string, input?: Buffer) => spawnSync(cmd, args, { cwd, input, encoding: 'buffer' });

function flipByte(file: string, at: number): void {
  const fd = openSync(file, 'r+');
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, at);
  one[0] = one[0]! ^ 0xff;
  writeSync(fd, one, 0, 1, at);
  closeSync(fd);
}

describe('evidence export', () => {
  it('writes per camera a stream-copy MP4 with faststart, a signed manifest, SHA256SUMS, a report; checked by sha256sum, openssl and npm run verify', async () => {
    const plan = await rig.call('export.plan', request());
    expect(plan.refusal).toBeNull();
    expect(plan.cameras.map((c) => c.segments)).toEqual([expect.any(Number), expect.any(Number)]);
    const job = await exportNow();
    expect(job.state).toBe('done');
    const dir = job.packageDir!;
    expect(readdirSync(out).filter((n) => n.endsWith('.partial'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    // Who, why, what, when: local time and UTC.
    expect(manifest.operator.username).toBe('admin');
    expect(manifest.case).toEqual({ number: 'VV-2025/0142', incidentId: null, reason: 'Va chạm giao thông, yêu cầu của Công an Phường' });
    expect(manifest.requested.from.utc).toBe(new Date(range.from).toISOString());
    expect(manifest.requested.from.local).toMatch(/\+07:00$/);
    expect(manifest.signing.publicKeyFingerprintSha256).toBe(rig.core.services.installationKey.fingerprint);
    expect(manifest.app.version).toBe(rig.core.services.version);
    const camA = manifest.cameras.find((c) => c.id === a)!;
    expect(camA.point).toEqual({ name: 'Chợ Bến Thành', address: 'Lê Lợi, Phường Bến Thành', lat: 10.772, lon: 106.698 });
    expect(camA.area).toBe('Phường Bến Thành');
    expect(camA.delivered).toHaveLength(1);
    expect(camA).toHaveProperty('clockOffsetMs');
    // Delivered from the keyframe at or before the requested start, to the last frame before its end.
    expect(Date.parse(camA.delivered[0]!.from.utc)).toBeLessThanOrEqual(range.from);
    expect(Date.parse(camA.delivered[0]!.to.utc)).toBeLessThanOrEqual(range.to + 100);
    const video = manifest.files.filter((f) => f.kind === 'video');
    expect(video).toHaveLength(2);
    for (const v of video) {
      const file = path.join(dir, v.name);
      const probe = JSON.parse(
        execFileSync('/usr/bin/ffprobe', [
          '-v',
          'error',
          '-show_entries',
          'stream=codec_name,width,height:format=duration,format_name',
          '-of',
          'json',
          file,
        ]).toString(),
      );
      expect(probe.streams[0]).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
      // As long as what the manifest says was delivered for that camera (a loaded lab camera may
      // send a few frames late, so the delivered span, not the request, is the measure).
      const cam = manifest.cameras.find((c) => c.id === v.cameraId)!;
      const delivered = cam.delivered.reduce((n, d) => n + (Date.parse(d.to.utc) - Date.parse(d.from.utc)), 0) / 1000;
      expect(Number(probe.format.duration)).toBeGreaterThan(delivered - 0.3);
      expect(delivered).toBeGreaterThan((range.to - range.from) / 1000 - 1.5);
      // faststart: the index (moov) comes before the media (mdat).
      expect(atom(file, 'moov')).toBeLessThan(atom(file, 'mdat'));
    }
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('Biên bản trích xuất chứng cứ');

    // Standard tools alone.
    const sums = sh('sha256sum', ['-c', 'SHA256SUMS'], dir);
    expect(sums.status, sums.stdout.toString()).toBe(0);
    const sumsLine = sh('sha256sum', ['SHA256SUMS'], dir).stdout.toString().split(' ')[0];
    expect(manifest.files.find((f) => f.name === 'SHA256SUMS')!.sha256).toBe(sumsLine);
    const ossl = sh(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.sig'],
      dir,
    );
    expect(ossl.stdout.toString()).toContain('Signature Verified Successfully');
    const der = sh('openssl', ['pkey', '-pubin', '-in', 'public-key.pem', '-outform', 'DER'], dir).stdout;
    expect(sh('sha256sum', [], dir, der).stdout.toString().split(' ')[0]).toBe(manifest.signing.publicKeyFingerprintSha256);
    // Our verifier, standalone (no database), as an inspector would run it.
    const cli = sh(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'src/core/evidence/verify-cli.ts'),
        dir,
        '--fingerprint',
        manifest.signing.publicKeyFingerprintSha256,
        '--lang',
        'en',
      ],
      ROOT,
    );
    expect(cli.status, cli.stdout.toString() + cli.stderr.toString()).toBe(0);
    expect(cli.stdout.toString()).toContain('VERIFIED');
    expect(cli.stdout.toString()).toContain("matches this installation's key");
    const screen = await rig.call('evidence.verify', { folder: dir });
    expect(screen.status).toBe('verified');
    expect(screen.installationKey).toBe(true);

    // The segments used are locked, and retention cannot take them.
    const locks = (await rig.call('evidence.locks', {})).filter((l) => l.holderKind === 'export' && l.holderId === job.id);
    expect(locks.map((l) => l.cameraId).sort()).toEqual([a, b].sort());
    const used = rig.core.services.recording.repo.overlapping(a, range.from, range.to);
    expect(used.every((s) => rig.core.services.recording.repo.isLocked(s))).toBe(true);
    // Audited, and linked to its case.
    const audit = (await rig.core.services.audit.list({ limit: 200 } as never)).entries;
    expect(audit.find((e) => e.action === 'export.start' && e.outcome === 'ok')?.details).toMatchObject({ caseNumber: 'VV-2025/0142' });
    expect(audit.find((e) => e.action === 'export.finished')?.details).toMatchObject({ state: 'done', caseNumber: 'VV-2025/0142' });
  });

  it('one changed byte: sha256sum and npm run verify both fail and name the file; a changed manifest fails openssl', async () => {
    const job = await exportNow({ cameraIds: [a] });
    const copy = mkdtempSync(path.join(os.tmpdir(), 'wf-evidence-tamper-'));
    try {
      cpSync(job.packageDir!, copy, { recursive: true });
      const manifest = JSON.parse(readFileSync(path.join(copy, 'manifest.json'), 'utf8')) as Manifest;
      const mp4 = manifest.files.find((f) => f.kind === 'video')!.name;
      flipByte(path.join(copy, mp4), 5000);
      const sums = sh('sha256sum', ['-c', 'SHA256SUMS'], copy);
      expect(sums.status).not.toBe(0);
      expect(sums.stdout.toString()).toContain(`${mp4}: FAILED`);
      const cli = sh(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/core/evidence/verify-cli.ts'), copy, '--lang', 'en'], ROOT);
      expect(cli.status).toBe(1);
      expect(cli.stdout.toString()).toContain('PARTIALLY VERIFIED');
      expect(cli.stdout.toString()).toContain(`${mp4}: changed`);
      // The manifest itself (the case number changed): openssl refuses the signature, our verifier says so.
      const signed = readFileSync(path.join(copy, 'manifest.json'));
      writeFileSync(path.join(copy, 'manifest.json'), signed.toString('utf8').replace('VV-2025/0142', 'VV-2025/0143'));
      const ossl = sh(
        'openssl',
        ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.sig'],
        copy,
      );
      expect(ossl.status).not.toBe(0);
      expect(ossl.stdout.toString() + ossl.stderr.toString()).toMatch(/Signature Verification Failure/);
      expect((await verifyPackage(copy)).status).toBe('signature_invalid');
      // A file removed is named as missing.
      rmSync(path.join(copy, 'README.txt'));
      writeFileSync(path.join(copy, 'manifest.json'), signed);
      const r = await verifyPackage(copy);
      expect(r.files.find((f) => f.name === 'README.txt')?.status).toBe('missing');
      expect(r.status).toBe('partial');
      // Without its signature the package is "not signed", whatever its hashes say.
      rmSync(path.join(copy, 'manifest.json.sig'));
      expect((await verifyPackage(copy)).status).toBe('not_signed');
      expect((await verifyPackage(path.join(copy, 'video'))).status).toBe('not_a_package');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('encrypted on request: no plaintext on the media, hashes still checkable, verify and decrypt with the password', async () => {
    const job = await exportNow({ cameraIds: [b], password: 'mật-khẩu-vụ-án-2025', stills: [range.from + 2000] });
    expect(job.state).toBe('done');
    const dir = job.packageDir!;
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.encryption).toMatchObject({ algorithm: 'AES-256-GCM', kdf: { name: 'scrypt' } });
    expect(JSON.stringify(manifest)).not.toContain('mật-khẩu');
    const media = manifest.files.filter((f) => f.kind === 'video' || f.kind === 'still');
    expect(media.map((f) => f.kind).sort()).toEqual(['still', 'video']);
    expect(media.every((f) => f.encrypted && f.name.endsWith('.enc'))).toBe(true);
    // No MP4 or PNG in plain anywhere in the package.
    const all = execFileSync('find', [dir, '-type', 'f']).toString();
    expect(all).not.toMatch(/\.(mp4|png)\n/);
    expect(sh('sha256sum', ['-c', 'SHA256SUMS'], dir).status).toBe(0);
    expect((await verifyPackage(dir)).status).toBe('verified');
    const wrong = await rig.call('evidence.verify', { folder: dir, password: 'not-the-password' });
    expect(wrong.decrypted).toBe(false);
    expect(wrong.status).toBe('partial');
    const decryptTo = mkdtempSync(path.join(os.tmpdir(), 'wf-evidence-plain-'));
    try {
      const cli = sh(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'src/core/evidence/verify-cli.ts'), dir, '--password-stdin', '--decrypt-to', decryptTo, '--lang', 'vi'],
        ROOT,
        Buffer.from('mật-khẩu-vụ-án-2025\n'),
      );
      expect(cli.status, cli.stdout.toString() + cli.stderr.toString()).toBe(0);
      expect(cli.stdout.toString()).toContain('ĐÃ XÁC MINH');
      const mp4 = path.join(decryptTo, media.find((f) => f.kind === 'video')!.name.replace(/\.enc$/, ''));
      expect(execFileSync('sha256sum', [mp4]).toString().split(' ')[0]).toBe(media.find((f) => f.kind === 'video')!.plaintextSha256);
      expect(execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', mp4]).toString().trim()).toBe(
        'h264',
      );
    } finally {
      rmSync(decryptTo, { recursive: true, force: true });
    }
  });

  it('skips a corrupt segment, names it in the manifest, and splits the video around it', async () => {
    const segs = rig.core.services.recording.repo.overlapping(b, range.from, range.to).filter((s) => s.status === 'ok');
    const victim = segs[1]!;
    const folder = rig.core.services.recording.repo.folders()[0]!.path;
    const file = path.join(folder, victim.path);
    const original = readFileSync(file);
    try {
      const damaged = Buffer.from(original);
      damaged.fill(0x11, 188 * 100 + 3, 188 * 100 + 900);
      writeFileSync(file, damaged);
      const job = await exportNow({ cameraIds: [b] });
      expect(job.state).toBe('done');
      const manifest = JSON.parse(readFileSync(path.join(job.packageDir!, 'manifest.json'), 'utf8')) as Manifest;
      const cam = manifest.cameras[0]!;
      expect(cam.skippedSegments).toEqual([expect.objectContaining({ segment: victim.path, reason: expect.stringMatching(/SHA-256 differs/) })]);
      expect(cam.delivered).toHaveLength(2);
      expect(cam.gaps.length).toBeGreaterThanOrEqual(1);
      expect(sh('sha256sum', ['-c', 'SHA256SUMS'], job.packageDir!).status).toBe(0);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('says so when there is no footage, and refuses an unwritable or full destination before any work', async () => {
    const past = { from: Date.UTC(2001, 0, 1), to: Date.UTC(2001, 0, 1, 1) };
    expect((await rig.call('export.plan', request(past))).refusal).toBe('no_footage');
    expect((await rig.fails('export.start', request(past))).code).toBe('no_footage');
    expect((await rig.fails('export.start', request({ destination: path.join(out, 'no', 'such', 'folder') }))).code).toBe('destination_unwritable');
    const small = mountTmpfs('1m');
    try {
      const e = await rig.fails('export.start', request({ destination: small }));
      expect(e.code).toBe('destination_full');
      expect(readdirSync(small)).toEqual([]);
    } finally {
      unmount(small);
    }
    // FAT32 is recognised by its file system type (statfs f_type of vfat).
    expect(fsTypeName(0x4d44)).toBe('vfat');
  });

  it('leaves no half package when cancelled, or when the disk fills during the export; its locks go', async () => {
    const job = await rig.call('export.start', request({ cameraIds: [a] }));
    await rig.call('export.cancel', { id: job.id });
    await rig.core.services.evidence.settle(job.id);
    expect((await rig.call('export.list', { limit: 50 })).find((j) => j.id === job.id)?.state).toBe('cancelled');
    expect(readdirSync(out).filter((n) => n.includes(job.id.slice(0, 8)))).toEqual([]);
    expect((await rig.call('evidence.locks', {})).filter((l) => l.holderId === job.id)).toEqual([]);

    const disk = mountTmpfs('40m');
    try {
      const filling = await rig.call('export.start', request({ destination: disk }));
      // Synchronously, before the export's first write: another program fills the drive.
      writeFileSync(path.join(disk, 'filler.bin'), Buffer.alloc(39 * 1024 * 1024 - 64 * 1024));
      await rig.core.services.evidence.settle(filling.id);
      const after = (await rig.call('export.list', { limit: 50 })).find((j) => j.id === filling.id)!;
      expect(after.state).toBe('failed');
      expect(after.error).toBe('destination_full');
      expect(readdirSync(disk)).toEqual(['filler.bin']);
    } finally {
      unmount(disk);
    }
  });

  it('lifting a lock needs evidence.unlock, is audited, and makes the segments deletable again', async () => {
    const job = await exportNow({ cameraIds: [a] });
    const lock = (await rig.call('evidence.locks', {})).find((l) => l.holderId === job.id)!;
    const clerkRole = rig.core.services.users.roles().find((r) => r.id === 'clerk')!;
    const clerk = systemPrincipal({ id: rig.admin.user.id, username: 'clerk-test', displayName: 'Clerk', role: 'clerk' }, clerkRole.permissions);
    expect((await rig.fails('evidence.unlock', { id: lock.id, reason: 'vụ việc đã đóng' }, clerk)).code).toBe('permission_denied');
    const released = await rig.call('evidence.unlock', { id: lock.id, reason: 'vụ việc đã đóng' });
    expect(released.releasedAt).not.toBeNull();
    const audit = (await rig.core.services.audit.list({ limit: 500 } as never)).entries;
    expect(
      audit
        .filter((e) => e.action === 'evidence.unlock')
        .map((e) => e.outcome)
        .sort(),
    ).toEqual(['denied', 'ok']);
  });
});

describe('FAT32 parts', () => {
  it('splits a file into parts that sha256sum checks and that join back into the original', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-split-'));
    try {
      mkdirSync(path.join(dir, 'video'));
      const src = path.join(dir, 'video', 'big.mp4');
      const data = Buffer.alloc(5 * 1024 * 1024 + 123, 7);
      writeFileSync(src, data);
      const parts = await finishFile(src, {
        dir,
        name: 'video/big.mp4',
        kind: 'video',
        encryption: null,
        splitAt: 2 * 1024 * 1024,
        onBytes: () => undefined,
        cancelled: () => false,
      });
      expect(parts.map((p) => p.name)).toEqual(['video/big.mp4.001', 'video/big.mp4.002', 'video/big.mp4.003']);
      writeFileSync(path.join(dir, 'SUMS'), parts.map((p) => `${p.sha256}  ${p.name}\n`).join(''));
      expect(sh('sha256sum', ['-c', 'SUMS'], dir).status).toBe(0);
      const joined = Buffer.concat(parts.map((p) => readFileSync(path.join(dir, p.name))));
      expect(joined.equals(data)).toBe(true);
      expect(parts[0]!.part).toMatchObject({ index: 1, of: 3, joined: 'video/big.mp4' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function mountTmpfs(size: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-tmpfs-'));
  // A real small file system (the build machine runs tests as root, as CI does).
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return dir;
}

function unmount(dir: string): void {
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

void waitFor;
