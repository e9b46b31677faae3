// export.speed_vs_sha256sum — one hour of 2 Mbit/s 720p recording (60 one-minute segments written by
// the real recorder and indexed in a real SQLite file) exported as evidence: segments read and
// checked against their recorded SHA-256, stream-copied to MP4 with faststart, the MP4 hashed,
// README, key, SHA256SUMS, manifest and its Ed25519 signature. Reported as sha256sum's time over the
// same segment files, in the same run, divided by the export's: ≥ 1 means the export is no slower
// than merely hashing the recording with coreutils. (The PDF report, printed by Chromium, is left
// out: it is the same 1–2 s whatever the footage.)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemPrincipal } from '../src/core/auth/principal';
import { EvidenceService } from '../src/core/evidence/evidence-service';
import { EvidenceLocks } from '../src/core/evidence/locks';
import { createLogger } from '../src/core/log/logger';
import { CameraRecorder } from '../src/core/media/recorder/camera-recorder';
import { SegmentRepository } from '../src/core/media/recorder/segment-repository';
import type { LiveSubscriber } from '../src/core/media/live/types';
import { TsFrameScanner } from '../src/core/media/ts/frame-scanner';
import { ptsDelta } from '../src/core/media/ts/pes';
import { loadOrCreateInstallationKey } from '../src/core/secrets/installation-key';
import { fileKeySecretBox } from '../src/core/secrets/secret-box';
import { openDatabase } from '../src/core/store/database';
import { median, type Benchmark } from './types';

const MINUTES = Number(process.env.BENCH_EXPORT_MINUTES ?? 60);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const CACHE = path.join(os.tmpdir(), 'watchfloor-bench-cache');

/** A 2 Mbit/s 720p H.264 stream of MINUTES minutes (one encoded minute, looped by stream copy). */
function source(): string {
  mkdirSync(CACHE, { recursive: true });
  const minute = path.join(CACHE, 'minute-720p-2M.ts');
  const hour = path.join(CACHE, `recording-${MINUTES}min-720p-2M.ts`);
  if (!existsSync(minute)) {
    // prettier-ignore
    execFileSync('/usr/bin/ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25', '-t', '60',
      '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '2M', '-maxrate', '2M', '-bufsize', '2M', '-g', '50', '-bf', '0', '-sc_threshold', '0',
      '-f', 'mpegts', minute]);
  }
  if (!existsSync(hour)) {
    execFileSync('/usr/bin/ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-stream_loop', String(MINUTES - 1), '-i', minute, '-c', 'copy', '-f', 'mpegts', hour]);
  }
  return hour;
}

/** Feeds the file through the real recorder, its clock driven by the stream's own timestamps. */
async function record(file: string, repo: SegmentRepository, folder: { id: string; path: string }, cameraId: string, startUtc: number): Promise<void> {
  let sub: LiveSubscriber | null = null;
  let fakeNow = startUtc;
  const recorder = new CameraRecorder({
    cameraId,
    config: { mode: 'continuous', stream: 'main', preSeconds: 0, postSeconds: 0 },
    subscribe: (s) => ((sub = s), () => undefined),
    allocate: () => ({ folderId: folder.id, root: folder.path }),
    repo,
    clockOffset: () => 0,
    shouldWrite: () => true,
    segmentMs: 60_000,
    logger: createLogger('bench'),
    onAlarm: () => undefined,
    onRecovered: () => undefined,
    now: () => fakeNow,
    syncMs: 60_000,
  });
  recorder.start();
  sub!.state({ state: 'live', since: startUtc, codec: 'h264', sourceCodec: 'h264', transcoded: false, width: 1280, height: 720 });
  const scanner = new TsFrameScanner();
  let firstPts: number | null = null;
  const fh = await open(file, 'r');
  const chunk = 188 * 1024;
  for (let pos = 0; ; pos += chunk) {
    const buf = Buffer.allocUnsafe(chunk);
    const { bytesRead } = await fh.read(buf, 0, chunk, pos);
    if (bytesRead === 0) break;
    const data = buf.subarray(0, bytesRead - (bytesRead % 188));
    let last: number | null = null;
    scanner.scan(data, (f) => {
      if (f.pts !== null) last = f.pts;
    });
    if (last !== null) {
      firstPts ??= last;
      fakeNow = startUtc + Math.round(ptsDelta(firstPts, last) / 90);
    }
    sub!.data(data);
    // Let the segment files drain like a real recorder's would.
    while ((sub!.backlog?.() ?? 0) > 32 * 1024 * 1024) await new Promise((r) => setTimeout(r, 5));
  }
  await fh.close();
  await recorder.dispose();
}

