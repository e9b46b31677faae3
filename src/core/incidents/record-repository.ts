// Plain SQL for what hangs off an incident: its append-only timeline, its attachments, files
// staged for attaching, and saved list filters. Rows are validated on the way out.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ATTACHMENT_KINDS,
  fieldChange,
  incidentQuery,
  TIMELINE_KINDS,
  type Attachment,
  type FieldChange,
  type SavedFilter,
  type Staged,
  type TimelineEntry,
} from '../../shared/contract';
import type { Db } from '../store/database';

const timelineData = z.object({
  text: z.string().nullable().optional(),
  changes: z.array(fieldChange).optional(),
  corrects: z.number().nullable().optional(),
  attachmentId: z.string().nullable().optional(),
  alarmId: z.string().nullable().optional(),
});
export type TimelineData = z.infer<typeof timelineData>;

const timelineRow = z.object({
  seq: z.number(),
  incident_id: z.string(),
  at: z.number(),
  actor_name: z.string().nullable(),
  kind: z.enum(TIMELINE_KINDS),
  version: z.number(),
  data: z.string(),
});

function toEntry(r: z.infer<typeof timelineRow>): TimelineEntry {
  const d = timelineData.parse(JSON.parse(r.data));
  return {
    seq: r.seq,
    at: r.at,
    actorName: r.actor_name,
    kind: r.kind,
    version: r.version,
    text: d.text ?? null,
    changes: d.changes ?? [],
    corrects: d.corrects ?? null,
    attachmentId: d.attachmentId ?? null,
    alarmId: d.alarmId ?? null,
  };
}

const attachmentRow = z.object({
  id: z.string(),
  incident_id: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  name: z.string(),
  mime: z.string(),
  bytes: z.number(),
  sha256: z.string().nullable(),
  file: z.string().nullable(),
  ref: z.string().nullable(),
  camera_id: z.string().nullable(),
  taken_at: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  created_at: z.number(),
  created_by_name: z.string().nullable(),
});

export type StoredAttachment = Attachment & { file: string | null };

function toAttachment(r: z.infer<typeof attachmentRow>): StoredAttachment {
  return {
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind,
    name: r.name,
    mime: r.mime,
    bytes: r.bytes,
    sha256: r.sha256,
    file: r.file,
    ref: r.ref,
    cameraId: r.camera_id,
    takenAt: r.taken_at,
    width: r.width,
    height: r.height,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
  };
}

const stagedRow = z.object({
  id: z.string(),
  owner_id: z.string(),
  kind: z.enum(['snapshot', 'file']),
  name: z.string(),
  mime: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  file: z.string(),
  camera_id: z.string().nullable(),
  taken_at: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  source: z.enum(['relay', 'onvif', 'rtsp', 'upload']),
  created_at: z.number(),
});
export type StoredStaged = Staged & { ownerId: string; sha256: string; file: string; createdAt: number };

function toStaged(r: z.infer<typeof stagedRow>): StoredStaged {
  return {
    id: r.id,
    ownerId: r.owner_id,
    kind: r.kind,
    name: r.name,
    mime: r.mime,
    bytes: r.bytes,
    sha256: r.sha256,
    file: r.file,
    cameraId: r.camera_id,
    takenAt: r.taken_at,
    width: r.width,
    height: r.height,
    source: r.source,
    createdAt: r.created_at,
  };
}

/** A timeline entry joined with its incident (the shift report reads entries of a period). */
export interface PeriodEntry {
  incidentId: string;
  kind: TimelineEntry['kind'];
  at: number;
  changes: FieldChange[];
}

export class RecordRepository {
  constructor(private readonly db: Db) {}

  // ---- timeline -------------------------------------------------------------------------------

  append(
    incidentId: string,
    e: { at: number; actorId: string | null; actorName: string | null; kind: TimelineEntry['kind']; version: number; data: TimelineData },
  ): TimelineEntry {
    const seq = this.db
      .prepare('INSERT INTO incident_timeline(incident_id, at, actor_id, actor_name, kind, version, data) VALUES (?,?,?,?,?,?,?) RETURNING seq')
      .pluck()
      .get(incidentId, e.at, e.actorId, e.actorName, e.kind, e.version, JSON.stringify(e.data)) as number;
    return toEntry({
      seq,
      incident_id: incidentId,
      at: e.at,
      actor_name: e.actorName,
      kind: e.kind,
      version: e.version,
      data: JSON.stringify(e.data),
    });
  }

  timeline(incidentId: string): TimelineEntry[] {
    return this.db
      .prepare('SELECT seq, incident_id, at, actor_name, kind, version, data FROM incident_timeline WHERE incident_id = ? ORDER BY seq')
      .all(incidentId)
      .map((r) => toEntry(timelineRow.parse(r)));
  }

