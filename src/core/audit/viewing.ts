// "Who watched which camera, from when to when" (Trust issue), for live video and recordings.
//
// A viewing is written twice: `live.view_start` / `playback.view_start` when the video starts, so a
// viewing is on record even if the console dies mid-way, and `live.view_end` / `playback.view_end`
// when it stops, carrying from, to, the duration and the start entry's seq. An inspector asking
// "who watched camera X between 14:00 and 15:00" filters on the camera and reads the end entries;
// a start without an end means the viewing was cut off (power loss, crash).
import type { AuditLog } from './audit-log';
import type { AuditActor, AuditEntry } from './types';

export type ViewingKind = 'live' | 'playback';

export interface ViewingStart {
  kind: ViewingKind;
  actor: AuditActor;
  camera: { id: string; name: string | null };
  /** 'main' | 'sub' for live; for playback, what was asked for. */
  stream?: string | null;
  /** Playback only: the recorded span being watched (epoch ms). */
  recordedFrom?: number | null;
  recordedTo?: number | null;
  source?: string | null;
}

export interface Viewing {
  readonly actor: AuditActor;
  readonly cameraId: string;
  readonly startSeq: number;
  readonly from: number;
  /** Writes the end entry once; later calls answer the same entry. `reason`: 'closed',
   *  'tile_changed', 'signed_out', 'core_stopped'… */
  end(reason?: string): Promise<AuditEntry>;
}

export class ViewingRecorder {
  private readonly open = new Set<Viewing>();

  constructor(
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  get openCount(): number {
    return this.open.size;
  }

  /** Resolves once the start entry is durable. */
  async start(v: ViewingStart): Promise<Viewing> {
    const from = this.now();
    const target = { kind: 'camera', id: v.camera.id, name: v.camera.name };
    const common = {
      stream: v.stream ?? null,
      ...(v.kind === 'playback' ? { recordedFrom: v.recordedFrom ?? null, recordedTo: v.recordedTo ?? null } : {}),
    };
    const started = await this.audit.append({ actor: v.actor, action: `${v.kind}.view_start`, outcome: 'ok', target, details: common, source: v.source ?? null, at: from });
    let ended: Promise<AuditEntry> | null = null;
    const viewing: Viewing = {
      actor: v.actor,
      cameraId: v.camera.id,
      startSeq: started.seq,
      from,
      end: (reason = 'closed') => {
        if (!ended) {
          this.open.delete(viewing);
          const to = Math.max(from, this.now());
          ended = this.audit.append({
            actor: v.actor,
            action: `${v.kind}.view_end`,
            outcome: 'ok',
            target,
            details: { ...common, from, to, durationMs: to - from, startSeq: started.seq, reason },
            source: v.source ?? null,
            at: to,
          });
        }
        return ended;
      },
    };
    this.open.add(viewing);
    return viewing;
  }

  /** Ends the open viewings `filter` selects, all by default (a user signing out, core shutdown). */
  async endAll(reason: string, filter: (v: Viewing) => boolean = () => true): Promise<void> {
    await Promise.all([...this.open].filter(filter).map((v) => v.end(reason)));
  }
}
