// An incident and the recordings it rests on. Video is kept for a camera's retention days, but a case
// may be exported weeks later: so each camera's video from HOLD_BEFORE_MS before to HOLD_AFTER_MS
// after the incident is evidence-locked as soon as it is logged (or a camera is added). Lifting that
// lock needs evidence.unlock and is audited, like an export's. Bookmarks and exports attached by
// reference must exist and be visible to the one attaching them.
import type { ExportJobInfo } from '../../shared/contract';
import type { AccessPolicy } from '../auth/access-policy';
import type { EvidenceLocks } from '../evidence/locks';
import type { Bookmarks } from '../media/playback/bookmarks';
import type { IncidentRecordings } from './incident-service';

export const HOLD_BEFORE_MS = 15 * 60_000;
export const HOLD_AFTER_MS = 15 * 60_000;

export function incidentRecordings(d: {
  locks: EvidenceLocks;
  bookmarks: Bookmarks;
  exportJob: (id: string) => ExportJobInfo | null;
  access: AccessPolicy;
}): IncidentRecordings {
  return {
    refName(p, kind, ref) {
      if (kind === 'bookmark') {
        const b = d.bookmarks.get(ref);
        if (!b || !d.access.cameraVisible(p, b.cameraId)) return null;
        return (b.note || new Date(b.at).toISOString()).slice(0, 200);
      }
      const e = d.exportJob(ref);
      if (!e || !e.cameraIds.every((c) => d.access.cameraVisible(p, c))) return null;
      return `${e.caseNumber} · ${e.reason}`.slice(0, 200);
    },
    hold(i, byUserId) {
      const from = i.occurredAt - HOLD_BEFORE_MS;
      const to = i.occurredAt + HOLD_AFTER_MS;
      // Any lock this incident ever had on the camera over that span counts: one a supervisor lifted
      // on purpose is not put back by the next edit.
      const covered = new Set(
        d.locks
          .ofHolder('incident', i.id)
          .filter((l) => l.from <= from && l.to >= to)
          .map((l) => l.cameraId),
      );
      for (const cameraId of i.cameraIds) {
        if (covered.has(cameraId)) continue;
        d.locks.lock({ holderKind: 'incident', holderId: i.id, cameraId, from, to, reason: `incident ${i.number}`, createdBy: byUserId });
      }
    },
  };
}
