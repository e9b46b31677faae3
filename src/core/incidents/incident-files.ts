// Snapshots and files around an incident: staged for their owner (a snapshot taken from a tile, an
// upload), moved in when attached (a rename, in step with the database transaction), listed, and
// opened for download. Staged files nobody attached are swept after a day.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { MAX_ATTACHMENT_BYTES, type Attachment, type Staged } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Principal } from '../auth/principal';
import type { Logger } from '../log/logger';
import { sanitiseFileName, sniffMime, type AttachmentStore } from './attachment-store';
import type { RecordRepository, StoredAttachment, StoredStaged } from './record-repository';

export const STAGED_TTL_MS = 24 * 3_600_000;

export interface Snapshot {
  jpeg: Buffer;
  width: number | null;
  height: number | null;
  source: 'relay' | 'onvif' | 'rtsp';
  takenAt: number;
}

/** A staged file already moved to its final place, waiting for its database rows. */
export interface MovedFile {
  staged: StoredStaged;
  attachmentId: string;
  file: string;
}

const publicStaged = ({ ownerId: _o, sha256: _s, file: _f, createdAt: _c, ...rest }: StoredStaged): Staged => rest;
const publicAttachment = ({ file: _f, ...rest }: StoredAttachment): Attachment => rest;

export class IncidentFiles {
  constructor(
    private readonly records: RecordRepository,
    readonly store: AttachmentStore,
    private readonly log: Logger,
    /** Largest upload; said in the form (MAX_ATTACHMENT_BYTES unless a test lowers it). */
    readonly uploadLimit = MAX_ATTACHMENT_BYTES,
  ) {}

  async stageSnapshot(p: Principal, cameraId: string, cameraName: string, shot: Snapshot): Promise<Staged> {
    const f = await this.store.stageBuffer(shot.jpeg);
    const stamp = new Date(shot.takenAt).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const s: StoredStaged = {
      id: randomUUID(),
      ownerId: p.user.id,
      kind: 'snapshot',
      name: sanitiseFileName(`${cameraName}-${stamp}.jpg`),
      mime: 'image/jpeg',
      bytes: f.bytes,
      sha256: f.sha256,
      file: f.file,
      cameraId,
      takenAt: shot.takenAt,
      width: shot.width,
      height: shot.height,
      source: shot.source,
      createdAt: Date.now(),
    };
    this.records.stage(s);
    return publicStaged(s);
  }

  /** An upload: streamed to disk under the limit; its type comes from its first bytes only. */
  async stageUpload(p: Principal, source: Readable, rawName: string): Promise<Staged> {
    const f = await this.store.stageStream(source, this.uploadLimit);
    const s: StoredStaged = {
      id: randomUUID(),
      ownerId: p.user.id,
      kind: 'file',
      name: sanitiseFileName(rawName),
      mime: sniffMime(f.head),
      bytes: f.bytes,
      sha256: f.sha256,
      file: f.file,
      cameraId: null,
      takenAt: null,
      width: null,
      height: null,
      source: 'upload',
      createdAt: Date.now(),
    };
    this.records.stage(s);
    return publicStaged(s);
  }

  /** Staged files of this caller (someone else's staged file reads as not_found). */
  ownStaged(p: Principal, ids: readonly string[]): StoredStaged[] {
    return [...new Set(ids)].map((id) => {
      const s = this.records.staged(id);
      if (!s || s.ownerId !== p.user.id) throw new AppError('not_found', { kind: 'staged', id });
      return s;
    });
  }

  staged(p: Principal, id: string): StoredStaged {
    return this.ownStaged(p, [id])[0]!;
  }

  async discard(p: Principal, id: string): Promise<void> {
    const s = this.staged(p, id);
    this.records.unstage(id);
    await this.store.remove(s.file);
  }

  async moveIn(staged: StoredStaged[], at: number): Promise<MovedFile[]> {
    const moved: MovedFile[] = [];
    try {
      for (const s of staged) {
        const attachmentId = randomUUID();
        moved.push({ staged: s, attachmentId, file: await this.store.commit(s.file, attachmentId, at) });
      }
    } catch (err) {
      await this.moveBack(moved);
      throw new AppError('not_found', { kind: 'staged', id: staged[moved.length]?.id ?? '' }, { cause: err });
    }
    return moved;
  }

  async moveBack(moved: MovedFile[]): Promise<void> {
    for (const m of moved) await this.store.uncommit(m.file, m.staged.file);
  }

  /** The rows for moved files: attachment, timeline entry, staged row gone. Inside a transaction. */
  record(p: Principal, incidentId: string, moved: MovedFile[], at: number, version = 1): Attachment[] {
    return moved.map(({ staged: s, attachmentId, file }) => {
      const a: StoredAttachment = {
        id: attachmentId,
        incidentId,
        kind: s.kind,
        name: s.name,
        mime: s.mime,
        bytes: s.bytes,
        sha256: s.sha256,
        file,
        ref: null,
        cameraId: s.cameraId,
        takenAt: s.takenAt,
        width: s.width,
        height: s.height,
        createdAt: at,
        createdByName: p.user.displayName,
      };
      this.records.addAttachment(a);
      this.records.unstage(s.id);
      this.records.append(incidentId, { actorId: p.user.id, actorName: p.user.displayName, at, kind: 'attachment', version, data: { attachmentId } });
      return publicAttachment(a);
    });
  }

  /** A recording bookmark or evidence export, attached by reference (the recorder keeps the video). */
  recordRefs(
    by: { id: string | null; name: string | null },
    incidentId: string,
    refs: { kind: 'bookmark' | 'export'; ref: string; name: string }[],
    at: number,
    version: number,
  ): Attachment[] {
    return refs.map((r) => {
      const a: StoredAttachment = {
        id: randomUUID(),
        incidentId,
        kind: r.kind,
        // A display name, not a path: a case number's slash stays a separator, not a folder.
        name: sanitiseFileName(r.name.replace(/[/\\]/g, '-'), r.kind),
        mime: 'application/octet-stream',
        bytes: 0,
        sha256: null,
        file: null,
        ref: r.ref,
        cameraId: null,
        takenAt: null,
        width: null,
        height: null,
        createdAt: at,
        createdByName: by.name,
      };
      this.records.addAttachment(a);
      this.records.append(incidentId, {
        actorId: by.id,
        actorName: by.name,
        at,
        kind: 'attachment',
        version,
        data: { attachmentId: a.id },
      });
      return publicAttachment(a);
    });
  }

  list(incidentId: string): Attachment[] {
    return this.records.attachments(incidentId).map(publicAttachment);
  }

  attachment(id: string): StoredAttachment | null {
    return this.records.attachment(id);
  }

  /** Drops staged files older than the TTL (rows and files). */
  async sweep(now = Date.now()): Promise<number> {
    const old = this.records.stagedBefore(now - STAGED_TTL_MS);
    for (const s of old) {
      this.records.unstage(s.id);
      await this.store.remove(s.file).catch((err: unknown) => this.log.warn('could not remove a staged file', { file: s.file, err: String(err) }));
    }
    return old.length;
  }
}
