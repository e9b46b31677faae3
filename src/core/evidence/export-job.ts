// One evidence export, start to finish. Everything is written into `.<name>.partial/` beside the
// final folder and renamed into place only when the package is complete and flushed, so a cancel,
// a failure or a full disk leaves no half package (the partial folder is removed); an encrypted
// export keeps plaintext only in the core's own temporary folder, never on the destination.
// Order: media (stream copy per camera and continuous span) → optional burned-in copies and stills
// → hashes (of the bytes written) → report → README, public key → SHA256SUMS → manifest → signature.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExportJobInfo } from '../../shared/contract';
import type { Logger } from '../log/logger';
import type { SegmentRepository } from '../media/recorder/segment-repository';
import { deriveKey, newKdfParams, type KdfParams } from './crypto-stream';
import { FAT32_MAX_FILE, type DestinationInfo } from './export-plan';
import { burnIn, burnInText, mp4Writer, still, type Mp4Writer } from './mp4';
import { finishFile, writeText } from './package-writer';
import {
  CHECKSUMS,
  checksumsText,
  FORMAT,
  instant,
  manifestBytes,
  MANIFEST,
  PUBLIC_KEY,
  README,
  safeName,
  SIGNATURE,
  stamp,
  type FileKind,
  type Manifest,
  type ManifestCamera,
  type ManifestFile,
} from './package-format';
import { readmeText } from './readme';
import { printPdf, reportHtml } from './report';
import { feedCamera, JOIN_MS } from './segment-feed';
import type { ManifestSigner } from './signer';

export interface CameraFacts {
  name: string;
  point: { name: string; address: string; lat: number | null; lon: number | null };
  area: string | null;
}

export interface ExportContext {
  repo: SegmentRepository;
  signer: ManifestSigner;
  ffmpegPath: string;
  /** The core's own temporary folder (plaintext of encrypted exports, labels). */
  tmpRoot: string;
  appVersion: string;
  timeZone: string;
  chromium: string | null;
  camera: (id: string) => CameraFacts;
  operator: { id: string; username: string; displayName: string };
  logger: Logger;
}

export interface ExportParams {
  id: string;
  cameraIds: string[];
  from: number;
  to: number;
  reason: string;
  caseNumber: string;
  incidentId: string | null;
  destination: DestinationInfo;
  language: 'vi' | 'en';
  burnIn: boolean;
  stills: number[];
  password: string | null;
  split: boolean;
  bytesPlanned: number;
}

interface Produced {
  cameraId: string;
  cameraIndex: number;
  name: string;
  plain: string;
  from: number;
  to: number;
}

export class ExportJob {
  readonly info: ExportJobInfo;
  private readonly abort = new AbortController();
  private writer: Mp4Writer | null = null;
  private started = Date.now();
  private lastEmit = 0;
  readonly done: Promise<void>;

  constructor(
    private readonly ctx: ExportContext,
    private readonly p: ExportParams,
    private readonly onProgress: (info: ExportJobInfo) => void,
  ) {
    const name = `${safeName(p.caseNumber, 30)}_${stamp(Date.now(), ctx.timeZone)}_${p.id.slice(0, 8)}`;
    this.info = {
      id: p.id,
      state: 'running',
      caseNumber: p.caseNumber,
      reason: p.reason,
      incidentId: p.incidentId,
      cameraIds: p.cameraIds,
      from: p.from,
      to: p.to,
      destination: p.destination.path,
      packageDir: path.join(p.destination.path, name),
      encrypted: p.password !== null,
      phase: 'checking',
      bytesDone: 0,
      // Every recorded byte is read once, and every written byte hashed (or encrypted) once.
      bytesTotal: Math.max(1, p.bytesPlanned * 2),
      bytesPerSecond: 0,
      secondsLeft: null,
      error: null,
      createdBy: ctx.operator.id,
      createdAt: Date.now(),
      finishedAt: null,
    };
    this.done = this.run();
  }

  cancel(): void {
    this.abort.abort();
    this.writer?.kill();
  }

  private get cancelled(): boolean {
    return this.abort.signal.aborted;
  }

  private advance(n: number, force = false): void {
    this.info.bytesDone = Math.min(this.info.bytesTotal, this.info.bytesDone + n);
    const now = Date.now();
    if (!force && now - this.lastEmit < 250) return;
    this.lastEmit = now;
    const secs = (now - this.started) / 1000;
    this.info.bytesPerSecond = secs > 0.2 ? Math.round(this.info.bytesDone / secs) : 0;
    this.info.secondsLeft = this.info.bytesPerSecond > 0 ? Math.ceil((this.info.bytesTotal - this.info.bytesDone) / this.info.bytesPerSecond) : null;
    this.onProgress({ ...this.info });
  }

