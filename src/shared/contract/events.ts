// Server-to-client events: one tagged union, declared once. Never topic strings plus a cast.
import { z } from 'zod';
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
  // An import's progress: parsing and checking the file, then writing it in one transaction.
  z.object({ type: z.literal('register.import'), uploadId: id, phase: z.enum(['reading', 'checking', 'writing', 'done', 'failed']), done: z.number(), total: z.number() }),
]);

export type CoreEvent = z.infer<typeof event>;
export type CoreEventType = CoreEvent['type'];