  /** Saves and status changes after `version`, oldest first: what a conflicting save is shown. */
  savesAfter(incidentId: string, version: number): TimelineEntry[] {
    return this.db
      .prepare(
        `SELECT seq, incident_id, at, actor_name, kind, version, data FROM incident_timeline
         WHERE incident_id = ? AND version > ? AND kind IN ('updated', 'status') ORDER BY seq`,
      )
      .all(incidentId, version)
      .map((r) => toEntry(timelineRow.parse(r)));
  }

  entryOf(incidentId: string, seq: number): boolean {
    return this.db.prepare('SELECT 1 FROM incident_timeline WHERE incident_id = ? AND seq = ?').get(incidentId, seq) !== undefined;
  }

  /** Entries in [from, to), oldest first, bounded. */
  entriesBetween(from: number, to: number, limit: number): PeriodEntry[] {
    return (
      this.db
        .prepare('SELECT incident_id, kind, at, data FROM incident_timeline WHERE at >= ? AND at < ? ORDER BY at LIMIT ?')
        .all(from, to, limit) as { incident_id: string; kind: TimelineEntry['kind']; at: number; data: string }[]
    ).map((r) => ({ incidentId: r.incident_id, kind: r.kind, at: r.at, changes: timelineData.parse(JSON.parse(r.data)).changes ?? [] }));
  }

  // ---- attachments ----------------------------------------------------------------------------

  addAttachment(a: StoredAttachment): void {
    this.db
      .prepare(
        `INSERT INTO incident_attachments(id, incident_id, kind, name, mime, bytes, sha256, file, ref, camera_id, taken_at, width, height, created_at, created_by_name)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        a.id,
        a.incidentId,
        a.kind,
        a.name,
        a.mime,
        a.bytes,
        a.sha256,
        a.file,
        a.ref,
        a.cameraId,
        a.takenAt,
        a.width,
        a.height,
        a.createdAt,
        a.createdByName,
      );
  }

  attachments(incidentId: string): StoredAttachment[] {
    return this.db
      .prepare('SELECT * FROM incident_attachments WHERE incident_id = ? ORDER BY created_at, id')
      .all(incidentId)
      .map((r) => toAttachment(attachmentRow.parse(r)));
  }

  attachment(id: string): StoredAttachment | null {
    const r = this.db.prepare('SELECT * FROM incident_attachments WHERE id = ?').get(id);
    return r ? toAttachment(attachmentRow.parse(r)) : null;
  }

  // ---- staged files ---------------------------------------------------------------------------

  stage(s: StoredStaged): void {
    this.db
      .prepare(
        `INSERT INTO incident_staged(id, owner_id, kind, name, mime, bytes, sha256, file, camera_id, taken_at, width, height, source, created_at)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(s.id, s.ownerId, s.kind, s.name, s.mime, s.bytes, s.sha256, s.file, s.cameraId, s.takenAt, s.width, s.height, s.source, s.createdAt);
  }

  staged(id: string): StoredStaged | null {
    const r = this.db.prepare('SELECT * FROM incident_staged WHERE id = ?').get(id);
    return r ? toStaged(stagedRow.parse(r)) : null;
  }

  unstage(id: string): void {
    this.db.prepare('DELETE FROM incident_staged WHERE id = ?').run(id);
  }

  stagedBefore(at: number): StoredStaged[] {
    return this.db
      .prepare('SELECT * FROM incident_staged WHERE created_at < ?')
      .all(at)
      .map((r) => toStaged(stagedRow.parse(r)));
  }

  // ---- saved filters --------------------------------------------------------------------------

  filters(ownerId: string): SavedFilter[] {
    return (
      this.db.prepare('SELECT id, name, query, created_at FROM incident_filters WHERE owner_id = ? ORDER BY name').all(ownerId) as {
        id: string;
        name: string;
        query: string;
        created_at: number;
      }[]
    )
      .map((r) => {
        const q = incidentQuery.safeParse(JSON.parse(r.query));
        return q.success ? { id: r.id, name: r.name, query: q.data, createdAt: r.created_at } : null;
      })
      .filter((f): f is SavedFilter => f !== null);
  }

  saveFilter(ownerId: string, name: string, query: SavedFilter['query']): SavedFilter {
    const at = Date.now();
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO incident_filters(id, owner_id, name, query, created_at) VALUES (?,?,?,?,?) ON CONFLICT(owner_id, name) DO UPDATE SET query = excluded.query`,
      )
      .run(id, ownerId, name, JSON.stringify(query), at);
    return this.filters(ownerId).find((f) => f.name === name)!;
  }

  deleteFilter(ownerId: string, id: string): boolean {
    return this.db.prepare('DELETE FROM incident_filters WHERE id = ? AND owner_id = ?').run(id, ownerId).changes === 1;
  }
}