  private phase(phase: ExportJobInfo['phase']): void {
    this.info.phase = phase;
    this.advance(0, true);
  }

  private async run(): Promise<void> {
    const finalDir = this.info.packageDir!;
    const partial = path.join(path.dirname(finalDir), `.${path.basename(finalDir)}.partial`);
    const tmp = path.join(this.ctx.tmpRoot, `export-${this.p.id}`);
    try {
      await mkdir(partial);
      await mkdir(path.join(partial, 'video'));
      await mkdir(tmp, { recursive: true });
      const manifest = await this.build(partial, tmp);
      if (this.cancelled) throw new Error('cancelled');
      const bytes = manifestBytes(manifest);
      await writeText(partial, MANIFEST, 'checksums', bytes);
      await writeText(partial, SIGNATURE, 'checksums', this.ctx.signer.sign(bytes));
      await syncDir(partial);
      await rename(partial, finalDir);
      await syncDir(path.dirname(finalDir));
      this.info.state = 'done';
      this.info.phase = 'done';
      this.info.bytesDone = this.info.bytesTotal;
    } catch (err) {
      this.writer?.kill();
      await rm(partial, { recursive: true, force: true }).catch(() => undefined);
      this.info.packageDir = null;
      if (this.cancelled) {
        this.info.state = 'cancelled';
      } else {
        this.info.state = 'failed';
        const e = err as NodeJS.ErrnoException & { code?: string | null };
        this.info.error =
          e.code === 'ENOSPC' || /No space left/i.test(e.message)
            ? 'destination_full'
            : e.code === 'EACCES' || e.code === 'EROFS'
              ? 'destination_unwritable'
              : `export_failed: ${e.message}`.slice(0, 300);
        this.ctx.logger.error('export failed', { id: this.p.id, error: e.message });
      }
    } finally {
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      this.info.finishedAt = Date.now();
      this.onProgress({ ...this.info });
    }
  }

