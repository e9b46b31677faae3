// A camera's timeline between two instants: what is recorded (segments merged into spans; a hole
// shorter than a GOP and a half is not a gap), what is being recorded now, what is missing (files
// lost, per reconcile), events, bookmarks and evidence locks.
import type { CameraTimeline } from '../../../shared/contract';
import type { SegmentRepository } from '../recorder/segment-repository';
import type { Bookmarks } from './bookmarks';

export const SPAN_JOIN_MS = 1500;

export interface TimelineDeps {
  repo: SegmentRepository;
  bookmarks: Bookmarks;
  openSegment: (cameraId: string) => { id: number; startMs: number; endMs: number } | null;
  locks: (cameraId: string, from: number, to: number) => Array<{ from: number; to: number }>;
  now?: () => number;
}

export function cameraTimeline(d: TimelineDeps, cameraId: string, from: number, to: number): CameraTimeline {
  const spans: CameraTimeline['spans'] = [];
  const open = d.openSegment(cameraId);
  for (const s of d.repo.overlapping(cameraId, from, to)) {
    const status = s.status === 'missing' ? 'missing' : s.status === 'recording' ? 'recording' : 'recorded';
    const end = s.status === 'recording' && open?.id === s.id ? open.endMs : s.endMs;
    const last = spans[spans.length - 1];
    if (last && last.status === status && s.startMs - last.to <= SPAN_JOIN_MS) last.to = Math.max(last.to, end);
    else if (last && status === 'recording' && last.status === 'recorded' && s.startMs - last.to <= SPAN_JOIN_MS)
      spans.push({ from: last.to, to: end, status });
    else spans.push({ from: s.startMs, to: end, status });
  }
  return {
    cameraId,
    spans: spans.map((s) => ({ ...s, from: Math.max(from, s.from), to: Math.min(to, s.to) })).filter((s) => s.to > s.from),
    events: d.repo.events(cameraId, from, to).map((e) => ({ kind: e.kind, from: e.startMs, to: e.endMs })),
    bookmarks: d.bookmarks.between(cameraId, from, to),
    locks: d.locks(cameraId, from, to),
  };
}
