// Server-to-client events: one tagged union, declared once. Never topic strings plus a cast.
import { z } from 'zod';
import { exportJob, recordingAlarm } from './recording';
import { id, settings, streamKind } from './schemas';

export const liveStateEvent = z.object({
  type: z.literal('live.state'),
  cameraId: id,
  stream: streamKind,
  state: z.enum(['connecting', 'live', 'reconnecting', 'offline', 'stopped']),
  reason: z.string().nullable(),
  retryAt: z.number().nullable(),
});

export const event = z.discriminatedUnion('type', [
  z.object({ type: z.literal('settings.changed'), settings }),
  z.object({ type: z.literal('register.changed') }),
  z.object({ type: z.literal('views.changed') }),
  z.object({ type: z.literal('tours.changed') }),
  liveStateEvent,
  // Recording: an alarm raised or cleared (a camera's, or a folder's with cameraId null), and a
  // segment closed (timelines refresh). Export progress reaches the user who started it.
  z.object({ type: z.literal('recording.alarm'), cameraId: id.nullable(), alarm: recordingAlarm }),
  z.object({ type: z.literal('recording.segment'), cameraId: id }),
  z.object({ type: z.literal('export.progress'), job: exportJob }),
]);

export type CoreEvent = z.infer<typeof event>;
export type CoreEventType = CoreEvent['type'];