  private async build(dir: string, tmp: string): Promise<Manifest> {
    const tz = this.ctx.timeZone;
    const p = this.p;
    let encryption: { key: Buffer; kdf: KdfParams } | null = null;
    if (p.password) {
      const kdf = newKdfParams();
      encryption = { key: await deriveKey(p.password, kdf), kdf };
    }
    const splitAt = p.split && p.destination.fat32 ? FAT32_MAX_FILE : null;
    const cameras: ManifestCamera[] = [];
    const produced: Produced[] = [];
    this.phase('copying');
    for (const [index, cameraId] of p.cameraIds.entries()) {
      const facts = this.ctx.camera(cameraId);
      const cam: ManifestCamera = {
        id: cameraId,
        name: facts.name,
        point: facts.point,
        area: facts.area,
        clockOffsetMs: null,
        delivered: [],
        gaps: [],
        skippedSegments: [],
      };
      cameras.push(cam);
      let span: { name: string; plain: string; from: number } | null = null;
      await feedCamera(this.ctx.repo, cameraId, p.from, p.to, {
        spanStart: async (s) => {
          const name = `video/${String(index + 1).padStart(2, '0')}_${safeName(facts.name)}_${stamp(s.fromUtc, tz)}.mp4`;
          // Encrypted: the plaintext MP4 stays in the core's temporary folder, never on the media.
          const plain = encryption ? path.join(tmp, path.basename(name)) : path.join(dir, ...name.split('/'));
          span = { name, plain, from: s.fromUtc };
          cam.clockOffsetMs ??= s.clockOffsetMs;
          this.writer = mp4Writer(this.ctx.ffmpegPath, plain, new Date(s.fromUtc).toISOString());
        },
        data: async (b) => this.writer!.write(b),
        spanEnd: async (toUtc) => {
          await this.writer!.end();
          this.writer = null;
          produced.push({ cameraId, cameraIndex: index, name: span!.name, plain: span!.plain, from: span!.from, to: toUtc });
          cam.delivered.push({ from: instant(span!.from, tz), to: instant(toUtc, tz), file: span!.name + (encryption ? '.enc' : '') });
        },
        skipped: (seg, reason) => cam.skippedSegments.push({ segment: seg.path, from: instant(seg.startMs, tz), to: instant(seg.endMs, tz), reason }),
        progress: (n) => this.advance(n),
        cancelled: () => this.cancelled,
      });
      if (this.cancelled) throw new Error('cancelled');
      // Gaps: the requested range less what was delivered (holes shorter than JOIN_MS are frame jitter).
      let t = p.from;
      for (const d of produced.filter((x) => x.cameraId === cameraId)) {
        if (d.from - t > JOIN_MS) cam.gaps.push({ from: instant(t, tz), to: instant(d.from, tz) });
        t = Math.max(t, d.to);
      }
      if (p.to - t > JOIN_MS) cam.gaps.push({ from: instant(t, tz), to: instant(p.to, tz) });
    }
    if (produced.length === 0) throw Object.assign(new Error('no footage could be read'), { code: 'no_footage' });
    const files: ManifestFile[] = [];
    const finish = async (source: string, name: string, kind: FileKind, extra: Partial<ManifestFile>) =>
      files.push(
        ...(await finishFile(source, {
          dir,
          name,
          kind,
          encryption,
          splitAt,
          onBytes: (n) => this.advance(n),
          cancelled: () => this.cancelled,
          extra,
        })),
      );
    // Derived files first (they read the plain MP4), then each MP4 is hashed or encrypted.
    for (const v of produced) {
      const extra = { cameraId: v.cameraId, from: instant(v.from, tz), to: instant(v.to, tz) };
      if (p.burnIn) {
        const name = v.name.replace(/\.mp4$/, '_burned-in.mp4');
        const out = encryption ? path.join(tmp, path.basename(name)) : path.join(dir, ...name.split('/'));
        const label = path.join(tmp, `label-${randomUUID()}.txt`);
        await writeFile(label, burnInText(this.ctx.camera(v.cameraId).name, v.from / 1000));
        await burnIn(this.ctx.ffmpegPath, v.plain, out, { labelFile: label, timeZone: tz, signal: this.abort.signal });
        await finish(out, name, 'video-burned-in', extra);
      }
      for (const at of p.stills.filter((s) => s >= v.from && s <= v.to)) {
        await mkdir(path.join(dir, 'stills'), { recursive: true });
        const name = `stills/${String(v.cameraIndex + 1).padStart(2, '0')}_${safeName(this.ctx.camera(v.cameraId).name)}_${stamp(at, tz)}.png`;
        const out = encryption ? path.join(tmp, path.basename(name)) : path.join(dir, ...name.split('/'));
        await still(this.ctx.ffmpegPath, v.plain, (at - v.from) / 1000, out);
        await finish(out, name, 'still', { cameraId: v.cameraId, from: instant(at, tz), to: instant(at, tz) });
      }
      this.phase('hashing');
      await finish(v.plain, v.name, 'video', extra);
    }
    this.phase('report');
    const manifest: Manifest = {
      format: FORMAT,
      packageId: p.id,
      createdAt: instant(Date.now(), tz),
      timeZone: tz,
      app: { name: 'Watchfloor', version: this.ctx.appVersion },
      operator: this.ctx.operator,
      case: { number: p.caseNumber, incidentId: p.incidentId, reason: p.reason },
      requested: { from: instant(p.from, tz), to: instant(p.to, tz) },
      cameras,
      files,
      encryption: encryption
        ? {
            algorithm: 'AES-256-GCM',
            kdf: {
              name: 'scrypt',
              N: 2 ** encryption.kdf.log2N,
              r: encryption.kdf.r,
              p: encryption.kdf.p,
              saltHex: encryption.kdf.salt.toString('hex'),
            },
            chunkBytes: 1024 * 1024,
            note: 'The password is not stored in this package or anywhere by Watchfloor.',
          }
        : null,
      signing: { algorithm: 'Ed25519', publicKeyFile: PUBLIC_KEY, publicKeyFingerprintSha256: this.ctx.signer.fingerprint, signatureFile: SIGNATURE },
      checksumsFile: CHECKSUMS,
    };
    const html = reportHtml(manifest, p.language);
    files.push(await writeText(dir, 'report.html', 'report', html));
    if (this.ctx.chromium) {
      const pdf = path.join(tmp, 'report.pdf');
      if (await printPdf(this.ctx.chromium, path.join(dir, 'report.html'), pdf)) {
        const { readFile } = await import('node:fs/promises');
        files.push(await writeText(dir, 'report.pdf', 'report', await readFile(pdf)));
      } else this.ctx.logger.warn('the PDF report could not be printed; the HTML report is in the package', { id: p.id });
    }
    files.push(await writeText(dir, README, 'readme', readmeText({ encrypted: !!encryption, fingerprint: this.ctx.signer.fingerprint })));
    files.push(await writeText(dir, PUBLIC_KEY, 'public-key', this.ctx.signer.publicKeyPem));
    this.phase('signing');
    files.push(await writeText(dir, CHECKSUMS, 'checksums', checksumsText(files)));
    return manifest;
  }
}

async function syncDir(dir: string): Promise<void> {
  // Directory fsync makes the rename durable on POSIX; Windows cannot open a directory: skip there.
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch {
    // some file systems (FAT on Linux, network mounts) refuse fsync on a directory
  } finally {
    await fh.close();
  }
}