const bench: Benchmark = async () => {
  const file = source();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-bench-export-'));
  try {
    const { db } = openDatabase({ dataDir: dir });
    const repo = new SegmentRepository(db);
    const folder = { id: 'bench', path: path.join(dir, 'recordings'), quotaBytes: null, enabled: true };
    repo.saveFolder(folder);
    const cameraId = 'cam-bench';
    db.prepare("INSERT INTO areas (id, parent_id, name, kind, created_at) VALUES ('a', NULL, 'Phường Bến Nghé', 'ward', 0)").run();
    db.prepare("INSERT INTO points (id, area_id, name, address, lat, lon, created_at) VALUES ('p', 'a', 'Ngã tư', '1 Lê Lợi', 10.77, 106.7, 0)").run();
    db.prepare("INSERT INTO cameras (id, point_id, name, created_at) VALUES (?, 'p', 'Camera đo', 0)").run(cameraId);
    const startUtc = Date.UTC(2025, 2, 3, 0, 0, 0);
    await record(file, repo, folder, cameraId, startUtc);
    const segs = repo.overlapping(cameraId, 0, Number.MAX_SAFE_INTEGER);
    const segFiles = segs.map((s) => path.join(folder.path, s.path));
    const bytes = segFiles.reduce((n, f) => n + statSync(f).size, 0);
    const key = loadOrCreateInstallationKey(db, fileKeySecretBox(dir)).key;
    const evidence = new EvidenceService({
      db,
      repo,
      locks: new EvidenceLocks(db),
      signer: () => key,
      ffmpegPath: '/usr/bin/ffmpeg',
      tmpRoot: path.join(dir, 'tmp'),
      appVersion: 'bench',
      timeZone: () => 'Asia/Ho_Chi_Minh',
      chromium: null,
      camera: () => ({ name: 'Camera đo', point: { name: 'Ngã tư', address: '1 Lê Lợi', lat: 10.77, lon: 106.7 }, area: 'Phường Bến Nghé' }),
      audit: { append: async () => undefined },
      logger: createLogger('bench'),
      publish: () => undefined,
    });
    const admin = systemPrincipal({ id: 'bench', username: 'bench', displayName: 'Bench', role: 'admin' }, ['export.create']);
    const ratios: number[] = [];
    const exportSecs: number[] = [];
    const shaSecs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const out = path.join(dir, `out-${run}`);
      mkdirSync(out);
      // sha256sum over the same segment files, then the export: both from a warm page cache.
      const t0 = performance.now();
      const sums = spawnSync('sha256sum', segFiles, { maxBuffer: 16 * 1024 * 1024 });
      const tSha = (performance.now() - t0) / 1000;
      if (sums.status !== 0) throw new Error('sha256sum failed');
      const t1 = performance.now();
      const job = await evidence.start(
        { cameraIds: [cameraId], from: segs[0]!.startMs, to: segs[segs.length - 1]!.endMs, reason: 'benchmark', caseNumber: `BENCH-${run}`, incidentId: null, destination: out, language: 'en', burnIn: false, stills: [], password: null, splitLargeFiles: true },
        admin,
      );
      await evidence.settle(job.id);
      const tExport = (performance.now() - t1) / 1000;
      const done = evidence.list(10, () => true).find((j) => j.id === job.id)!;
      if (done.state !== 'done') throw new Error(`export ${done.state}: ${done.error}`);
      if (spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: done.packageDir! }).status !== 0) throw new Error('package does not check');
      ratios.push(tSha / tExport);
      exportSecs.push(tExport);
      shaSecs.push(tSha);
      rmSync(out, { recursive: true, force: true });
    }
    db.close();
    return [
      {
        name: 'export.speed_vs_sha256sum',
        value: +median(ratios).toFixed(2),
        unit: 'sha256sum time ÷ export time (same segments, same run)',
        target: 1.0,
        better: 'higher',
        extra: {
          minutes: MINUTES,
          segments: segs.length,
          megabytes: Math.round(bytes / 1e6),
          exportSeconds: exportSecs.map((s) => +s.toFixed(2)),
          sha256sumSeconds: shaSecs.map((s) => +s.toFixed(2)),
          exportMBps: Math.round(bytes / 1e6 / median(exportSecs)),
          files: readdirSync(folder.path).length,
        },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
